import Foundation

/// Calendar days written as `YYYY-MM-DD` and counted as day numbers (days since 1970-01-01), for spans of whole
/// days such as a plan's items.
public enum IsoDay {
    /// The day number of `text` when it is exactly `YYYY-MM-DD`, a real date of the years 1900 to 9999; nil otherwise.
    public static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1900...9999).contains(year), (1...12).contains(month),
            (1...CivilTime.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return CivilTime.days(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD` of a day number.
    public static func format(_ day: Int) -> String {
        let date = CivilTime.date(fromDays: day)
        return "\(date.year)-\(CivilTime.pad(date.month))-\(CivilTime.pad(date.day))"
    }

    /// The UTC day number of an instant.
    public static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }
}
