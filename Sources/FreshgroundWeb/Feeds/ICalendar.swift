import Foundation
import FreshgroundCore

/// One event of an iCalendar feed. Text is plain; the writer escapes it.
package struct ICalEvent: Sendable, Equatable {
    /// A globally unique, stable id, such as `event-42@example.org`.
    package var uid: String
    package var start: Date
    package var end: Date
    package var summary: String
    package var description: String
    package var location: String
    /// The absolute URL of the event's page.
    package var url: String?
    /// `CONFIRMED`, `CANCELLED` or `TENTATIVE`; any other value is left out.
    package var status: String?
    package var categories: [String]
    package var lastModified: Date?
    /// Raised each time the event changes in a way attendees should notice (RFC 5545 §3.8.7.4).
    package var sequence: Int
    /// Whole days: `start` is the first day's UTC midnight and `end` the midnight after the last, written as
    /// `VALUE=DATE` so calendars show the span on those days in every time zone.
    package var allDay = false

    package init(
        uid: String,
        start: Date,
        end: Date,
        summary: String,
        description: String = "",
        location: String = "",
        url: String? = nil,
        status: String? = nil,
        categories: [String] = [],
        lastModified: Date? = nil,
        sequence: Int = 0
    ) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.status = status
        self.categories = categories
        self.lastModified = lastModified
        self.sequence = sequence
    }
}

/// An iCalendar document (RFC 5545) that calendar apps subscribe to. Every text is escaped and stripped of
/// control characters, lines are folded at 75 octets without splitting a UTF-8 sequence, and times are
/// written in UTC, so no user text can break the file.
package struct ICalendar: Sendable {
    package static let contentType = "text/calendar; charset=utf-8"

    package var name: String
    package var description: String
    package var events: [ICalEvent]
    /// When the document is written; every event's `DTSTAMP`.
    package var now: Date

    package init(name: String, description: String = "", events: [ICalEvent], now: Date) {
        self.name = name
        self.description = description
        self.events = events
        self.now = now
    }

    /// The document with CRLF line ends. `prodID` names the product, such as `-//Freshground//Events//EN`.
    package func render(prodID: String) -> String {
        var writer = ContentLines()
        writer.line("BEGIN:VCALENDAR")
        writer.line("VERSION:2.0")
        writer.line("PRODID:" + Self.text(prodID))
        writer.line("CALSCALE:GREGORIAN")
        writer.line("METHOD:PUBLISH")
        writer.line("X-WR-CALNAME:" + Self.text(name))
        if !description.isEmpty { writer.line("X-WR-CALDESC:" + Self.text(description)) }
        let stamp = Self.utc(now)
        for event in events {
            writer.line("BEGIN:VEVENT")
            writer.line("UID:" + Self.text(event.uid))
            writer.line("DTSTAMP:" + stamp)
            if event.allDay {
                writer.line("DTSTART;VALUE=DATE:" + String(Self.utc(event.start).prefix(8)))
                writer.line("DTEND;VALUE=DATE:" + String(Self.utc(event.end).prefix(8)))
            } else {
                writer.line("DTSTART:" + Self.utc(event.start))
                writer.line("DTEND:" + Self.utc(event.end))
            }
            writer.line("SUMMARY:" + Self.text(event.summary))
            if !event.description.isEmpty { writer.line("DESCRIPTION:" + Self.text(event.description)) }
            if !event.location.isEmpty { writer.line("LOCATION:" + Self.text(event.location)) }
            if let url = event.url, !url.isEmpty {
                // A URI, not TEXT: nothing is escaped, but no control character or space may pass.
                let kept = url.unicodeScalars.filter { $0 != " " && $0.properties.generalCategory != .control }
                writer.line("URL:" + String(String.UnicodeScalarView(kept)))
            }
            if let status = event.status?.uppercased(), Self.statuses.contains(status) {
                writer.line("STATUS:" + status)
            }
            let categories = event.categories.filter { !$0.isEmpty }
            if !categories.isEmpty {
                writer.line("CATEGORIES:" + categories.map(Self.text).joined(separator: ","))
            }
            if let modified = event.lastModified { writer.line("LAST-MODIFIED:" + Self.utc(modified)) }
            writer.line("SEQUENCE:\(max(0, event.sequence))")
            writer.line("END:VEVENT")
        }
        writer.line("END:VCALENDAR")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static let statuses: Set<String> = ["CONFIRMED", "CANCELLED", "TENTATIVE"]

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, any line break as `\n`, other
    /// control characters but tab removed.
    package static func text(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in value.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out.append(contentsOf: #"\\"#.unicodeScalars)
            case ";": out.append(contentsOf: #"\;"#.unicodeScalars)
            case ",": out.append(contentsOf: #"\,"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\n": if !afterCR { out.append(contentsOf: #"\n"#.unicodeScalars) }
            case "\t": out.append(scalar)
            default: if scalar.properties.generalCategory != .control { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// A UTC DATE-TIME such as `20261122T180000Z`; fractions of a second are dropped.
    package static func utc(_ date: Date) -> String {
        let parts = CivilTime(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        var out = ""
        out.reserveCapacity(16)
        func append(_ value: Int, width: Int) {
            let digits = String(value)
            if digits.count < width { out += String(repeating: "0", count: width - digits.count) }
            out += digits
        }
        append(parts.year, width: 4)
        append(parts.month, width: 2)
        append(parts.day, width: 2)
        out += "T"
        append(parts.hour, width: 2)
        append(parts.minute, width: 2)
        append(parts.second, width: 2)
        out += "Z"
        return out
    }
}

/// Content lines folded at 75 octets (RFC 5545 §3.1), each ended by CRLF.
private struct ContentLines {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    /// Appends one content line, folding it so that no physical line passes 75 octets; a continuation line
    /// starts with a space, which counts. A character's bytes are never split.
    mutating func line(_ text: String) {
        var length = 0
        for scalar in text.unicodeScalars {
            let width = Self.width(scalar)
            if length + width > 75 {
                bytes += [13, 10, 32]
                length = 1
            }
            bytes.append(contentsOf: UTF8.encode(scalar)!)
            length += width
        }
        bytes += [13, 10]
    }

    /// The bytes `scalar` takes in UTF-8.
    static func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0..<0x80: 1
        case 0x80..<0x800: 2
        case 0x800..<0x1_0000: 3
        default: 4
        }
    }
}
