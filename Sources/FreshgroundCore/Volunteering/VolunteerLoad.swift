/// How many hours a volunteer has taken on, week by week, against the hours a week they pledged: the tasks they
/// own, the shifts they signed up for and the roles they hold. Weeks run Monday to Sunday and are numbered as
/// `PlanCheck.week(of:)` numbers them.
public enum VolunteerLoad {
    /// One commitment of a volunteer. A task counts its estimate on its due day (`firstDay == lastDay`, not weekly);
    /// a shift counts its length on the day it starts (`firstDay`); a role (`weekly`) counts `hours` in every week
    /// whose Monday to Sunday overlaps `firstDay...lastDay`, and `lastDay` may be `Int.max` for a role with no end.
    public struct Item: Sendable, Equatable {
        public var hours: Double
        public var firstDay: Int
        public var lastDay: Int
        public var weekly: Bool

        public init(hours: Double, firstDay: Int, lastDay: Int, weekly: Bool) {
            self.hours = hours
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.weekly = weekly
        }

        /// The weeks the item counts in: the week of its first day only, or every week it overlaps when weekly.
        var weeks: ClosedRange<Int> {
            let first = PlanCheck.week(of: firstDay)
            guard weekly else { return first...first }
            // A day near Int.max (an open-ended role) would overflow PlanCheck.week(of:); its week is "never ends".
            let last = lastDay > Int.max - 7 ? Int.max : PlanCheck.week(of: lastDay)
            return first...max(first, last)
        }
    }

    /// One week of a volunteer's load: the hours taken on and their share of the pledge (nil without a pledge).
    public struct Week: Sendable, Equatable {
        public var week: Int
        public var hours: Double
        public var ratio: Double?

        public init(week: Int, hours: Double, ratio: Double?) {
            self.week = week
            self.hours = hours
            self.ratio = ratio
        }
    }

    /// The hours all of `items` ask of the volunteer in `week`.
    public static func hours(_ items: [Item], week: Int) -> Double {
        items.reduce(0) { $1.weeks.contains(week) ? $0 + $1.hours : $0 }
    }

    /// Hours taken on as a share of the hours pledged (1 = exactly the pledge, above 1 = over it); nil when nothing
    /// was pledged, since no share of zero means anything.
    public static func ratio(hours: Double, pledge: Double) -> Double? {
        pledge > 0 ? hours / pledge : nil
    }

    /// The volunteer's load in each of `weeks`, oldest first.
    public static func history(_ items: [Item], pledge: Double, weeks: ClosedRange<Int>) -> [Week] {
        weeks.map { week in
            let taken = hours(items, week: week)
            return Week(week: week, hours: taken, ratio: ratio(hours: taken, pledge: pledge))
        }
    }

    /// Whether taking on `adding` more hours on top of `load` would put the volunteer over their pledge. With no
    /// pledge (0) any positive addition is over it.
    public static func wouldExceed(load: Double, adding: Double, pledge: Double) -> Bool {
        load + adding > pledge
    }

    /// Whether the volunteer is chronically overloaded: over their pledge in more than 1 in 3 of the last four weeks,
    /// that is in at least 2 of them. A week is over the pledge when its ratio is above 1, or when there was no
    /// pledge (nil ratio) but hours were still taken on. Only the last four entries of `lastFour` are read.
    public static func chronicallyOverloaded(_ lastFour: [Week]) -> Bool {
        lastFour.suffix(4).filter(isOver).count >= 2
    }

    /// Whether one week's load is over the pledge (see `chronicallyOverloaded`).
    static func isOver(_ week: Week) -> Bool {
        if let ratio = week.ratio { return ratio > 1 }
        return week.hours > 0
    }
}
