import Foundation
import FreshgroundCore

/// Wall-clock times in a named (IANA) time zone. Events keep their instants in UTC and the zone they happen
/// in; forms speak local wall time and pages show it. Offsets come from Foundation's zone database; the
/// calendar arithmetic is `CivilTime`, which is much cheaper than Foundation's formatters.
package enum ZonedTime {
    /// The zone with this identifier, if the zone database knows it (`UTC` included).
    package static func zone(_ id: String) -> TimeZone? {
        guard !id.isEmpty, id.count <= 64 else { return nil }
        return TimeZone(identifier: id)
    }

    package static func isKnownZone(_ id: String) -> Bool { zone(id) != nil }

    /// The UTC instant of a local wall time such as `2026-03-28T19:00` in `zone`. Nil when the text is malformed,
    /// the zone unknown, or the time does not exist there (skipped by a daylight-saving change). A wall time that
    /// happens twice (the hour repeated in autumn) is the first of the two.
    package static func parse(_ local: String, zone id: String) -> Date? {
        guard let civil = CivilTime(parsing: local.trimmingCharacters(in: .whitespaces)), let zone = zone(id) else {
            return nil
        }
        let wall = civil.epochSeconds
        // Try the offsets in force around that time, earliest instant first; keep one that reads back the same.
        let offsets = Set(
            [-86_400, 0, 86_400].map { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall + $0))) }
        )
        let candidates = offsets.map { wall - $0 }.sorted()
        for instant in candidates {
            let date = Date(timeIntervalSince1970: Double(instant))
            if instant + zone.secondsFromGMT(for: date) == wall { return date }
        }
        return nil
    }

    /// The local calendar fields of `date` in the zone (UTC when the zone is unknown).
    package static func civil(_ date: Date, zone id: String) -> CivilTime {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return CivilTime(epochSeconds: seconds + offset(date, zone: id))
    }

    /// Seconds east of UTC in force at `date`. UTC, the zone of every post and message date, skips the zone
    /// database.
    package static func offset(_ date: Date, zone id: String) -> Int {
        id == "UTC" ? 0 : zone(id)?.secondsFromGMT(for: date) ?? 0
    }

    /// `2026-03-28T18:00:05Z`: the instant for `<time datetime>` and feeds, the same text as Foundation's
    /// `.iso8601` style without its cost.
    package static func iso(_ date: Date) -> String {
        CivilTime(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down))).isoInstant
    }

    /// `2026-03-28T19:00`, as `<input type="datetime-local">` wants it.
    package static func localInput(_ date: Date, zone: String) -> String {
        let t = civil(date, zone: zone)
        return "\(t.isoDate)T\(t.clock)"
    }

    /// `2026-03-28`.
    package static func day(_ date: Date, zone: String) -> String { civil(date, zone: zone).isoDate }

    /// `19:00`.
    package static func time(_ date: Date, zone: String) -> String { civil(date, zone: zone).clock }

    /// `GMT+1`, `GMT-3:30`, `GMT`.
    package static func offsetLabel(_ date: Date, zone: String) -> String {
        let seconds = offset(date, zone: zone)
        guard seconds != 0 else { return "GMT" }
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return minutes % 60 == 0
            ? "GMT\(sign)\(minutes / 60)" : "GMT\(sign)\(minutes / 60):\(CivilTime.pad(minutes % 60))"
    }

    /// `Sat 28 Mar 2026`.
    package static func dateLabel(_ date: Date, zone: String) -> String {
        let t = civil(date, zone: zone)
        return "\(CivilTime.weekdayNames[t.weekday]) \(t.day) \(CivilTime.monthNames[t.month - 1]) \(t.year)"
    }

    /// `Sat 28 Mar 2026, 19:00 GMT+1`.
    package static func display(_ date: Date, zone: String) -> String {
        "\(dateLabel(date, zone: zone)), \(time(date, zone: zone)) \(offsetLabel(date, zone: zone))"
    }

    /// The instant a local calendar day starts in the zone (midnight, or the first minute that exists).
    package static func startOfDay(_ day: CivilTime, zone id: String) -> Date {
        for minute in stride(from: 0, through: 180, by: 30) {
            let t = CivilTime(year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60)
            if let date = parse("\(t.isoDate)T\(t.clock)", zone: id) { return date }
        }
        return Date(timeIntervalSince1970: Double(day.epochSeconds))
    }
}
