import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A person's own events (their RSVPs, and public events their groups promote) and the secret address of
/// their calendar feed, which they can replace at any time.
package struct PersonalCalendar: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Upcoming events with a note saying why each is here.
    package func events(personID: Int, from: Date, limit: Int = 500) async throws -> [(EventSummary, String)] {
        try await sql.raw(
            """
            SELECT \(EventQueries.summaryColumns), x.note FROM (
              SELECT event_id, CASE status WHEN 'going' THEN 'You are going' ELSE 'You are on the wait list' END AS note,
              0 AS rank FROM rsvps WHERE person_id = \(bind: personID) AND status IN ('going', 'waitlisted')
              UNION ALL
              SELECT p.event_id, 'Promoted by ' || g.name AS note, 1 AS rank FROM event_promotions p
              JOIN groups g ON g.id = p.group_id WHERE p.group_id IN (\(GroupAccess.groupIDs(personID: personID)))
            ) x JOIN events e ON e.id = x.event_id LEFT JOIN cities c ON c.id = e.city_id
            WHERE e.ends_at >= \(bind: from) AND (x.rank = 0 OR e.is_public = \(bind: true))
            ORDER BY e.starts_at, e.id, x.rank LIMIT \(bind: limit)
            """
        ).rows(WithExtra<SummaryRow, NoteRow>.self).reduce(into: [(EventSummary, String)]()) { list, row in
            // An event both RSVPed and promoted is listed once, with the RSVP.
            if list.last?.0.id != row.main.id { list.append((row.main.summary, row.extra.note)) }
        }
    }

    /// The person's feed address, if they made one.
    package func url(personID: Int) async throws -> String? {
        try await sql.select().column("token").from("calendar_keys").where("person_id", .equal, personID)
            .value("token", as: String.self).map { "\(services.site.url)/calendar/\($0).ics" }
    }

    /// Makes a new address; the old one stops working at once.
    @discardableResult
    package func reset(personID: Int) async throws -> String {
        let token = Token.random()
        try await services.store.transaction { sql in
            try await sql.delete(from: "calendar_keys").where("person_id", .equal, personID).run()
            try await sql.insert(into: "calendar_keys").columns("person_id", "token", "created_at")
                .values(SQLBind(personID), SQLBind(token), SQLBind(services.clock())).run()
        }
        return "\(services.site.url)/calendar/\(token).ics"
    }

    /// Whose feed a secret address opens.
    package func person(token: String) async throws -> Int? {
        guard Token.isWellFormed(token) else { return nil }
        return try await sql.select().column("person_id").from("calendar_keys").where("token", .equal, token)
            .value("person_id", as: Int.self)
    }
}

/// Why an event is in a person's calendar.
private struct NoteRow: Decodable {
    let note: String
}
