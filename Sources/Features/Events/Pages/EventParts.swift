import Foundation
import FreshgroundCore
import FreshgroundWeb

/// Pieces the event pages share: times, cards and option lists.
enum EventParts {
    /// An instant as `<time>`, shown in the event's own zone.
    static func time(_ date: Date, zone: String) -> HTML {
        let iso =
            CivilTime(epochSeconds: Int(date.timeIntervalSince1970)).isoDate + "T"
            + CivilTime(epochSeconds: Int(date.timeIntervalSince1970)).clock + "Z"
        return "<time datetime=\"\(iso)\">\(ZonedTime.display(date, zone: zone))</time>"
    }

    /// The start and end, with the end's date only when it differs.
    static func when(_ event: EventSummary) -> HTML {
        let sameDay =
            ZonedTime.day(event.startsAt, zone: event.timeZone) == ZonedTime.day(event.endsAt, zone: event.timeZone)
        let end: HTML =
            sameDay
            ? "<time>\(ZonedTime.time(event.endsAt, zone: event.timeZone))</time>"
            : time(event.endsAt, zone: event.timeZone)
        return "\(time(event.startsAt, zone: event.timeZone)) – \(end)"
    }

    static func card(_ event: EventSummary, hosts: [String] = [], note: String? = nil) -> HTML {
        let cancelled: HTML = .when(event.status == .cancelled) { " <strong class=\"status\">Cancelled</strong>" }
        return """
            <li class="event-card"><h3><a href="\(EventPaths.event(event.id))">\(event.title)</a>\(cancelled)</h3>
            <p>\(event.kind.label) · \(when(event)) · \(event.whereLabel)</p>\(HTML.when(!hosts.isEmpty) {
                "<p>Hosted by \(hosts.joined(separator: ", "))</p>"
            })\(note.map { text -> HTML in "<p class=\"promoted\">\(text)</p>" })</li>
            """
    }

    static func cards(_ events: [EventSummary], hosts: [Int: [String]] = [:], empty: String) -> HTML {
        guard !events.isEmpty else { return "<p class=\"empty\">\(empty)</p>" }
        return "<ul class=\"event-list\">\(events.map { card($0, hosts: hosts[$0.id] ?? []) })</ul>"
    }

    static let kindOptions: [(value: String, label: String)] = EventKind.allCases.map { ($0.rawValue, $0.label) }

    static let repeatOptions: [(value: String, label: String)] = [
        ("", "Does not repeat"), ("weekly", "Every week"), ("monthly", "Every month, on the same day"),
    ]
}
