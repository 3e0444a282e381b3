import Decisions
import Foundation
import FreshgroundCore
import HTTPTypes
import Testing

/// Every decisions operation, called as a client would, answers with a status and body its document part describes.
@Suite("Decisions API document")
struct DecisionsAPIDocumentTests {
    static let operations: Set<String> = [
        DecisionOp.mine, DecisionOp.group, DecisionOp.create, DecisionOp.one, DecisionOp.ballot, DecisionOp.close,
    ]

    @Test func everyDecisionsOperationAnswersAsDocumentedToEachKindOfCaller() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await APICircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let groupPath = "/api/v1/groups/\(circle.slug)/decisions"
            let question: [String: Any] = [
                "title": "March?", "closesAt": apiLocalTime(app.clock.now.addingTimeInterval(3_600)),
            ]

            // act and check: opening, by each kind of caller
            try await calls.call(&anonymous, DecisionOp.create, groupPath, json: question, status: .unauthorized)
            try await calls.call(&circle.sam, DecisionOp.create, groupPath, json: question, status: .notFound)
            let refused = try await calls.call(
                &circle.mona,
                DecisionOp.create,
                groupPath,
                json: question,
                status: .forbidden
            )
            #expect(refused.contains("Only the organizers of Riverside Circle"))
            let empty = try await calls.call(
                &circle.olive,
                DecisionOp.create,
                groupPath,
                json: [:],
                status: .unprocessableContent
            )
            #expect(jsonField(empty, "errors", "title") != nil && jsonField(empty, "errors", "closesAt") != nil)
            let created = try await calls.call(&circle.olive, DecisionOp.create, groupPath, json: question)
            let id = try #require(APITests.integer(created.json["id"]))
            let at = "/api/v1/decisions/\(id)"
            #expect(created.location == at)
            #expect(created.json["title"] as? String == "March?" && created.json["status"] as? String == "open")

            // the lists
            let mine = try await calls.call(&circle.mona, DecisionOp.mine, "/api/v1/decisions")
            let item = try #require(jsonItems(mine).first)
            #expect(APITests.integer(item["id"]) == id && item["awaitsYou"] as? Bool == true)
            #expect(APITests.dig(item, ["group", "name"]) as? String == "Riverside Circle")
            #expect(jsonItems(try await calls.call(&circle.sam, DecisionOp.mine, "/api/v1/decisions")).isEmpty)
            try await calls.call(&anonymous, DecisionOp.mine, "/api/v1/decisions", status: .unauthorized)
            try await calls.call(
                &circle.mona,
                DecisionOp.mine,
                "/api/v1/decisions?page=0",
                status: .unprocessableContent
            )
            let listed = try await calls.call(&circle.nia, DecisionOp.group, groupPath)
            #expect(jsonItems(listed).map { $0["title"] as? String } == ["March?"])
            try await calls.call(&circle.sam, DecisionOp.group, groupPath, status: .notFound)
            try await calls.call(&anonymous, DecisionOp.group, groupPath, status: .unauthorized)

            // the decision
            try await calls.call(&circle.mona, DecisionOp.one, at)
            let hidden = try await calls.call(&circle.sam, DecisionOp.one, at, status: .notFound)
            #expect(!hidden.contains("March"))
            try await calls.call(&anonymous, DecisionOp.one, at, status: .unauthorized)
            try await calls.call(&circle.mona, DecisionOp.one, "/api/v1/decisions/\(id + 1000)", status: .notFound)

            // voting
            let yes: [String: Any] = ["marks": [1]]
            try await calls.call(&anonymous, DecisionOp.ballot, "\(at)/ballot", json: yes, status: .unauthorized)
            try await calls.call(&circle.sam, DecisionOp.ballot, "\(at)/ballot", json: yes, status: .notFound)
            let cast = try await calls.call(&circle.mona, DecisionOp.ballot, "\(at)/ballot", json: yes)
            #expect(cast.json["tracker"] is NSNull)
            let again = try await calls.call(
                &circle.mona,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: yes,
                status: .unprocessableContent
            )
            #expect(jsonField(again, "errors", "_form") as? String == "You have already voted.")
            try await calls.call(&circle.nia, DecisionOp.ballot, "\(at)/ballot", json: [:], status: .badRequest)

            // closing
            try await calls.call(&anonymous, DecisionOp.close, "\(at)/close", status: .unauthorized)
            try await calls.call(&circle.sam, DecisionOp.close, "\(at)/close", status: .notFound)
            try await calls.call(&circle.mona, DecisionOp.close, "\(at)/close", status: .forbidden)
            #expect(jsonField(try await circle.mona.api(.get, at), "status") as? String == "open")
            try await calls.call(&circle.olive, DecisionOp.close, "\(at)/close")
            try await calls.call(&circle.olive, DecisionOp.close, "\(at)/close")
            let late = try await calls.call(
                &circle.nia,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: yes,
                status: .unprocessableContent
            )
            #expect(jsonField(late, "errors", "_form") as? String == "Voting has closed.")
            let closed = try await calls.call(&circle.nia, DecisionOp.one, at)
            #expect(closed.json["status"] as? String == "closed" && closed.json["closedAt"] is String)
            #expect(
                jsonField(closed, "results", "explanation") as? String
                    == "Passed: 1 yes of 1 yes and no vote; more than half needed."
            )
            #expect(calls.exercised == Self.operations)
        }
    }

    /// The document's enumerations are the engine's, so a client is told of every kind and rule and of no other.
    @Test func theDocumentNamesExactlyTheEnginesKindsAndRules() async throws {
        try await withApp(mail: false) { app in
            // setup
            var anonymous = app.visitor()

            // act
            let document = try await LibraryAPIDocumentTests.Calls.load(&anonymous).document

            // check
            func values(_ keys: String...) -> Set<String> {
                Set(
                    (APITests.dig(document, ["components", "schemas"] + keys) as? [Any] ?? []).compactMap {
                        $0 as? String
                    }
                )
            }
            #expect(values("DecisionKind", "enum") == Set(DecisionKind.allCases.map(\.rawValue)))
            #expect(
                values("DecisionRules", "properties", "rankedRule", "enum") == Set(RankedRule.allCases.map(\.rawValue))
            )
            #expect(
                values("DecisionRules", "properties", "majority", "properties", "kind", "enum")
                    == Set(MajorityKind.allCases.map(\.rawValue))
            )
            #expect(
                values("DecisionRules", "properties", "majority", "properties", "base", "enum")
                    == Set(MajorityBase.allCases.map(\.rawValue))
            )
            #expect(
                values("DecisionRules", "properties", "reasons", "enum") == Set(ReasonRule.allCases.map(\.rawValue))
            )
            #expect(values("DecisionInput", "properties", "kind", "enum") == Set(DecisionKind.allCases.map(\.rawValue)))
        }
    }
}
