/// Calendar fields of the proleptic Gregorian calendar from seconds since 1970 and back, without Foundation:
/// Foundation's calendars and formatters cost tens of microseconds each on Linux, and pages with hundreds of
/// times pay that hundreds of times. Time zones are applied by the caller as an offset in seconds.
public struct CivilTime: Sendable, Equatable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The fields of the instant `seconds` after 1970-01-01T00:00:00 (add a zone's offset first for local time).
    public init(epochSeconds seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let (year, month, day) = CivilTime.date(fromDays: days)
        self.init(year: year, month: month, day: day, hour: time / 3_600, minute: time % 3_600 / 60, second: time % 60)
    }

    /// Seconds since 1970 of these fields read as UTC.
    public var epochSeconds: Int {
        CivilTime.days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// Days since 1970-01-01 of a date (Howard Hinnant's days-from-civil).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
    public static func date(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int {
        let days = CivilTime.days(year: year, month: month, day: day)
        return ((days + 3) % 7 + 7) % 7
    }

    /// `2026-03-28`.
    public var isoDate: String { "\(year)-\(CivilTime.pad(month))-\(CivilTime.pad(day))" }

    /// `2026-03-28T19:00:05Z`: these fields as an instant in UTC, the way `<time datetime>` and feeds write it
    /// (Foundation's `.iso8601` style, byte for byte, for years 1000 to 9999).
    public var isoInstant: String { "\(isoDate)T\(clock):\(CivilTime.pad(second))Z" }

    /// `19:00`.
    public var clock: String { "\(CivilTime.pad(hour)):\(CivilTime.pad(minute))" }

    /// Reads `2026-03-28`, or `2026-03-28T19:00` (seconds optional); nil when malformed or not a real date.
    public init?(parsing text: String) {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
            date.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]),
            (1...12).contains(month), (1...CivilTime.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var clock = [0, 0, 0]
        if parts.count == 2 {
            let fields = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(fields.count),
                fields.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else { return nil }
            for (index, field) in fields.enumerated() {
                guard let value = Int(field) else { return nil }
                clock[index] = value
            }
            guard clock[0] < 24, clock[1] < 60, clock[2] < 60 else { return nil }
        }
        self.init(year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: clock[2])
    }

    public static func < (lhs: CivilTime, rhs: CivilTime) -> Bool { lhs.epochSeconds < rhs.epochSeconds }

    public static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    public static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
}
