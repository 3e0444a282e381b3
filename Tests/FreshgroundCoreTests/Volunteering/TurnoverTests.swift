import FreshgroundCore
import Testing

@Suite("Members joining and leaving")
struct TurnoverTests {
    static func day(_ text: String) -> Int { IsoDay.parse(text)! }

    @Test func aMemberLeavesOnTheirLastActivityOnceTheyLapse() {
        #expect(Turnover.leaverDay(joinedDay: 100, lastActiveDay: 200, today: 290, lapseDays: 90) == 200)
        #expect(Turnover.leaverDay(joinedDay: 100, lastActiveDay: 200, today: 289, lapseDays: 90) == nil)
        #expect(Turnover.leaverDay(joinedDay: 100, lastActiveDay: nil, today: 190, lapseDays: 90) == 100)
    }

    @Test func joinersAndLeaversByMonth() {
        // on 2026-05-01 (day 20574), lapsing after 60 days:
        // a last active 02-03 (20487): 87 days, left in Feb; b last active 03-01 (20513): 61 days, left in Mar;
        // c never active, joined 01-31 (20484): 90 days, left in Jan; d active 04-01: 30 days, stays;
        // e active 03-06 (20518): 56 days, stays
        let members = [
            Cohorts.Member(id: 1, joinedDay: Self.day("2026-01-05"), activeDays: [Self.day("2026-02-03")]),
            .init(
                id: 2,
                joinedDay: Self.day("2026-01-20"),
                activeDays: [Self.day("2026-01-25"), Self.day("2026-03-01")]
            ),
            .init(id: 3, joinedDay: Self.day("2026-01-31"), activeDays: []),
            .init(id: 4, joinedDay: Self.day("2026-02-14"), activeDays: [Self.day("2026-04-01")]),
            .init(id: 5, joinedDay: Self.day("2026-03-05"), activeDays: [Self.day("2026-03-06")]),
        ]
        let jan = Cohorts.month(ofDay: Self.day("2026-01-01"))
        #expect(
            Turnover.monthly(members, months: jan...(jan + 3), today: Self.day("2026-05-01"), lapseDays: 60) == [
                .init(month: jan, joins: 3, leavers: 1), .init(month: jan + 1, joins: 1, leavers: 1),
                .init(month: jan + 2, joins: 1, leavers: 1), .init(month: jan + 3, joins: 0, leavers: 0),
            ]
        )
    }

    @Test func theRevolvingDoorIsLeaversPerJoinerOverTheYear() {
        // on 2026-12-31 the year is 2026-01-01 … 2026-12-31; lapsing after 90 days
        let today = Self.day("2026-12-31")
        let members = [
            // joined before the year, left in it (dated 2026-02-01): a leaver, not a joiner
            Cohorts.Member(id: 1, joinedDay: Self.day("2025-06-01"), activeDays: [Self.day("2026-02-01")]),
            // joined on the year's first day, left in it: both
            .init(id: 2, joinedDay: Self.day("2026-01-01"), activeDays: [Self.day("2026-03-01")]),
            // joined in the year and still here (11 and 30 days since their last activity)
            .init(id: 3, joinedDay: Self.day("2026-05-01"), activeDays: [Self.day("2026-12-20")]),
            .init(id: 4, joinedDay: Self.day("2026-06-01"), activeDays: [Self.day("2026-12-01")]),
            // left on 2025-12-31, the day before the year: neither
            .init(id: 5, joinedDay: Self.day("2025-01-01"), activeDays: [Self.day("2025-12-31")]),
        ]
        // 2 leavers (1, 2) ÷ 3 joiners (2, 3, 4)
        #expect(Turnover.revolvingDoor(members, today: today, lapseDays: 90) == 2.0 / 3.0)
        // only the two who joined before the year: no joiners, no ratio
        #expect(Turnover.revolvingDoor([members[0], members[4]], today: today, lapseDays: 90) == nil)
    }
}
