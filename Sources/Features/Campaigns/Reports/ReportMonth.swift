import Foundation
import FreshgroundCore

/// A calendar month of the reports, in UTC, written `2026-09` in addresses and tables: it starts at midnight UTC
/// on its first day. Reminders are due on the 3rd of the next month and the digest on the 6th, UTC as well.
struct ReportMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    let year: Int
    let month: Int

    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Reads `2026-09`; nil for anything else.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 2000
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month that holds `date`, in UTC.
    init(containing date: Date) {
        let civil = CivilTime(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        self.init(year: civil.year, month: civil.month)
    }

    /// `2026-09`.
    var description: String { "\(year)-\(CivilTime.pad(month))" }

    /// `September 2026`.
    var label: String { "\(Self.names[month - 1]) \(year)" }

    var start: Date {
        Date(timeIntervalSince1970: TimeInterval(CivilTime(year: year, month: month, day: 1).epochSeconds))
    }

    /// The first moment after the month.
    var end: Date { next.start }

    var next: ReportMonth {
        month == 12 ? ReportMonth(year: year + 1, month: 1) : ReportMonth(year: year, month: month + 1)
    }

    var previous: ReportMonth {
        month == 1 ? ReportMonth(year: year - 1, month: 12) : ReportMonth(year: year, month: month - 1)
    }

    /// Midnight UTC on day `day` of the following month.
    func following(day: Int) -> Date { end.addingTimeInterval(TimeInterval((day - 1) * 86_400)) }

    /// Reminders go to groups that have not reported from the 3rd of the following month.
    var remindersDue: Date { following(day: 3) }
    /// The digest goes to the organizers from the 6th of the following month.
    var digestDue: Date { following(day: 6) }

    static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    private static let names = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
}
