import Foundation
import FreshgroundWeb
import Mail
import Testing

/// The iCalendar writer, read back with Python's icalendar as a calendar app would read it.
@Suite struct ICalendarWriterTests {
    static let now = Date(timeIntervalSince1970: 1_795_370_400)  // 2026-11-22 18:00:00 UTC

    static func event(_ uid: String = "event-1@example.org", summary: String = "Meeting") -> ICalEvent {
        ICalEvent(uid: uid, start: now, end: now.addingTimeInterval(5400), summary: summary)
    }

    @Test func textWithCommasSemicolonsBackslashesAndLineBreaksRoundTrips() throws {
        // setup (icalendar decodes `\\n` as a backslash and a line break, so no backslash here precedes an n)
        var event = Self.event(summary: "Rent, food; and C:\\path\\to")
        event.description = "Line one\nLine two, with; all\\of it\r\nthird\rfourth\n\n"
        event.location = "Hall 3, 2nd floor; \"North\""
        event.url = "https://example.org/events/1?a=b,c;d"
        event.categories = ["housing, rent", "tenants; union", "plain"]
        let calendar = ICalendar(
            name: "Tenants, Union; \\ Calendar",
            description: "All, of; it",
            events: [event],
            now: Self.now
        )

        // act
        let parsed = try parseICalendar(calendar.render(prodID: "-//Freshground//Tests//EN"))

        // check
        #expect(parsed.name == "Tenants, Union; \\ Calendar")
        #expect(parsed.description == "All, of; it")
        #expect(parsed.prodID == "-//Freshground//Tests//EN")
        #expect(parsed.version == "2.0" && parsed.method == "PUBLISH")
        let read = try #require(parsed.events.first)
        #expect(read.summary == "Rent, food; and C:\\path\\to")
        #expect(read.description == "Line one\nLine two, with; all\\of it\nthird\nfourth\n\n")
        #expect(read.location == "Hall 3, 2nd floor; \"North\"")
        #expect(read.url == "https://example.org/events/1?a=b,c;d")
        #expect(read.categories == ["housing, rent", "tenants; union", "plain"])
    }

    @Test func longMultibyteSummariesFoldWithin75OctetsAndRoundTrip() throws {
        // setup
        let summary = String(String(repeating: "Réunion ½ – 日本語の会議 🎉🌱 ", count: 20).prefix(200))
        #expect(summary.count == 200)
        let calendar = ICalendar(name: "Folding", events: [Self.event(summary: summary)], now: Self.now)

        // act
        let text = calendar.render(prodID: "-//Freshground//Tests//EN")

        // check: every physical line fits and is valid UTF-8 by itself, so no character was split
        let lines = Array(text.utf8).split(separator: 10, omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 10)
        for line in lines {
            let content = line.dropLast()  // the CR
            #expect(content.count <= 75, "\(content.count) octets: \(String(decoding: content, as: UTF8.self))")
            #expect(String(validating: content, as: UTF8.self) != nil)
        }
        let summaryLines = text.components(separatedBy: "\r\n").drop { !$0.hasPrefix("SUMMARY:") }
        #expect(summaryLines.dropFirst().first?.hasPrefix(" ") == true, "the summary is folded")
        #expect(try parseICalendar(text).events.first?.summary == summary)
    }

    @Test func everyLineEndsWithCRLF() throws {
        // setup
        var event = Self.event(summary: "One\ntwo")
        event.description = "a\r\nb\rc\nd"
        let text = ICalendar(name: "Lines", events: [event, Self.event("event-2@example.org")], now: Self.now)
            .render(prodID: "-//Freshground//Tests//EN")

        // check
        let bytes = Array(text.utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        for (index, byte) in bytes.enumerated() {
            if byte == 10 { #expect(index > 0 && bytes[index - 1] == 13, "a bare LF at \(index)") }
            if byte == 13 { #expect(index + 1 < bytes.count && bytes[index + 1] == 10, "a bare CR at \(index)") }
        }
        #expect(try parseICalendar(text).events.count == 2)
    }

    @Test func timesRoundTripExactlyInUTC() throws {
        // setup: whole seconds around the year, a leap day, before 1970 and far ahead
        let moments: [TimeInterval] = [
            1_795_370_400, 1_795_370_400 + 5407, 1_830_297_599, 0, -86_399, -2_208_988_800, 4_102_444_799,
            951_782_400,
        ]
        let events = moments.enumerated().map { index, start in
            var event = ICalEvent(
                uid: "t\(index)@example.org",
                start: Date(timeIntervalSince1970: start),
                end: Date(timeIntervalSince1970: start + 3661),
                summary: "T\(index)"
            )
            event.lastModified = Date(timeIntervalSince1970: start - 59)
            event.sequence = index
            return event
        }

        // act
        let text = ICalendar(name: "Times", events: events, now: Self.now).render(prodID: "-//Freshground//Tests//EN")
        let parsed = try parseICalendar(text)

        // check
        #expect(text.contains("DTSTART:20261122T180000Z\r\n"))
        #expect(text.contains("DTSTAMP:20261122T180000Z\r\n"))
        #expect(parsed.events.count == moments.count)
        for (event, read) in zip(events, parsed.events) {
            #expect(read.uid == event.uid)
            #expect(read.start?.date == event.start && read.start?.iso.hasSuffix("+00:00") == true)
            #expect(read.end?.date == event.end)
            #expect(read.lastModified?.date == event.lastModified)
            #expect(read.stamp?.date == Self.now)
            #expect(read.sequence == event.sequence)
        }
    }

    @Test func theWritersDatesMatchFoundations() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let mail = DateFormatter()
        mail.locale = Locale(identifier: "en_US_POSIX")
        mail.timeZone = TimeZone(identifier: "UTC")
        mail.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            // 1601 to 2399
            let date = Date(
                timeIntervalSince1970: TimeInterval(Int.random(in: -11_644_473_600...13_569_465_599, using: &generator))
            )
            #expect(ICalendar.utc(date) == formatter.string(from: date))
            #expect(MailFormat.date(date) == mail.string(from: date))
        }
    }

    @Test func controlCharactersAreDroppedAndOnlyKnownStatusesWritten() throws {
        // setup
        var cancelled = Self.event("c@example.org", summary: "Bell\u{07} and\u{0} null\u{1B}[31m")
        cancelled.status = "cancelled"
        var odd = Self.event("o@example.org")
        odd.status = "POSTPONED\r\nX-EVIL:1"
        cancelled.url = "https://example.org/a b\r\n"

        // act
        let text = ICalendar(name: "Status", events: [cancelled, odd], now: Self.now)
            .render(prodID: "-//Freshground//Tests//EN")
        let parsed = try parseICalendar(text)

        // check
        #expect(parsed.events.map(\.summary) == ["Bell and null[31m", "Meeting"])
        #expect(parsed.events.map(\.status) == ["CANCELLED", nil])
        #expect(parsed.events.first?.url == "https://example.org/ab")
        #expect(!text.contains("X-EVIL"))
        #expect(ICalendar.contentType == "text/calendar; charset=utf-8")
    }

    @Test func aCalendarWithoutEventsIsValid() throws {
        let parsed = try parseICalendar(
            ICalendar(name: "Empty", events: [], now: Self.now).render(prodID: "-//x//y//EN")
        )
        #expect(parsed.name == "Empty" && parsed.events.isEmpty)
    }
}
