import FreshgroundCore
import Testing

@Suite("Retention by join month")
struct CohortsTests {
    static func day(_ text: String) -> Int { IsoDay.parse(text)! }

    @Test func monthsAreNumberedYearTimesTwelvePlusMonth() {
        #expect(Cohorts.month(ofDay: 0) == 23_640)  // 1970-01: 1970 × 12 + 0
        #expect(Cohorts.month(ofDay: 20_514) == 24_314)  // 2026-03-02: 2026 × 12 + 2
        #expect(Cohorts.month(ofDay: Self.day("2026-02-28")) == 24_313)
        #expect(Cohorts.month(ofDay: Self.day("2025-12-31")) + 1 == Cohorts.month(ofDay: Self.day("2026-01-01")))
        #expect(Cohorts.label(ofMonth: 24_314) == "2026-03")
        #expect(Cohorts.label(ofMonth: 24_311) == "2025-12")
    }

    @Test func eachCohortCountsWhoWasActiveInEachMonthSince() {
        let members = [
            // January cohort: 1 active twice in Jan, in Feb and Apr (and May, after the range); 2 in Jan and Mar;
            // 3 never
            Cohorts.Member(
                id: 1,
                joinedDay: Self.day("2026-01-05"),
                activeDays: ["2026-01-10", "2026-01-20", "2026-02-03", "2026-04-02", "2026-05-05"].map(Self.day)
            ),
            .init(id: 2, joinedDay: Self.day("2026-01-20"), activeDays: ["2026-01-25", "2026-03-01"].map(Self.day)),
            .init(id: 3, joinedDay: Self.day("2026-01-31"), activeDays: []),
            // February cohort: 4 active Feb, Mar, Apr; 5 only in Mar
            .init(
                id: 4,
                joinedDay: Self.day("2026-02-14"),
                activeDays: ["2026-02-15", "2026-03-10", "2026-04-01"].map(Self.day)
            ),
            .init(id: 5, joinedDay: Self.day("2026-02-28"), activeDays: [Self.day("2026-03-01")]),
            // nobody joined in March; April cohort: 7
            .init(id: 7, joinedDay: Self.day("2026-04-02"), activeDays: [Self.day("2026-04-03")]),
            // joined before the range
            .init(id: 6, joinedDay: Self.day("2025-12-31"), activeDays: [Self.day("2026-01-02")]),
        ]
        let jan = Cohorts.month(ofDay: Self.day("2026-01-01"))
        // Jan (3 people): Jan 1 and 2 → 2; Feb 1 → 1; Mar 2 → 1; Apr 1 → 1
        // Feb (2 people): Feb 4 → 1; Mar 4, 5 → 2; Apr 4 → 1
        // Apr (1 person): Apr 7 → 1
        #expect(
            Cohorts.retention(members, from: jan, through: jan + 3) == [
                .init(month: jan, size: 3, active: [2, 1, 1, 1]),
                .init(month: jan + 1, size: 2, active: [1, 2, 1]),
                .init(month: jan + 3, size: 1, active: [1]),
            ]
        )
        // through February only: the April cohort is out and the columns stop at February
        #expect(
            Cohorts.retention(members, from: jan, through: jan + 1) == [
                .init(month: jan, size: 3, active: [2, 1]), .init(month: jan + 1, size: 2, active: [1]),
            ]
        )
    }
}
