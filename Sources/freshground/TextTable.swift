import Foundation

/// A plain-text table for a terminal: a column of row labels, then right-aligned columns under headers of a few
/// lines.
struct TextTable {
    struct Column {
        var header: [String]
        var cells: [String]

        var width: Int { max(header.map(\.count).max() ?? 0, cells.map(\.count).max() ?? 0) }
    }

    /// Tables wider than this are turned or cut into pages.
    static let pageWidth = 100

    var corner: String
    var labels: [String]
    var columns: [Column]

    var labelWidth: Int { max(corner.count, labels.map(\.count).max() ?? 0) }
    var width: Int { labelWidth + columns.reduce(0) { $0 + 2 + $1.width } }

    /// The lines of the table, without trailing spaces.
    func lines() -> [String] {
        let headerLines = columns.map(\.header.count).max() ?? 0
        var out: [String] = []
        for line in 0..<headerLines {
            let label = line == 0 ? corner : ""
            out.append(
                row(label, columns.map { line < $0.header.count ? $0.header[line] : "" })
            )
        }
        for (index, label) in labels.enumerated() {
            out.append(row(label, columns.map { index < $0.cells.count ? $0.cells[index] : "" }))
        }
        return out
    }

    private func row(_ label: String, _ cells: [String]) -> String {
        var text = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        for (cell, column) in zip(cells, columns) {
            text += String(repeating: " ", count: 2 + column.width - cell.count) + cell
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The columns split over tables no wider than `limit` (at least one column each), labels repeated.
    func pages(fitting limit: Int) -> [TextTable] {
        var pages: [TextTable] = []
        var current = TextTable(corner: corner, labels: labels, columns: [])
        for column in columns {
            if !current.columns.isEmpty, current.width + 2 + column.width > limit {
                pages.append(current)
                current.columns = []
            }
            current.columns.append(column)
        }
        if !current.columns.isEmpty || pages.isEmpty { pages.append(current) }
        return pages
    }

    /// `preferred` if it fits the page, else `turned` if that fits, else `preferred` cut into pages.
    static func fitted(_ preferred: TextTable, else turned: @autoclosure () -> TextTable) -> [String] {
        if preferred.width <= pageWidth { return preferred.lines() }
        let other = turned()
        if other.width <= pageWidth { return other.lines() }
        var out: [String] = []
        for (index, page) in preferred.pages(fitting: pageWidth).enumerated() {
            if index > 0 { out.append("") }
            out += page.lines()
        }
        return out
    }

    /// Names for row labels and for column headers of at most 11 characters: the names themselves, cut short with
    /// a full stop; when two cut names would read the same, the rows are numbered and the headers give the numbers.
    struct ShortNames {
        var labels: [String]
        var headers: [String]

        init(_ names: [String]) {
            let cut = names.map { $0.count <= 11 ? $0 : String($0.prefix(10)) + "." }
            if Set(cut).count == cut.count {
                labels = names
                headers = cut
            } else {
                labels = names.enumerated().map { "\($0 + 1). \($1)" }
                headers = names.indices.map { "no. \($0 + 1)" }
            }
        }
    }
}
