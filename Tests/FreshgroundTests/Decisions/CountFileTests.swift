import Foundation
import Testing

@Suite("Decisions: counting a pasted ballot file")
struct CountFileTests {
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
}
