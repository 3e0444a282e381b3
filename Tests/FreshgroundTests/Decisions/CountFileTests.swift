import Foundation
import Testing

@Suite("Decisions: counting a pasted ballot file")
struct CountFileTests {
    /// The API's part; `APITests` checks the document lists it with the others.
    static let operations: Set<String> = ["POST /api/v1/count"]

    static let blt = """
        3 2
        1 1 2 0
        1 1 3 0
        1 1 2 0
        1 2 0
        1 3 2 0
        0
        "Ana"
        "Bo"
        "Cy"
        "Board election"
        """

    @Test func aBLTFileIsCountedByTheChosenRuleAndNothingIsKept() async throws {
        try await withApp(mail: false) { app in
            // setup
            var mona = try await app.person("mona")
            var anonymous = app.visitor()
            let decisionsBefore = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM decisions").first()?
                .decode(column: "n", as: Int.self)

            // act
            let form = try await mona.get("/decisions/count")
            let stv = try await mona.post(
                "/decisions/count",
                [("blt", Self.blt), ("rule", "scottish-stv"), ("seats", "")]
            )
            let schulze = try await mona.post(
                "/decisions/count",
                [("blt", Self.blt), ("rule", "schulze"), ("seats", "")]
            )
            let broken = try await mona.post(
                "/decisions/count",
                [("blt", "3 2\n1 1 9 0\n0\n\"A\"\n\"B\"\n\"C\"\n"), ("rule", "meek"), ("seats", "")]
            )
            let outsider = try await anonymous.get("/decisions/count")

            // check: quota 2; Ana's surplus of 1 passes at a third a paper
            #expect(form.status == .ok && form.contains("<label for=\"blt\">"))
            #expect(stv.status == .ok && stv.contains("Board election") && stv.contains("Surplus of Ana"))
            #expect(stv.contains("+0.66666") && stv.contains("quota 2.00000"))
            #expect(schulze.contains("The Schulze ranking") && schulze.contains("<ol><li>Ana</li>"))
            #expect(broken.status == .unprocessableContent && broken.contains("Line 2:"))
            #expect(broken.contains("<option value=\"meek\" selected>") && broken.contains("1 1 9 0"))
            #expect(outsider.status == .seeOther)
            let decisionsAfter = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM decisions").first()?
                .decode(column: "n", as: Int.self)
            #expect(decisionsAfter == decisionsBefore)
        }
    }

    @Test func theAPICountsAFileAsThePageAndTheCommandLineDo() async throws {
        try await withApp(mail: false) { app in
            // setup
            var mona = try await app.person("mona")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let op = "POST /api/v1/count"

            // act
            let stv = try await calls.call(&mona, op, "/api/v1/count", json: ["blt": Self.blt])
            let schulze = try await calls.call(&mona, op, "/api/v1/count", json: ["blt": Self.blt, "rule": "schulze"])
            let irv = try await calls.call(&mona, op, "/api/v1/count", json: ["blt": Self.blt, "rule": "irv"])
            let broken = try await calls.call(
                &mona,
                op,
                "/api/v1/count",
                json: ["blt": "3 2\n1 1 9 0\n0\n\"A\"\n\"B\"\n\"C\"\n", "rule": "meek"],
                status: .unprocessableContent
            )
            let unknown = try await calls.call(
                &mona,
                op,
                "/api/v1/count",
                json: ["blt": Self.blt, "rule": "borda"],
                status: .unprocessableContent
            )
            let tooMany = try await calls.call(
                &mona,
                op,
                "/api/v1/count",
                json: ["blt": Self.blt, "seats": 3],
                status: .unprocessableContent
            )
            try await calls.call(&anonymous, op, "/api/v1/count", json: ["blt": Self.blt], status: .unauthorized)
            let names = (1...501).map { "\"C\($0)\"" }.joined(separator: "\n")
            let huge = try await calls.call(
                &mona,
                op,
                "/api/v1/count",
                json: ["blt": "501 1\n1 1 0\n0\n\(names)\n\"Too many\"\n", "rule": "schulze"],
                status: .unprocessableContent
            )

            // check: quota 5/3+1 = 2; Ana elected first, her surplus of 1 at a third a paper puts Bo ahead of Cy
            #expect(stv.json["elected"] as? [String] == ["Ana", "Bo"] && stv.json["quota"] as? String == "2.00000")
            let stages = try #require(stv.json["stages"] as? [[String: Any]])
            #expect(stages.first?["action"] as? String == "first-preferences")
            #expect((stages.first?["votes"] as? [String: String])?["Ana"] == "3.00000")
            #expect(stages.dropFirst().first?["candidate"] as? String == "Ana")
            #expect(stv.json["title"] as? String == "Board election" && stv.json["schulze"] is NSNull)
            #expect(schulze.json["elected"] as? [String] == ["Ana", "Bo"])
            #expect(
                APITests.dig(schulze.json, ["schulze", "pairwise"]) as? [[Int]] == [[0, 3, 3], [2, 0, 3], [1, 2, 0]]
            )
            #expect(APITests.integer(irv.json["seats"]) == 1 && irv.json["elected"] as? [String] == ["Ana"])
            #expect((jsonField(broken, "errors", "blt") as? String)?.hasPrefix("Line 2: ") == true)
            #expect(jsonField(unknown, "errors", "rule") != nil && jsonField(tooMany, "errors", "seats") != nil)
            #expect((jsonField(huge, "errors", "blt") as? String)?.contains("at most 500 candidates") == true)
            #expect(calls.exercised == Self.operations)
        }
    }
}
