import Foundation
import Testing

/// Joint campaigns: groups join by consent, each speaks only for itself, and withdrawing keeps the record.
@Suite("Campaigns: taking part and statements")
struct CampaignTests {
    @Test func aGroupTakesPartOnlyOnceItsOrganizersAccept() async throws {
        try await withApp(mail: false) { app in
            // setup
            let net = try await eventNetwork(app)
            var cole = try await app.person("cole")
            let coalition = try await cole.createGroup("Northern Coalition", kind: "coalition")
            let campaign = try await startCampaign(&cole, group: coalition)
            var olive = net.olive
            var bob = net.bob
            // act: invited, a member who is not an organizer tries to accept for it
            let invited = try await cole.post("/campaigns/\(campaign)/invitations", [("group", "Leeds Tenants")])
            let beforeAnswer = try await anonymousGet(app, "/campaigns/\(campaign)")
            let byMember = try await bob.post(
                "/campaigns/\(campaign)/groups/\(net.leeds)/answer",
                [("answer", "accept")]
            )
            let again = try await cole.post("/campaigns/\(campaign)/invitations", [("group", net.leeds)])
            let asked = try await olive.get("/campaigns/invitations")
            let accepted = try await olive.post(
                "/campaigns/\(campaign)/groups/\(net.leeds)/answer",
                [("answer", "accept")]
            )
            let afterAnswer = try await anonymousGet(app, "/campaigns/\(campaign)")
            // check
            #expect(invited.status == .seeOther)
            #expect(!beforeAnswer.contains("Leeds Tenants"), "an invited group is not listed before it accepts")
            #expect(byMember.status == .forbidden)
            #expect(again.status == .conflict, "a second invitation is refused")
            #expect(asked.contains("Homes for all") && asked.contains("Accept for Leeds Tenants"))
            #expect(accepted.status == .seeOther)
            #expect(afterAnswer.contains("Leeds Tenants"))
            let notices = try await olive.get("/notifications")
            #expect(notices.contains("Leeds Tenants is asked to join the campaign “Homes for all”"))
        }
    }

    @Test func aDeclinedGroupIsNotListedAndMayBeAskedAgain() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            // act
            try #require(
                try await network.cole.post("/campaigns/\(network.campaign)/invitations", [("group", network.net.york)])
                    .status == .seeOther
            )
            let declined = try await network.net.yann.post(
                "/campaigns/\(network.campaign)/groups/\(network.net.york)/answer",
                [("answer", "decline")]
            )
            let page = try await anonymousGet(app, network.page)
            let lead = try await network.cole.get(network.page)
            let askedAgain = try await network.cole.post(
                "/campaigns/\(network.campaign)/invitations",
                [("group", network.net.york)]
            )
            // check
            #expect(declined.status == .seeOther)
            #expect(!page.contains("York Circle"))
            #expect(lead.contains("York Circle</a>: declined"))
            #expect(askedAgain.status == .seeOther)
        }
    }

    @Test func aStatementEditedByAnotherGroupsOrganizerIsRefused() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            let leeds = network.net.leeds
            try #require(
                try await publishStatement(
                    &network.net.olive,
                    network.campaign,
                    group: leeds,
                    position: "Rent caps now."
                )
                .status == .seeOther
            )
            // act: Leeds Students' organizer writes to Leeds Tenants' statement
            let form = try await network.net.sara.get("/campaigns/\(network.campaign)/groups/\(leeds)/statement")
            let post = try await publishStatement(
                &network.net.sara,
                network.campaign,
                group: leeds,
                position: "Overwritten by another group",
                base: 1
            )
            let stranger = try await anonymousGet(app, "/campaigns/\(network.campaign)/groups/\(leeds)/statements")
            let page = try await anonymousGet(app, network.page)
            // check
            #expect(form.status == .ok, "anyone signed in may read the form's page")
            #expect(post.status == .forbidden)
            #expect(page.contains("Rent caps now.") && !page.contains("Overwritten by another group"))
            #expect(stranger.contains("Version 1") && !stranger.contains("Version 2"))
        }
    }

    @Test func statementsAreShownSideBySideAndAStaleSaveKeepsTheText() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            let (leeds, students) = (network.net.leeds, network.net.students)
            try #require(
                try await publishStatement(
                    &network.net.olive,
                    network.campaign,
                    group: leeds,
                    position: "Tenants' unions first.",
                    slogans: "Rent strike!\nHomes not profits"
                ).status == .seeOther
            )
            try #require(
                try await publishStatement(
                    &network.net.sara,
                    network.campaign,
                    group: students,
                    position: "Students and tenants together.",
                    reservations: "We do not endorse rent strikes."
                ).status == .seeOther
            )
            // act: a second writer saves from the old version
            let stale = try await publishStatement(
                &network.net.olive,
                network.campaign,
                group: leeds,
                position: "My unsaved careful wording",
                base: 0
            )
            let page = try await anonymousGet(app, network.page)
            // check
            #expect(page.contains("Tenants' unions first.") || page.contains("Tenants&#39; unions first."))
            #expect(page.contains("Students and tenants together.") && page.contains("We do not endorse rent strikes."))
            #expect(page.contains("<li>Rent strike!</li>"))
            #expect(stale.status == .unprocessableContent)
            #expect(stale.contains("My unsaved careful wording"), "the refused text is kept in the form")
            #expect(stale.contains("saved a newer version"))
        }
    }

    @Test func withdrawalKeepsTheDatedStatementAndItsHistory() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            let leeds = network.net.leeds
            try #require(
                try await publishStatement(&network.net.olive, network.campaign, group: leeds, position: "First words.")
                    .status == .seeOther
            )
            try #require(
                try await publishStatement(
                    &network.net.olive,
                    network.campaign,
                    group: leeds,
                    position: "Second words.",
                    base: 1
                ).status == .seeOther
            )
            // act
            let confirm = try await network.net.olive.get("/campaigns/\(network.campaign)/groups/\(leeds)/withdraw")
            let withdrawn = try await network.net.olive.post(
                "/campaigns/\(network.campaign)/groups/\(leeds)/withdraw",
                [("note", "We disagree with the new demands.")]
            )
            let page = try await anonymousGet(app, network.page)
            let history = try await anonymousGet(app, "/campaigns/\(network.campaign)/groups/\(leeds)/statements")
            let after = try await publishStatement(
                &network.net.olive,
                network.campaign,
                group: leeds,
                position: "Third words.",
                base: 2
            )
            let leadWithdraws = try await network.cole.post(
                "/campaigns/\(network.campaign)/groups/\(network.coalition)/withdraw",
                []
            )
            // check
            #expect(confirm.contains("class=\"danger\""), "withdrawing is confirmed first")
            #expect(withdrawn.status == .seeOther)
            #expect(page.contains("Groups that withdrew") && page.contains("Withdrew on"))
            #expect(page.contains("We disagree with the new demands.") && page.contains("Second words."))
            #expect(history.contains("First words.") && history.contains("Second words."))
            #expect(after.status == .forbidden, "a group that withdrew cannot publish")
            #expect(leadWithdraws.status == .conflict, "the lead runs the campaign and cannot withdraw")
            let versions = try await app.store.sql.select().column("version").from("campaign_statements")
                .where("campaign_id", .equal, network.campaign).column("version", as: Int.self)
            #expect(versions.sorted() == [1, 2])
        }
    }

    @Test func onlyThePublicLeadMayMakeACampaignPublicAndAPrivateOneIsNotFound() async throws {
        try await withApp(mail: false) { app in
            // setup
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("Quiet Circle", visibility: "private")
            // act
            let refused = try await pia.post(
                "/campaigns",
                [("title", "Open to all"), ("group", hidden), ("visibility", "public"), ("adoption", "consent")]
            )
            let id = try await startCampaign(&pia, group: hidden, title: "Quiet push", visibility: "private")
            let anonymous = try await anonymousGet(app, "/campaigns/\(id)")
            let list = try await anonymousGet(app, "/campaigns")
            let own = try await pia.get("/campaigns/\(id)")
            // check
            #expect(refused.status == .unprocessableContent && refused.contains("value=\"Open to all\""))
            #expect(anonymous.status == .notFound)
            #expect(!list.contains("Quiet push") && list.contains("No campaigns yet."))
            #expect(own.contains("Quiet push"))
        }
    }

    @Test func aPartnerInAPrivateGroupsCampaignReadsItAndRunsNothing() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle's private campaign, joined by a public circle
            let net = try await eventNetwork(app)
            var pia = try await app.person("pia")
            var olive = net.olive
            let hidden = try await pia.createGroup("Quiet Circle", visibility: "private")
            let id = try await startCampaign(&pia, group: hidden, title: "Quiet push", visibility: "private")
            try await joinCampaign(&pia, &olive, id, group: net.leeds)
            // act
            let page = try await olive.get("/campaigns/\(id)")
            let demands = try await olive.get("/campaigns/\(id)/demands")
            let edit = try await olive.get("/campaigns/\(id)/edit")
            let invite = try await olive.post("/campaigns/\(id)/invitations", [("group", net.york)])
            // check
            #expect(page.status == .ok && page.contains("Quiet push"))
            #expect(demands.status == .ok, "a partner reads the demands of a campaign whose lead it cannot see")
            #expect(edit.status == .forbidden && invite.status == .forbidden)
        }
    }
}
