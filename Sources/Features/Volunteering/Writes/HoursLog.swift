import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// The hours people actually gave, logged by themselves, for a group they are in (and a piece of its work).
package struct HoursLog: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// One logged entry, as its person sees it.
    package struct Entry: Sendable, Codable, Equatable {
        package let id: Int
        package let groupName: String
        package let workTitle: String?
        package let minutes: Int
        package let onDay: String
        package let note: String
    }

    /// Logs `minutes` on `day` (today when empty) for the work with `workID`, which the person must hold or have
    /// done, or for the group with `group` (a slug) they are an active member of.
    package func log(
        minutes text: String,
        day: String,
        work workID: Int?,
        group slug: String,
        note: String,
        by person: CurrentPerson
    ) async throws -> Int {
        var errors: [String: String] = [:]
        let today = IsoDay.day(of: services.clock())
        let minutes = Int(text.trimmingWhitespace())
        if minutes == nil || !(1...1_440).contains(minutes ?? 0) {
            errors["minutes"] = "Give the minutes, from 1 to 1,440."
        }
        let typed = day.trimmingWhitespace()
        let onDay = typed.isEmpty ? today : IsoDay.parse(typed)
        if let onDay, onDay > today || onDay < today - 366 {
            errors["day"] = "Give a day in the past year, not in the future."
        } else if onDay == nil {
            errors["day"] = "Give the day as YYYY-MM-DD."
        }
        let note = FieldRules.line(note, "note", nil, max: 300, &errors)
        var group: Int?
        if let workID {
            group = try await sql.raw(
                """
                SELECT w.group_id FROM volunteer_work w JOIN volunteer_assignments a ON a.work_id = w.id \
                WHERE w.id = \(bind: workID) AND a.person_id = \(bind: person.id) AND a.state IN ('accepted', 'done', 'ended')
                """
            ).value("group_id", as: Int.self)
            if group == nil { errors["work"] = "Log hours for work you took on." }
        } else {
            group = try await GroupAccess(sql).group(slug: slug, actingFor: person, roles: Set(Role.allCases))
            if group == nil { errors["group"] = "Choose one of your groups." }
        }
        guard errors.isEmpty, let minutes, let onDay, let group else { throw AppError.validation(errors) }
        return try await sql.insertReturningID(
            into: "volunteer_hours",
            [
                "person_id": person.id, "group_id": group, "work_id": workID, "minutes": minutes,
                "on_day": IsoDay.format(onDay), "note": note, "created_at": services.clock(),
            ]
        )
    }

    /// Removes one of the person's own entries.
    package func remove(_ id: Int, by person: CurrentPerson) async throws {
        let gone = try await sql.raw(
            "DELETE FROM volunteer_hours WHERE id = \(bind: id) AND person_id = \(bind: person.id) RETURNING id"
        ).all()
        guard !gone.isEmpty else { throw AppError.notFound }
    }

    /// The person's entries, newest first.
    package func entries(of person: Int, limit: Int = 100) async throws -> [Entry] {
        try await sql.raw(
            """
            SELECT h.id, g.name AS group_name, w.title AS work_title, h.minutes, h.on_day, h.note \
            FROM volunteer_hours h JOIN groups g ON g.id = h.group_id LEFT JOIN volunteer_work w ON w.id = h.work_id \
            WHERE h.person_id = \(bind: person) ORDER BY h.on_day DESC, h.id DESC LIMIT \(unsafeRaw: String(limit))
            """
        ).rows(Entry.self)
    }
}
