import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Logging
import Mail
import SQLKit
import Study

/// The study series' benchmarks (`freshground bench …`, run by `scripts/bench-study`): forming breakouts for a
/// large session against a long randomized search, and sending a report to a large list through an SMTP server.
package enum StudyBench {
    /// A session of `people` from `groups` groups (some in two), whose groups affiliate with eight centers,
    /// with newcomers, people online and pairs who met in two earlier sessions.
    package static func session(people: Int, size: Int, groups: Int, seed: UInt64) -> Breakouts.Request {
        var random = Breakouts.Random(seed: seed)
        let persons = (0..<people).map { id -> Breakouts.Person in
            var member: Set<Int> = [random.next(groups)]
            if random.next(4) == 0 { member.insert(random.next(groups)) }
            return Breakouts.Person(
                id: id,
                groups: member,
                currents: Set(member.map { $0 % 8 }),
                isNewcomer: random.next(100) < 15,
                isOnline: random.next(100) < 12
            )
        }
        var met = Set<Breakouts.Pair>()
        for earlier in [seed &+ 101, seed &+ 102] {
            let plan = Breakouts.form(
                Breakouts.Request(people: persons, size: size, keepOnlineTogether: true, metBefore: [], seed: earlier)
            )
            for room in plan.groups {
                for (i, a) in room.enumerated() { for b in room[(i + 1)...] { met.insert(Breakouts.Pair(a, b)) } }
            }
        }
        return Breakouts.Request(people: persons, size: size, keepOnlineTogether: true, metBefore: met, seed: seed)
    }

    /// Times `Breakouts.form` (median of five) and compares it with `searchSeconds` of annealing and other seeds.
    package static func breakouts(people: Int, size: Int, groups: Int, searchSeconds: Double, seed: UInt64) -> [String]
    {
        let request = session(people: people, size: size, groups: groups, seed: seed)
        let clock = ContinuousClock()
        var times: [Duration] = []
        var plan = Breakouts.form(request)
        for _ in 0..<5 {
            let start = clock.now
            plan = Breakouts.form(request)
            times.append(clock.now - start)
        }
        let median = times.sorted()[2]
        let milliseconds = Double(median.components.seconds) * 1_000 + Double(median.components.attoseconds) / 1e15
        var best = plan
        var runs = 0
        let deadline = clock.now.advanced(by: .milliseconds(Int(searchSeconds * 1_000)))
        var next = seed &+ 1_000
        while clock.now < deadline {
            next &+= 1
            let other = Breakouts.form(
                Breakouts.Request(
                    people: request.people,
                    size: size,
                    keepOnlineTogether: true,
                    metBefore: request.metBefore,
                    seed: next
                )
            )
            let searched = Breakouts.anneal(request, from: other, steps: 400_000, temperature: 2, seed: next)
            runs += 1
            if searched.cost < best.cost { best = searched }
        }
        let gap = (plan.cost - best.cost) / max(best.cost, 1e-9) * 100
        let scoreGap = Double(best.mixingScore - plan.mixingScore) / Double(max(best.mixingScore, 1)) * 100
        return [
            "breakouts: people=\(people) size=\(size) groups=\(groups) breakouts=\(plan.groups.count) "
                + "time_ms=\(format(milliseconds)) (median of 5) cost=\(format(plan.cost)) score=\(plan.mixingScore)",
            "search: seconds=\(format(searchSeconds)) runs=\(runs) (another seed, then 400,000 annealing steps) "
                + "best_cost=\(format(best.cost)) best_score=\(best.mixingScore)",
            "gap: mixing score \(plan.mixingScore) vs \(best.mixingScore), \(format(scoreGap))% below the search's best "
                + "(target within 2%: \(scoreGap <= 2 ? "met" : "missed")); cost \(format(gap))% above it; "
                + "time target 1000 ms \(milliseconds < 1_000 ? "met" : "missed")",
        ]
    }

    /// Writes a series with `recipients` participants into a fresh SQLite file in `directory`, writes a session
    /// report that goes to all of them, and sends it through the SMTP server at `smtp`, timing each part.
    package static func mail(recipients: Int, smtp: String, directory: String) async throws -> [String] {
        let path = "\(directory)/bench-mail-\(UUID().uuidString).sqlite"
        var logger = Logger(label: "freshground.bench")
        logger.logLevel = .warning
        let store = try Store(url: try DatabaseURL(parsing: "sqlite:\(path)"), logger: logger)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let lines = try await mail(recipients: recipients, smtp: smtp, store: store)
            await store.shutdown()
            return lines
        } catch {
            await store.shutdown()
            throw error
        }
    }

    private static func mail(recipients: Int, smtp: String, store: Store) async throws -> [String] {
        try await store.tuneConnections()
        try await store.migrate(allMigrations)
        guard let settings = SMTPSettings(url: smtp, from: "bench@freshground.test") else {
            throw StudyBenchError("Give the SMTP server as smtp://HOST:PORT.")
        }
        let services = AppServices(
            store: store,
            clock: { Date() },
            site: SiteSettings(name: "Freshground", url: "http://127.0.0.1:8080"),
            passwordCost: 4,
            mailer: SMTPMailer(settings: settings, messageIDDomain: "freshground.test")
        )
        let sql = store.sql
        let now = Date()
        let rows: [[any Encodable & Sendable]] = (0...recipients).map {
            ["bench\($0)", "bench\($0)@bench.example", "Reader \($0)", "-", false, now]
        }
        for start in stride(from: 0, to: rows.count, by: 2_000) {
            try await sql.insertRows(
                into: "people",
                columns: ["handle", "email", "display_name", "password_hash", "is_admin", "created_at"],
                rows: Array(rows[start..<min(start + 2_000, rows.count)])
            )
        }
        let organizer = try await sql.insertReturningID(
            into: "groups",
            [
                "slug": "bench-circle", "name": "Bench Circle", "kind": "circle", "description": "",
                "place_kind": "city",
                "city": "Leeds", "city_key": "leeds", "place_name": "", "visibility": "public", "join_policy": "open",
                "members_visible": false, "basis": "", "basis_version": 1, "created_at": now,
            ]
        )
        try await sql.raw(
            """
            INSERT INTO memberships (group_id, person_id, role, status, created_at)
            SELECT \(bind: organizer), id, 'organizer', 'active', \(bind: now) FROM people WHERE handle = 'bench0'
            """
        ).run()
        let series = try await sql.insertReturningID(
            into: "study_series",
            [
                "title": "Benchmark series", "description": "", "enrollment": "open",
                "reading_kinds": "critical review",
                "agenda": "90 Discussion", "publish_reports": false, "created_at": now,
            ]
        )
        try await sql.raw(
            """
            INSERT INTO study_organizers (series_id, group_id, status, created_at)
            VALUES (\(bind: series), \(bind: organizer), 'lead', \(bind: now))
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO study_enrollments (series_id, person_id, status, newcomer, online, subscribed, digest,
            unsubscribe_token, created_at)
            SELECT \(bind: series), id, 'enrolled', \(bind: false), \(bind: false), \(bind: true), \(bind: false),
            'bench-token-' || id, \(bind: now) FROM people WHERE handle <> 'bench0'
            """
        ).run()
        _ = try await sql.insertReturningID(
            into: "study_weeks",
            ["series_id": series, "position": 1, "topic": "Week one", "introduction": "", "questions": ""]
        )
        let person = CurrentPerson(id: 1, handle: "bench0", displayName: "Reader 0", isAdmin: false)
        let clock = ContinuousClock()
        let queueStart = clock.now
        let queued = try await SessionReports(services: services).write(
            series,
            1,
            ReportInput(report: "We read and we argued.\n\nThe report, to every participant.", send: true),
            by: person
        )
        let queueTime = clock.now - queueStart
        // Writing the report started the background delivery, as in the server: wait for the queue to empty,
        // nudging it only if it stalls.
        let sendStart = clock.now
        var lastUnsent = -1
        var stalledSince = clock.now
        while true {
            let unsent =
                try await sql.raw(
                    "SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL AND attempts < \(bind: Outbox.maxAttempts)"
                ).value("n", as: Int.self) ?? 0
            if unsent == 0 { break }
            if unsent != lastUnsent {
                lastUnsent = unsent
                stalledSince = clock.now
            } else if clock.now - stalledSince > .seconds(10) {
                _ = try await services.outbox.deliverDue()
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let sendTime = clock.now - sendStart
        let sent =
            try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NOT NULL").value(
                "n",
                as: Int.self
            )
            ?? 0
        let failed =
            try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL").value("n", as: Int.self)
            ?? 0
        let seconds = Double(sendTime.components.seconds) + Double(sendTime.components.attoseconds) / 1e18
        let queueMS = Double(queueTime.components.seconds) * 1_000 + Double(queueTime.components.attoseconds) / 1e15
        return [
            "mail: recipients=\(queued) queue_ms=\(format(queueMS)) send_s=\(format(seconds)) "
                + "per_second=\(format(Double(sent) / max(seconds, 1e-9))) sent=\(sent) unsent=\(failed) "
                + "connections_at_once=\(Outbox.connections)"
        ]
    }

    /// Two decimals, such as 351.27.
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths) % 100
        return "\(hundredths < 0 ? "-" : "")\(abs(hundredths) / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

package struct StudyBenchError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}
