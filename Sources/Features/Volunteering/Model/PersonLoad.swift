import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A person's weekly load across all their groups against the sum of their pledges. The figures are theirs: the
/// only thing anyone else learns from here is `wouldExceed`, a yes or no.
package struct PersonLoad: Sendable {
    let sql: any SQLDatabase

    package init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The weekly hours pledged over all the person's groups.
    package func pledge(of person: Int) async throws -> Double {
        try await sql.raw(
            "SELECT \(GroupAccess.pledgeTotal(of: "p.id")) AS pledge FROM people p WHERE p.id = \(bind: person)"
        )
        .value("pledge", as: Double.self) ?? 0
    }

    /// Everything the person took on in any group (accepted, finished, or a role held), as load items.
    package func items(of person: Int) async throws -> [VolunteerLoad.Item] {
        try await sql.raw(
            """
            SELECT \(unsafeRaw: Work.columns.description), a.starts_on AS held_from, a.ends_on AS held_until, \
            a.answered_at FROM volunteer_assignments a JOIN volunteer_work w ON w.id = a.work_id \
            WHERE a.person_id = \(bind: person) AND a.state IN ('accepted', 'done', 'ended')
            """
        ).all().map { row in
            let work = try row.decode(Work.self)
            let held = try row.decode(Held.self)
            return Self.item(work, held: held)
        }
    }

    /// The load in `week` of every active member of `groups`, counted over all their groups, for those who have
    /// one. Only assignments that can fall in the week are read (a role not ended before it; a task or shift on a
    /// day near it, or undated and taken on since it began), so a page about thousands of people decodes a week's
    /// rows, not years of them; `item` and `VolunteerLoad.hours` then decide exactly, as for one person.
    package func weekLoads(ofMembersOf groups: [Int], week: Int) async throws -> [Int: Double] {
        guard !groups.isEmpty else { return [:] }
        // a day's margin either side of the Monday-to-Sunday week, which the items then settle exactly
        let first = week * 7 - 4
        let last = week * 7 + 4
        let (from, to) = (IsoDay.format(first), IsoDay.format(last))
        let fromDate = Date(timeIntervalSince1970: Double(first) * 86_400)
        let toDate = Date(timeIntervalSince1970: Double(last + 1) * 86_400)
        let rows = try await sql.raw(
            """
            SELECT a.person_id, \(unsafeRaw: Work.columns.description), a.starts_on AS held_from, \
            a.ends_on AS held_until, a.answered_at FROM volunteer_assignments a \
            JOIN volunteer_work w ON w.id = a.work_id WHERE a.state IN ('accepted', 'done', 'ended') \
            AND a.person_id IN (SELECT person_id FROM \(GroupAccess.activeMemberships) m \
            WHERE m.group_id IN (\(binds: groups))) \
            AND ((w.kind = 'role' AND (a.ends_on IS NULL OR a.ends_on >= \(bind: from))) \
            OR (w.kind = 'task' AND w.due_on BETWEEN \(bind: from) AND \(bind: to)) \
            OR (w.kind = 'shift' AND w.starts_at >= \(bind: fromDate) AND w.starts_at < \(bind: toDate)) \
            OR (((w.kind = 'task' AND w.due_on IS NULL) OR (w.kind = 'shift' AND w.starts_at IS NULL)) \
            AND (a.answered_at IS NULL OR a.answered_at >= \(bind: fromDate))))
            """
        ).all()
        var items: [Int: [VolunteerLoad.Item]] = [:]
        for row in rows {
            let person = try row.decode(Assignee.self).personId
            items[person, default: []].append(Self.item(try row.decode(Work.self), held: try row.decode(Held.self)))
        }
        return items.mapValues { VolunteerLoad.hours($0, week: week) }
    }

    /// The person's load in each of the last `weeks` weeks up to the one containing `today`.
    package func history(of person: Int, today: Int, weeks: Int = 12) async throws -> [VolunteerLoad.Week] {
        let current = PlanCheck.week(of: today)
        return VolunteerLoad.history(
            try await items(of: person),
            pledge: try await pledge(of: person),
            weeks: (current - weeks + 1)...current
        )
    }

    /// Whether taking on `work` would take the person over what they pledged in the week it lands in (this week
    /// for a role or an undated task). The whole answer an organizer ever gets about someone's load.
    package func wouldExceed(_ person: Int, taking work: Work, today: Int) async throws -> Bool {
        let week = PlanCheck.week(of: work.day ?? today)
        let load = VolunteerLoad.hours(try await items(of: person), week: week)
        return VolunteerLoad.wouldExceed(load: load, adding: work.hours, pledge: try await pledge(of: person))
    }

    /// A piece of work held by one person as a load item: a role over the days it was held, anything else on
    /// its day (an undated task on the day it was taken on).
    static func item(_ work: Work, held: Held) -> VolunteerLoad.Item {
        if work.kind == .role {
            let first = held.heldFrom.flatMap(IsoDay.parse) ?? day(of: held.answeredAt) ?? 0
            return VolunteerLoad.Item(
                hours: work.hours,
                firstDay: first,
                lastDay: held.heldUntil.flatMap(IsoDay.parse) ?? Int.max,
                weekly: true
            )
        }
        let day = work.day ?? day(of: held.answeredAt) ?? 0
        return VolunteerLoad.Item(hours: work.hours, firstDay: day, lastDay: day, weekly: false)
    }

    static func day(of date: Date?) -> Int? { date.map(IsoDay.day(of:)) }

    private struct Assignee: Decodable { let personId: Int }

    struct Held: Decodable {
        let heldFrom: String?
        let heldUntil: String?
        let answeredAt: Date?
    }
}
