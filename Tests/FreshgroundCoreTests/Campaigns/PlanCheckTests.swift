import FreshgroundCore
import Testing

@Suite("The yearly plan's warnings")
struct PlanCheckTests {
    /// 2027-03-01 is a Monday: day 20878.
    static let monday = 20_878

    @Test func weeksRunMondayToSunday() {
        #expect(PlanCheck.week(of: 0) == 0)  // Thursday 1970-01-01
        #expect(PlanCheck.week(of: -3) == 0 && PlanCheck.week(of: -4) == -1)  // Monday 1969-12-29, the Sunday before
        #expect(PlanCheck.week(of: Self.monday) == PlanCheck.week(of: Self.monday + 6))
        #expect(PlanCheck.week(of: Self.monday + 7) == PlanCheck.week(of: Self.monday) + 1)
    }

    @Test func aPlanNeedingMoreThanWasPledgedIsFlaggedItemByItemAndInAll() {
        // rent strike needs 120 h, 80 pledged; the march needs 40, 60 pledged: 160 needed of 140 in all
        let items = [
            PlanCheck.Item(
                id: 1,
                groups: [1, 2],
                firstDay: Self.monday,
                lastDay: Self.monday + 27,
                hoursNeeded: 120,
                hoursPledged: 80
            ),
            PlanCheck.Item(
                id: 2,
                groups: [3],
                firstDay: Self.monday + 60,
                lastDay: Self.monday + 60,
                hoursNeeded: 40,
                hoursPledged: 60
            ),
        ]
        #expect(
            PlanCheck.warnings(items) == [
                .shortOfHours(item: 1, needed: 120, pledged: 80), .planShortOfHours(needed: 160, pledged: 140),
            ]
        )
    }

    @Test func twoItemsInTheSameWeeksForTheSameGroupClash() {
        // item 1: weeks 0–3 from the Monday; item 2 from that Sunday + 14 (week 2) to week 5; item 3 the same weeks,
        // other groups; item 4 the week after item 1 ends
        let week = PlanCheck.week(of: Self.monday)
        let items = [
            PlanCheck.Item(
                id: 1,
                groups: [1, 2],
                firstDay: Self.monday,
                lastDay: Self.monday + 27,
                hoursNeeded: 0,
                hoursPledged: 0
            ),
            PlanCheck.Item(
                id: 2,
                groups: [2, 5],
                firstDay: Self.monday + 20,
                lastDay: Self.monday + 40,
                hoursNeeded: 0,
                hoursPledged: 0
            ),
            PlanCheck.Item(
                id: 3,
                groups: [7],
                firstDay: Self.monday,
                lastDay: Self.monday + 40,
                hoursNeeded: 0,
                hoursPledged: 0
            ),
            PlanCheck.Item(
                id: 4,
                groups: [1],
                firstDay: Self.monday + 28,
                lastDay: Self.monday + 30,
                hoursNeeded: 0,
                hoursPledged: 0
            ),
        ]
        #expect(
            PlanCheck.warnings(items) == [
                .overlap(first: 1, second: 2, weeks: (week + 2)...(week + 3), groups: [2])
            ]
        )
    }
}
