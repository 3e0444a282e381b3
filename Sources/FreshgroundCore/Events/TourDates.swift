/// A calendar date without a time or zone, as stored in TEXT columns ('YYYY-MM-DD').
package struct LocalDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    package let number: Int

    package init(number: Int) { self.number = number }

    /// Reads 'YYYY-MM-DD'; nil for anything else, including dates that do not exist (2026-02-30).
    package init?(_ text: String) {
        guard text.utf8.count == 10, !text.contains("T"), let civil = CivilTime(parsing: text) else { return nil }
        number = CivilTime.days(year: civil.year, month: civil.month, day: civil.day)
    }

    package var year: Int { CivilTime.date(fromDays: number).year }
    package var month: Int { CivilTime.date(fromDays: number).month }
    package var day: Int { CivilTime.date(fromDays: number).day }

    /// 'YYYY-MM-DD'.
    package var description: String {
        let (year, month, day) = CivilTime.date(fromDays: number)
        return CivilTime(year: year, month: month, day: day).isoDate
    }

    package func adding(days: Int) -> LocalDay { LocalDay(number: number + days) }

    package static func < (a: LocalDay, b: LocalDay) -> Bool { a.number < b.number }
}

/// An inclusive range of days, such as a speaker's availability window or the dates a stop's hosts can do.
package struct DayWindow: Sendable, Equatable {
    package let first: LocalDay
    package let last: LocalDay

    package init(_ first: LocalDay, _ last: LocalDay) {
        self.first = first
        self.last = last
    }

    package func contains(_ day: LocalDay) -> Bool { first <= day && day <= last }
}

/// A stop to date: its id, where it is, and (optionally) the dates its hosts can do.
package struct TourStopRequest: Sendable, Equatable {
    package let id: Int
    package let place: Coordinates
    package let hostWindow: DayWindow?

    package init(id: Int, place: Coordinates, hostWindow: DayWindow? = nil) {
        self.id = id
        self.place = place
        self.hostWindow = hostWindow
    }
}

/// A dated tour: the stops in travel order with their dates, the kilometres, and which stops follow a rest day.
package struct DatedTour: Sendable, Equatable {
    package struct Stop: Sendable, Equatable {
        package let id: Int
        package let day: LocalDay
        /// Kilometres from the previous stop (or from home, for the first).
        package let kilometres: Double
        /// True when the day before this stop is kept free for a long journey.
        package let afterRestDay: Bool
    }

    package let stops: [Stop]
    package let distance: Double
}

/// Why no dates fit, in terms an organizer can act on.
package enum TourDatesProblem: Error, Sendable, Equatable {
    /// The tour's last day comes before its first.
    case rangeReversed
    /// The speaker is free on no day of the tour's range.
    case speakerUnavailable
    /// Fewer free days than stops: `free` days for `stops` stops.
    case tooFewDays(free: Int, stops: Int)
    /// Stops whose hosts' dates share no free day of the speaker inside the range.
    case noDayFor(stops: [Int])
    /// Every stop has days, but no order gives each its own day.
    case noOrder
}

/// Turns the planner's order into dates. One stop a day at most, each on a day inside the tour's range, inside one
/// of the speaker's availability windows, and inside its hosts' dates when they gave some. The order is the one
/// with the least travel that fits those days (`TourPlanner`). Then, walking that order, a leg longer than
/// `restAfterKilometres` gets a free day before the next stop whenever the next stop can still take a later day
/// and every stop after it still fits; where there is no room, the stops stay on consecutive days.
package enum TourDates {
    package static let restAfterKilometres = 600.0

    /// The days of the range the speaker is free on (any window containing the day).
    package static func freeDays(from first: LocalDay, to last: LocalDay, windows: [DayWindow]) -> [LocalDay] {
        guard first <= last else { return [] }
        return (first.number...last.number).map(LocalDay.init(number:)).filter { day in
            windows.contains { $0.contains(day) }
        }
    }

    package static func plan(
        from home: Coordinates,
        stops: [TourStopRequest],
        first: LocalDay,
        last: LocalDay,
        windows: [DayWindow]
    ) -> Result<DatedTour, TourDatesProblem> {
        guard first <= last else { return .failure(.rangeReversed) }
        let free = freeDays(from: first, to: last, windows: windows)
        guard !stops.isEmpty else { return .success(DatedTour(stops: [], distance: 0)) }
        guard !free.isEmpty else { return .failure(.speakerUnavailable) }
        guard free.count >= stops.count else { return .failure(.tooFewDays(free: free.count, stops: stops.count)) }
        let planned = stops.map { stop in
            TourStop(
                id: stop.id,
                place: stop.place,
                days: free.filter { stop.hostWindow?.contains($0) ?? true }.map { $0.number - first.number }
            )
        }
        let empty = planned.filter(\.days.isEmpty).map(\.id)
        guard empty.isEmpty else { return .failure(.noDayFor(stops: empty)) }
        guard let plan = TourPlanner.plan(from: home, stops: planned) else { return .failure(.noOrder) }
        let byID = Dictionary(uniqueKeysWithValues: planned.map { ($0.id, $0) })
        let order = plan.stops.map { byID[$0.id]! }
        let days = restDays(home, order, plan.stops.map(\.day))
        var here = home
        var dated: [DatedTour.Stop] = []
        for (index, stop) in order.enumerated() {
            let kilometres = here.distance(to: stop.place)
            let rested = index > 0 && days[index] - days[index - 1] > 1
            dated.append(
                .init(id: stop.id, day: first.adding(days: days[index]), kilometres: kilometres, afterRestDay: rested)
            )
            here = stop.place
        }
        return .success(DatedTour(stops: dated, distance: plan.distance))
    }

    /// The planner's earliest days, moved later where a long leg asks for a rest day and the rest still fits.
    private static func restDays(_ home: Coordinates, _ order: [TourStop], _ earliest: [Int]) -> [Int] {
        var days = earliest
        for index in order.indices.dropFirst() {
            let leg = order[index - 1].place.distance(to: order[index].place)
            guard leg > restAfterKilometres, days[index] - days[index - 1] < 2 else { continue }
            guard let later = order[index].days.first(where: { $0 >= days[index - 1] + 2 }) else { continue }
            var trial = Array(days[..<index]) + [later]
            var fits = true
            for next in order.indices.dropFirst(index + 1) {
                guard let day = order[next].days.first(where: { $0 > trial.last! }) else {
                    fits = false
                    break
                }
                trial.append(day)
            }
            if fits { days = trial }
        }
        return days
    }
}
