import Foundation
import FreshgroundWeb
import FuzzSupport
import PropertyBased
import Testing

/// The iCalendar and Atom writers, fuzzed: hostile text always gives a document that Python's icalendar and
/// feedparser read without complaint, with the text as it went in. Each check writes many events or entries into
/// one document, so Python starts once per document rather than once per text.
@Suite("Feed fuzzing")
struct FeedFuzzTests {
    static let text = FuzzText.text(pieces: 0...12)
    /// Long texts, to fold lines with multi-byte characters at every position.
    static let longText = FuzzText.text(["é", "🍓", "日本語", "x", " ", ",", ";", "\\", "\r\n", "👩‍👩‍👧"], pieces: 0...120)
    static let texts = zip(Self.text, Self.text, Self.longText, Self.text).array(of: 1...40)

    @Test(.shrinking(false)) func iCalendarAlwaysParsesAndReadsBackTheText() async {
        await propertyCheck(count: 8, input: Self.texts, Self.text) { texts, name in
            let start = Date(timeIntervalSince1970: 1_795_326_300)
            let events = texts.enumerated().map { index, text in
                ICalEvent(
                    uid: "event-\(index)@fuzz.example",
                    start: start,
                    end: start.addingTimeInterval(3_600),
                    summary: text.0,
                    description: text.2,
                    location: text.1,
                    url: "https://x.example/\(text.3)",
                    categories: [text.3]
                )
            }
            let document = ICalendar(name: name, description: texts[0].3, events: events, now: start)
                .render(prodID: "-//Freshground//Fuzz//EN")
            #expect(Self.foldingProblems(document).isEmpty, "\(Self.foldingProblems(document))")
            let parsed: ParsedCalendar
            do {
                parsed = try parseICalendar(document)
            } catch {
                Issue.record("\(error)\n\(document)")
                return
            }
            #expect(parsed.name == Self.asICalText(name))
            #expect((parsed.description ?? "") == Self.asICalText(texts[0].3))
            #expect(parsed.events.count == events.count)
            for (event, read) in zip(events, parsed.events) {
                #expect(read.summary == Self.asICalText(event.summary), "summary of \(event.summary.debugDescription)")
                #expect(
                    (read.description ?? "") == Self.asICalText(event.description),
                    "description of \(event.description.debugDescription)"
                )
                #expect(
                    (read.location ?? "") == Self.asICalText(event.location),
                    "location of \(event.location.debugDescription)"
                )
            }
        }
    }

    @Test(.shrinking(false)) func atomAlwaysParsesWithTheSameTitles() async {
        await propertyCheck(count: 8, input: Self.texts, Self.text) { texts, title in
            let updated = Date(timeIntervalSince1970: 1_795_326_300)
            let entries = texts.enumerated().map { index, text in
                AtomEntry(
                    id: "tag:fuzz.example,2026:\(index)",
                    title: text.0,
                    link: "https://x.example/\(text.3)",
                    updated: updated,
                    authors: [text.1],
                    summary: text.1,
                    contentHTML: text.2,
                    categories: [text.3]
                )
            }
            let feed = AtomFeed(
                id: "tag:fuzz.example,2026:feed",
                title: title,
                selfLink: "https://x.example/feed.atom",
                alternateLink: "https://x.example/",
                updated: updated,
                entries: entries
            )
            let xml = feed.xml()
            let parsed: ParsedFeed
            do {
                parsed = try parseFeed(xml)
            } catch {
                Issue.record("\(error)\n\(xml)")
                return
            }
            #expect(!parsed.bozo, "\(parsed.bozoMessage)\n\(xml)")
            #expect(parsed.title == Self.asXMLText(title), "feed title \(title.debugDescription)")
            #expect(parsed.entries.count == entries.count)
            for (entry, read) in zip(entries, parsed.entries) {
                #expect(read.title == Self.asXMLText(entry.title), "title \(entry.title.debugDescription)")
            }
        }
    }

    /// Lines that break RFC 5545 §3.1: longer than 75 octets, or ended by anything but CRLF.
    static func foldingProblems(_ document: String) -> [String] {
        var problems: [String] = []
        let bytes = Array(document.utf8)
        var lineStart = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 13, index + 1 >= bytes.count || bytes[index + 1] != 10 { problems.append("bare CR at \(index)") }
            if byte == 10 {
                if index == 0 || bytes[index - 1] != 13 { problems.append("bare LF at \(index)") }
                if index - 1 - lineStart > 75 { problems.append("\(index - 1 - lineStart) octets at \(lineStart)") }
                lineStart = index + 1
            }
        }
        if lineStart != bytes.count { problems.append("no CRLF at the end") }
        return problems
    }

    /// A text as an iCalendar reader gets it back: line breaks as LF, other controls but tab gone.
    static func asICalText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n" && afterCR { continue }
            if scalar == "\r" || scalar == "\n" || scalar == "\t" {
                out.append(scalar == "\t" ? "\t" : "\n")
            } else if scalar.properties.generalCategory != .control {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A text as an XML reader gets it back: what XML 1.0 forbids or discourages (DEL, C1 controls) dropped, line ends as LF (XML §2.11), and
    /// surrounding whitespace trimmed, which feedparser does to titles.
    static func asXMLText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where afterCR: continue
            case 0x0D: out.append("\n")
            case 0x09, 0x0A: out.append(scalar)
            case 0x00..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: continue
            default: out.append(scalar)
            }
        }
        return String(out).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
