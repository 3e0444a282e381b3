import Foundation
import FreshgroundCore
import FreshgroundWeb

/// Pieces shared by the library's pages.
enum LibraryParts {
    static func card(_ piece: PublicationCard, extra: HTML = .empty) -> HTML {
        """
        <li class="piece-card">
        <h3><a href="\(piece.url)">\(piece.title)</a> <span class="badge">\(piece.kind.label)</span></h3>
        <p class="meta">\(piece.byline) · <a href="/groups/\(piece.journal.slug)">\(piece.journal.name)</a>\
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

    static func time(_ date: Date) -> HTML {
        "<time datetime=\"\(date.formatted(.iso8601))\">\(day(date))</time>"
    }

    static func day(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: TimeZone(identifier: "UTC")!))
    }

    /// A search snippet: escaped first, then the match markers become `<mark>`.
    static func snippet(_ text: String) -> HTML {
        HTML(
            raw: HTMLEscape.text(text).replacingOccurrences(of: SearchIndex.markOpen, with: "<mark>")
                .replacingOccurrences(of: SearchIndex.markClose, with: "</mark>")
        )
    }

    static let kindOptions: [(value: String, label: String)] = PublicationKind.allCases.map { ($0.rawValue, $0.label) }

    /// A one-button form posting to `action`.
    static func button(
        _ context: AppContext,
        _ action: String,
        _ label: String,
        fields: HTML = .empty,
        style: String = ""
    )
        -> HTML
    {
        """
        <form class="inline" action="\(action)" method="post">\(Layout.csrfField(context))\(fields)\
        <button type="submit"\(HTML.when(!style.isEmpty) { " class=\"\(style)\"" })>\(label)</button></form>
        """
    }

    static func hidden(_ name: String, _ value: String) -> HTML {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">"
    }

    /// The query string for a page link, keeping the other parameters.
    static func query(_ pairs: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let parts = pairs.filter { !$0.1.isEmpty }.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
