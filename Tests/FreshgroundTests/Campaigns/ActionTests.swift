import Foundation
import Testing

/// Campaign actions: each group taking part links its own events and posts; the page and the calendar show only
/// what the reader may see, and a private group is never named to outsiders.
@Suite("Campaigns: actions and their calendar")
struct ActionTests {
    /// Links `kind` `item` for the group with `slug`; the answer as it is.
    static func link(
        _ visitor: inout Visitor,
        _ campaign: Int,
        _ kind: String,
        _ item: Int,
        group slug: String
    )
        async throws -> Page
    {
        try await visitor.post("/campaigns/\(campaign)/actions", [("action", "\(kind):\(item):\(slug)")])
    }

    /// A private circle, "Hidden Circle" (`pia`), taking part in the network's campaign: cole joins it by an
    /// invitation link, so that he can see it and invite it.
    static func privateParticipant(_ app: TestApp, _ network: inout CampaignNetwork) async throws -> (Visitor, String) {
        var pia = try await app.person("pia")
        let hidden = try await pia.createGroup("Hidden Circle", visibility: "private")
        let token = try await pia.createInvite(hidden)
        try #require(try await network.cole.post("/invites/\(token)").status == .seeOther)
        try await joinCampaign(&network.cole, &pia, network.campaign, group: hidden)
        return (pia, hidden)
    }

    @Test func aPrivateGroupsEventIsNeitherOnThePageNorInTheCalendarForOutsiders() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            var (pia, hidden) = try await Self.privateParticipant(app, &network)
            let secret = try await scheduleEvent(&pia, host: hidden, title: "HiddenEventTitle")
            let forum = try await scheduleEvent(&network.net.olive, host: network.net.leeds, title: "Rent strike forum")
            // act
            let linkedSecret = try await Self.link(&pia, network.campaign, "event", secret, group: hidden)
            let linkedForum = try await Self.link(
                &network.net.olive,
                network.campaign,
                "event",
                forum,
                group: network.net.leeds
            )
            let anonymous = try await anonymousGet(app, network.page)
            let stranger = try await network.net.yann.get("/campaigns/\(network.campaign)/actions")
            let member = try await pia.get(network.page)
            let calendar = try await anonymousGet(app, "/campaigns/\(network.campaign)/actions.ics")
            let parsed = try parseICalendar(calendar.body)
            // check
            #expect(linkedSecret.status == .seeOther && linkedForum.status == .seeOther, "\(errorsIn(linkedSecret))")
            #expect(anonymous.contains("Rent strike forum") && !anonymous.contains("HiddenEventTitle"))
            #expect(!anonymous.contains("Hidden Circle"))
            #expect(stranger.contains("Rent strike forum") && !stranger.contains("HiddenEventTitle"))
            #expect(member.contains("HiddenEventTitle"), "the group's own members see its action")
            #expect(calendar.status == .ok && !calendar.body.contains("HiddenEventTitle"))
            #expect(parsed.name == "Homes for all")
            #expect(parsed.events.map(\.summary) == ["Rent strike forum"])
            #expect(parsed.events.first?.url?.hasSuffix("/events/\(forum)") == true)
            #expect(parsed.events.first?.description?.contains("by Leeds Tenants") == true)
        }
    }

    @Test func eachGroupLinksOnlyItsOwnActionsAndItsPartIsCounted() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            let forum = try await scheduleEvent(&network.net.olive, host: network.net.leeds, title: "Rent strike forum")
            let york = try await scheduleEvent(&network.net.yann, host: network.net.york, title: "York march")
            let posted = try await network.net.olive.post(
                "/groups/\(network.net.leeds)/posts",
                [("title", "Why we strike"), ("body", "Because rents rose.")]
            )
            let post = try #require(Int(posted.location?.split(separator: "/").last ?? ""))
            let coalitionEvent = try await scheduleEvent(
                &network.cole,
                host: network.coalition,
                title: "Coalition rally"
            )
            // act
            let event = try await Self.link(
                &network.net.olive,
                network.campaign,
                "event",
                forum,
                group: network.net.leeds
            )
            let postLink = try await Self.link(
                &network.net.olive,
                network.campaign,
                "post",
                post,
                group: network.net.leeds
            )
            let own = try await Self.link(
                &network.cole,
                network.campaign,
                "event",
                coalitionEvent,
                group: network.coalition
            )
            let twice = try await Self.link(
                &network.net.olive,
                network.campaign,
                "event",
                forum,
                group: network.net.leeds
            )
            let notHosted = try await Self.link(
                &network.net.olive,
                network.campaign,
                "event",
                york,
                group: network.net.leeds
            )
            let forOthers = try await Self.link(
                &network.net.sara,
                network.campaign,
                "event",
                forum,
                group: network.net.leeds
            )
            let notTakingPart = try await Self.link(
                &network.net.yann,
                network.campaign,
                "event",
                york,
                group: network.net.york
            )
            let page = try await anonymousGet(app, network.page)
            let download = try await network.net.olive.get("/me/data.json")
            // check
            #expect(event.status == .seeOther && postLink.status == .seeOther && own.status == .seeOther)
            #expect(download.contains("\"campaignActions\"") && download.contains("\"post_id\":\(post)"))
            #expect(twice.status == .unprocessableContent && twice.contains("already one of the campaign"))
            #expect(notHosted.status == .unprocessableContent)
            #expect(forOthers.status == .forbidden)
            #expect(notTakingPart.status == .forbidden)
            #expect(page.contains("Why we strike") && page.contains("Coalition rally"))
            #expect(page.contains("the campaign's own, by Northern Coalition"))
            #expect(page.contains("Leeds Tenants</a></th><td>1</td><td>1</td>"))
            #expect(page.contains("Northern Coalition</a> (lead)</th><td>1</td><td>0</td>"))
        }
    }

    @Test func aGroupsPetitionsAndTheSignaturesGivenThroughItsPageCountAsItsPart() async throws {
        try await withApp(mail: false) { app in
            // setup: Leeds Tenants starts a petition; two signed-in people sign it, one through each student page
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            let started = try await network.net.olive.post(
                "/campaigns/\(campaign)/petitions",
                [("group", leeds), ("kind", "petition"), ("title", "Repairs now"), ("text", "Repairs within a week.")]
            )
            let petition = try #require(Int(started.location?.split(separator: "/").last ?? ""))
            // act
            for (handle, via) in [("nina", leeds), ("omar", leeds), ("pia", students)] {
                var signer = try await app.person(handle)
                let signed = try await signer.post(
                    "/campaigns/\(campaign)/petitions/\(petition)/sign/\(via)",
                    [("_submitted", "1"), ("name", handle.capitalized)]
                )
                try #require(signed.status == .seeOther, "\(errorsIn(signed))")
            }
            let page = try await anonymousGet(app, network.page)
            let api = try await app.anonymousGet("/api/v1/campaigns/\(campaign)/actions")
            let parts = api.json["contributions"] as? [[String: Any]] ?? []
            let leedsPart = try #require(parts.first { APITests.dig($0, ["group", "slug"]) as? String == leeds })
            // check: counts only, never a signer's name
            #expect(page.contains("Leeds Tenants</a></th><td>0</td><td>0</td><td>1</td><td>2</td>"))
            #expect(page.contains("Leeds Students</a></th><td>0</td><td>0</td><td>0</td><td>1</td>"))
            #expect(!page.contains("Nina") && !page.contains("Omar"))
            #expect(APITests.integer(leedsPart["petitions"]) == 1 && APITests.integer(leedsPart["signatures"]) == 2)
        }
    }

    @Test func removingALinkIsConfirmedAndOnlyForTheGroupThatLinkedIt() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            let forum = try await scheduleEvent(&network.net.olive, host: network.net.leeds, title: "Rent strike forum")
            try #require(
                try await Self.link(&network.net.olive, network.campaign, "event", forum, group: network.net.leeds)
                    .status
                    == .seeOther
            )
            let action = try #require(
                try await app.store.sql.select().column("id").from("campaign_actions").value("id", as: Int.self)
            )
            let path = "/campaigns/\(network.campaign)/actions/\(action)/remove"
            // act
            let confirm = try await network.net.olive.get(path)
            let bySara = try await network.net.sara.post(path)
            let removed = try await network.net.olive.post(path)
            let page = try await anonymousGet(app, "/campaigns/\(network.campaign)/actions")
            // check
            #expect(confirm.contains("class=\"danger\">Remove from the campaign</button>"))
            #expect(confirm.contains("Rent strike forum"))
            #expect(bySara.status == .forbidden)
            #expect(removed.status == .seeOther)
            #expect(!page.contains("Rent strike forum") && page.contains("No actions linked yet."))
        }
    }
}
