/// Retention by cohort: the members who joined in the same month, and how many of them were still active in each
/// month after. Months are numbered `year * 12 + (month - 1)` so that consecutive months are consecutive numbers.
public enum Cohorts {
    /// A member: the day they joined and the days they were active (attended something or did something).
    public struct Member: Sendable, Equatable {
        public var id: Int
        public var joinedDay: Int
        public var activeDays: [Int]

        public init(id: Int, joinedDay: Int, activeDays: [Int]) {
            self.id = id
            self.joinedDay = joinedDay
            self.activeDays = activeDays
        }

        /// Their last active day; nil when never active.
        public var lastActiveDay: Int? { activeDays.max() }
    }

    /// One cohort: its join month, its size, and `active[k]` = how many of it were active in the k-th month after it
    /// joined (k = 0 is the join month itself), up to the last month asked for.
    public struct Row: Sendable, Equatable {
        public var month: Int
        public var size: Int
        public var active: [Int]

        public init(month: Int, size: Int, active: [Int]) {
            self.month = month
            self.size = size
            self.active = active
        }
    }

    /// The month number of day number `day` (days since 1970-01-01): 1970-01 is 23640.
    public static func month(ofDay day: Int) -> Int {
        let date = CivilTime.date(fromDays: day)
        return date.year * 12 + date.month - 1
    }

    /// `YYYY-MM` of a month number, e.g. "2026-03".
    public static func label(ofMonth month: Int) -> String {
        let year = month >= 0 ? month / 12 : (month - 11) / 12
        return "\(year)-\(CivilTime.pad(month - year * 12 + 1))"
    }

    /// The cohorts of members who joined in months `first...last`, oldest first; months nobody joined in are left out.
    /// Each row counts activity from its join month through `last`.
    public static func retention(_ members: [Member], from first: Int, through last: Int) -> [Row] {
        guard first <= last else { return [] }
        var rows: [Int: Row] = [:]
        for member in members {
            let joined = month(ofDay: member.joinedDay)
            guard (first...last).contains(joined) else { continue }
            var row = rows[joined] ?? Row(month: joined, size: 0, active: Array(repeating: 0, count: last - joined + 1))
            row.size += 1
            let offsets = Set(
                member.activeDays.map { month(ofDay: $0) - joined }.filter { row.active.indices.contains($0) }
            )
            for offset in offsets { row.active[offset] += 1 }
            rows[joined] = row
        }
        return rows.keys.sorted().compactMap { rows[$0] }
    }
}
