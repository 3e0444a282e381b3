/// A chart of figures drawn on the server: the data is held once and rendered both as an inline SVG picture
/// (no script, nothing fetched from elsewhere) and as a table with the same numbers, so a reader who cannot see
/// the picture, or wants the exact figures, loses nothing.
///
/// Rows are the series (or, for a heat map, the cohorts) and columns the points along the horizontal axis.
/// `values` places the marks; `cellText` is what a reader is told about each cell, in the table and in the
/// tooltips, e.g. "<5" where a small number is withheld, or "42%".
package struct Chart: Sendable {
    /// How the values are drawn.
    package enum Kind: Sendable, Equatable {
        /// A grid of shaded cells: rows are cohorts (e.g. "2026-01"), columns months since joining; values in
        /// 0...1 give the shade, nil leaves the cell blank, and each cell shows its text where it fits.
        case heatMap
        /// One curve per row over the columns; a nil value breaks the curve.
        case lines
        /// Grouped vertical bars: columns are the categories, rows the series (e.g. "Joined", "Left"). Also for
        /// histograms and funnels.
        case bars
        /// A step curve per row (such as the share of volunteers still active after so many days); values in
        /// 0...1, shown as percentages.
        case steps
    }

    package var title: String
    /// What the chart shows and what to notice, in a sentence or two; the picture's description and the
    /// figure's caption.
    package var summary: String
    package var kind: Kind
    package var rowLabels: [String]
    package var columnLabels: [String]
    /// Indexed `[row][column]`; nil where there is no figure. Counts and shares: bars and curves are drawn from
    /// zero, and values below it are drawn at zero.
    package var values: [[Double?]]
    /// Indexed `[row][column]`; what the table and tooltips say for each cell.
    package var cellText: [[String]]
    /// What the values count (e.g. "volunteers"), shown as the vertical axis title; may be empty.
    package var unit: String
    /// What the columns are (e.g. "Months since joining"), shown under the horizontal axis; may be empty.
    package var columnTitle: String
    /// The element ids of the picture and table start with this; unique on the page.
    package var id: String
    /// The top of the value axis, when it should not be worked out from the values (e.g. 100 for percentages).
    package var maximum: Double?

    /// Makes a chart. `cellText` defaults to the values written out (as percentages for heat maps and step
    /// curves) and "no data" where a value is nil; `id` defaults to a slug of the title.
    package init(
        title: String,
        summary: String,
        kind: Kind,
        rowLabels: [String],
        columnLabels: [String],
        values: [[Double?]],
        cellText: [[String]]? = nil,
        unit: String = "",
        columnTitle: String = "",
        id: String? = nil,
        maximum: Double? = nil
    ) {
        self.title = title
        self.summary = summary
        self.kind = kind
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.unit = unit
        self.columnTitle = columnTitle
        self.id = id ?? Chart.slug(title)
        self.maximum = maximum
        let proportions = kind == .heatMap || kind == .steps
        self.cellText =
            cellText
            ?? values.map { row in
                row.map { value in
                    guard let value else { return "no data" }
                    return proportions ? ChartNumber.percent(value) : ChartNumber.text(value)
                }
            }
    }

    /// The value at `row`, `column`, or nil when there is none (including outside ragged rows).
    func value(_ row: Int, _ column: Int) -> Double? {
        guard row < values.count, column < values[row].count else { return nil }
        return values[row][column]
    }

    /// The text for `row`, `column`, or "" outside ragged rows.
    func text(_ row: Int, _ column: Int) -> String {
        guard row < cellText.count, column < cellText[row].count else { return "" }
        return cellText[row][column]
    }

    /// The tooltip for one cell: where it is and what it says.
    func tooltip(_ row: Int, _ column: Int) -> String {
        "\(rowLabels[row]), \(columnLabels[column]): \(text(row, column))"
    }

    /// An id made from `title`: lower-case letters and digits joined by single hyphens, after "chart-".
    static func slug(_ title: String) -> String {
        var out = "chart"
        var pendingHyphen = true
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen { out += "-" }
                out.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// The same figures as a table: the title as its caption, a header for every column and row, and each
    /// cell's text.
    package var table: HTML {
        let head = columnLabels.map { "<th scope=\"col\">\($0)</th>" as HTML }.joined()
        let rows = rowLabels.indices.map { row -> HTML in
            let cells = columnLabels.indices.map { "<td>\(text(row, $0))</td>" as HTML }.joined()
            return "<tr><th scope=\"row\">\(rowLabels[row])</th>\(cells)</tr>"
        }.joined()
        return """
            <table class="chart-table"><caption id="\(id)-caption">\(title)</caption>\
            <thead><tr><td></td>\(head)</tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// The picture, the table folded away beneath it, and the summary as the caption.
    package var figure: HTML {
        """
        <figure class="chart">\(svg)<details><summary>Show the figures as a table</summary>\
        <div class="table-scroll" role="region" aria-labelledby="\(id)-caption" tabindex="0">\(table)</div>\
        </details><figcaption>\(summary)</figcaption></figure>
        """
    }
}
