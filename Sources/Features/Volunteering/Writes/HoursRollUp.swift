import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Old activity is kept only as monthly counts: the hours a person logged in a month that ended more than 24
/// months ago become one row per person, group and month (minutes and how many entries), and the entries
/// themselves, with their notes and days, are deleted. The figures and the person's download read the monthly
/// rows; nothing else looks back that far.
package struct HoursRollUp: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// How many months of entries are kept whole.
    static let keptMonths = 24

    /// The first day kept whole on `today`: the first of the month 24 months before the current one.
    static func firstKept(today: Int) -> String {
        let month = Cohorts.month(ofDay: today) - keptMonths
        return IsoDay.format(CivilTime.days(year: month / 12, month: month % 12 + 1, day: 1))
    }

    /// Rolls up every entry older than the kept months; returns how many entries it folded.
    @discardableResult
    package func run(now: Date) async throws -> Int {
        let cutoff = Self.firstKept(today: IsoDay.day(of: now))
        // a plain read first: the write lock is taken only when there is something to fold, not on every tick
        let pending = try await Self.count(before: cutoff, in: services.store.sql)
        guard pending > 0 else { return 0 }
        return try await services.store.transaction { tx in
            let count = try await Self.count(before: cutoff, in: tx)
            guard count > 0 else { return 0 }
            try await tx.raw(
                """
                INSERT INTO volunteer_monthly (person_id, group_id, month, minutes, entries) \
                SELECT person_id, group_id, SUBSTR(on_day, 1, 7), SUM(minutes), COUNT(*) FROM volunteer_hours \
                WHERE on_day < \(bind: cutoff) GROUP BY person_id, group_id, SUBSTR(on_day, 1, 7) \
                ON CONFLICT (person_id, group_id, month) DO UPDATE SET \
                minutes = volunteer_monthly.minutes + excluded.minutes, \
                entries = volunteer_monthly.entries + excluded.entries
                """
            ).run()
            try await tx.raw("DELETE FROM volunteer_hours WHERE on_day < \(bind: cutoff)").run()
            return count
        }
    }

    private static func count(before cutoff: String, in sql: any SQLDatabase) async throws -> Int {
        try await sql.raw(
            "SELECT CAST(COUNT(*) AS INTEGER) AS n FROM volunteer_hours WHERE on_day < \(bind: cutoff)"
        ).value("n", as: Int.self) ?? 0
    }
}
