import Foundation
import FreshgroundCore
import FreshgroundStore
import SQLKit

/// The decisions demo, in the first group demo1 belongs to: a closed secret election of a five-seat editorial
/// board by Scottish STV among eight candidates (every member voted) with a dissent statement, an open motion still
/// running with a few named votes, and a closed Schulze ranking of meeting places. Rows look as `DecisionWrites` and
/// `Ballots` write them; ballots carry random trackers.
extension DemoData {
    func writeDecisions(_ size: Size) async throws {
        guard
            let group = try await sql.raw(
                """
                SELECT m.group_id AS id FROM memberships m JOIN people p ON p.id = m.person_id \
                WHERE p.handle = 'demo1' AND m.status = 'active' ORDER BY m.group_id LIMIT 1
                """
            ).value("id", as: Int.self)
        else { return }
        let members = try await sql.raw(
            "SELECT person_id FROM memberships WHERE group_id = \(bind: group) AND status = 'active' ORDER BY person_id"
        ).column("person_id", as: Int.self)
        guard let organizer = members.first else { return }
        let candidates = ["Ada", "Bea", "Cal", "Dev", "Eli", "Fen", "Gus", "Hal"].map { "\($0) \(DemoWords.cities[0])" }
        var election = DecisionSpec(kind: .ranked, options: candidates)
        election.seats = 5
        let closed = try await decision(
            group: group,
            title: "Elect the editorial board",
            body: "Five seats for a year. Rank as many candidates as you like.",
            spec: election,
            secret: true,
            opens: now.addingTimeInterval(-10 * 86_400),
            closes: now.addingTimeInterval(-3 * 86_400),
            by: organizer
        )
        var random = SystemRandomNumberGenerator()
        var ballots: [[any Encodable & Sendable]] = []
        for index in members.indices {
            // Popular candidates first more often; each voter ranks three to eight.
            let keys = candidates.indices.map { $0 + Int.random(in: 0...4, using: &random) }
            let order = candidates.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
            let length = 3 + index % 6
            var marks = Array(repeating: 0, count: candidates.count)
            for (rank, candidate) in order.prefix(length).enumerated() { marks[candidate] = rank + 1 }
            ballots.append([closed, Self.tracker(&random), DecisionBallot(marks: marks).encoded, 1, ""])
        }
        try await electorate(closed, members, voted: true)
        try await batched("decision_ballots", ["decision_id", "id", "marks", "weight", "reason"], ballots)
        try await writeDissent(on: closed, members: members)
        let motion = try await decision(
            group: group,
            title: "Join the regional tenants' march",
            body: "We bring our banner and a contingent of at least twenty.",
            spec: DecisionSpec(kind: .motion, options: []),
            secret: false,
            opens: now.addingTimeInterval(-86_400),
            closes: now.addingTimeInterval(6 * 86_400),
            by: organizer
        )
        let voters = Array(members.dropFirst().prefix(5))
        try await electorate(motion, members, voted: false)
        for (index, person) in voters.enumerated() {
            try await sql.update("decision_electorate").set("voted", to: true).where("decision_id", .equal, motion)
                .where("person_id", .equal, person).run()
            try await sql.insert(into: "decision_votes")
                .columns("decision_id", "person_id", "acting_id", "marks", "weight", "reason")
                .values(
                    SQLBind(motion),
                    SQLBind(person),
                    SQLBind(person),
                    SQLBind(index == 3 ? "-1" : "1"),
                    SQLBind(1),
                    SQLBind(index == 3 ? "We have a strike ballot that week." : "")
                ).run()
        }
        try await writeSchulze(group: group, members: members, by: organizer)
    }

    /// A dissent statement on the election by a member, with another member's co-signature.
    private func writeDissent(on election: Int, members: [Int]) async throws {
        guard members.count >= 3 else { return }
        let dissent = try await sql.insertReturningID(
            into: "dissents",
            [
                "decision_id": election, "author_id": members[members.count - 1],
                "body": "Five seats for one trend of the center is not accountability.",
                "created_at": now.addingTimeInterval(-2 * 86_400),
            ]
        )
        try await batched(
            "dissent_signatures",
            ["dissent_id", "person_id", "signed_at"],
            [[dissent, members[members.count - 2], now]]
        )
    }

    /// A closed secret Schulze ranking of three meeting places, every member voting, ballots in tracker order.
    private func writeSchulze(group: Int, members: [Int], by organizer: Int) async throws {
        let ranking = try await decision(
            group: group,
            title: "Where the assembly meets",
            body: "Rank the places; the Schulze method decides.",
            spec: DecisionSpec(kind: .schulze, options: ["Community hall", "Library", "Park"]),
            secret: true,
            opens: now.addingTimeInterval(-5 * 86_400),
            closes: now.addingTimeInterval(-2 * 86_400),
            by: organizer
        )
        let patterns = [[1, 2, 3], [2, 1, 3], [3, 1, 2], [1, 3, 2], [2, 3, 1], [1, 2, 0]]
        var random = SystemRandomNumberGenerator()
        let ballots = members.indices.map { (Self.tracker(&random), patterns[$0 % patterns.count]) }
            .sorted { $0.0 < $1.0 }
        try await electorate(ranking, members, voted: true)
        try await batched(
            "decision_ballots",
            ["decision_id", "id", "marks", "weight", "reason"],
            ballots.map { [ranking, $0.0, DecisionBallot(marks: $0.1).encoded, 1, ""] }
        )
    }

    private func decision(
        group: Int,
        title: String,
        body: String,
        spec: DecisionSpec,
        secret: Bool,
        opens: Date,
        closes: Date,
        by organizer: Int
    ) async throws -> Int {
        try await sql.insertReturningID(
            into: "decisions",
            [
                "group_id": group, "title": title, "body": body, "kind": spec.kind.rawValue,
                "spec": String(decoding: try JSONEncoder().encode(spec), as: UTF8.self), "secret": secret,
                "results_hidden": secret, "reasons": "optional", "zone": "Europe/London", "opens_at": opens,
                "closes_at": closes, "created_by": organizer, "created_at": opens, "electorate": "members",
                "origin_path": "", "origin_label": "",
            ]
        )
    }

    private func electorate(_ decision: Int, _ people: [Int], voted: Bool) async throws {
        try await batched(
            "decision_electorate",
            ["decision_id", "person_id", "voted"],
            people.map { [decision, $0, voted] }
        )
    }

    /// A ballot tracker as `Ballots` makes them: 8 random bytes, URL-safe base64.
    private static func tracker(_ random: inout SystemRandomNumberGenerator) -> String {
        let bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
