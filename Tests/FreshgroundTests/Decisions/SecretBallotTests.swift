import Foundation
import SQLKit
import Testing

@Suite("Decisions: secret ballots nobody can link to a voter")
struct SecretBallotTests {
    @Test func theDatabaseHoldsNothingThatLinksABallotToItsVoter() async throws {
        try await withApp { app in
            // setup: a secret motion among six
            var circle = try await decisionCircle(app, members: 5)
            let id = try await openDecision(app, &circle.olive, in: circle.slug)
            let sql = app.store.sql
            let noticesBefore = try await sql.raw("SELECT COUNT(*) AS n FROM notifications").first()?.decode(
                column: "n",
                as: Int.self
            )
            let mailBefore = try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox").first()?.decode(
                column: "n",
                as: Int.self
            )

            // act
            for index in 0..<5 {
                let choice = ["yes", "no", "yes", "abstain", "yes"][index]
                try #require(
                    try await vote(&circle.members[index], on: id, [("position", choice), ("reason", "r\(index)")])
                        .status
                        == .seeOther
                )
            }

            // check: the electorate says who voted and nothing else; the ballots say what and nothing else
            let electorate = try await columns(of: "decision_electorate", app)
            let ballots = try await columns(of: "decision_ballots", app)
            #expect(electorate == ["decision_id", "person_id", "voted"])
            #expect(ballots == ["decision_id", "id", "marks", "weight", "reason"])
            let voted = try await sql.raw(
                "SELECT COUNT(*) AS n FROM decision_electorate WHERE decision_id = \(bind: id) AND voted"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(voted == 5)
            let stored = try await sql.raw(
                "SELECT id FROM decision_ballots WHERE decision_id = \(bind: id)"
            ).all().map { try $0.decode(column: "id", as: String.self) }
            #expect(stored.count == 5 && Set(stored).count == 5 && stored.allSatisfy { $0.count >= 11 })
            // Nothing per ballot: no notification, no mail (the opening notified once, before the votes).
            let noticesAfter = try await sql.raw("SELECT COUNT(*) AS n FROM notifications").first()?.decode(
                column: "n",
                as: Int.self
            )
            let mailAfter = try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox").first()?.decode(
                column: "n",
                as: Int.self
            )
            #expect(noticesAfter == noticesBefore && mailAfter == mailBefore)
            if sql.dialect.name == "sqlite" {
                // No hidden row number to sort by.
                await #expect(throws: (any Error).self) {
                    try await sql.raw("SELECT rowid FROM decision_ballots").all()
                }
            } else {
                // Every ballot was written in the last vote's transaction, in the order of the random ids.
                let xmins = try await sql.raw(
                    "SELECT COUNT(DISTINCT xmin::text) AS n FROM decision_ballots WHERE decision_id = \(bind: id)"
                ).first()?.decode(column: "n", as: Int.self)
                #expect(xmins == 1)
                let physical = try await sql.raw(
                    "SELECT id FROM decision_ballots WHERE decision_id = \(bind: id) ORDER BY ctid"
                ).all().map { try $0.decode(column: "id", as: String.self) }
                #expect(physical == stored.sorted())
            }
        }
    }

    @Test func trackersAndTheBoardExistOnlyInLargeElectorates() async throws {
        try await withApp(mail: false) { app in
            // setup: 19 members and the organizer make 20 voters; a second circle of 3
            var big = try await decisionCircle(app, members: 19)
            let id = try await openDecision(
                app,
                &big.olive,
                in: big.slug,
                [("kind", "approval"), ("options", "Tuesdays\nThursdays"), ("minChoices", "0"), ("maxChoices", "2")]
            )
            var olive2 = try await app.person("ola")
            let small = try await olive2.createGroup("Small Circle")
            let smallID = try await openDecision(app, &olive2, in: small)

            // act
            let cast = try await vote(&big.mona, on: id, [("option-1", "on")])
            let smallCast = try await vote(&olive2, on: smallID, [("position", "yes")])
            let boardEarly = try await big.mona.get("/decisions/\(id)/board")
            app.clock.advance(seconds: 2 * 86_400)
            let board = try await big.nia.get("/decisions/\(id)/board")
            let smallBoard = try await olive2.get("/decisions/\(smallID)/board")
            let strangerBoard = try await big.sam.get("/decisions/\(id)/board")

            // check: the tracker is shown once, in the answer to the vote, and found on the board after the close
            #expect(cast.status == .ok && cast.contains("Your vote is counted"))
            let tracker = try #require(cast.body.firstMatch(of: /<code class="tracker">([^<]+)<\/code>/)?.1)
            #expect(!(try await big.mona.get("/decisions/\(id)")).contains(String(tracker)))
            #expect(smallCast.status == .seeOther)
            #expect(
                boardEarly.status == .notFound && smallBoard.status == .notFound && strangerBoard.status == .notFound
            )
            #expect(board.status == .ok && board.contains("<code>\(tracker)</code></th><td>Thursdays</td>"))
        }
    }

    private func columns(of table: String, _ app: TestApp) async throws -> [String] {
        let sql = app.store.sql
        if sql.dialect.name == "sqlite" {
            return try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table)) ORDER BY cid").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        return try await sql.raw(
            """
            SELECT column_name FROM information_schema.columns WHERE table_name = \(bind: table) \
            ORDER BY ordinal_position
            """
        ).all().map { try $0.decode(column: "column_name", as: String.self) }
    }
}
