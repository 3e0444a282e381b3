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
        try await sql.raw("SELECT pledge FROM \(GroupAccess.pledgeTotals) t WHERE t.person_id = \(bind: person)")
            .value("pledge", as: Double?.self).flatMap { $0 } ?? 0
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

    struct Held: Decodable {
        let heldFrom: String?
        let heldUntil: String?
        let answeredAt: Date?
    }
}
