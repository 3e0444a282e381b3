import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// The daily digest: one mail to each person who gets some kinds in a digest, with their unread notifications of
/// those kinds not yet mailed, once the oldest of them is a day old. Each is marked mailed as it is claimed, so
/// none goes twice, and two mails to one person are at least a day apart.
struct NotificationDigest {
    let services: AppServices

    static let day: TimeInterval = 86_400
    /// Older notifications are left out (a person who turns the digest on is not mailed about last month).
    static let window: TimeInterval = 2 * day

    /// Queues the digests that are due at `now`; returns how many.
    func sendDue(now: Date) async throws -> Int {
        let due = try await services.store.sql.raw(
            """
            SELECT n.person_id AS id FROM notifications n
            JOIN notification_settings s ON s.person_id = n.person_id AND s.kind = n.kind
            JOIN people p ON p.id = n.person_id
            WHERE n.mailed_at IS NULL AND n.read_at IS NULL AND n.created_at >= \(bind: now - Self.window)
            AND s.delivery = \(bind: Delivery.digest.rawValue) AND p.email IS NOT NULL AND p.email <> ''
            GROUP BY n.person_id HAVING MIN(n.created_at) <= \(bind: now - Self.day)
            """
        ).rows(PersonRow.self)
        var sent = 0
        for person in due {
            let id = person.id
            if try await services.store.transaction({ sql in try await send(to: id, now: now, on: sql) }) { sent += 1 }
        }
        if sent > 0 { services.deliverMailSoon() }
        return sent
    }

    /// Claims the person's notifications for the digest and queues it, in one transaction; false when another
    /// process claimed them first.
    private func send(to person: Int, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        let claimed = try await sql.raw(
            """
            UPDATE notifications SET mailed_at = \(bind: now)
            WHERE person_id = \(bind: person) AND mailed_at IS NULL AND read_at IS NULL
            AND created_at >= \(bind: now - Self.window)
            AND kind IN (SELECT kind FROM notification_settings WHERE person_id = \(bind: person)
            AND delivery = \(bind: Delivery.digest.rawValue))
            RETURNING id
            """
        ).rows(PersonRow.self).map(\.id)
        guard !claimed.isEmpty,
            let recipient = try await sql.raw(
                """
                SELECT id, email, display_name, handle, NULL AS delivery FROM people
                WHERE id = \(bind: person) AND email IS NOT NULL
                """
            ).row(NotificationMail.Recipient.self)
        else { return false }
        let items = try await sql.select()
            .columns("id", "kind", "title", "body", "path", "created_at", "read_at").from("notifications")
            .where("id", .in, claimed).orderBy("created_at").orderBy("id").rows(NotificationItem.self)
        let base = services.site.base
        let list = items.map { item in
            var entry = "- \(item.title)\n"
            if !item.body.isEmpty {
                entry +=
                    item.body.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  \($0)" }.joined(separator: "\n") + "\n"
            }
            return entry + "  \(base)\(item.path)\n"
        }
        let kinds = Set(items.map(\.kind))
        let labels = NotificationKind.allCases.filter(kinds.contains).map { "“\($0.label)”" }
        let token = try await NotificationSettings(services: services)
            .unsubscribeToken(person: person, scope: NotificationSettings.digestScope, on: sql)
        try await NotificationMail(services: services).send(
            to: recipient,
            subject: "Your notifications of the day",
            text: """
                \(items.count == 1 ? "One new notification" : "\(items.count) new notifications") for you:

                \(list.joined(separator: "\n"))
                All your notifications: \(base)\(NotificationPaths.notifications())

                """,
            why: "you chose to get \(labels.joined(separator: ", ")) in a daily digest",
            list: ("Daily digest", "digest"),
            token: token,
            on: sql
        )
        return true
    }
}

/// A person's id (or a claimed notification's).
private struct PersonRow: Decodable {
    let id: Int
}
