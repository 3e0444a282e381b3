/// Noticing volunteers who have drifted away, so someone can check in with them: no activity for a while, unless they
/// said they are taking a break.
public enum LapseWatch {
    /// Days without activity after which a member counts as lapsed, unless the group sets its own.
    public static let defaultDays = 90

    /// Whether the member has lapsed on `today`: `days` or more days since their last activity (or since joining, when
    /// never active), as `Turnover.leaverDay` counts it. Never while they are paused (`pausedUntilDay` after today).
    public static func lapsed(lastActiveDay: Int?, joinedDay: Int, today: Int, days: Int, pausedUntilDay: Int?) -> Bool
    {
        if let paused = pausedUntilDay, paused > today { return false }
        return Turnover.leaverDay(joinedDay: joinedDay, lastActiveDay: lastActiveDay, today: today, lapseDays: days)
            != nil
    }
}
