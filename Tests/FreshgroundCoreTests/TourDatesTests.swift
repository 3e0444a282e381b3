import Testing

@testable import FreshgroundCore

@Suite("Events: dating a speaking tour")
struct TourDatesTests {
    static let leeds = Coordinates(latitude: 53.80, longitude: -1.55)
    static let manchester = Coordinates(latitude: 53.48, longitude: -2.24)
    static let sheffield = Coordinates(latitude: 53.38, longitude: -1.47)
    static let glasgow = Coordinates(latitude: 55.86, longitude: -4.25)
    static let london = Coordinates(latitude: 51.51, longitude: -0.13)
    static let berlin = Coordinates(latitude: 52.52, longitude: 13.40)

    static func day(_ text: String) -> LocalDay { LocalDay(text)! }

    static func window(_ first: String, _ last: String) -> DayWindow { DayWindow(day(first), day(last)) }

    @Test func daysReadAndPrintAsIsoDates() {
        #expect(LocalDay("2026-03-28")?.description == "2026-03-28")
        #expect(LocalDay("2024-02-29")?.description == "2024-02-29")
        #expect(LocalDay("1970-01-01")?.number == 0)
        #expect(Self.day("2026-03-01").number - Self.day("2026-02-28").number == 1)
        #expect(Self.day("2025-01-01").number - Self.day("2024-12-31").number == 1)
        #expect(Self.day("2026-12-31").adding(days: 1).description == "2027-01-01")
        for bad in [
            "2026-02-29", "2026-13-01", "2026-00-10", "26-03-28", "2026-3-28", "2026-03-28T19:00", "", "abcd-ef-gh",
        ] {
            #expect(LocalDay(bad) == nil, "\(bad) is not a date")
        }
    }

    @Test func freeDaysAreTheRangeInsideTheWindows() {
        let free = TourDates.freeDays(
            from: Self.day("2026-05-01"),
            to: Self.day("2026-05-10"),
            windows: [Self.window("2026-04-20", "2026-05-02"), Self.window("2026-05-09", "2026-06-01")]
        )
        #expect(free.map(\.description) == ["2026-05-01", "2026-05-02", "2026-05-09", "2026-05-10"])
    }

    @Test func stopsGoInTheShortestOrderOnConsecutiveFreeDays() throws {
        // setup: a speaker from Leeds, free the whole range; stops given in a long order
        let stops = [
            TourStopRequest(id: 1, place: Self.glasgow),
            TourStopRequest(id: 2, place: Self.sheffield),
            TourStopRequest(id: 3, place: Self.manchester),
        ]
        // act
        let result = TourDates.plan(
            from: Self.leeds,
            stops: stops,
            first: Self.day("2026-05-01"),
            last: Self.day("2026-05-10"),
            windows: [Self.window("2026-05-03", "2026-05-20")]
        )
        // check: Sheffield, Manchester, then north to Glasgow
        let tour = try result.get()
        #expect(tour.stops.map(\.id) == [2, 3, 1])
        #expect(tour.stops.map(\.day.description) == ["2026-05-03", "2026-05-04", "2026-05-05"])
        #expect(tour.stops.allSatisfy { !$0.afterRestDay }, "Manchester to Glasgow is under 600 km")
        let expected =
            Self.leeds.distance(to: Self.sheffield) + Self.sheffield.distance(to: Self.manchester)
            + Self.manchester.distance(to: Self.glasgow)
        #expect(abs(tour.distance - expected) < 1e-6)
    }

    @Test func aLongLegGetsARestDayWhenTheRangeHasRoom() throws {
        let stops = [TourStopRequest(id: 1, place: Self.london), TourStopRequest(id: 2, place: Self.berlin)]
        let roomy = try TourDates.plan(
            from: Self.leeds,
            stops: stops,
            first: Self.day("2026-05-01"),
            last: Self.day("2026-05-05"),
            windows: [Self.window("2026-05-01", "2026-05-05")]
        ).get()
        let tight = try TourDates.plan(
            from: Self.leeds,
            stops: stops,
            first: Self.day("2026-05-01"),
            last: Self.day("2026-05-02"),
            windows: [Self.window("2026-05-01", "2026-05-05")]
        ).get()
        #expect(roomy.stops.map(\.day.description) == ["2026-05-01", "2026-05-03"])
        #expect(roomy.stops.map(\.afterRestDay) == [false, true])
        #expect(tight.stops.map(\.day.description) == ["2026-05-01", "2026-05-02"], "no room: back to back")
        #expect(tight.stops.map(\.afterRestDay) == [false, false])
    }

    @Test func hostsDatesCanForceALongerOrder() throws {
        // setup: Glasgow's hosts can only do the first day
        let stops = [
            TourStopRequest(id: 1, place: Self.glasgow, hostWindow: Self.window("2026-05-01", "2026-05-01")),
            TourStopRequest(id: 2, place: Self.sheffield),
        ]
        // act
        let tour = try TourDates.plan(
            from: Self.leeds,
            stops: stops,
            first: Self.day("2026-05-01"),
            last: Self.day("2026-05-04"),
            windows: [Self.window("2026-05-01", "2026-05-04")]
        ).get()
        // check
        #expect(tour.stops.map(\.id) == [1, 2])
        #expect(tour.stops[0].day.description == "2026-05-01")
    }

    @Test func impossibleToursSayWhy() {
        let two = [TourStopRequest(id: 1, place: Self.london), TourStopRequest(id: 2, place: Self.sheffield)]
        func plan(
            _ stops: [TourStopRequest],
            _ first: String,
            _ last: String,
            _ windows: [DayWindow]
        )
            -> TourDatesProblem?
        {
            if case .failure(let problem) = TourDates.plan(
                from: Self.leeds,
                stops: stops,
                first: Self.day(first),
                last: Self.day(last),
                windows: windows
            ) {
                return problem
            }
            return nil
        }
        let may = [Self.window("2026-05-01", "2026-05-31")]
        #expect(plan(two, "2026-05-02", "2026-05-01", may) == .rangeReversed)
        #expect(plan(two, "2026-06-01", "2026-06-10", may) == .speakerUnavailable)
        #expect(plan(two, "2026-05-31", "2026-06-10", may) == .tooFewDays(free: 1, stops: 2))
        let late = [
            TourStopRequest(id: 1, place: Self.london, hostWindow: Self.window("2026-07-01", "2026-07-02")),
            TourStopRequest(id: 2, place: Self.sheffield),
        ]
        #expect(plan(late, "2026-05-01", "2026-05-10", may) == .noDayFor(stops: [1]))
        let sameDay = [
            TourStopRequest(id: 1, place: Self.london, hostWindow: Self.window("2026-05-03", "2026-05-03")),
            TourStopRequest(id: 2, place: Self.sheffield, hostWindow: Self.window("2026-05-03", "2026-05-03")),
        ]
        #expect(plan(sameDay, "2026-05-01", "2026-05-10", may) == .noOrder)
        #expect(plan(two, "2026-05-01", "2026-05-10", may) == nil)
    }
}
