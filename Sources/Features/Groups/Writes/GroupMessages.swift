import Foundation
import FreshgroundStore
import FreshgroundWeb
import Notifications
import SQLKit

/// A message to a group's organizers as they read it: who wrote (name and handle, never an address) and what.
package struct GroupMessage: Sendable, Decodable {
    package let id: Int
    package let subject: String
    package let body: String
    package let createdAt: Date
    package let senderHandle: String
    package let senderName: String

    package var senderShown: String { senderName.isEmpty ? "@\(senderHandle)" : "\(senderName) (@\(senderHandle))" }
}

/// Writing to a group's organizers and their reply. A message is delivered as a notification (and mail to those who
/// want it), so neither side learns the other's email address. Anyone signed in who may see the group may write;
/// every sender has `perHour` messages and replies an hour, so organizers cannot be flooded.
package struct GroupMessages: Sendable {
    package static let perHour = 5
    package static let subjectMax = 150
    package static let bodyMax = 5_000
    static let window: TimeInterval = 3600
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Sends a message to the organizers of `group`, which the sender may see (the caller read it for them); returns
    /// its id. Refused input, and the rate limit, are `AppError.validation`, so the form keeps the text.
    @discardableResult
    package func send(to group: Group, subject: String, body: String, by person: CurrentPerson) async throws -> Int {
        let (subject, body) = try validated(subject: subject, body: body, needsSubject: true)
        try await checkRate(person)
        let organizers = try await GroupAccess(sql).organizerIDs(of: group.id)
        guard organizers.contains(where: { $0 != person.id }) else {
            throw AppError.validation([
                FieldSet.formMessage: "You are the only organizer of \(group.name): there is nobody else to write to."
            ])
        }
        let now = services.clock()
        let id = try await services.store.transaction { sql in
            let id = try await sql.insertReturningID(
                into: "group_messages",
                [
                    "group_id": group.id, "sender_id": person.id, "subject": subject, "body": body,
                    "created_at": now,
                ]
            )
            try await Notifications.notify(
                try await GroupAccess(sql).organizerIDs(of: group.id),
                Notice(
                    kind: .message,
                    title: "Message from \(person.shownName) to \(group.name)",
                    body: "\(subject)\n\n\(body)",
                    path: GroupPaths.message(group.slug, id)
                ),
                except: person.id,
                services: services,
                on: sql
            )
            return id
        }
        services.deliverMailSoon()
        return id
    }

    /// A message to `group`, for its organizers only (anyone else: not found).
    package func message(_ id: Int, of group: Group, standing: Standing) async throws -> GroupMessage {
        guard GroupRules.canManage(standing),
            let message = try await sql.raw(
                """
                SELECT m.id, m.subject, m.body, m.created_at, p.handle AS sender_handle, p.display_name AS sender_name
                FROM group_messages m JOIN people p ON p.id = m.sender_id
                WHERE m.id = \(bind: id) AND m.group_id = \(bind: group.id) AND m.recipient_id IS NULL
                """
            ).row(GroupMessage.self)
        else { throw AppError.notFound }
        return message
    }

    /// An organizer answers a message: the writer is told (as a notification from "the organizers", naming none of
    /// them) and can write again through the contact form.
    package func reply(
        to id: Int,
        of group: Group,
        standing: Standing,
        body: String,
        by person: CurrentPerson
    ) async throws {
        let original = try await message(id, of: group, standing: standing)
        let (_, body) = try validated(subject: "", body: body, needsSubject: false)
        try await checkRate(person)
        let now = services.clock()
        let subject = String("Re: \(original.subject)".prefix(Self.subjectMax))
        try await services.store.transaction { sql in
            guard
                let sender = try await sql.select().column("sender_id").from("group_messages")
                    .where("id", .equal, id).value("sender_id", as: Int.self)
            else { throw AppError.notFound }
            _ = try await sql.insertReturningID(
                into: "group_messages",
                [
                    "group_id": group.id, "sender_id": person.id, "recipient_id": sender, "subject": subject,
                    "body": body, "created_at": now,
                ]
            )
            try await Notifications.notify(
                [sender],
                Notice(
                    kind: .message,
                    title: "Reply from the organizers of \(group.name)",
                    body: "\(subject)\n\n\(body)",
                    path: GroupPaths.contact(group.slug)
                ),
                except: person.id,
                services: services,
                on: sql
            )
        }
        services.deliverMailSoon()
    }

    private func validated(subject: String, body: String, needsSubject: Bool) throws -> (String, String) {
        var errors: [String: String] = [:]
        let subject = FieldRules.line(
            subject,
            "subject",
            needsSubject ? "Give your message a subject." : nil,
            max: Self.subjectMax,
            &errors
        )
        let body = FieldRules.text(body, "body", max: Self.bodyMax, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if body.isEmpty && errors["body"] == nil { errors["body"] = "Write your message." }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return (subject, body)
    }

    /// Refuses a sender who has sent `perHour` messages or replies within the last hour, saying when they can send
    /// again.
    private func checkRate(_ person: CurrentPerson) async throws {
        let now = services.clock()
        let recent = try await sql.select().column("created_at").from("group_messages")
            .where("sender_id", .equal, person.id).where(
                "created_at",
                .greaterThan,
                now.addingTimeInterval(-Self.window)
            )
            .orderBy("created_at").column("created_at", as: Date.self)
        guard recent.count >= Self.perHour, let oldest = recent.first else { return }
        let minutes = max(1, Int((oldest.addingTimeInterval(Self.window).timeIntervalSince(now) / 60).rounded(.up)))
        throw AppError.validation([
            FieldSet.formMessage:
                "You have sent \(Self.perHour) messages in the last hour, the most we allow so that organizers are "
                + "not flooded. Try again in \(minutes) minute\(minutes == 1 ? "" : "s"); your text is kept below."
        ])
    }
}
