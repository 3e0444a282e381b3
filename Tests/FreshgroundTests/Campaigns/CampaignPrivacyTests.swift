import Foundation
import Testing

/// The privacy probe of campaigns: a private circle takes part in a public campaign with a statement, and a
/// private group runs a private campaign; then every campaign page, feed, list, search and API answer is read as
/// an anonymous visitor, a stranger, the site's admin and the organizer of another group taking part.
@Suite("Campaigns: the privacy probe")
struct CampaignPrivacyTests {
    @Test func nothingOfAPrivateGroupInACampaignReachesOutsiders() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("HiddenCircleName", visibility: "private")
            // the coalition's organizer must see the circle to invite it: pia lets cole in with an invitation link
            let token = try await pia.createInvite(hidden)
            try #require(try await network.cole.post("/invites/\(token)").status == .seeOther)
            try await joinCampaign(&network.cole, &pia, network.campaign, group: hidden)
            try #require(
                try await publishStatement(&pia, network.campaign, group: hidden, position: "HiddenStatementText")
                    .status == .seeOther
            )
            try #require(
                try await publishStatement(
                    &network.net.olive,
                    network.campaign,
                    group: network.net.leeds,
                    position: "Visible tenants statement"
                ).status == .seeOther
            )
            let secretCampaign = try await startCampaign(
                &pia,
                group: hidden,
                title: "HiddenCampaignTitle",
                visibility: "private"
            )
            let admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            let stranger = try await app.person("stan")
            var readers = [
                ("anonymous", app.visitor()), ("stranger", stranger), ("admin", admin), ("olive", network.net.olive),
            ]
            let secrets = ["HiddenCircleName", "HiddenStatementText", "HiddenCampaignTitle"]
            let campaign = network.campaign
            // act and check
            for index in readers.indices {
                let who = readers[index].0
                for path in [
                    "/campaigns", "/campaigns/\(campaign)", "/campaigns/\(campaign)/news.atom",
                    "/campaigns/\(campaign)/groups/\(hidden)/statements", "/campaigns/\(secretCampaign)",
                    "/campaigns/\(secretCampaign)/news.atom", "/campaigns/invitations", "/search?q=Hidden",
                    "/notifications", "/me/data.json", "/", "/api/v1/campaigns", "/api/v1/campaigns/\(campaign)",
                    "/api/v1/campaigns/\(secretCampaign)", "/api/v1/campaigns/\(campaign)/groups/\(hidden)/statements",
                ] {
                    let page = try await readers[index].1.get(path)
                    #expect(page.status != .internalServerError, "\(who) at \(path)")
                    for planted in secrets {
                        #expect(!page.contains(planted), "\(who) read “\(planted)” at \(path)")
                    }
                }
                let page = try await readers[index].1.get("/campaigns/\(campaign)")
                #expect(page.contains("Visible tenants statement"), "\(who) reads the public group's statement")
                #expect(page.contains("1 private group also takes part"), "\(who) is told a private group takes part")
            }
            // the private circle's own members read it all
            let own = try await pia.get("/campaigns/\(campaign)")
            #expect(own.contains("HiddenCircleName") && own.contains("HiddenStatementText"))
            let mine = try await pia.get("/campaigns")
            #expect(mine.contains("HiddenCampaignTitle"))
        }
    }

    @Test func nothingOfAPrivateParticipantLeaksThroughTheCampaignsOtherParts() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle in the public campaign links its event, starts a petition, signs one through
            // its own page, pledges hours; the coalition plans the campaign
            var network = try await campaignNetwork(app)
            var (pia, hidden) = try await ActionTests.privateParticipant(app, &network)
            let campaign = network.campaign
            let event = try await scheduleEvent(&pia, host: hidden, title: "HiddenEventTitle", [("isPublic", "off")])
            try #require(try await ActionTests.link(&pia, campaign, "event", event, group: hidden).status == .seeOther)
            let petition = try await pia.post(
                "/campaigns/\(campaign)/petitions",
                [("group", hidden), ("kind", "petition"), ("title", "HiddenPetitionTitle"), ("text", "Secret aims.")]
            )
            try #require(petition.status == .seeOther, "\(errorsIn(petition))")
            let hiddenPetition = try #require(petition.location)
            let open = try await network.net.olive.post(
                "/campaigns/\(campaign)/petitions",
                [("group", network.net.leeds), ("kind", "petition"), ("title", "Repairs now"), ("text", "Fix it.")]
            )
            let openPetition = try #require(open.location)
            let signed = try await pia.post(
                "\(openPetition)/sign/\(hidden)",
                [("_submitted", "1"), ("name", "Pia")]
            )
            let pledged = try await pia.post("/campaigns/\(campaign)/hours", [("hours", "17"), ("group", hidden)])
            let planned = try await network.cole.post(
                "/groups/\(network.coalition)/plan/2027/items",
                [
                    ("campaign", String(campaign)), ("startsOn", "2027-03-01"), ("endsOn", "2027-03-28"),
                    ("hoursNeeded", "40"),
                ]
            )
            try #require(pledged.status == .seeOther && planned.status == .seeOther, "\(errorsIn(pledged))")
            let recorded = try await pia.post(
                "/groups/\(hidden)/officials",
                [
                    ("name", "HiddenOfficialName"), ("office", "Councillor"), ("jurisdiction", "Ward"),
                    ("termStartsOn", "2026-05-01"), ("termEndsOn", "2028-12-31"),
                ]
            )
            let official = try #require(recorded.location, "\(errorsIn(recorded))")
            let admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            var readers = [
                ("anonymous", app.visitor()), ("stranger", network.net.yann), ("admin", admin),
                ("olive", network.net.olive),
            ]
            let secrets = [
                "Hidden Circle", "HiddenEventTitle", "HiddenPetitionTitle", "Secret aims.", "HiddenOfficialName",
            ]
            // act and check
            for index in readers.indices {
                let who = readers[index].0
                for path in [
                    "/campaigns/\(campaign)", "/campaigns/\(campaign)/actions", "/campaigns/\(campaign)/actions.ics",
                    "/campaigns/\(campaign)/demands", hiddenPetition, openPetition, "\(hiddenPetition)/sign/\(hidden)",
                    "/groups/\(network.coalition)/plan/2027", "/groups/\(network.coalition)/plan/2027/plan.ics",
                    "/campaigns/\(campaign)/hours", "/campaigns/\(campaign)/news.atom", "/api/v1/campaigns/\(campaign)",
                    "/campaigns", "/search?q=Hidden", "/", "/me/data.json", "/notifications",
                    "/campaigns/\(campaign)/groups/\(network.net.leeds)/contacts", official,
                    "/groups/\(hidden)/officials",
                ] {
                    let page = try await readers[index].1.get(path)
                    #expect(page.status != .internalServerError, "\(who) at \(path)")
                    for planted in secrets {
                        #expect(!page.contains(planted), "\(who) read “\(planted)” at \(path)")
                    }
                }
            }
            // the figures still count the private circle's part, without naming it
            let plan = try await anonymousGet(app, "/groups/\(network.coalition)/plan/2027")
            #expect(plan.contains("17 are pledged") || plan.contains("<td>17</td>"), "\(plan.body)")
            #expect(plan.contains("a private group"))
            let own = try await pia.get("/campaigns/\(campaign)")
            #expect(own.contains("HiddenEventTitle") && own.contains("HiddenPetitionTitle"))
            #expect(try await pia.get(official).contains("HiddenOfficialName"))
            #expect(signed.status == .seeOther, "\(errorsIn(signed))")
        }
    }
}
