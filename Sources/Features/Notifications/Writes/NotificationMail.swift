import Foundation
import FreshgroundStore
import FreshgroundWeb
import Mail
import SQLKit

/// Notification mail: one message at once, or the daily digest. Subjects are fixed per kind and name nothing;
/// the body carries the notification and its full link. Every message is sent as list mail with a one-click
/// unsubscribe (RFC 8058) whose token belongs to the recipient and the kind (or, for a digest, to the digest).
struct NotificationMail {
    let services: AppServices

    /// A person mail can reach.
    struct Recipient: Decodable {
        let id: Int
        let email: String
        let displayName: String
        let handle: String
        let delivery: Delivery?

        var name: String { displayName.isEmpty ? handle : displayName }
    }

    /// Those of `people` with an email address who want `kind` by mail at once, by id.
    func recipientsAtOnce(
        _ people: [Int],
        kind: NotificationKind,
        on sql: any SQLDatabase
    ) async throws -> [Int:
        Recipient]
    {
        let rows = try await sql.raw(
            """
            SELECT p.id, p.email, p.display_name, p.handle, s.delivery FROM people p
            LEFT JOIN notification_settings s ON s.person_id = p.id AND s.kind = \(bind: kind.rawValue)
            WHERE p.id IN (\(binds: people)) AND p.email IS NOT NULL AND p.email <> ''
            """
        ).rows(Recipient.self)
        return Dictionary(rows.filter { ($0.delivery ?? .now) == .now }.map { ($0.id, $0) }) { first, _ in first }
    }

    /// Queues one notification's mail to `recipient` in the caller's transaction.
    func sendAtOnce(_ notice: Notice, to recipient: Recipient, on sql: any SQLDatabase) async throws {
        let token = try await NotificationSettings(services: services)
            .unsubscribeToken(person: recipient.id, scope: notice.kind.rawValue, on: sql)
        var text = notice.title + "\n\n"
        if !notice.body.isEmpty { text += notice.body + "\n\n" }
        text += "Open it: \(services.site.base)\(notice.path)\n"
        try await send(
            to: recipient,
            subject: notice.kind.subject,
            text: text,
            why: "you chose to hear of “\(notice.kind.label)” by email at once",
            list: (notice.kind.label, notice.kind.rawValue.replacingOccurrences(of: "_", with: "-")),
            token: token,
            on: sql
        )
    }

    /// Queues a message with the list headers, the reason it was sent and the links to the settings and to stop.
    func send(
        to recipient: Recipient,
        subject: String,
        text: String,
        why: String,
        list: (name: String, id: String),
        token: String,
        on sql: any SQLDatabase
    ) async throws {
        let base = services.site.base
        let host = URL(string: base)?.host ?? "localhost"
        let unsubscribe = base + NotificationPaths.unsubscribe(token)
        let message = MailMessage(
            to: recipient.email,
            toName: recipient.name,
            subject: subject,
            body: """
                \(text)
                --
                You get this from \(services.site.name) because \(why).
                Choose how you hear of each kind: \(base)\(NotificationPaths.settings())
                To stop these emails: \(unsubscribe)
                """,
            list: MailingList(
                name: "\(services.site.name): \(list.name)",
                id: "notifications-\(list.id).\(host)",
                unsubscribeURL: unsubscribe
            )
        )
        try await services.outbox.enqueue(message, on: sql)
    }
}
