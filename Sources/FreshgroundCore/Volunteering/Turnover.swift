/// Members coming and going: when a member counts as having left (no activity for a while), how many joined and left
/// each month, and whether a group is a revolving door, losing about as many people as it gains.
public enum Turnover {
    /// One month's joiners and leavers, leavers dated at their last activity.
    public struct Month: Sendable, Equatable {
        public var month: Int
        public var joins: Int
        public var leavers: Int

        public init(month: Int, joins: Int, leavers: Int) {
            self.month = month
            self.joins = joins
            self.leavers = leavers
        }
    }

    /// The day a member left, when they have: they lapsed when `lapseDays` or more days have passed by `today` since
    /// their last activity (or since joining, when never active), and they are dated at that last activity (or their
    /// join day). nil while they are still around.
    public static func leaverDay(joinedDay: Int, lastActiveDay: Int?, today: Int, lapseDays: Int) -> Int? {
        let since = lastActiveDay ?? joinedDay
        return today - since >= lapseDays ? since : nil
    }

    /// Joiners and leavers in each month of `months` (month numbers as `Cohorts.month(ofDay:)`), oldest first.
    public static func monthly(
        _ members: [Cohorts.Member],
        months: ClosedRange<Int>,
        today: Int,
        lapseDays: Int
    )
        -> [Month]
    {
        var joins: [Int: Int] = [:]
        var leavers: [Int: Int] = [:]
        for member in members {
            joins[Cohorts.month(ofDay: member.joinedDay), default: 0] += 1
            if let left = leaverDay(member, today: today, lapseDays: lapseDays) {
                leavers[Cohorts.month(ofDay: left), default: 0] += 1
            }
        }
        return months.map { Month(month: $0, joins: joins[$0] ?? 0, leavers: leavers[$0] ?? 0) }
    }

    /// Leavers dated in the last 365 days (`today` and the 364 days before it) for each joiner in the same days: near
    /// 1 or above, the group loses people as fast as it gains them. nil when nobody joined in that time.
    public static func revolvingDoor(_ members: [Cohorts.Member], today: Int, lapseDays: Int) -> Double? {
        let year = (today - 364)...today
        let joiners = members.filter { year.contains($0.joinedDay) }.count
        guard joiners > 0 else { return nil }
        let leavers = members.filter { member in
            leaverDay(member, today: today, lapseDays: lapseDays).map(year.contains) ?? false
        }.count
        return Double(leavers) / Double(joiners)
    }

    /// `leaverDay` of a member, from their join day and last active day.
    static func leaverDay(_ member: Cohorts.Member, today: Int, lapseDays: Int) -> Int? {
        leaverDay(joinedDay: member.joinedDay, lastActiveDay: member.lastActiveDay, today: today, lapseDays: lapseDays)
    }
}
