import FreshgroundCore
import Testing

@Suite("Noticing volunteers who drifted away")
struct LapseWatchTests {
    static let today = 20_514

    @Test func ninetyDaysWithoutActivityIsALapseUnlessPaused() {
        let t = Self.today
        let days = LapseWatch.defaultDays
        #expect(days == 90)
        #expect(LapseWatch.lapsed(lastActiveDay: t - 90, joinedDay: t - 400, today: t, days: days, pausedUntilDay: nil))
        #expect(
            !LapseWatch.lapsed(lastActiveDay: t - 89, joinedDay: t - 400, today: t, days: days, pausedUntilDay: nil)
        )
        // taking a break until tomorrow: not lapsed; a break that ended today: lapsed
        #expect(
            !LapseWatch.lapsed(lastActiveDay: t - 200, joinedDay: t - 400, today: t, days: days, pausedUntilDay: t + 1)
        )
        #expect(LapseWatch.lapsed(lastActiveDay: t - 200, joinedDay: t - 400, today: t, days: days, pausedUntilDay: t))
        // never active: counted from joining
        #expect(LapseWatch.lapsed(lastActiveDay: nil, joinedDay: t - 100, today: t, days: days, pausedUntilDay: nil))
        #expect(!LapseWatch.lapsed(lastActiveDay: nil, joinedDay: t - 10, today: t, days: days, pausedUntilDay: nil))
        // a group's own, shorter watch
        #expect(LapseWatch.lapsed(lastActiveDay: t - 30, joinedDay: t - 400, today: t, days: 30, pausedUntilDay: nil))
    }
}
