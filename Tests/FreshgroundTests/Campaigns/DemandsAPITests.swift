import Foundation
import HTTPTypes
import Testing

/// The joint demands and the campaign's actions through the JSON API, every answer checked against the document:
/// versions written by the lead's organizers, the groups' vote on one, the events and posts each group links, and
/// what others are refused or not shown.
@Suite("Campaigns JSON API: joint demands and actions")
struct DemandsAPITests {
    /// Every operation on joint demands and actions; `APITests` checks the document lists these with the others.
    static let operations: Set<String> = [
        DemandOp.list, DemandOp.write, DemandOp.vote, DemandOp.actions, DemandOp.link, DemandOp.remove,
    ]

    @Test func theLeadsOrganizersWriteVersionsAndPutOneToTheVote() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let demands = "/api/v1/campaigns/\(network.campaign)/demands"
            let first: [String: Any] = ["text": "Rents frozen for **two years**.", "baseVersion": 0]
            let closes = utcInput(app.clock.now.addingTimeInterval(86_400))

            // act
            try await calls.call(&anonymous, DemandOp.write, demands, json: first, status: .unauthorized)
            let byPartner = try await calls.call(
                &network.net.olive,
                DemandOp.write,
                demands,
                json: first,
                status: .forbidden
            )
            let empty = try await calls.call(
                &network.cole,
                DemandOp.write,
                demands,
                json: ["text": " ", "baseVersion": 0],
                status: .unprocessableContent
            )
            let saved = try await calls.call(&network.cole, DemandOp.write, demands, json: first)
            let stale = try await calls.call(
                &network.cole,
                DemandOp.write,
                demands,
                json: ["text": "Rents frozen.", "baseVersion": 0],
                status: .unprocessableContent
            )
            let draft = try await calls.call(&anonymous, DemandOp.list, demands)
            try await calls.call(
                &network.net.olive,
                DemandOp.vote,
                "\(demands)/1/decision",
                json: ["closesAt": closes],
                status: .forbidden
            )
            let badTime = try await calls.call(
                &network.cole,
                DemandOp.vote,
                "\(demands)/1/decision",
                json: ["closesAt": "next week"],
                status: .unprocessableContent
            )
            try await calls.call(
                &network.cole,
                DemandOp.vote,
                "\(demands)/9/decision",
                json: ["closesAt": closes],
                status: .notFound
            )
            let opened = try await calls.call(
                &network.cole,
                DemandOp.vote,
                "\(demands)/1/decision",
                json: ["closesAt": closes]
            )
            try await calls.call(
                &network.cole,
                DemandOp.vote,
                "\(demands)/1/decision",
                json: ["closesAt": closes],
                status: .conflict
            )
            let toAnonymous = try await calls.call(&anonymous, DemandOp.list, demands)
            let toPartner = try await calls.call(&network.net.olive, DemandOp.list, demands)
            let toLead = try await calls.call(&network.cole, DemandOp.list, demands)

            // check
            #expect(byPartner.contains("Only the organizers of Northern Coalition can run this campaign."))
            #expect(jsonField(empty, "errors", "text") as? String == "Write the joint demands.")
            #expect(saved.json["version"] as? Int == 1 && saved.json["status"] as? String == "draft")
            #expect(saved.json["decision"] is NSNull)
            #expect((jsonField(stale, "errors", "_form") as? String)?.hasPrefix("Another organizer saved") == true)
            #expect(jsonItems(draft).map { $0["status"] as? String } == ["draft"])
            #expect(draft.json["canManage"] as? Bool == false && draft.json["adopted"] is NSNull)
            #expect(jsonField(badTime, "errors", "closesAt") is String)
            let decision = try #require(opened.location.flatMap { Int($0.split(separator: "/").last ?? "") })
            #expect(opened.location == "/api/v1/decisions/\(decision)")
            #expect(
                opened.json["status"] as? String == "voting" && APITests.integer(opened.json["decision"]) == decision
            )
            #expect(jsonItems(toAnonymous).first?["decision"] is NSNull, "the vote only for those who may see it")
            #expect(toAnonymous.json["voting"] as? Bool == true)
            #expect(APITests.integer(jsonItems(toPartner).first?["decision"]) == decision)
            #expect(toLead.json["canManage"] as? Bool == true)
        }
    }

    @Test func theVoteOfTheGroupsAdoptsTheDemands() async throws {
        try await withApp(mail: false) { app in
            // setup: by majority, two of the three groups agree
            var network = try await campaignNetwork(app, adoption: "majority")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let demands = "/api/v1/campaigns/\(network.campaign)/demands"
            try await calls.call(&network.cole, DemandOp.write, demands, json: ["text": "Rents frozen."])
            let opened = try await calls.call(
                &network.cole,
                DemandOp.vote,
                "\(demands)/1/decision",
                json: ["closesAt": utcInput(app.clock.now.addingTimeInterval(86_400))]
            )
            let decision = try #require(APITests.integer(opened.json["decision"]))

            // act
            for (index, position) in ["yes", "yes", "no"].enumerated() {
                var voter = [network.cole, network.net.olive, network.net.sara][index]
                let cast = try await vote(&voter, on: decision, [("position", position)])
                #expect(cast.status == .seeOther, "\(errorsIn(cast))")
            }
            app.clock.advance(seconds: 2 * 86_400)
            let after = try await calls.call(&anonymous, DemandOp.list, demands)

            // check
            #expect(jsonItems(after).first?["status"] as? String == "adopted")
            #expect(APITests.integer(after.json["adopted"]) == 1 && after.json["voting"] as? Bool == false)
        }
    }

    @Test func eachGroupLinksAndRemovesOnlyItsOwnActions() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let actions = "/api/v1/campaigns/\(network.campaign)/actions"
            let forum = try await scheduleEvent(&network.net.olive, host: network.net.leeds, title: "Rent strike forum")
            let posted = try await network.net.olive.post(
                "/groups/\(network.net.leeds)/posts",
                [("title", "Why we strike"), ("body", "Because rents rose.")]
            )
            let post = try #require(Int(posted.location?.split(separator: "/").last ?? ""))
            let event: [String: Any] = ["group": network.net.leeds, "event": forum]

            // act
            try await calls.call(&anonymous, DemandOp.link, actions, json: event, status: .unauthorized)
            try await calls.call(&network.cole, DemandOp.link, actions, json: event, status: .forbidden)
            try await calls.call(
                &network.net.yann,
                DemandOp.link,
                actions,
                json: ["group": network.net.york, "event": forum],
                status: .forbidden
            )
            let neither = try await calls.call(
                &network.net.olive,
                DemandOp.link,
                actions,
                json: ["group": network.net.leeds],
                status: .unprocessableContent
            )
            let notOurs = try await calls.call(
                &network.net.sara,
                DemandOp.link,
                actions,
                json: ["group": network.net.students, "post": post],
                status: .unprocessableContent
            )
            let linked = try await calls.call(&network.net.olive, DemandOp.link, actions, json: event)
            let again = try await calls.call(
                &network.net.olive,
                DemandOp.link,
                actions,
                json: event,
                status: .unprocessableContent
            )
            try await calls.call(
                &network.net.olive,
                DemandOp.link,
                actions,
                json: ["group": network.net.leeds, "post": post]
            )
            let listed = try await calls.call(&anonymous, DemandOp.actions, actions)
            let id = try #require(APITests.integer(linked.json["id"]))
            try await calls.call(&network.net.sara, DemandOp.remove, "\(actions)/\(id)", status: .forbidden)
            try await calls.call(&network.net.olive, DemandOp.remove, "\(actions)/\(id)")
            try await calls.call(&network.net.olive, DemandOp.remove, "\(actions)/\(id)", status: .notFound)
            let after = try await calls.call(&anonymous, DemandOp.actions, actions)

            // check
            #expect(jsonField(neither, "errors", "event") as? String != nil)
            #expect(jsonField(notOurs, "errors", "post") as? String == "Choose a post your group published.")
            #expect(
                linked.json["title"] as? String == "Rent strike forum"
                    && APITests.integer(linked.json["event"]) == forum
            )
            #expect(APITests.dig(linked.json, ["group", "slug"]) as? String == network.net.leeds)
            #expect(
                jsonField(again, "errors", "event") as? String == "That event is already one of the campaign's actions."
            )
            #expect(jsonItems(listed).map { $0["kind"] as? String } == ["event", "post"])
            let part = try #require((listed.json["contributions"] as? [[String: Any]])?.first)
            #expect(APITests.integer(part["events"]) == 1 && APITests.integer(part["posts"]) == 1)
            #expect(jsonItems(after).map { $0["kind"] as? String } == ["post"])
        }
    }

    @Test func aGroupTakingPartReadsTheDemandsOfACampaignLedByAPrivateGroup() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle leads a private campaign that Leeds Tenants joins; olive may not see the circle
            var net = try await eventNetwork(app)
            var cole = try await app.person("cole")
            let circle = try await cole.createGroup("Quiet Circle", visibility: "private")
            let campaign = try await startCampaign(&cole, group: circle, visibility: "private")
            try await joinCampaign(&cole, &net.olive, campaign, group: net.leeds)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let demands = "/api/v1/campaigns/\(campaign)/demands"
            try await calls.call(&cole, DemandOp.write, demands, json: ["text": "Rents frozen."])

            // act
            let partner = try await calls.call(&net.olive, DemandOp.list, demands)

            // check
            #expect(jsonItems(partner).map { $0["text"] as? String } == ["Rents frozen."])
            #expect(partner.json["canManage"] as? Bool == false && !partner.contains("Quiet Circle"))
        }
    }

    @Test func aStrangerIsNotToldOfAPrivateCampaignsDemandsOrActions() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app, visibility: "private")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let at = "/api/v1/campaigns/\(network.campaign)"
            try await calls.call(&network.cole, DemandOp.write, "\(at)/demands", json: ["text": "HiddenDemandText"])

            // act
            let stranger = try await calls.call(&network.net.yann, DemandOp.list, "\(at)/demands", status: .notFound)
            try await calls.call(&anonymous, DemandOp.list, "\(at)/demands", status: .notFound)
            try await calls.call(&network.net.yann, DemandOp.actions, "\(at)/actions", status: .notFound)
            try await calls.call(
                &network.net.yann,
                DemandOp.write,
                "\(at)/demands",
                json: ["text": "Let us in.", "baseVersion": 1],
                status: .notFound
            )
            let member = try await calls.call(&network.net.bob, DemandOp.list, "\(at)/demands")

            // check
            #expect(!stranger.contains("HiddenDemandText"))
            #expect(jsonItems(member).map { $0["text"] as? String } == ["HiddenDemandText"])
        }
    }
}

/// The joint demands' and actions' operations as the document lists them.
enum DemandOp {
    static let list = "GET /api/v1/campaigns/{id}/demands"
    static let write = "POST /api/v1/campaigns/{id}/demands"
    static let vote = "POST /api/v1/campaigns/{id}/demands/{version}/decision"
    static let actions = "GET /api/v1/campaigns/{id}/actions"
    static let link = "POST /api/v1/campaigns/{id}/actions"
    static let remove = "DELETE /api/v1/campaigns/{id}/actions/{action}"
}
