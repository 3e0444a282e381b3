import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Mail about shifts, through the outbox: a day before, a reminder to everyone holding a place (confirm, or cancel
/// to free it); an hour after it ends, a question (did it happen, how was it). Each goes once, claimed in the same
/// transaction that queues it. Nobody on a pause gets either.
package struct ShiftReminders: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Queues the reminders and follow-ups due at `now`; returns how many.
    package func sendDue(now: Date) async throws -> Int {
        let today = IsoDay.format(IsoDay.day(of: now))
        let before = try await due(
            "a.reminded_at IS NULL AND w.starts_at > \(bind: now) AND w.starts_at <= \(bind: now.addingTimeInterval(86_400))",
            today: today
        )
        let after = try await due(
            """
            a.followed_up_at IS NULL AND w.ends_at <= \(bind: now.addingTimeInterval(-3_600)) \
            AND w.ends_at > \(bind: now.addingTimeInterval(-7 * 86_400))
            """,
            today: today
        )
        var sent = 0
        for row in before where try await send(row, column: "reminded_at", now: now, reminder: true) { sent += 1 }
        for row in after where try await send(row, column: "followed_up_at", now: now, reminder: false) { sent += 1 }
        if sent > 0 { services.deliverMailSoon() }
        return sent
    }

    private func due(_ condition: SQLQueryString, today: String) async throws -> [Due] {
        try await services.store.sql.raw(
            """
            SELECT a.id, w.title, w.starts_at, w.ends_at, w.zone, p.email, COALESCE(p.display_name, '') AS display_name, p.handle \
            FROM volunteer_assignments a JOIN volunteer_work w ON w.id = a.work_id JOIN people p ON p.id = a.person_id \
            WHERE w.kind = 'shift' AND a.state = 'accepted' AND \(condition) AND NOT EXISTS (SELECT 1 FROM \
            volunteer_pauses s WHERE s.person_id = a.person_id AND s.until_on > \(bind: today)) \
            ORDER BY w.starts_at, a.id LIMIT 1000
            """
        ).rows(Due.self)
    }

    private func send(_ row: Due, column: StaticString, now: Date, reminder: Bool) async throws -> Bool {
        guard let email = row.email, !email.isEmpty else { return false }
        let base = services.site.base
        let when =
            "\(ZonedTime.display(row.startsAt, zone: row.zone)) to \(ZonedTime.time(row.endsAt, zone: row.zone))"
        let name = row.displayName.isEmpty ? row.handle : row.displayName
        return try await services.store.transaction { sql -> Bool in
            let claimed = try await sql.raw(
                """
                UPDATE volunteer_assignments SET \(unsafeRaw: column.description) = \(bind: now) \
                WHERE id = \(bind: row.id) AND \(unsafeRaw: column.description) IS NULL RETURNING id
                """
            ).all()
            guard !claimed.isEmpty else { return false }
            let body =
                reminder
                ? """
                Hello \(name),

                A reminder of your shift: \(row.title), \(when).

                If you can no longer come, cancel so someone else can take the place:
                \(base)\(VolunteerPaths.cancel(row.id))
                """
                : """
                Hello \(name),

                Your shift "\(row.title)" (\(when)) has ended. Did it happen, and how was it? Two clicks:
                \(base)\(VolunteerPaths.followUp(row.id))
                """
            try await services.queueMail(
                to: email,
                name: name,
                subject: reminder ? "Reminder: \(row.title)" : "How was it? \(row.title)",
                body: body,
                signaturePath: VolunteerPaths.mine(),
                on: sql
            )
            return true
        }
    }

    private struct Due: Decodable {
        let id: Int
        let title: String
        let startsAt: Date
        let endsAt: Date
        let zone: String
        let email: String?
        let displayName: String
        let handle: String
    }
}
