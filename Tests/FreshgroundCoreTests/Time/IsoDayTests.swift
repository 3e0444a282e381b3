import FreshgroundCore
import Testing

@Suite struct IsoDayTests {
    @Test func readsRealDatesAndWritesThemBack() {
        #expect(IsoDay.parse("1970-01-01") == 0)
        #expect(IsoDay.parse("2027-03-01") == CivilTime.days(year: 2027, month: 3, day: 1))
        #expect(IsoDay.parse("2028-02-29") != nil, "a leap day")
        for text in ["2027-03-01", "2028-02-29", "1999-12-31", "2027-01-01"] {
            #expect(IsoDay.parse(text).map(IsoDay.format) == text)
        }
    }

    @Test func refusesWhatIsNotADate() {
        for text in [
            "2027-02-29", "2027-13-01", "2027-00-10", "2027-3-01", "27-03-01", "2027-03-01T10:00", "", "２０２７-03-01",
            "1899-12-31",
        ] {
            #expect(IsoDay.parse(text) == nil, "\(text)")
        }
    }
}
