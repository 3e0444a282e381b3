import Foundation
import HTTPTypes
import Testing

/// Campaigns through the JSON API, every answer checked against the document: starting, listing, reading and
/// changing a campaign, inviting and answering, withdrawing, statements with their versions, and what strangers
/// and other groups are not shown.
@Suite("Campaigns JSON API")
struct CampaignAPITests {
    /// Every campaigns operation; `APITests` checks the document lists these with the others.
    static let operations: Set<String> = [
        CampaignOp.list, CampaignOp.create, CampaignOp.one, CampaignOp.change, CampaignOp.invite, CampaignOp.answer,
        CampaignOp.withdraw, CampaignOp.history, CampaignOp.statement,
    ]

    @Test func anOrganizerStartsListsReadsAndChangesACampaign() async throws {
        try await withApp(mail: false) { app in
            // setup
            var net = try await eventNetwork(app)
            var cole = try await app.person("cole")
            let coalition = try await cole.createGroup("Northern Coalition", kind: "coalition")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let create = "/api/v1/groups/\(coalition)/campaigns"
            let homes: [String: Any] = ["title": "Homes for all", "summary": "Rents down.", "adoption": "majority"]

            // act
            try await calls.call(&anonymous, CampaignOp.create, create, json: homes, status: .unauthorized)
            let notYours = try await calls.call(&net.olive, CampaignOp.create, create, json: homes, status: .forbidden)
            let untitled = try await calls.call(
                &cole,
                CampaignOp.create,
                create,
                json: ["summary": "No title"],
                status: .unprocessableContent
            )
            let created = try await calls.call(&cole, CampaignOp.create, create, json: homes)
            let id = try #require(APITests.integer(created.json["id"]))
            let at = "/api/v1/campaigns/\(id)"
            let listed = try await calls.call(&anonymous, CampaignOp.list, "/api/v1/campaigns")
            let read = try await calls.call(&anonymous, CampaignOp.one, at)
            try await calls.call(&anonymous, CampaignOp.change, at, json: ["title": "Ours"], status: .unauthorized)
            try await calls.call(&net.olive, CampaignOp.change, at, json: ["title": "Ours"], status: .forbidden)
            let changed = try await calls.call(&cole, CampaignOp.change, at, json: ["title": "Homes for everyone"])
            try await calls.call(&cole, CampaignOp.one, "/api/v1/campaigns/\(id + 1000)", status: .notFound)
            let page = try await anonymousGet(app, "/campaigns/\(id)")

            // check
            #expect(notYours.contains("Only the organizers of Northern Coalition can start a campaign for it."))
            #expect(jsonField(untitled, "errors", "title") as? String == "Give the campaign a title.")
            #expect(created.location == at)
            #expect(created.json["visibility"] as? String == "public" && created.json["canManage"] as? Bool == true)
            let lead = try #require((created.json["participants"] as? [[String: Any]])?.first)
            #expect(lead["slug"] as? String == coalition && lead["status"] as? String == "lead")
            let item = try #require(jsonItems(listed).first)
            #expect(item["title"] as? String == "Homes for all" && APITests.integer(item["groups"]) == 1)
            #expect(APITests.dig(item, ["lead", "name"]) as? String == "Northern Coalition")
            #expect(read.json["adoption"] as? String == "majority" && read.json["canManage"] as? Bool == false)
            #expect(changed.json["title"] as? String == "Homes for everyone")
            #expect(changed.json["summary"] as? String == "Rents down.", "fields left out keep their values")
            #expect(page.contains("Homes for everyone"))
        }
    }

    @Test func anInvitedGroupAnswersThenWithdrawsKeepingItsStatement() async throws {
        try await withApp(mail: false) { app in
            // setup
            var net = try await eventNetwork(app)
            var cole = try await app.person("cole")
            let coalition = try await cole.createGroup("Northern Coalition", kind: "coalition")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await startCampaign(&cole, group: coalition)
            let at = "/api/v1/campaigns/\(id)"
            let answer = "\(at)/groups/\(net.leeds)/answer"

            // act
            try await calls.call(
                &net.olive,
                CampaignOp.invite,
                "\(at)/invitations",
                json: ["group": net.york],
                status: .forbidden
            )
            let noGroup = try await calls.call(
                &cole,
                CampaignOp.invite,
                "\(at)/invitations",
                json: [:],
                status: .unprocessableContent
            )
            let invited = try await calls.call(
                &cole,
                CampaignOp.invite,
                "\(at)/invitations",
                json: ["group": net.leeds]
            )
            try await calls.call(
                &cole,
                CampaignOp.invite,
                "\(at)/invitations",
                json: ["group": net.leeds],
                status: .conflict
            )
            let beforeAnswer = try await calls.call(&anonymous, CampaignOp.one, at)
            let byMember = try await calls.call(
                &net.bob,
                CampaignOp.answer,
                answer,
                json: ["answer": "accept"],
                status: .forbidden
            )
            try await calls.call(
                &net.olive,
                CampaignOp.answer,
                answer,
                json: ["answer": "maybe"],
                status: .unprocessableContent
            )
            try await calls.call(&net.olive, CampaignOp.answer, answer, json: ["answer": "accept"])
            try await calls.call(&net.olive, CampaignOp.answer, answer, json: ["answer": "decline"], status: .conflict)
            let statement = try await calls.call(
                &net.olive,
                CampaignOp.statement,
                "\(at)/groups/\(net.leeds)/statements",
                json: ["position": "Rent caps now.", "baseVersion": 0]
            )
            let withdraw = "\(at)/groups/\(net.leeds)/withdrawal"
            try await calls.call(
                &cole,
                CampaignOp.withdraw,
                "\(at)/groups/\(coalition)/withdrawal",
                json: [:],
                status: .conflict
            )
            try await calls.call(&net.bob, CampaignOp.withdraw, withdraw, json: [:], status: .forbidden)
            let withdrawn = try await calls.call(
                &net.olive,
                CampaignOp.withdraw,
                withdraw,
                json: ["note": "We disagree."]
            )
            let afterwards = try await calls.call(&anonymous, CampaignOp.one, at)

            // check
            #expect(jsonField(noGroup, "errors", "group") as? String == "Name the group to invite by its slug.")
            #expect(participant(invited, net.leeds)?["status"] as? String == "invited")
            #expect(participant(beforeAnswer, net.leeds) == nil, "an invitation is not shown to everyone")
            #expect(byMember.contains("Only the organizers of that group can answer for it."))
            #expect(statement.json["version"] as? Int == 1 && statement.json["author"] is String)
            #expect(participant(withdrawn, net.leeds)?["status"] as? String == "withdrawn")
            let left = try #require(participant(afterwards, net.leeds))
            #expect(left["withdrawalNote"] as? String == "We disagree." && left["withdrawnAt"] is String)
            #expect(APITests.dig(left, ["statement", "position"]) as? String == "Rent caps now.")
            #expect(APITests.dig(left, ["statement", "author"]) is NSNull, "the author only for the group's members")
        }
    }

    @Test func aStatementFromAStaleVersionIsRefusedWithTheFormMessage() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let path = "/api/v1/campaigns/\(network.campaign)/groups/\(network.net.leeds)/statements"
            let first: [String: Any] = ["position": "Rent caps now.", "slogans": "Caps now", "baseVersion": 0]

            // act
            try await calls.call(&anonymous, CampaignOp.statement, path, json: first, status: .unauthorized)
            try await calls.call(&network.net.sara, CampaignOp.statement, path, json: first, status: .forbidden)
            try await calls.call(&network.net.olive, CampaignOp.statement, path, json: first)
            let stale = try await calls.call(
                &network.net.olive,
                CampaignOp.statement,
                path,
                json: ["position": "Rent caps and repairs.", "baseVersion": 0],
                status: .unprocessableContent
            )
            let second = try await calls.call(
                &network.net.olive,
                CampaignOp.statement,
                path,
                json: ["position": "Rent caps and repairs.", "baseVersion": 1]
            )
            let history = try await calls.call(&anonymous, CampaignOp.history, path)
            let own = try await calls.call(&network.net.olive, CampaignOp.history, path)

            // check
            #expect(
                jsonField(stale, "errors", "_form") as? String
                    == "Someone in your group saved a newer version meanwhile. Yours is kept below: read theirs, then save again."
            )
            #expect(second.json["version"] as? Int == 2)
            #expect(jsonItems(history).map { $0["version"] as? Int } == [2, 1])
            #expect(
                jsonItems(history).map { $0["position"] as? String } == ["Rent caps and repairs.", "Rent caps now."]
            )
            #expect(jsonItems(history).allSatisfy { $0["author"] is NSNull })
            #expect(jsonItems(own).allSatisfy { $0["author"] is String })
            #expect(APITests.dig(history.json, ["group", "name"]) as? String == "Leeds Tenants")
        }
    }

    @Test func aStrangerIsNotToldOfAPrivateCampaign() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app, visibility: "private")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let at = "/api/v1/campaigns/\(network.campaign)"

            // act
            let stranger = try await calls.call(&network.net.yann, CampaignOp.one, at, status: .notFound)
            let nobody = try await calls.call(&anonymous, CampaignOp.one, at, status: .notFound)
            let list = try await calls.call(&network.net.yann, CampaignOp.list, "/api/v1/campaigns")
            try await calls.call(
                &network.net.yann,
                CampaignOp.history,
                "\(at)/groups/\(network.net.leeds)/statements",
                status: .notFound
            )
            try await calls.call(
                &network.net.yann,
                CampaignOp.statement,
                "\(at)/groups/\(network.net.york)/statements",
                json: ["position": "Let us in."],
                status: .notFound
            )
            let member = try await calls.call(&network.net.bob, CampaignOp.list, "/api/v1/campaigns")

            // check
            #expect(!stranger.contains("Homes for all") && !nobody.contains("Homes for all"))
            #expect(jsonItems(list).isEmpty)
            #expect(jsonItems(member).map { $0["title"] as? String } == ["Homes for all"])
            #expect(jsonItems(member).first?["visibility"] as? String == "private")
        }
    }

    @Test func aPrivateGroupTakingPartIsAPrivateGroupWithoutItsStatement() async throws {
        try await withApp(mail: false) { app in
            // setup: cole also organizes a private circle, which joins and publishes a statement
            var network = try await campaignNetwork(app)
            let hidden = try await network.cole.createGroup("HiddenCircleName", visibility: "private")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let at = "/api/v1/campaigns/\(network.campaign)"
            try await calls.call(&network.cole, CampaignOp.invite, "\(at)/invitations", json: ["group": hidden])
            try await calls.call(
                &network.cole,
                CampaignOp.answer,
                "\(at)/groups/\(hidden)/answer",
                json: ["answer": "accept"]
            )
            try await calls.call(
                &network.cole,
                CampaignOp.statement,
                "\(at)/groups/\(hidden)/statements",
                json: ["position": "HiddenStatementText", "baseVersion": 0]
            )

            // act
            let stranger = try await calls.call(&network.net.yann, CampaignOp.one, at)
            let partner = try await calls.call(&network.net.olive, CampaignOp.one, at)
            let own = try await calls.call(&network.cole, CampaignOp.one, at)
            try await calls.call(
                &network.net.olive,
                CampaignOp.history,
                "\(at)/groups/\(hidden)/statements",
                status: .notFound
            )

            // check
            for page in [stranger, partner] {
                #expect(!page.body.lowercased().contains("hidden"))
                let shown = try #require((page.json["participants"] as? [[String: Any]])?.last)
                #expect(shown["name"] as? String == "a private group" && shown["status"] as? String == "accepted")
                #expect(shown["slug"] is NSNull && shown["statement"] is NSNull && shown["decidedAt"] is NSNull)
            }
            #expect(participant(own, hidden)?["name"] as? String == "HiddenCircleName")
            #expect(
                APITests.dig(participant(own, hidden), ["statement", "position"]) as? String == "HiddenStatementText"
            )
        }
    }
}

/// The campaigns operations as the document lists them.
enum CampaignOp {
    static let list = "GET /api/v1/campaigns"
    static let create = "POST /api/v1/groups/{slug}/campaigns"
    static let one = "GET /api/v1/campaigns/{id}"
    static let change = "PATCH /api/v1/campaigns/{id}"
    static let invite = "POST /api/v1/campaigns/{id}/invitations"
    static let answer = "POST /api/v1/campaigns/{id}/groups/{slug}/answer"
    static let withdraw = "POST /api/v1/campaigns/{id}/groups/{slug}/withdrawal"
    static let history = "GET /api/v1/campaigns/{id}/groups/{slug}/statements"
    static let statement = "POST /api/v1/campaigns/{id}/groups/{slug}/statements"
}

/// The participant with `slug` in a campaign answer, if listed.
private func participant(_ page: Page, _ slug: String) -> [String: Any]? {
    (page.json["participants"] as? [[String: Any]])?.first { $0["slug"] as? String == slug }
}
