import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// Pieces shared by the library's pages.
enum LibraryParts {
    static func card(_ piece: PublicationCard, extra: HTML = .empty) -> HTML {
        """
        <li class="piece-card">
        <h3><a href="\(piece.url)">\(piece.title)</a> <span class="badge">\(piece.kind.label)</span></h3>
        <p class="meta">\(piece.byline) · <a href="\(GroupPaths.group(piece.journal.slug))">\(piece.journal.name)</a>\
        \(piece.publishedAt.map { date -> HTML in " · \(time(date))" })</p>
        \(HTML.when(!piece.summary.isEmpty) { "<p>\(Markdown.plainText(piece.summary, limit: 300))</p>" })
        \(extra)
        </li>
        """
    }

    static func cards(_ pieces: [PublicationCard], empty: String) -> HTML {
        guard !pieces.isEmpty else { return "<p class=\"empty\">\(empty)</p>" }
        return "<ul class=\"piece-list\">\(pieces.map { card($0) })</ul>"
    }

    /// A date as `<time>`, in UTC. Written by hand from the calendar fields: Foundation's formatters cost
    /// tens of microseconds each on Linux, which a debate page with 200 replies pays 400 times.
    static func time(_ date: Date) -> HTML {
        let (year, month, dayOfMonth, hour, minute, second) = utcFields(date)
        let iso = "\(year)-\(pad(month))-\(pad(dayOfMonth))T\(pad(hour)):\(pad(minute)):\(pad(second))Z"
        return "<time datetime=\"\(iso)\">\(months[month - 1]) \(dayOfMonth), \(year)</time>"
    }

    static func day(_ date: Date) -> String {
        let (year, month, dayOfMonth, _, _, _) = utcFields(date)
        return "\(months[month - 1]) \(dayOfMonth), \(year)"
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// Year, month, day, hour, minute, second in UTC.
    static func utcFields(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        let t = CivilTime(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return (t.year, t.month, t.day, t.hour, t.minute, t.second)
    }

    /// A search snippet: escaped first, then the match markers become `<mark>`.
    static func snippet(_ text: String) -> HTML {
        HTML(
            raw: HTMLEscape.text(text).replacingOccurrences(of: SearchIndex.markOpen, with: "<mark>")
                .replacingOccurrences(of: SearchIndex.markClose, with: "</mark>")
        )
    }

    static let kindOptions: [(value: String, label: String)] = PublicationKind.allCases.map { ($0.rawValue, $0.label) }

    /// The query string for a page link, keeping the other parameters.
    static func query(_ pairs: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let parts = pairs.filter { !$0.1.isEmpty }.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
