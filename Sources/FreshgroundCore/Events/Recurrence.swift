/// Repeating events: the local start days of a weekly or monthly series, without the days the organizers
/// struck out. Each occurrence is kept as an event of its own, so RSVPs, co-hosts and calendars treat them
/// like any other; this only decides which days they fall on.
package enum Recurrence {
    package enum Frequency: String, Sendable, CaseIterable {
        case weekly, monthly
    }

    /// At most this many occurrences are made at once.
    package static let limit = 60

    /// The days of a series starting on `first`, repeating until `until` (inclusive), skipping `exceptions`
    /// (ISO days such as `2026-12-24`). A monthly series keeps the day of the month and skips months without
    /// it (a series on the 31st has no February occurrence). The first day is always included unless struck out.
    package static func days(
        first: CivilTime,
        frequency: Frequency,
        until: CivilTime,
        exceptions: Set<String> = []
    ) -> [CivilTime] {
        var found: [CivilTime] = []
        var step = 0
        let last = CivilTime.days(year: until.year, month: until.month, day: until.day)
        while found.count < limit {
            let day: CivilTime?
            switch frequency {
            case .weekly:
                let number = CivilTime.days(year: first.year, month: first.month, day: first.day) + 7 * step
                let (year, month, dayOfMonth) = CivilTime.date(fromDays: number)
                day = CivilTime(year: year, month: month, day: dayOfMonth)
            case .monthly:
                let monthIndex = first.month - 1 + step
                let year = first.year + monthIndex / 12
                let month = monthIndex % 12 + 1
                day =
                    first.day <= CivilTime.daysIn(month: month, year: year)
                    ? CivilTime(year: year, month: month, day: first.day) : nil
                if day == nil && CivilTime.days(year: year, month: month, day: 1) > last { return found }
            }
            step += 1
            guard let day else { continue }
            if CivilTime.days(year: day.year, month: day.month, day: day.day) > last { break }
            if !exceptions.contains(day.isoDate) { found.append(day) }
        }
        return found
    }
}
