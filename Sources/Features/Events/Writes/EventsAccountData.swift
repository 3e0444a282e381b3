import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What Events holds about a person, for their download and their account's deletion. Their RSVPs (by account,
/// or by email to their address) and calendar key go with the account; events they created and what they
/// decided for a group (co-hosting, promotion) stay under "deleted account", except events no group hosts any
/// more (their only host was a group deleted with the account).
extension EventsFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        return [
            "rsvps": try await AccountRecords.rows(
                """
                SELECT r.event_id, e.title AS event_title, e.starts_at AS event_starts_at, r.name, r.email, r.status, \
                r.created_at, r.confirmed_at, r.checked_in_at FROM rsvps r JOIN events e ON e.id = r.event_id \
                WHERE \(Self.rsvpsOf(person)) ORDER BY r.id
                """,
                on: sql
            ),
            "eventsCreated": try await AccountRecords.rows(
                """
                SELECT id, kind, title, starts_at, ends_at, status, created_at FROM events \
                WHERE created_by = \(bind: person) ORDER BY id
                """,
                on: sql
            ),
            "calendarKey": try await AccountRecords.rows(
                "SELECT created_at FROM calendar_keys WHERE person_id = \(bind: person)",
                on: sql
            ),
        ]
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        try await sql.raw("DELETE FROM rsvps WHERE \(Self.rsvpsOf(person, alias: "rsvps"))").run()
        try await sql.delete(from: "calendar_keys").where("person_id", .equal, person).run()
        // Events they made for a group deleted with the account (they were its only member) have no host left to
        // run them.
        try await sql.raw(
            """
            DELETE FROM events WHERE created_by = \(bind: person) \
            AND NOT EXISTS (SELECT 1 FROM event_hosts h WHERE h.event_id = events.id)
            """
        ).run()
    }

    /// The person's RSVPs: by their account, or by email to their account's address.
    private static func rsvpsOf(_ person: Int, alias: StaticString = "r") -> SQLQueryString {
        let r = alias.description
        return """
            (\(unsafeRaw: r).person_id = \(bind: person) OR \(unsafeRaw: r).email IN \
            (SELECT email FROM people WHERE id = \(bind: person)))
            """
    }
}
