import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Mail
import SQLKit

/// The emails about RSVPs. Each is put in the outbox inside the transaction that makes the change, so a
/// change and its email are kept or lost together; the outbox delivers them through the SMTP server.
struct RSVPMail {
    let services: AppServices

    private var site: String { services.site.url }

    func confirmLink(
        _ event: EventSummary,
        email: String,
        name: String,
        token: String,
        on sql: any SQLDatabase
    )
        async throws
    {
        try await send(
            to: email,
            name: name,
            subject: "Confirm your place: \(event.title)",
            body: """
                Hello \(name),

                Someone (we hope you) asked for a place at:

                \(Self.describe(event))

                To confirm, open this link and press the button:
                \(site)/rsvp/\(token)

                If this wasn't you, ignore this email: nothing happens until the link is used.
                """,
            on: sql
        )
    }

    func alreadyComing(_ event: EventSummary, email: String, name: String, on sql: any SQLDatabase) async throws {
        try await send(
            to: email,
            name: name,
            subject: "You already have a place: \(event.title)",
            body: """
                Hello \(name),

                Someone asked again for a place at \(event.title) with this address. You are already on the list; \
                the email that confirmed it has a link to cancel if your plans change.

                \(Self.describe(event))
                """,
            on: sql
        )
    }

    func confirmed(
        _ event: EventSummary,
        rsvp: Int,
        status: RSVPStatus,
        token: String?,
        on sql: any SQLDatabase
    )
        async throws
    {
        guard let (address, name) = try await recipient(rsvp, sql) else { return }
        let link = try await status == .going ? onlineLink(event.id, sql) : nil
        let cancel = token.map { "\n\nTo cancel, open \(site)/rsvp/\($0) and press Cancel." } ?? ""
        try await send(
            to: address,
            name: name,
            subject: status == .going ? "You're going: \(event.title)" : "You're on the wait list: \(event.title)",
            body: """
                Hello \(name),

                \(status == .going ? "Your place is confirmed." : "The event is full, so you are on the wait list. We will email you if a place frees up.")

                \(Self.describe(event))\(link.map { "\nJoin online: \($0)" } ?? "")\(cancel)
                """,
            on: sql
        )
    }

    func accountRSVP(
        _ event: EventSummary,
        person: CurrentPerson,
        status: RSVPStatus,
        on sql: any SQLDatabase
    )
        async throws
    {
        guard
            let rsvp = try await sql.select().column("id").from("rsvps").where("event_id", .equal, event.id)
                .where("person_id", .equal, person.id).value("id", as: Int.self)
        else { return }
        try await confirmed(event, rsvp: rsvp, status: status, token: nil, on: sql)
    }

    func offPlaceFreed(_ event: EventSummary, rsvp: Int, on sql: any SQLDatabase) async throws {
        guard let (address, name) = try await recipient(rsvp, sql) else { return }
        let link = try await onlineLink(event.id, sql)
        try await send(
            to: address,
            name: name,
            subject: "A place is yours: \(event.title)",
            body: """
                Hello \(name),

                Someone cancelled, and you were first on the wait list: you now have a place.

                \(Self.describe(event))\(link.map { "\nJoin online: \($0)" } ?? "")
                """,
            on: sql
        )
    }

    func cancelled(_ event: EventSummary, on sql: any SQLDatabase) async throws {
        try await tellEveryone(event, subject: "Cancelled: \(event.title)", "The hosts have cancelled this event:", sql)
    }

    func changed(_ event: EventSummary, on sql: any SQLDatabase) async throws {
        try await tellEveryone(
            event,
            subject: "Changed: \(event.title)",
            "The hosts have changed the time or place of this event. It is now:",
            sql
        )
    }

    private func tellEveryone(
        _ event: EventSummary,
        subject: String,
        _ lead: String,
        _ sql: any SQLDatabase
    )
        async throws
    {
        for (address, name) in try await recipients(event.id, sql) {
            try await send(
                to: address,
                name: name,
                subject: subject,
                body: """
                    Hello \(name),

                    \(lead)

                    \(Self.describe(event))
                    """,
                on: sql
            )
        }
    }

    /// Reminds everyone going to events that start within the next day, once each. Returns how many.
    func remindDue(now: Date) async throws -> Int {
        let sql = services.store.sql
        let rows = try await sql.raw(
            """
            SELECT r.id AS rsvp_id, e.id AS event_id FROM rsvps r JOIN events e ON e.id = r.event_id
            WHERE r.status = 'going' AND r.reminded_at IS NULL AND e.status = 'scheduled'
            AND e.starts_at > \(bind: now) AND e.starts_at <= \(bind: now.addingTimeInterval(86_400))
            ORDER BY e.starts_at LIMIT 1000
            """
        ).rows(DueRow.self)
        var sent = 0
        for row in rows {
            let rsvp = row.rsvpId
            guard let event = try await EventQueries(services: services).summary(row.eventId) else { continue }
            let didSend = try await services.store.transaction { sql -> Bool in
                let claimed = try await sql.raw(
                    "UPDATE rsvps SET reminded_at = \(bind: now) WHERE id = \(bind: rsvp) AND reminded_at IS NULL RETURNING id"
                ).all()
                guard !claimed.isEmpty, let (address, name) = try await recipient(rsvp, sql) else { return false }
                let link = try await onlineLink(event.id, sql)
                try await send(
                    to: address,
                    name: name,
                    subject: "Reminder: \(event.title)",
                    body: """
                        Hello \(name),

                        A reminder that you're going to:

                        \(Self.describe(event))\(link.map { "\nJoin online: \($0)" } ?? "")
                        """,
                    on: sql
                )
                return true
            }
            if didSend { sent += 1 }
        }
        if sent > 0 { services.deliverMailSoon() }
        return sent
    }

    static func describe(_ event: EventSummary) -> String {
        "\(event.title)\nWhen: \(event.whenLabel)\nWhere: \(event.whereLabel)"
    }

    private func send(
        to address: String,
        name: String,
        subject: String,
        body: String,
        on sql: any SQLDatabase
    ) async throws {
        try await services.queueMail(
            to: address,
            name: name,
            subject: subject,
            body: body,
            signaturePath: "/events",
            on: sql
        )
    }

    private func recipient(_ rsvp: Int, _ sql: any SQLDatabase) async throws -> (String, String)? {
        try await sql.raw(
            """
            SELECT COALESCE(r.email, p.email) AS address, r.name FROM rsvps r LEFT JOIN people p ON p.id = r.person_id
            WHERE r.id = \(bind: rsvp)
            """
        ).row(RecipientRow.self)?.recipient
    }

    private func recipients(_ event: Int, _ sql: any SQLDatabase) async throws -> [(String, String)] {
        try await sql.raw(
            """
            SELECT COALESCE(r.email, p.email) AS address, r.name FROM rsvps r LEFT JOIN people p ON p.id = r.person_id
            WHERE r.event_id = \(bind: event) AND r.status IN ('going', 'waitlisted')
            """
        ).rows(RecipientRow.self).compactMap(\.recipient)
    }

    /// The link for people whose RSVP holds a place; none at an event whose places another feature gives (an
    /// RSVP made there before it said so holds no place).
    private func onlineLink(_ event: Int, _ sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT online_url FROM events WHERE id = \(bind: event) AND places_at IS NULL")
            .value("online_url", as: String?.self) ?? nil
    }
}

/// An RSVP whose reminder is due, and its event.
private struct DueRow: Decodable {
    let rsvpId: Int
    let eventId: Int
}

/// Where an RSVP's emails go: its own address, or its account's.
private struct RecipientRow: Decodable {
    let address: String?
    let name: String

    /// The address and name, or nil when there is no address.
    var recipient: (String, String)? {
        guard let address, !address.isEmpty else { return nil }
        return (address, name)
    }
}
