import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import People
import SQLKit

/// One person on an event's list, as its organizers see it.
package struct Attendee: Sendable, Codable, Equatable {
    package let id: Int
    package let name: String
    /// The account's handle, or nil for an RSVP by email.
    package let handle: String?
    /// The address given when RSVPing without an account.
    package let email: String?
    package let status: RSVPStatus
    package let checkedInAt: Date?
}

/// The attendee list and check-in at the door. Private to the organizers of the event's host groups: nobody
/// else learns who is coming, not even other people coming.
package struct Attendance: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Everyone going or waiting (in wait-list order), and those yet to confirm, for the organizers.
    package func list(event id: Int, by person: CurrentPerson) async throws -> [Attendee] {
        try await Hosting(services: services).requireOrganizer(id, person)
        return try await sql.raw(
            """
            SELECT r.id, r.name, p.handle, r.email, r.status, r.checked_in_at FROM rsvps r
            LEFT JOIN people p ON p.id = r.person_id
            WHERE r.event_id = \(bind: id) AND r.status <> 'cancelled'
            ORDER BY CASE r.status WHEN 'going' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, r.created_at, r.id
            """
        ).rows(Attendee.self)
    }

    /// How many on the list (as `list` gives it, for the organizers) mail cannot reach: accounts by
    /// `Accounts.mailReaches`, RSVPs by email when the site sends no mail.
    func withoutMail(event id: Int) async throws -> Int {
        let rows = try await sql.raw(
            """
            SELECT r.person_id, r.email FROM rsvps r WHERE r.event_id = \(bind: id) AND r.status <> 'cancelled'
            """
        ).rows(ReachRow.self)
        let reached = try await Accounts(services: services).mailReaches(personIDs: rows.compactMap(\.personID))
        return rows.filter { row in
            row.personID.map { !reached.contains($0) } ?? (!services.mailer.delivers || (row.email ?? "").isEmpty)
        }.count
    }

    /// Marks someone as arrived (or undoes it); only people with a place can be checked in.
    package func checkIn(event id: Int, rsvp: Int, arrived: Bool, by person: CurrentPerson) async throws {
        try await Hosting(services: services).requireOrganizer(id, person)
        let updated = try await sql.raw(
            """
            UPDATE rsvps SET checked_in_at = \(bind: arrived ? services.clock() : nil)
            WHERE id = \(bind: rsvp) AND event_id = \(bind: id) AND status = 'going' RETURNING id
            """
        ).all()
        guard !updated.isEmpty else { throw AppError.conflict("Only people with a place can be checked in.") }
    }
}

/// Who an RSVP is for, in `withoutMail(event:)`: an account, or an address given without one.
private struct ReachRow: Decodable {
    let personID: Int?
    let email: String?
}
