import Foundation
import FreshgroundCore

/// One entry of an Atom feed. All text is plain; `contentHTML` is HTML that is already safe to show.
package struct AtomEntry: Sendable {
    /// A stable id that never changes, usually from `AtomFeed.tagURI(siteURL:specific:)`.
    package var id: String
    package var title: String
    /// The absolute URL of the entry's page.
    package var link: String
    package var updated: Date
    package var published: Date?
    /// The authors' names.
    package var authors: [String]
    /// A plain-text summary.
    package var summary: String
    /// Already-safe HTML, written as escaped text with `type="html"`.
    package var contentHTML: String
    package var categories: [String]

    package init(
        id: String,
        title: String,
        link: String,
        updated: Date,
        published: Date? = nil,
        authors: [String] = [],
        summary: String = "",
        contentHTML: String = "",
        categories: [String] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.updated = updated
        self.published = published
        self.authors = authors
        self.summary = summary
        self.contentHTML = contentHTML
        self.categories = categories
    }
}

/// An Atom feed (RFC 4287). `xml()` escapes every text it writes and drops the characters XML 1.0 forbids,
/// so no user text can break the document.
package struct AtomFeed: Sendable {
    package static let contentType = "application/atom+xml; charset=utf-8"

    package var id: String
    package var title: String
    /// The feed's own URL.
    package var selfLink: String
    /// The URL of the HTML page the feed follows.
    package var alternateLink: String
    package var updated: Date
    package var entries: [AtomEntry]

    package init(
        id: String,
        title: String,
        selfLink: String,
        alternateLink: String,
        updated: Date,
        entries: [AtomEntry]
    ) {
        self.id = id
        self.title = title
        self.selfLink = selfLink
        self.alternateLink = alternateLink
        self.updated = updated
        self.entries = entries
    }

    /// The feed as a UTF-8 XML document. An entry without authors inherits the feed-level author (the feed's
    /// title), which keeps the feed valid.
    package func xml() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  " + Self.element("id", id) + "\n"
        out += "  " + Self.element("title", title) + "\n"
        out += "  " + Self.link(rel: "self", type: "application/atom+xml", href: selfLink) + "\n"
        out += "  " + Self.link(rel: "alternate", type: "text/html", href: alternateLink) + "\n"
        out += "  " + Self.element("updated", Self.date(updated)) + "\n"
        out += "  <author>" + Self.element("name", title) + "</author>\n"
        for entry in entries {
            out += "  <entry>\n"
            out += "    " + Self.element("id", entry.id) + "\n"
            out += "    " + Self.element("title", entry.title) + "\n"
            out += "    " + Self.link(rel: "alternate", type: "text/html", href: entry.link) + "\n"
            out += "    " + Self.element("updated", Self.date(entry.updated)) + "\n"
            if let published = entry.published {
                out += "    " + Self.element("published", Self.date(published)) + "\n"
            }
            for author in entry.authors {
                out += "    <author>" + Self.element("name", author) + "</author>\n"
            }
            for category in entry.categories {
                out += "    <category term=\"\(Self.escape(category))\"/>\n"
            }
            if !entry.summary.isEmpty {
                out += "    <summary type=\"text\">\(Self.escape(entry.summary))</summary>\n"
            }
            out += "    <content type=\"html\">\(Self.escape(entry.contentHTML))</content>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// A stable tag URI (RFC 4151) for `specific` on the site at `siteURL`, for example
    /// `tag:x.org,2026:publication:12` for `https://x.org:8080/`. The host drops its port, and the year is
    /// fixed at 2026 so ids never change.
    package static func tagURI(siteURL: String, specific: String) -> String {
        let host = URLComponents(string: siteURL)?.host?.lowercased() ?? ""
        return "tag:\(host.isEmpty ? "localhost" : host),2026:\(specific)"
    }

    private static func element(_ name: String, _ text: String) -> String { "<\(name)>\(escape(text))</\(name)>" }

    private static func link(rel: String, type: String, href: String) -> String {
        "<link rel=\"\(rel)\" type=\"\(type)\" href=\"\(escape(href))\"/>"
    }

    /// RFC 3339 in UTC without fractional seconds, such as `2026-11-22T05:45:00Z`.
    private static func date(_ date: Date) -> String { ZonedTime.iso(date) }

    /// Escapes `text` for element content and attribute values after dropping what XML 1.0 forbids: the C0
    /// controls other than tab, LF and CR, and U+FFFE and U+FFFF; and DEL and the C1 controls, which XML 1.0
    /// discourages and feed readers such as feedparser misread as Windows-1252 (U+0085 shows as "…").
    private static func escape(_ text: String) -> String {
        let isLegal: (Unicode.Scalar) -> Bool = { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: true
            case 0x00..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: false
            default: true
            }
        }
        guard !text.unicodeScalars.allSatisfy(isLegal) else { return HTMLEscape.attribute(text) }
        var legal = String.UnicodeScalarView()
        legal.append(contentsOf: text.unicodeScalars.lazy.filter(isLegal))
        return HTMLEscape.attribute(String(legal))
    }
}
