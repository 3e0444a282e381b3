import Foundation
import HTTPTypes
import Testing

/// Officials through the JSON API, every answer checked against the document: a group's list, one official with
/// the scorecard, pledge statuses, a page of votes and the reviews; recording an official, a vote by hand, an import
/// and a review for organizers only; a private group's official not found for strangers.
@Suite("Campaigns JSON API: officials")
struct OfficialsAPITests {
    /// Every operation on officials; `APITests` checks the document lists these with the others.
    static let operations = reading.union(OfficialActionsAPITests.operations)
    /// The operations the first test here calls.
    static let reading: Set<String> = [
        OfficialOp.list, OfficialOp.record, OfficialOp.official, OfficialOp.vote, OfficialOp.importVotes,
        OfficialOp.reviews, OfficialOp.openReview,
    ]

    static var ada: [String: Any] {
        [
            "name": "Ada Brennan", "office": "City councillor", "jurisdiction": "Leeds, Hyde Park ward",
            "termStartsOn": "2026-05-01", "termEndsOn": "2028-12-31", "popoloId": "person/ada",
            "contactEmail": "ada-api@council.example",
        ]
    }

    @Test func organizersRecordAndEveryoneReadsAPublicGroupsOfficial() async throws {
        try await withApp { app in
            // setup: olive organizes the public Leeds Tenants, bob is a member
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Leeds Tenants")
            var bob = try await app.person("bob")
            try #require(try await bob.post("/invites/\(try await olive.createInvite(slug))").status == .seeOther)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let tests = OfficialTests()
            let at = "/api/v1/groups/\(slug)/officials"
            // act
            try await calls.call(&anonymous, OfficialOp.record, at, json: Self.ada, status: .unauthorized)
            try await calls.call(&bob, OfficialOp.record, at, json: Self.ada, status: .forbidden)
            let refused = try await calls.call(
                &olive,
                OfficialOp.record,
                at,
                json: ["name": "", "office": "x", "jurisdiction": "y", "termStartsOn": "soon", "termEndsOn": ""],
                status: .unprocessableContent
            )
            let recorded = try await calls.call(&olive, OfficialOp.record, at, json: Self.ada)
            let id = try #require(APITests.integer(recorded.json["id"]))
            try await calls.call(
                &olive,
                OfficialOp.vote,
                "/api/v1/officials/\(id)/votes",
                json: ["motion": "Rent freeze", "votedOn": "2026-10-01", "option": "yes", "position": "support"]
            )
            let badVote = try await calls.call(
                &olive,
                OfficialOp.vote,
                "/api/v1/officials/\(id)/votes",
                json: ["motion": "Rent freeze", "votedOn": "2026-10-01", "option": "yes", "pledgeTopic": "Parks"],
                status: .unprocessableContent
            )
            let imported = try await calls.call(
                &olive,
                OfficialOp.importVotes,
                "/api/v1/officials/\(id)/votes/import",
                json: [
                    "format": "popolo",
                    "document": try tests.json([
                        tests.popolo("e1", day: "2026-10-02", ada: "no"),
                        tests.popolo("e2", day: "2026-10-03", ada: "yes"),
                    ]),
                ]
            )
            let opened = try await calls.call(
                &olive,
                OfficialOp.openReview,
                "/api/v1/officials/\(id)/reviews",
                json: ["questions": "Why did you vote no on e1?", "replyBy": "2026-12-01"]
            )
            try await calls.call(
                &bob,
                OfficialOp.openReview,
                "/api/v1/officials/\(id)/reviews",
                json: ["questions": "Why?", "replyBy": "2026-12-01"],
                status: .forbidden
            )
            let list = try await calls.call(&anonymous, OfficialOp.list, at)
            let official = try await calls.call(&anonymous, OfficialOp.official, "/api/v1/officials/\(id)")
            let owners = try await calls.call(&olive, OfficialOp.official, "/api/v1/officials/\(id)?page=1")
            let reviews = try await calls.call(&anonymous, OfficialOp.reviews, "/api/v1/officials/\(id)/reviews")
            // check
            #expect(APITests.dig(refused.json, ["errors", "name"]) != nil || refused.contains("name"))
            #expect(badVote.contains("pledgeTopic"), "the refused field is named as the API calls it")
            #expect(APITests.integer(imported.json["imported"]) == 2)
            #expect(opened.json["replyBy"] as? String == "2026-12-01" && opened.json["answer"] is NSNull)
            #expect((list.json["items"] as? [[String: Any]])?.first?["name"] as? String == "Ada Brennan")
            #expect(APITests.integer(APITests.dig(official.json, ["votes", "total"])) == 3)
            #expect((APITests.dig(official.json, ["votes", "items"]) as? [Any])?.count == 3)
            #expect(official.json["contactEmail"] is NSNull, "the contact is the organizers' only")
            #expect(owners.json["contactEmail"] as? String == "ada-api@council.example")
            #expect(
                (reviews.json["items"] as? [[String: Any]])?.first?["questions"] as? String
                    == "Why did you vote no on e1?"
            )
            #expect(calls.exercised == Self.reading)
        }
    }

    @Test func aPrivateGroupsOfficialAndItsReviewsAreNotFoundForStrangers() async throws {
        try await withApp(mail: false) { app in
            // setup: the private Quiet Circle records Ada
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Quiet Circle", visibility: "private")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            var ada = Self.ada
            ada["contactEmail"] = nil
            let recorded = try await calls.call(
                &olive,
                OfficialOp.record,
                "/api/v1/groups/\(slug)/officials",
                json: ada
            )
            let id = try #require(APITests.integer(recorded.json["id"]))
            var stranger = try await app.person("eve")
            // act and check
            for visitor in [anonymous, stranger] {
                var visitor = visitor
                try await calls.call(&visitor, OfficialOp.list, "/api/v1/groups/\(slug)/officials", status: .notFound)
                try await calls.call(&visitor, OfficialOp.official, "/api/v1/officials/\(id)", status: .notFound)
                try await calls.call(&visitor, OfficialOp.reviews, "/api/v1/officials/\(id)/reviews", status: .notFound)
            }
            try await calls.call(
                &stranger,
                OfficialOp.openReview,
                "/api/v1/officials/\(id)/reviews",
                json: ["questions": "Why?", "replyBy": "2026-12-01"],
                status: .notFound
            )
        }
    }
}

/// The officials' operations as the document lists them.
enum OfficialOp {
    static let list = "GET /api/v1/groups/{slug}/officials"
    static let record = "POST /api/v1/groups/{slug}/officials"
    static let official = "GET /api/v1/officials/{id}"
    static let vote = "POST /api/v1/officials/{id}/votes"
    static let importVotes = "POST /api/v1/officials/{id}/votes/import"
    static let reviews = "GET /api/v1/officials/{id}/reviews"
    static let openReview = "POST /api/v1/officials/{id}/reviews"
    static let pledge = "POST /api/v1/officials/{id}/pledges"
    static let criteria = "POST /api/v1/officials/{id}/criteria"
    static let link = "POST /api/v1/officials/{id}/votes/{vote}/link"
    static let contact = "PUT /api/v1/officials/{id}/contact"
    static let invite = "POST /api/v1/officials/{id}/endorsements"
    static let answer = "POST /api/v1/officials/{id}/endorsements/{slug}/answer"
    static let invitations = "GET /api/v1/officials/invitations"
    static let review = "GET /api/v1/officials/{id}/reviews/{review}"
    static let reviewVote = "POST /api/v1/officials/{id}/reviews/{review}/vote"
}
