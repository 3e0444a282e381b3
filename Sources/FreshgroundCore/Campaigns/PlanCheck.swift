/// The checks of a coalition's yearly plan: a campaign or action that needs more hours than the people who opted in to
/// it pledged, a plan that needs more than was pledged in all, and two items that fall on the same weeks for the same
/// groups.
public enum PlanCheck {
    /// One campaign or big action of the plan.
    public struct Item: Sendable, Equatable {
        public var id: Int
        /// The groups taking part.
        public var groups: Set<Int>
        /// Its first and last day, as day numbers (days since 1970-01-01), first ≤ last.
        public var firstDay: Int
        public var lastDay: Int
        /// Hours of work it needs in all, and hours pledged to it in all by the people who opted in.
        public var hoursNeeded: Int
        public var hoursPledged: Int

        public init(id: Int, groups: Set<Int>, firstDay: Int, lastDay: Int, hoursNeeded: Int, hoursPledged: Int) {
            self.id = id
            self.groups = groups
            self.firstDay = min(firstDay, lastDay)
            self.lastDay = max(firstDay, lastDay)
            self.hoursNeeded = hoursNeeded
            self.hoursPledged = hoursPledged
        }
    }

    public enum Warning: Sendable, Equatable {
        /// The item needs more hours than were pledged to it.
        case shortOfHours(item: Int, needed: Int, pledged: Int)
        /// The plan as a whole needs more hours than were pledged.
        case planShortOfHours(needed: Int, pledged: Int)
        /// Two items share weeks (Monday to Sunday) and groups: the weeks they share, as week numbers, and the groups.
        case overlap(first: Int, second: Int, weeks: ClosedRange<Int>, groups: Set<Int>)
    }

    /// The week, Monday to Sunday, that day number `day` falls in (week 0 began on Monday 1969-12-29).
    public static func week(of day: Int) -> Int {
        let shifted = day + 3
        return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
    }

    /// Every warning of the plan: items short of hours in the items' order, then the plan's own shortfall, then the
    /// overlapping pairs in the items' order.
    public static func warnings(_ items: [Item]) -> [Warning] {
        var warnings: [Warning] = items.compactMap { item in
            item.hoursNeeded > item.hoursPledged
                ? .shortOfHours(item: item.id, needed: item.hoursNeeded, pledged: item.hoursPledged) : nil
        }
        let needed = items.reduce(0) { $0 + $1.hoursNeeded }
        let pledged = items.reduce(0) { $0 + $1.hoursPledged }
        if needed > pledged { warnings.append(.planShortOfHours(needed: needed, pledged: pledged)) }
        for (index, first) in items.enumerated() {
            for second in items[(index + 1)...] {
                let shared = first.groups.intersection(second.groups)
                let start = max(week(of: first.firstDay), week(of: second.firstDay))
                let end = min(week(of: first.lastDay), week(of: second.lastDay))
                guard !shared.isEmpty, start <= end else { continue }
                warnings.append(.overlap(first: first.id, second: second.id, weeks: start...end, groups: shared))
            }
        }
        return warnings
    }
}
