import Testing

@testable import FreshgroundCore

@Suite("Recurrence and calendar arithmetic")
struct RecurrenceTests {
    func day(_ text: String) -> CivilTime { CivilTime(parsing: text)! }

    @Test("a weekly series runs to its last day and skips the struck-out ones")
    func weekly() {
        let days = Recurrence.days(
            first: day("2026-10-13"),
            frequency: .weekly,
            until: day("2026-11-10"),
            exceptions: ["2026-10-27"]
        )
        #expect(days.map(\.isoDate) == ["2026-10-13", "2026-10-20", "2026-11-03", "2026-11-10"])
    }

    @Test("a monthly series on the 31st skips the months without one")
    func monthlyOnThe31st() {
        let days = Recurrence.days(first: day("2027-01-31"), frequency: .monthly, until: day("2027-07-31"))
        #expect(days.map(\.isoDate) == ["2027-01-31", "2027-03-31", "2027-05-31", "2027-07-31"])
    }

    @Test("a monthly series crosses the year and stops at the limit")
    func monthlyAcrossYears() {
        let days = Recurrence.days(first: day("2026-11-15"), frequency: .monthly, until: day("2027-02-14"))
        #expect(days.map(\.isoDate) == ["2026-11-15", "2026-12-15", "2027-01-15"])
        let long = Recurrence.days(first: day("2026-01-05"), frequency: .weekly, until: day("2099-01-01"))
        #expect(long.count == Recurrence.limit)
    }

    @Test("a series whose only day is struck out is empty")
    func allStruckOut() {
        let days = Recurrence.days(
            first: day("2026-10-13"),
            frequency: .weekly,
            until: day("2026-10-19"),
            exceptions: ["2026-10-13"]
        )
        #expect(days.isEmpty)
    }

    @Test("calendar fields round-trip through epoch seconds, leap days and weekdays included")
    func civilTime() {
        for seconds in [0, 951_782_400, 1_790_000_000, -86_400, 4_107_542_400] {
            let fields = CivilTime(epochSeconds: seconds)
            #expect(fields.epochSeconds == seconds)
        }
        #expect(CivilTime(epochSeconds: 951_782_400).isoDate == "2000-02-29")
        #expect(day("2026-11-22").weekday == 6, "a Sunday")
        #expect(day("1970-01-01").weekday == 3, "a Thursday")
        #expect(CivilTime(parsing: "2026-02-29") == nil)
        #expect(CivilTime(parsing: "2026-13-01") == nil)
        #expect(CivilTime(parsing: "2026-10-20T24:00") == nil)
        #expect(CivilTime(parsing: "2026-10-20T19:00")?.clock == "19:00")
        #expect(CivilTime(parsing: "20261020") == nil)
    }
}
