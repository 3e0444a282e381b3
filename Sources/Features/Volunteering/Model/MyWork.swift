import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// One person's part in one piece of work, with the work and its group, as only that person sees it.
package struct MyPart: Sendable, Equatable {
    package let assignment: Part
    package let work: Work
    package let group: GroupRef

    /// The columns of the assignment, named apart from the work's.
    package struct Part: Sendable, Codable, Equatable {
        package let assignmentId: Int
        package let state: AssignmentState
        package let overPledge: Bool
        package let askedAt: Date
        package let startsOn: String?
        package let endsOn: String?
    }
}

/// The person's offers, the work they hold and what they did or let go, across all their groups. Declined
/// offers appear here and nowhere else.
package struct MyWork: Sendable {
    let sql: any SQLDatabase

    package init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Offers waiting for an answer and work held now, offers first, then by day.
    package func current(of person: Int) async throws -> [MyPart] {
        try await parts(of: person, states: "'offered', 'accepted'", limit: 200)
    }

    /// Work done, handed on, cancelled or declined, newest first.
    package func past(of person: Int) async throws -> [MyPart] {
        try await parts(of: person, states: "'done', 'ended', 'cancelled', 'declined'", limit: 50)
    }

    /// The person's own part with `id` in any state, or nil when it is not theirs.
    package func part(_ id: Int, of person: Int) async throws -> MyPart? {
        try await parts(
            of: person,
            states: "'offered', 'accepted', 'done', 'ended', 'cancelled', 'declined'",
            only: id,
            limit: 1
        ).first
    }

    private func parts(
        of person: Int,
        states: SQLQueryString,
        only id: Int? = nil,
        limit: Int
    ) async throws
        -> [MyPart]
    {
        let one: SQLQueryString = id.map { " AND a.id = \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT \(unsafeRaw: Work.columns.description), a.id AS assignment_id, a.state, a.over_pledge, a.asked_at, \
            a.starts_on, a.ends_on, g.slug AS group_slug, g.name AS group_name FROM volunteer_assignments a \
            JOIN volunteer_work w ON w.id = a.work_id JOIN groups g ON g.id = w.group_id \
            WHERE a.person_id = \(bind: person) AND a.state IN (\(states))\(one) \
            ORDER BY CASE a.state WHEN 'offered' THEN 0 ELSE 1 END, a.asked_at DESC, a.id DESC \
            LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map { row in
            MyPart(
                assignment: try row.decode(MyPart.Part.self),
                work: try row.decode(Work.self),
                group: try GroupRef(row: row, prefix: "group_")
            )
        }
    }
}
