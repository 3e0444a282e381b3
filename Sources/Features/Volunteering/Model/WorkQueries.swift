import Events
import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A piece of work with its group and the viewer's standing in it, as every page and write reads it.
package struct WorkInGroup: Sendable {
    package let work: Work
    package let group: GroupRef
    package let standing: Standing
    /// The viewer organizes the event the work serves.
    package let eventOrganizer: Bool

    package var canManage: Bool { VolunteerRules.canManage(standing) }
    package var canSeeSignUps: Bool { VolunteerRules.canSeeSignUps(work, standing, eventOrganizer: eventOrganizer) }
}

/// One person's part in a piece of work, for the work's organizers and lead.
package struct SignUp: Sendable, Codable, Equatable {
    package let id: Int
    package let personID: Int
    package let name: String
    package let handle: String
    package let state: AssignmentState
    package let startsOn: String?
    package let endsOn: String?
}

/// Reads of the group's work; a piece the viewer may not see is "not found".
package struct WorkQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// The work with `id` and where the viewer stands; not found unless they may see it.
    package func work(_ id: Int, viewer: CurrentPerson?) async throws -> WorkInGroup {
        guard
            let row = try await sql.raw(
                """
                SELECT \(unsafeRaw: Work.columns.description), g.slug AS group_slug, g.name AS group_name, \
                \(GroupAccess.standingColumns) FROM volunteer_work w JOIN groups g ON g.id = w.group_id \
                \(GroupAccess.standingJoin("w.group_id", viewer: viewer)) WHERE w.id = \(bind: id)
                """
            ).first()
        else { throw AppError.notFound }
        let work = try row.decode(Work.self)
        let standing = try GroupAccess.standing(row: row, viewer: viewer)
        var eventOrganizer = false
        if let event = work.eventID, viewer != nil {
            eventOrganizer = try await EventAccess.isOrganizer(event: event, viewer, sql)
        }
        // An organizer of the event the work serves (a co-hosting group's) sees it and its sign-ups, and nothing
        // else of the group's.
        guard VolunteerRules.canSeeWork(standing) || eventOrganizer else { throw AppError.notFound }
        return WorkInGroup(
            work: work,
            group: try GroupRef(row: row, prefix: "group_"),
            standing: standing,
            eventOrganizer: eventOrganizer
        )
    }

    /// The group's open work (or its done and archived work), tasks by due day, shifts by start, roles by title.
    package func list(group: Int, open: Bool = true) async throws -> [Work] {
        try await sql.raw(
            """
            SELECT \(unsafeRaw: Work.columns.description) FROM volunteer_work w WHERE w.group_id = \(bind: group) \
            AND w.status \(unsafeRaw: open ? "= 'open'" : "<> 'open'") \
            ORDER BY w.kind, COALESCE(w.due_on, ''), w.starts_at, w.title, w.id LIMIT 500
            """
        ).rows(Work.self)
    }

    /// Everyone with a live or finished part in the work (never declined offers), for those who may see them.
    package func signUps(_ work: WorkInGroup) async throws -> [SignUp] {
        guard work.canSeeSignUps else { throw AppError.notFound }
        return try await parts(of: work.work.id)
    }

    /// Everyone with a live or finished part in the work with `id`, for callers that checked the viewer may see
    /// them (the rotation board, for the group's organizers).
    func parts(of id: Int) async throws -> [SignUp] {
        try await sql.raw(
            """
            SELECT a.id, a.person_id, p.display_name AS name, p.handle, a.state, a.starts_on, a.ends_on \
            FROM volunteer_assignments a JOIN people p ON p.id = a.person_id WHERE a.work_id = \(bind: id) \
            AND a.state IN ('offered', 'accepted', 'done', 'ended') ORDER BY a.state, a.asked_at, a.id
            """
        ).rows(SignUp.self)
    }

    /// How many hold a place in the work now (accepted), which every member may know.
    package func taken(_ work: Int) async throws -> Int {
        try await sql.raw(
            """
            SELECT CAST(COUNT(*) AS INTEGER) AS n FROM volunteer_assignments \
            WHERE work_id = \(bind: work) AND state = 'accepted'
            """
        ).value("n", as: Int.self) ?? 0
    }

    /// Places taken (accepted) in each piece of the group's work.
    package func takenCounts(group: Int) async throws -> [Int: Int] {
        let rows = try await sql.raw(
            """
            SELECT a.work_id, CAST(COUNT(*) AS INTEGER) AS n FROM volunteer_assignments a \
            JOIN volunteer_work w ON w.id = a.work_id WHERE w.group_id = \(bind: group) AND a.state = 'accepted' \
            GROUP BY a.work_id
            """
        ).rows(Taken.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.workId, $0.n) })
    }

    private struct Taken: Decodable {
        let workId: Int
        let n: Int
    }

    /// The viewer's own part in the work, if any live one (offered or accepted).
    package func mine(_ work: Int, person: CurrentPerson?) async throws -> Assignment? {
        guard let person else { return nil }
        return try await sql.raw(
            """
            SELECT \(unsafeRaw: Assignment.columns.description) FROM volunteer_assignments a \
            WHERE a.work_id = \(bind: work) AND a.person_id = \(bind: person.id) \
            AND a.state IN ('offered', 'accepted') ORDER BY a.id DESC LIMIT 1
            """
        ).row(Assignment.self)
    }
}

/// One person's part in one piece of work as stored.
package struct Assignment: Sendable, Codable, Equatable {
    package let id: Int
    package let workID: Int
    package let personID: Int
    package let state: AssignmentState
    package let offeredBy: Int?
    package let overPledge: Bool
    package let askedAt: Date
    package let answeredAt: Date?
    package let startsOn: String?
    package let endsOn: String?

    static let columns: SQLColumns = """
        a.id, a.work_id, a.person_id, a.state, a.offered_by, a.over_pledge, a.asked_at, a.answered_at, a.starts_on, \
        a.ends_on
        """
}
