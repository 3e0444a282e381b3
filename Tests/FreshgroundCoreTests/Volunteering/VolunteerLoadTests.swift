import FreshgroundCore
import Testing

@Suite("A volunteer's load against their pledge")
struct VolunteerLoadTests {
    /// Monday 2026-03-02, day 20514; its week is w.
    static let monday = 20_514
    static let w = PlanCheck.week(of: monday)

    /// A task of 3 h due Wednesday (week w); a 4 h shift starting Sunday (w, though it may run past midnight); a
    /// 2.5 h shift the next Tuesday (w+1); a 2 h/week role from Saturday of week w to Tuesday of week w+2; an open-ended
    /// 1 h/week role from Monday of week w+2.
    static let items = [
        VolunteerLoad.Item(hours: 3, firstDay: monday + 2, lastDay: monday + 2, weekly: false),
        VolunteerLoad.Item(hours: 4, firstDay: monday + 6, lastDay: monday + 6, weekly: false),
        VolunteerLoad.Item(hours: 2.5, firstDay: monday + 8, lastDay: monday + 8, weekly: false),
        VolunteerLoad.Item(hours: 2, firstDay: monday + 5, lastDay: monday + 15, weekly: true),
        VolunteerLoad.Item(hours: 1, firstDay: monday + 14, lastDay: .max, weekly: true),
    ]

    @Test func tasksShiftsAndRolesCountInTheirWeeks() {
        // w−1: nothing; w: 3 + 4 + 2 (role) = 9; w+1: 2.5 + 2 = 4.5; w+2: 2 (role's last, partial week) + 1 = 3;
        // w+3 and far on: only the open-ended role, 1
        #expect(VolunteerLoad.hours(Self.items, week: Self.w - 1) == 0)
        #expect(VolunteerLoad.hours(Self.items, week: Self.w) == 9)
        #expect(VolunteerLoad.hours(Self.items, week: Self.w + 1) == 4.5)
        #expect(VolunteerLoad.hours(Self.items, week: Self.w + 2) == 3)
        #expect(VolunteerLoad.hours(Self.items, week: Self.w + 3) == 1)
        #expect(VolunteerLoad.hours(Self.items, week: Self.w + 500) == 1)
    }

    @Test func historyGivesEachWeeksShareOfThePledge() {
        // pledge 5 h/week: 0/5, 9/5 = 1.8, 4.5/5 = 0.9, 3/5 = 0.6, 1/5 = 0.2
        let history = VolunteerLoad.history(Self.items, pledge: 5, weeks: (Self.w - 1)...(Self.w + 3))
        #expect(history.map(\.week) == Array((Self.w - 1)...(Self.w + 3)))
        #expect(history.map(\.hours) == [0, 9, 4.5, 3, 1])
        #expect(history.map(\.ratio) == [0, 1.8, 0.9, 0.6, 0.2])
        // no pledge: no ratio
        #expect(
            VolunteerLoad.history(Self.items, pledge: 0, weeks: Self.w...Self.w) == [
                .init(week: Self.w, hours: 9, ratio: nil)
            ]
        )
        #expect(VolunteerLoad.ratio(hours: 3, pledge: -1) == nil)
    }

    @Test func addingWorkWarnsOnlyPastThePledge() {
        #expect(!VolunteerLoad.wouldExceed(load: 4, adding: 1, pledge: 5))  // exactly at the pledge is fine
        #expect(VolunteerLoad.wouldExceed(load: 4, adding: 1.5, pledge: 5))
        #expect(VolunteerLoad.wouldExceed(load: 0, adding: 0.5, pledge: 0))  // no pledge: any work is over it
        #expect(!VolunteerLoad.wouldExceed(load: 0, adding: 0, pledge: 0))
    }

    @Test func overloadIsChronicFromTwoWeeksInFour() {
        func week(_ ratio: Double?, hours: Double = 1) -> VolunteerLoad.Week {
            VolunteerLoad.Week(week: 0, hours: hours, ratio: ratio)
        }
        // one week over (1.0 is at the pledge, not over it): 1 in 4 is not more than 1 in 3
        #expect(!VolunteerLoad.chronicallyOverloaded([week(1.2), week(0.8), week(1.0), week(0.5)]))
        // two weeks over: 2 in 4
        #expect(VolunteerLoad.chronicallyOverloaded([week(1.2), week(0.8), week(1.1), week(0.5)]))
        // hours without a pledge count as over; no hours without a pledge do not
        #expect(VolunteerLoad.chronicallyOverloaded([week(nil, hours: 2), week(1.5), week(0.2), week(0.1)]))
        #expect(!VolunteerLoad.chronicallyOverloaded([week(nil, hours: 0), week(1.5), week(0.2), week(0.1)]))
        // only the last four count: the two overloaded weeks are five and six weeks back
        #expect(!VolunteerLoad.chronicallyOverloaded([week(2), week(2), week(0.5), week(0.5), week(1.5), week(0.5)]))
    }
}
