import Foundation
import FreshgroundWeb
import Testing

/// The Atom writer, checked by a real feed reader: Python's feedparser must read back exactly what went in,
/// however hostile the text.
@Suite("Atom feeds")
struct AtomTests {
    static let site = "https://freshground.example:8080/"
    static let hostileTitle = "Fish & chips <script>alert('x')</script> \u{1}\"quoted\" 🍓"

    static func feed() -> AtomFeed {
        let noon = Date(timeIntervalSince1970: 1_795_326_300)  // 2026-11-22T05:45:00Z
        return AtomFeed(
            id: AtomFeed.tagURI(siteURL: site, specific: "library"),
            title: "Library & <Friends>",
            selfLink: "https://freshground.example:8080/library.atom",
            alternateLink: "https://freshground.example:8080/library",
            updated: noon,
            entries: [
                AtomEntry(
                    id: AtomFeed.tagURI(siteURL: site, specific: "publication:1"),
                    title: hostileTitle,
                    link: "https://freshground.example:8080/library/1?a=1&b=<2>",
                    updated: noon,
                    published: noon.addingTimeInterval(-3600),
                    authors: ["Zoë O'Brien", "Bo & <Co>"],
                    summary: "Plain <text> & more \u{1}🍓",
                    contentHTML: "<p>Hello <em>world</em> &amp; friends 🍓</p>",
                    categories: ["Books & zines", "<b>bold</b>"]
                ),
                AtomEntry(
                    id: AtomFeed.tagURI(siteURL: site, specific: "publication:2"),
                    title: "Second",
                    link: "https://freshground.example:8080/library/2",
                    updated: noon,
                    contentHTML: "<p>Two</p>"
                ),
            ]
        )
    }

    @Test func feedparserReadsBackWhatWasWritten() throws {
        // setup
        let feed = Self.feed()
        // act
        let xml = feed.xml()
        let parsed = try parseFeed(xml)
        // check
        #expect(!parsed.bozo, "\(parsed.bozoMessage)\n\(xml)")
        #expect(parsed.title == "Library & <Friends>")
        try #require(parsed.entries.count == 2)
        let first = parsed.entries[0]
        #expect(first.id == "tag:freshground.example,2026:publication:1")
        #expect(first.title == "Fish & chips <script>alert('x')</script> \"quoted\" 🍓")
        #expect(first.link == "https://freshground.example:8080/library/1?a=1&b=<2>")
        #expect(first.authors == ["Zoë O'Brien", "Bo & <Co>"])
        #expect(first.tags == ["Books & zines", "<b>bold</b>"])
        #expect(first.summary == "Plain <text> & more 🍓")
        #expect(first.content == "<p>Hello <em>world</em> &amp; friends 🍓</p>")
        #expect(first.published == "2026-11-22T04:45:00Z")
        let second = parsed.entries[1]
        #expect(second.id == "tag:freshground.example,2026:publication:2")
        #expect(second.title == "Second")
        #expect(second.tags.isEmpty)
        #expect(second.published.isEmpty)
        #expect(second.content == "<p>Two</p>")
    }

    @Test func theDocumentHasTheHeaderAndUTCDates() {
        // act
        let xml = Self.feed().xml()
        // check
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
        #expect(xml.contains("xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(xml.contains("<updated>2026-11-22T05:45:00Z</updated>"))
        #expect(xml.contains("<link rel=\"self\" type=\"application/atom+xml\""))
        #expect(!xml.contains("\u{1}"))
        #expect(!xml.contains("<script>"))
    }

    @Test(arguments: [
        ("https://x.org:8080/", "publication:12", "tag:x.org,2026:publication:12"),
        ("https://X.org", "group:berlin", "tag:x.org,2026:group:berlin"),
        ("http://localhost:8080/", "feed", "tag:localhost,2026:feed"),
        ("https://sub.example.net/path/?q=1", "a:b", "tag:sub.example.net,2026:a:b"),
    ])
    func tagURIsUseTheHostAndAFixedYear(siteURL: String, specific: String, expected: String) {
        // act / check
        #expect(AtomFeed.tagURI(siteURL: siteURL, specific: specific) == expected)
    }
}
