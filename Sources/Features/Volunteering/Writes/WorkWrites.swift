import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Posting, changing, archiving and reopening a group's tasks, shifts and roles: its organizers.
package struct WorkWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Posts work for the group with `slug`; returns its id.
    package func create(group slug: String, _ input: WorkInput, by person: CurrentPerson) async throws -> Int {
        guard let group = try await GroupAccess(sql).group(slug: slug, actingFor: person, roles: Role.organizing)
        else { throw AppError.notFound }
        let (work, lead, event) = try await check(input, group: group)
        var values = columns(work, lead: lead, event: event)
        values["group_id"] = group
        values["status"] = WorkStatus.open.rawValue
        values["created_by"] = person.id
        values["created_at"] = services.clock()
        return try await sql.insertReturningID(into: "volunteer_work", values)
    }

    /// Changes the work; its kind stays what it was.
    package func update(_ id: Int, _ input: WorkInput, by person: CurrentPerson) async throws {
        let found = try await WorkQueries(services: services).work(id, viewer: person)
        guard found.canManage else { throw AppError.forbidden("Only the group's organizers change its work.") }
        var input = input
        input.kind = found.work.kind.rawValue
        let (work, lead, event) = try await check(input, group: found.work.groupID)
        let update = sql.update("volunteer_work").where("id", .equal, id)
        for (column, value) in columns(work, lead: lead, event: event) { update.set(column, to: value) }
        try await update.run()
    }

    /// Archives open work (it leaves the lists, its history stays), or reopens it.
    package func setOpen(_ id: Int, _ open: Bool, by person: CurrentPerson) async throws {
        let found = try await WorkQueries(services: services).work(id, viewer: person)
        guard found.canManage else { throw AppError.forbidden("Only the group's organizers archive its work.") }
        try await sql.update("volunteer_work").set("status", to: (open ? WorkStatus.open : .archived).rawValue)
            .where("id", .equal, id).run()
    }

    private func check(_ input: WorkInput, group: Int) async throws -> (CheckedWork, Int?, Int?) {
        var errors: [String: String] = [:]
        let work = CheckedWork.check(input, &errors)
        var lead: Int?
        let handle = input.lead.trimmingWhitespace()
        if work?.kind == .shift, !handle.isEmpty {
            lead = try await VolunteerPeople(sql).member(handle: handle, of: group)
            if lead == nil { errors["lead"] = "Choose the shift's lead among the group's members." }
        }
        var event: Int?
        if let id = Int(input.event.trimmingWhitespace()) {
            let hosted = try await sql.raw(
                "SELECT 1 AS one FROM events e WHERE e.id = \(bind: id) AND \(bind: group) IN (\(EventAccess.hostGroupIDs(event: id)))"
            ).first()
            if hosted == nil { errors["event"] = "Choose one of the group's own events." } else { event = id }
        } else if !input.event.trimmingWhitespace().isEmpty {
            errors["event"] = "Choose one of the group's own events."
        }
        guard errors.isEmpty, let work else { throw AppError.validation(errors) }
        return (work, lead, event)
    }

    private func columns(_ work: CheckedWork, lead: Int?, event: Int?) -> [String: any Encodable & Sendable] {
        [
            "kind": work.kind.rawValue, "title": work.title, "details": work.details, "skills": work.skills,
            "minutes": work.minutes, "due_on": work.dueOn, "starts_at": work.startsAt, "ends_at": work.endsAt,
            "zone": work.zone, "places": work.places, "shift_role": work.shiftRole, "lead_id": lead,
            "weekly_hours": work.weeklyHours, "term_months": work.termMonths, "event_id": event,
        ]
    }
}

/// People as the volunteering writes find them: members of one group by handle.
struct VolunteerPeople {
    let sql: any SQLDatabase

    init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The id of the active member of `group` with `handle` (with or without "@"), or nil.
    func member(handle: String, of group: Int) async throws -> Int? {
        let handle = Self.handle(handle)
        return try await sql.raw(
            """
            SELECT p.id FROM people p JOIN \(GroupAccess.activeMemberships) m ON m.person_id = p.id \
            WHERE p.handle = \(bind: handle) AND m.group_id = \(bind: group)
            """
        ).value("id", as: Int.self)
    }

    /// A handle as typed ("@Mia" or "mia"), as stored: without the "@", in lower case.
    static func handle(_ typed: String) -> String {
        let trimmed = typed.trimmingWhitespace()
        return (trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed).lowercased()
    }
}
