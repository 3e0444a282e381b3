import Foundation
import Testing

/// The joint yearly plan: campaigns with the hours they need set against the hours people pledged, warnings in
/// words, a server-drawn timeline and a calendar feed; pledges are seen only by the person and their group's
/// organizers.
@Suite("Campaigns: the yearly plan")
struct PlanTests {
    /// The network's coalition plans "Homes for all" (1–28 March 2027, 100 hours) with 3 × 20 hours pledged, and
    /// "Fare-free buses" (22 March – 18 April, 10 hours, Leeds Tenants taking part) with bob's 10 hours.
    func plannedNetwork(_ app: TestApp) async throws -> (network: CampaignNetwork, buses: Int) {
        var network = try await campaignNetwork(app)
        let buses = try await startCampaign(&network.cole, group: network.coalition, title: "Fare-free buses")
        try await joinCampaign(&network.cole, &network.net.olive, buses, group: network.net.leeds)
        let plan = "/groups/\(network.coalition)/plan/2027/items"
        for (campaign, first, last, hours) in [
            (network.campaign, "2027-03-01", "2027-03-28", "100"), (buses, "2027-03-22", "2027-04-18", "10"),
        ] {
            let added = try await network.cole.post(
                plan,
                [("campaign", String(campaign)), ("startsOn", first), ("endsOn", last), ("hoursNeeded", hours)]
            )
            try #require(added.status == .seeOther, "\(errorsIn(added))")
        }
        for (visitor, group) in [
            (network.net.olive, network.net.leeds), (network.net.sara, network.net.students),
            (network.net.bob, network.net.leeds),
        ] {
            var visitor = visitor
            let pledged = try await visitor.post(
                "/campaigns/\(network.campaign)/hours",
                [("hours", "20"), ("group", group)]
            )
            try #require(pledged.status == .seeOther, "\(errorsIn(pledged))")
        }
        let bus = try await network.net.bob.post(
            "/campaigns/\(buses)/hours",
            [("hours", "10"), ("group", network.net.leeds)]
        )
        try #require(bus.status == .seeOther, "\(errorsIn(bus))")
        return (network, buses)
    }

    @Test func warnsWhenTheNeedExceedsThePledgesAndWhenCampaignsShareWeeksAndGroups() async throws {
        try await withApp(mail: false) { app in
            // setup
            let (network, _) = try await plannedNetwork(app)
            // act
            let page = try await anonymousGet(app, "/groups/\(network.coalition)/plan/2027")
            // check
            #expect(page.status == .ok)
            #expect(page.contains("“Homes for all” needs 100 hours; 60 are pledged."))
            #expect(!page.contains("“Fare-free buses” needs"), "10 hours needed, 10 pledged: no warning")
            #expect(page.contains("The plan needs 110 hours in all; 70 are pledged."))
            #expect(
                page.contains(
                    "“Homes for all” and “Fare-free buses” fall on the same weeks (22 Mar 2027 to 28 Mar 2027) for Leeds Tenants, Northern Coalition."
                ),
                "\(page.body)"
            )
            #expect(page.contains("<svg") && page.contains("role=\"img\""))
        }
    }

    @Test func theTimelineIsWellFormedAndTheCalendarHasWholeDays() async throws {
        try await withApp(mail: false) { app in
            // setup
            let (network, _) = try await plannedNetwork(app)
            // act
            let page = try await anonymousGet(app, "/groups/\(network.coalition)/plan/2027")
            let feed = try await anonymousGet(app, "/groups/\(network.coalition)/plan/2027/plan.ics")
            // check
            let svg = try #require(page.body.firstMatch(of: #/<svg[\s\S]*?</svg>/#)).output
            let checked = try Python.run(
                "import sys, xml.etree.ElementTree as ET\nET.fromstring(sys.stdin.buffer.read())\nprint('ok')",
                input: Data(String(svg).utf8),
                needing: "xml"
            )
            #expect(checked.status == 0, "\(checked.errors)")
            let calendar = try parseICalendar(feed.body)
            let homes = try #require(calendar.events.first { $0.summary == "Homes for all" })
            #expect(homes.start?.iso == "2027-03-01" && homes.end?.iso == "2027-03-29", "the end is the day after")
            #expect(homes.description == "Needs 100 hours; 60 pledged.")
        }
    }

    @Test func pledgesAreSeenOnlyByThePersonAndTheirGroupsOrganizers() async throws {
        try await withApp(mail: false) { app in
            // setup
            var (network, _) = try await plannedNetwork(app)
            let hours = "/campaigns/\(network.campaign)/hours"
            // act
            let olive = try await network.net.olive.get(hours)
            let sara = try await network.net.sara.get(hours)
            let bob = try await network.net.bob.get(hours)
            let plan = try await network.cole.get("/groups/\(network.coalition)/plan/2027")
            let feed = try await anonymousGet(app, "/groups/\(network.coalition)/plan/2027/plan.ics")
            let campaign = try await anonymousGet(app, network.page)
            let member = try await network.net.bob.get(network.page)
            // check: bob pledged through Leeds Tenants, which olive organizes
            #expect(olive.contains("<td>Bob</td>") || olive.contains("<td>bob</td>"), "\(olive.body)")
            #expect(!sara.contains("<td>Bob</td>") && !sara.contains("<td>bob</td>"))
            #expect(bob.contains("You pledged <strong>20 hours</strong> through Leeds Tenants."))
            #expect(!bob.contains("Pledges through the groups you organize"))
            #expect(campaign.contains("60 hours pledged to the campaign") && !campaign.contains("Pledge your hours"))
            #expect(member.contains("Pledge your hours") && member.contains("Northern Coalition’s plan for 2027"))
            for page in [plan, feed, campaign] {
                #expect(!page.contains("Bob") && !page.contains("Olive") && !page.contains("Sara"))
            }
        }
    }

    @Test func aPrivateCampaignIsLeftOutOfThePlanForThoseWhoMayNotSeeIt() async throws {
        try await withApp(mail: false) { app in
            // setup: the coalition plans a private campaign
            var (network, _) = try await plannedNetwork(app)
            let hidden = try await startCampaign(
                &network.cole,
                group: network.coalition,
                title: "HiddenCampaignTitle",
                visibility: "private"
            )
            try #require(
                try await network.cole.post(
                    "/groups/\(network.coalition)/plan/2027/items",
                    [
                        ("campaign", String(hidden)), ("startsOn", "2027-05-01"), ("endsOn", "2027-05-31"),
                        ("hoursNeeded", "999"),
                    ]
                ).status == .seeOther
            )
            // act
            let anonymous = try await anonymousGet(app, "/groups/\(network.coalition)/plan/2027")
            let feed = try await anonymousGet(app, "/groups/\(network.coalition)/plan/2027/plan.ics")
            let olive = try await network.net.olive.get("/groups/\(network.coalition)/plan/2027")
            let own = try await network.cole.get("/groups/\(network.coalition)/plan/2027")
            // check
            for page in [anonymous, feed, olive] {
                #expect(
                    !page.contains("HiddenCampaignTitle") && !page.contains("<td>999</td>")
                        && !page.contains("Needs 999")
                )
            }
            #expect(anonymous.contains("The plan needs 110 hours in all"), "its hours are out of the totals")
            #expect(own.contains("HiddenCampaignTitle") && own.contains("The plan needs 1109 hours in all"))
        }
    }

    @Test func onlyOrganizersChangeThePlanAndARefusedItemKeepsItsInput() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            let items = "/groups/\(network.coalition)/plan/2027/items"
            // act
            let byOutsider = try await network.net.olive.post(
                items,
                [
                    ("campaign", String(network.campaign)), ("startsOn", "2027-03-01"), ("endsOn", "2027-03-28"),
                    ("hoursNeeded", "5"),
                ]
            )
            let badDates = try await network.cole.post(
                items,
                [
                    ("campaign", String(network.campaign)), ("startsOn", "2027-04-01"), ("endsOn", "2027-03-28"),
                    ("hoursNeeded", "77"),
                ]
            )
            let empty = try await anonymousGet(app, "/groups/\(network.coalition)/plan/2027")
            // check
            #expect(byOutsider.status == .forbidden)
            #expect(badDates.status == .unprocessableContent)
            #expect(badDates.contains("The last day comes on or after the first.") && badDates.contains("value=\"77\""))
            #expect(empty.contains("Nothing is planned for 2027 yet."))
        }
    }

    @Test func theGroupsChooseThePrioritiesUpToTheCap() async throws {
        try await withApp(mail: false) { app in
            // setup: cap 1 of the 2 planned campaigns; the three groups approve by their organizers
            var (network, _) = try await plannedNetwork(app)
            let plan = "/groups/\(network.coalition)/plan/2027"
            try #require(try await network.cole.post("\(plan)/cap", [("cap", "1")]).status == .seeOther)
            let closes = utcInput(app.clock.now.addingTimeInterval(86_400))
            // act
            let byOutsider = try await network.net.olive.post("\(plan)/priorities", [("closesAt", closes)])
            let opened = try await network.cole.post("\(plan)/priorities", [("closesAt", closes)])
            let decision = try #require(opened.location.flatMap { Int($0.split(separator: "/").last ?? "") })
            let during = try await network.cole.get(plan)
            // options in the plan's order: 0 Homes for all, 1 Fare-free buses
            for (index, choice) in [(0, "option-1"), (1, "option-1"), (2, "option-0")] {
                var voter = [network.cole, network.net.olive, network.net.sara][index]
                let cast = try await vote(&voter, on: decision, [(choice, "on")])
                #expect(cast.status == .seeOther, "\(errorsIn(cast))")
            }
            app.clock.advance(seconds: 2 * 86_400)
            let after = try await anonymousGet(app, plan)
            let again = try await anonymousGet(app, plan)
            // check
            #expect(byOutsider.status == .forbidden)
            #expect(during.contains("The groups are choosing the priorities"))
            let priorities = try await app.store.sql.raw(
                "SELECT c.title FROM plan_items i JOIN campaigns c ON c.id = i.campaign_id WHERE i.priority"
            ).column("title", as: String.self)
            #expect(priorities == ["Fare-free buses"])
            #expect(after.contains("Fare-free buses</a> <span class=\"badge\">priority</span>"))
            #expect(!after.contains("Homes for all</a> <span class=\"badge\">priority</span>"))
            #expect(again.body.components(separatedBy: "badge\">priority").count == 2, "settled once")
            let decisionPage = try await network.cole.get("/decisions/\(decision)")
            #expect(decisionPage.contains("/groups/\(network.coalition)/plan/2027"), "the vote links back to the plan")
        }
    }
}
