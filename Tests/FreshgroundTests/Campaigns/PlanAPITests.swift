import Foundation
import HTTPTypes
import Testing

/// The yearly plan and a person's hours through the JSON API, every answer checked against the document: items
/// with their hours and typed warnings, the cap and the groups' choice of priorities, a private campaign left out
/// for those who may not see it, and a pledge only ever the caller's own.
@Suite("Campaigns JSON API: the yearly plan and hours")
struct PlanAPITests {
    /// Every operation on plans and hours; `APITests` checks the document lists these with the others.
    static let operations: Set<String> = [
        PlanOp.plan, PlanOp.add, PlanOp.remove, PlanOp.cap, PlanOp.priorities, PlanOp.hours, PlanOp.pledge,
        PlanOp.withdraw,
    ]

    /// Adds `campaign` to the coalition's 2027 plan through the API; the answer as it is.
    @discardableResult
    static func plan(
        _ calls: inout LibraryAPIDocumentTests.Calls,
        _ network: inout CampaignNetwork,
        _ campaign: Int,
        _ first: String,
        _ last: String,
        hours: Int
    ) async throws -> Page {
        try await calls.call(
            &network.cole,
            PlanOp.add,
            "/api/v1/groups/\(network.coalition)/plans/2027/items",
            json: ["campaign": campaign, "startsOn": first, "endsOn": last, "hoursNeeded": hours]
        )
    }

    @Test func organizersPlanCampaignsAndTheGroupsChooseThePriorities() async throws {
        try await withApp(mail: false) { app in
            // setup: "Fare-free buses" with Leeds Tenants besides "Homes for all"; olive and sara pledge 20 hours
            var network = try await campaignNetwork(app)
            let buses = try await startCampaign(&network.cole, group: network.coalition, title: "Fare-free buses")
            try await joinCampaign(&network.cole, &network.net.olive, buses, group: network.net.leeds)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let at = "/api/v1/groups/\(network.coalition)/plans/2027"
            let homes: [String: Any] = [
                "campaign": network.campaign, "startsOn": "2027-03-01", "endsOn": "2027-03-28", "hoursNeeded": 100,
            ]
            for (visitor, group) in [(network.net.olive, network.net.leeds), (network.net.sara, network.net.students)] {
                var visitor = visitor
                try await calls.call(
                    &visitor,
                    PlanOp.pledge,
                    "/api/v1/campaigns/\(network.campaign)/hours",
                    json: ["hours": 20, "group": group]
                )
            }

            // act
            try await calls.call(&anonymous, PlanOp.add, "\(at)/items", json: homes, status: .unauthorized)
            try await calls.call(&network.net.olive, PlanOp.add, "\(at)/items", json: homes, status: .forbidden)
            let refused = try await calls.call(
                &network.cole,
                PlanOp.add,
                "\(at)/items",
                json: ["startsOn": "March", "endsOn": "2027-03-28", "hoursNeeded": 100],
                status: .unprocessableContent
            )
            let added = try await calls.call(&network.cole, PlanOp.add, "\(at)/items", json: homes)
            let busItem = try await Self.plan(&calls, &network, buses, "2027-03-22", "2027-04-18", hours: 10)
            let read = try await calls.call(&anonymous, PlanOp.plan, at)
            try await calls.call(&network.net.olive, PlanOp.cap, "\(at)/cap", json: ["cap": 1], status: .forbidden)
            try await calls.call(
                &network.cole,
                PlanOp.cap,
                "\(at)/cap",
                json: ["cap": 0],
                status: .unprocessableContent
            )
            let capped = try await calls.call(&network.cole, PlanOp.cap, "\(at)/cap", json: ["cap": 1])
            let closes = utcInput(app.clock.now.addingTimeInterval(86_400))
            try await calls.call(
                &network.net.olive,
                PlanOp.priorities,
                "\(at)/priorities",
                json: ["closesAt": closes],
                status: .forbidden
            )
            let opened = try await calls.call(
                &network.cole,
                PlanOp.priorities,
                "\(at)/priorities",
                json: ["closesAt": closes]
            )
            try await calls.call(
                &network.cole,
                PlanOp.priorities,
                "\(at)/priorities",
                json: ["closesAt": closes],
                status: .conflict
            )
            let fixed = try await calls.call(
                &network.cole,
                PlanOp.cap,
                "\(at)/cap",
                json: ["cap": 2],
                status: .unprocessableContent
            )
            let decision = try #require(opened.location.flatMap { Int($0.split(separator: "/").last ?? "") })
            // options in the plan's order: 0 Homes for all, 1 Fare-free buses
            for (index, choice) in [(0, "option-1"), (1, "option-1"), (2, "option-0")] {
                var voter = [network.cole, network.net.olive, network.net.sara][index]
                let cast = try await vote(&voter, on: decision, [(choice, "on")])
                #expect(cast.status == .seeOther, "\(errorsIn(cast))")
            }
            app.clock.advance(seconds: 2 * 86_400)
            let chosen = try await calls.call(&anonymous, PlanOp.plan, at)
            let item = try #require(APITests.integer(added.json["id"]))
            try await calls.call(&network.net.olive, PlanOp.remove, "\(at)/items/\(item)", status: .forbidden)
            try await calls.call(&network.cole, PlanOp.remove, "\(at)/items/\(item)")
            try await calls.call(&network.cole, PlanOp.remove, "\(at)/items/\(item)", status: .notFound)
            let after = try await calls.call(&anonymous, PlanOp.plan, at)

            // check
            #expect(jsonField(refused, "errors", "campaign") as? String == "Choose one of the group's campaigns.")
            #expect(jsonField(refused, "errors", "startsOn") as? String == "Give the first day as YYYY-MM-DD.")
            #expect(
                added.json["title"] as? String == "Homes for all" && APITests.integer(added.json["hoursPledged"]) == 40
            )
            let groups = (added.json["groups"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(groups == ["Leeds Students", "Leeds Tenants", "Northern Coalition"])
            #expect(busItem.json["startsOn"] as? String == "2027-03-22")
            #expect(
                APITests.integer(read.json["hoursNeeded"]) == 110 && APITests.integer(read.json["hoursPledged"]) == 40
            )
            let warnings = read.json["warnings"] as? [[String: Any]] ?? []
            #expect(
                warnings.map { $0["kind"] as? String } == [
                    "shortOfHours", "shortOfHours", "planShortOfHours", "overlap",
                ]
            )
            #expect(
                APITests.integer(warnings.first?["needed"]) == 100 && APITests.integer(warnings.first?["pledged"]) == 40
            )
            #expect(warnings.first?["message"] as? String == "“Homes for all” needs 100 hours; 40 are pledged.")
            let overlap = try #require(warnings.last)
            #expect(overlap["from"] as? String == "2027-03-22" && overlap["until"] as? String == "2027-03-28")
            #expect(
                (overlap["groups"] as? [[String: Any]])?.compactMap { $0["slug"] as? String }
                    == [network.net.leeds, network.coalition]
            )
            #expect(read.json["prioritiesDecision"] is NSNull && read.json["canManage"] as? Bool == false)
            #expect(APITests.integer(capped.json["priorityCap"]) == 1)
            #expect(opened.location == "/api/v1/decisions/\(decision)")
            #expect(APITests.integer(opened.json["prioritiesDecision"]) == decision)
            #expect(
                jsonField(fixed, "errors", "cap") as? String
                    == "The groups are already choosing the priorities; the limit is fixed."
            )
            #expect(jsonItems(chosen).map { $0["priority"] as? Bool } == [false, true])
            #expect(jsonItems(after).map { $0["title"] as? String } == ["Fare-free buses"])
        }
    }

    @Test func aPrivateCampaignAndAPrivateGroupAreLeftOutForAStranger() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle takes part in the public campaign; the coalition plans it and a private one
            var network = try await campaignNetwork(app)
            _ = try await ActionTests.privateParticipant(app, &network)
            let hidden = try await startCampaign(
                &network.cole,
                group: network.coalition,
                title: "HiddenCampaignTitle",
                visibility: "private"
            )
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            try await Self.plan(&calls, &network, network.campaign, "2027-03-01", "2027-03-28", hours: 100)
            try await Self.plan(&calls, &network, hidden, "2027-05-01", "2027-05-31", hours: 999)
            let at = "/api/v1/groups/\(network.coalition)/plans/2027"

            // act
            let stranger = try await calls.call(&network.net.yann, PlanOp.plan, at)
            let nobody = try await calls.call(&anonymous, PlanOp.plan, at)
            let own = try await calls.call(&network.cole, PlanOp.plan, at)
            try await calls.call(
                &network.net.yann,
                PlanOp.plan,
                "/api/v1/groups/no-such-group/plans/2027",
                status: .notFound
            )

            // check
            for page in [stranger, nobody] {
                #expect(
                    !page.contains("HiddenCampaignTitle") && !page.contains("999") && !page.contains("Hidden Circle")
                )
                #expect(jsonItems(page).map { $0["title"] as? String } == ["Homes for all"])
                #expect(APITests.integer(page.json["hoursNeeded"]) == 100, "its hours are out of the totals")
                let groups = jsonItems(page).first?["groups"] as? [[String: Any]] ?? []
                #expect(groups.contains { $0["name"] as? String == "a private group" && $0["slug"] is NSNull })
            }
            #expect(jsonItems(own).map { $0["title"] as? String } == ["Homes for all", "HiddenCampaignTitle"])
            #expect(APITests.integer(own.json["hoursNeeded"]) == 1099)
        }
    }

    @Test func aPledgeIsOnlyEverTheCallersOwn() async throws {
        try await withApp(mail: false) { app in
            // setup: olive and bob pledge through Leeds Tenants, which olive organizes
            var network = try await campaignNetwork(app)
            let secret = try await startCampaign(
                &network.cole,
                group: network.coalition,
                title: "Quiet",
                visibility: "private"
            )
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let hours = "/api/v1/campaigns/\(network.campaign)/hours"
            try await calls.call(
                &network.net.olive,
                PlanOp.pledge,
                hours,
                json: ["hours": 20, "group": network.net.leeds]
            )
            let pledged = try await calls.call(
                &network.net.bob,
                PlanOp.pledge,
                hours,
                json: ["hours": 17, "group": network.net.leeds]
            )

            // act
            try await calls.call(&anonymous, PlanOp.hours, hours, status: .unauthorized)
            let olive = try await calls.call(&network.net.olive, PlanOp.hours, hours)
            let yann = try await calls.call(&network.net.yann, PlanOp.hours, hours)
            let outsider = try await calls.call(
                &network.net.yann,
                PlanOp.pledge,
                hours,
                json: ["hours": 5, "group": network.net.york],
                status: .unprocessableContent
            )
            let tooMany = try await calls.call(
                &network.net.bob,
                PlanOp.pledge,
                hours,
                json: ["hours": 0, "group": network.net.leeds],
                status: .unprocessableContent
            )
            try await calls.call(
                &network.net.yann,
                PlanOp.hours,
                "/api/v1/campaigns/\(secret)/hours",
                status: .notFound
            )
            try await calls.call(&network.net.bob, PlanOp.withdraw, hours)
            let afterBob = try await calls.call(&network.net.bob, PlanOp.hours, hours)
            let afterOlive = try await calls.call(&network.net.olive, PlanOp.hours, hours)

            // check
            #expect(APITests.integer(APITests.dig(pledged.json, ["pledge", "hours"])) == 17)
            #expect(APITests.integer(APITests.dig(olive.json, ["pledge", "hours"])) == 20)
            #expect(APITests.integer(olive.json["total"]) == 37 && !olive.body.lowercased().contains("bob"))
            #expect(!olive.contains("17"), "bob's pledge is not in olive's answer, though she organizes his group")
            #expect(yann.json["pledge"] is NSNull && (yann.json["groups"] as? [Any])?.isEmpty == true)
            #expect(
                jsonField(outsider, "errors", "group") as? String
                    == "Choose one of your groups taking part in the campaign."
            )
            #expect(jsonField(tooMany, "errors", "hours") is String)
            #expect(afterBob.json["pledge"] is NSNull && APITests.integer(afterBob.json["total"]) == 20)
            #expect(APITests.integer(APITests.dig(afterOlive.json, ["pledge", "hours"])) == 20)
        }
    }
}

/// The plan's and hours' operations as the document lists them.
enum PlanOp {
    static let plan = "GET /api/v1/groups/{slug}/plans/{year}"
    static let add = "POST /api/v1/groups/{slug}/plans/{year}/items"
    static let remove = "DELETE /api/v1/groups/{slug}/plans/{year}/items/{item}"
    static let cap = "PUT /api/v1/groups/{slug}/plans/{year}/cap"
    static let priorities = "POST /api/v1/groups/{slug}/plans/{year}/priorities"
    static let hours = "GET /api/v1/campaigns/{id}/hours"
    static let pledge = "PUT /api/v1/campaigns/{id}/hours"
    static let withdraw = "DELETE /api/v1/campaigns/{id}/hours"
}
