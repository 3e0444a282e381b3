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

    /// Year, month, day, hour, minute, second in UTC (the proleptic Gregorian calendar, from days since 1970).
    static func utcFields(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        // Howard Hinnant's civil-from-days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, time / 3_600, time % 3_600 / 60, time % 60)
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
