import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

package enum PublicationKind: String, Sendable, CaseIterable, Codable {
    case article, pamphlet, report, link, recording
    /// The report of a study session, published by the series from its syllabus.
    case sessionReport = "session_report"

    package var label: String {
        switch self {
        case .article: "Article"
        case .pamphlet: "Pamphlet"
        case .report: "Report from below"
        case .link: "Link"
        case .recording: "Recording"
        case .sessionReport: "Session report"
        }
    }
}

/// Where a piece is in the editorial workflow. A group's own posts are born `published`.
package enum PublicationStatus: String, Sendable, CaseIterable, Codable {
    case draft, submitted
    case changesRequested = "changes_requested"
    case declined, published, withdrawn

    package var label: String {
        switch self {
        case .draft: "Draft"
        case .submitted: "Submitted, waiting for the editors"
        case .changesRequested: "Changes requested"
        case .declined: "Declined"
        case .published: "Published"
        case .withdrawn: "Withdrawn"
        }
    }

    /// The author may still edit the piece and (re)submit it.
    package var isEditable: Bool { self == .draft || self == .changesRequested || self == .declined }
}

/// The inquiry form of a report from below.
package struct ReportDetails: Sendable, Codable, Equatable {
    package enum PlaceKind: String, Sendable, CaseIterable, Codable { case workplace, school, community }

    package var placeKind: PlaceKind
    package var sector: String
    package var city: String
    /// The exact workplace or school; hidden from everyone but the author and the editors when `hidePlace`.
    package var placeName: String
    package var hidePlace: Bool
    package var happening: String
    package var doing: String
    package var worked: String
    package var needs: String
    /// The author's own words beside the four questions (the form's "Text").
    package var text: String

    /// Where, in words, as a reader may see it.
    package func placeLine(showHidden: Bool) -> String {
        let name = (hidePlace && !showHidden) || placeName.isEmpty ? nil : placeName
        let hiddenNote = hidePlace && name != nil ? " (hidden from readers)" : ""
        return [(name ?? "A \(placeKind.rawValue)") + hiddenNote, city].filter { !$0.isEmpty }.joined(separator: ", ")
            + (sector.isEmpty ? "" : " · \(sector)")
    }

    /// The author's text and then the answered questions as Markdown sections: the body that pages, feeds and
    /// search read. The exact place is never in it.
    package var markdown: String {
        let sections: [(String, String)] = [
            ("What is happening", happening), ("What people are doing about it", doing), ("What worked", worked),
            ("What they need", needs),
        ]
        let answered = sections.filter { !$0.1.trimmingWhitespace().isEmpty }.map { "# \($0.0)\n\n\($0.1)" }
        return ([text].filter { !$0.trimmingWhitespace().isEmpty } + answered).joined(separator: "\n\n")
    }
}

/// A name a piece is signed with; `handle` only when it is an account's own name, not a pseudonym.
package struct Byline: Sendable, Codable, Equatable {
    package let name: String
    /// Always sent, as `null` for a pseudonym.
    @Nullable package private(set) var handle: String?
}

/// A publication as pages, feeds and the API show it. What the account behind a piece is appears only in
/// `PublicationAccess`, never here.
package struct Publication: Sendable, Encodable {
    package let id: Int
    package let kind: PublicationKind
    package let status: PublicationStatus
    package let title: String
    package let summary: String
    package let body: String
    package let bodyHTML: String
    package var authors: [Byline]
    /// The journal it was submitted to.
    package let journal: GroupRef
    package let journalIsPublic: Bool
    /// The journal group's id, for writes; not sent.
    package let journalID: Int
    /// Groups listed as publishing it (the journal once accepted, and co-publishers that accepted).
    package var publishers: [GroupRef]
    package var tags: [String]
    package let linkURL: String
    package let linkSource: String
    package let mediaURL: String
    package let mediaType: String
    package let mediaSize: Int
    @Nullable package var report: ReportDetails?
    package let createdAt: Date
    @Nullable package private(set) var publishedAt: Date?
    package let updatedAt: Date?
    /// The site path of its page, `/library/<id>`; sent as `url`.
    package let path: String
    /// When it was last corrected after publication (its history is public); nil if never.
    @Nullable package var correctedAt: Date? = nil

    enum CodingKeys: String, CodingKey {
        case id, kind, status, title, summary, body, bodyHTML, authors, journal, publishers, tags, linkURL, linkSource
        case mediaURL, mediaType, mediaSize, report, publishedAt, correctedAt
        case path = "url"
    }

    package var bylineText: String { authors.map(\.name).joined(separator: ", ") }
}

/// Tags are short lowercase words joined by hyphens, so `/tags/general-strike` is stable.
package enum Tags {
    package static func normalize(_ tag: String) -> String {
        var slug = Substring(Slug.make(from: tag).prefix(40))
        while slug.last == "-" { slug = slug.dropLast() }
        return String(slug)
    }

    /// A comma-separated list as typed, normalized, deduplicated, at most 10.
    package static func parse(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(separator: ",").map { normalize(String($0)) }.filter {
            !$0.isEmpty && seen.insert($0).inserted
        }
        .prefix(10).map { $0 }
    }
}
