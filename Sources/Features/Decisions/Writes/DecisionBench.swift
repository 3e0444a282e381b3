import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Mail
import SQLKit

/// `freshground bench cast`: many members casting a secret ballot at the same moment, on a migrated throwaway
/// database. On PostgreSQL every vote rewrites the decision's ballots (`Ballots.store`), so this is where that cost
/// shows.
package enum DecisionBench {
    /// Writes a group of `voters` members straight into the store, opens a secret motion through `DecisionWrites`
    /// (so the electorate is the real one), has every member cast through `Ballots.cast` at once, and counts.
    /// With `atOnce`, at most that many votes are in flight (each next one starts as one ends), as behind a server
    /// that takes only so many requests at a time. Returns lines of figures, then the checks.
    package static func cast(voters: Int, atOnce: Int? = nil, services: AppServices) async throws -> [String] {
        let sql = services.store.sql
        let now = services.clock()
        // One statement for all the members' accounts: voter0, voter1, …
        try await sql.raw(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < \(bind: voters)) \
            INSERT INTO people (handle, email, display_name, password_hash, is_admin, created_at) \
            SELECT 'voter' || i, 'voter' || i || '@bench.example', 'Voter ' || i, '-', \(bind: false), \(bind: now) \
            FROM n
            """
        ).run()
        let groupID = try await BenchAssembly.create(membersNamed: "voter", now: now, on: sql)
        let people = try await sql.raw("SELECT id FROM people WHERE handle LIKE 'voter%' ORDER BY id")
            .column("id", as: Int.self)
        guard people.count == voters, let group = try await GroupQueries(services: services).group(id: groupID) else {
            throw AppError.validation([FieldSet.formMessage: "The benchmark's members were not written."])
        }
        let persons = people.enumerated().map {
            CurrentPerson(
                id: $0.element,
                handle: "voter\($0.offset)",
                displayName: "Voter \($0.offset)",
                isAdmin: false
            )
        }
        var input = DecisionInput()
        input.title = "Benchmark motion"
        input.kind = DecisionKind.motion.rawValue
        input.secret = true
        input.closesAt = Self.minute(now.addingTimeInterval(86_400))
        let id = try await DecisionWrites(services: services).create(
            in: group,
            standing: Standing(personID: persons[0].id, role: .organizer, status: .active),
            input: input,
            by: persons[0]
        )
        let (decision, _, first) = try await DecisionQueries(services: services).decision(id, viewer: persons[0])
        guard first.entitled, !first.voted else {
            throw AppError.validation([FieldSet.formMessage: "The organizer is not in the electorate."])
        }
        // Opening the vote queued a notice to each voter and started sending them: send what is left here, so
        // that the delivery does not write beside the votes.
        _ = try await services.outbox.deliverDue()
        try await Task.sleep(for: .milliseconds(200))
        let ballots = Ballots(services: services)
        let clock = ContinuousClock()
        let started = clock.now
        @Sendable func vote(_ index: Int, _ person: CurrentPerson) async -> (Duration, String?) {
            let standing = DecisionStanding(
                group: Standing(personID: person.id, role: index == 0 ? .organizer : .member, status: .active),
                entitled: true,
                voted: false
            )
            let choice = [MotionChoice.yes, .no, .abstain][index % 3]
            let begun = clock.now
            do {
                _ = try await ballots.cast(
                    decision,
                    standing: standing,
                    ballot: DecisionBallot(marks: [choice.rawValue]),
                    reason: "",
                    entitled: voters,
                    by: person
                )
                return (clock.now - begun, nil)
            } catch {
                return (clock.now - begun, String(describing: error))
            }
        }
        let results = await withTaskGroup(of: (Duration, String?).self) { tasks in
            var waiting = persons.enumerated().makeIterator()
            for _ in 0..<min(atOnce ?? voters, voters) {
                if let (index, person) = waiting.next() { tasks.addTask { await vote(index, person) } }
            }
            var results: [(Duration, String?)] = []
            for await result in tasks {
                results.append(result)
                if let (index, person) = waiting.next() { tasks.addTask { await vote(index, person) } }
            }
            return results
        }
        let total = clock.now - started
        let latencies = results.map(\.0).sorted()
        let failures = results.compactMap(\.1)
        let seconds = Self.seconds(total)
        var lines = [
            "cast: database=\(sql.dialect.name) voters=\(voters) at_once=\(min(atOnce ?? voters, voters)) total_s=\(Self.two(seconds)) "
                + "ballots_per_s=\(Self.two(Double(voters - failures.count) / max(seconds, 1e-9))) "
                + "latency_ms p50=\(Self.two(Self.milliseconds(latencies[latencies.count / 2]))) "
                + "p95=\(Self.two(Self.milliseconds(latencies[min(latencies.count - 1, latencies.count * 95 / 100)]))) "
                + "max=\(Self.two(Self.milliseconds(latencies[latencies.count - 1]))) failed=\(failures.count)"
        ]
        if let failure = failures.first { lines.append("first failure: \(failure.prefix(300))") }
        let countStart = clock.now
        let outcome = try await DecisionCount(services: services).outcome(of: decision, entitled: voters)
        let countTime = clock.now - countStart
        lines.append(
            "count: ballots=\(outcome.voters) time_ms=\(Self.two(Self.milliseconds(countTime))) "
                + "totals=\(outcome.totals.first ?? []) (yes, no, abstain) passed=\(outcome.passed ?? false)"
        )
        lines.append(try await checks(of: decision, voters: voters, services: services))
        return lines
    }

    /// The stored ballots and the electorate after the votes; on PostgreSQL also that the rewrite left no trace
    /// of the order of voting (one transaction id on every ballot, storage order the order of the random ids).
    private static func checks(of decision: Decision, voters: Int, services: AppServices) async throws -> String {
        let sql = services.store.sql
        let stored =
            try await sql.raw("SELECT COUNT(*) AS n FROM decision_ballots WHERE decision_id = \(bind: decision.id)")
            .value("n", as: Int.self) ?? 0
        let turnout = try await DecisionQueries(services: services).turnout(of: decision)
        var checks = [
            "ballots=\(stored) (\(stored == voters ? "ok" : "WRONG"))",
            "electorate_voted=\(turnout.voted) of \(turnout.entitled) (\(turnout.voted == voters ? "ok" : "WRONG"))",
        ]
        if sql.dialect.name != "sqlite" {
            let transactions =
                try await sql.raw(
                    "SELECT COUNT(DISTINCT xmin::text) AS n FROM decision_ballots WHERE decision_id = \(bind: decision.id)"
                ).value("n", as: Int.self) ?? 0
            let storage = try await sql.raw(
                "SELECT id FROM decision_ballots WHERE decision_id = \(bind: decision.id) ORDER BY ctid"
            )
            .column("id", as: String.self)
            checks.append("distinct_xmin=\(transactions) (\(transactions == 1 ? "ok" : "WRONG"))")
            checks.append("ctid_order_is_id_order=\(storage == storage.sorted() ? "ok" : "WRONG")")
        }
        return "checks: " + checks.joined(separator: " ")
    }

    /// A time as a closing field takes it, in UTC: 2026-12-04T08:30.
    private static func minute(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d",
            parts.year ?? 0,
            parts.month ?? 0,
            parts.day ?? 0,
            parts.hour ?? 0,
            parts.minute ?? 0
        )
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1_000 }

    private static func two(_ value: Double) -> String { String(format: "%.2f", value) }
}
