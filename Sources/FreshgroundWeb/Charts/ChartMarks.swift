/// The marks of each kind of chart, drawn into the frame worked out in ChartSVG.swift.
extension Chart {
    /// Grouped bars: in each category, one bar per series side by side, 80% of the category's width in all;
    /// each bar's height is its share of the scale's top, and its text sits above it where it fits.
    func barsDrawing(_ frame: ChartFrame, _ scale: ValueScale) -> HTML {
        let n = ChartNumber.text
        let group = frame.plotWidth / Double(max(columnLabels.count, 1))
        let barWidth = group * 0.8 / Double(max(rowLabels.count, 1))
        let patterns = rowLabels.indices.map { ChartPalette.pattern($0, chart: id) }.joined()
        var bars: [HTML] = []
        for series in rowLabels.indices {
            for column in columnLabels.indices {
                guard let value = value(series, column) else { continue }
                let x = frame.left + group * Double(column) + group * 0.1 + barWidth * Double(series)
                let top = frame.y(scale.fraction(value))
                let text = text(series, column)
                let caption: HTML = .when(ChartNumber.width(text, size: 10) <= barWidth + 2) {
                    """
                    <text x="\(n(x + barWidth / 2))" y="\(n(top - 3))" text-anchor="middle" font-size="10">\(text)</text>
                    """
                }
                bars.append(
                    """
                    <rect class="chart-bar" x="\(n(x))" y="\(n(top))" width="\(n(barWidth))" \
                    height="\(n(frame.bottom - top))" fill="\(ChartPalette.fill(series, chart: id))" \
                    stroke="\(ChartPalette.color(series))"><title>\(tooltip(series, column))</title></rect>\(caption)
                    """
                )
            }
        }
        let defs: HTML = patterns.raw.isEmpty ? .empty : "<defs>\(patterns)</defs>"
        return "\(defs)\(bars)"
    }

    /// One polyline per series through its points, broken where a value is missing, with a marker on every
    /// point (so a lone point between gaps still shows).
    func linesDrawing(_ frame: ChartFrame, _ scale: ValueScale, at xs: [Double]) -> HTML {
        curves(frame, scale, at: xs) { path, x, y, fresh in
            path += fresh ? "M\(x) \(y)" : "L\(x) \(y)"
        }
    }

    /// One step curve per series: each value holds level from its column to the next, then the curve drops
    /// (or rises) straight to the next value; broken where a value is missing.
    func stepsDrawing(_ frame: ChartFrame, _ scale: ValueScale, at xs: [Double]) -> HTML {
        curves(frame, scale, at: xs) { path, x, y, fresh in
            path += fresh ? "M\(x) \(y)" : "H\(x)V\(y)"
        }
    }

    /// The shared part of line and step curves: walks each series' points, letting `segment` write the path
    /// (`fresh` is true at the start and after a gap), then adds the markers.
    private func curves(
        _ frame: ChartFrame,
        _ scale: ValueScale,
        at xs: [Double],
        segment: (inout String, String, String, Bool) -> Void
    ) -> HTML {
        var out: [HTML] = []
        for series in rowLabels.indices {
            var path = ""
            var markers: [HTML] = []
            var fresh = true
            for column in columnLabels.indices {
                guard let value = value(series, column) else {
                    fresh = true
                    continue
                }
                let y = frame.y(scale.fraction(value))
                segment(&path, ChartNumber.text(xs[column]), ChartNumber.text(y), fresh)
                fresh = false
                markers.append(
                    ChartPalette.marker(series, x: xs[column], y: y, tooltip: tooltip(series, column))
                )
            }
            out.append(
                """
                <g class="chart-series"><path class="chart-curve" d="\(path)" fill="none" \
                stroke="\(ChartPalette.color(series))" stroke-width="2.5"\(dashAttribute(series))></path>\
                \(markers)</g>
                """
            )
        }
        return out.joined()
    }

    /// A grid with a row per cohort and a column per month: each cell shaded by its value (blank when there is
    /// none) and labelled with its text in black or white, whichever reads better, where the text fits.
    func heatMapDrawing() -> (Double, HTML) {
        let n = ChartNumber.text
        let cellHeight = 26.0
        let widest = rowLabels.map { ChartNumber.width($0) }.max() ?? 0
        let left = min(max(48, (widest + 12).rounded(.up)), 200)
        let top = columnTitle.isEmpty ? 24.0 : 40.0
        let cellWidth = (ChartFrame.width - left - ChartFrame.right) / Double(max(columnLabels.count, 1))
        let heading: HTML = .when(!columnTitle.isEmpty) {
            """
            <text x="\(n(left + (ChartFrame.width - left - ChartFrame.right) / 2))" y="14" text-anchor="middle" \
            font-size="11">\(columnTitle)</text>
            """
        }
        let centres = columnLabels.indices.map { left + cellWidth * (Double($0) + 0.5) }
        let labels = columnLabelsDrawing(centres: centres, y: top - 7)
        var cells: [HTML] = []
        for row in rowLabels.indices {
            let y = top + cellHeight * Double(row)
            cells.append(
                """
                <text x="\(n(left - 6))" y="\(n(y + 17))" text-anchor="end">\(rowLabels[row])</text>
                """
            )
            for column in columnLabels.indices {
                guard let value = value(row, column) else { continue }
                let x = left + cellWidth * Double(column)
                let shade = ChartPalette.shade(value)
                let text = text(row, column)
                let caption: HTML = .when(ChartNumber.width(text, size: 11) <= cellWidth - 4) {
                    """
                    <text x="\(n(x + cellWidth / 2))" y="\(n(y + 17))" text-anchor="middle" font-size="11" \
                    fill="\(ChartPalette.textColor(on: shade))">\(text)</text>
                    """
                }
                cells.append(
                    """
                    <g class="chart-cell"><rect x="\(n(x))" y="\(n(y))" width="\(n(cellWidth))" \
                    height="\(n(cellHeight))" fill="\(ChartPalette.hex(shade))" stroke="#fff">\
                    <title>\(tooltip(row, column))</title></rect>\(caption)</g>
                    """
                )
            }
        }
        let height = top + cellHeight * Double(rowLabels.count) + 8
        return (height, "\(heading)\(labels)\(cells)")
    }
}
