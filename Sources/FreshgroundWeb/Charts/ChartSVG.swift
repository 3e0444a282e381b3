/// Where the plot of a bar, line or step chart sits in the picture, in viewBox units.
struct ChartFrame {
    static let width = 640.0
    static let plotHeight = 220.0
    static let top = 28.0
    static let right = 16.0

    /// Where the plot starts, after the widest value label.
    let left: Double

    var plotWidth: Double { Self.width - left - Self.right }
    var bottom: Double { Self.top + Self.plotHeight }

    /// The vertical position of a value `fraction` of the way up the plot.
    func y(_ fraction: Double) -> Double { bottom - Self.plotHeight * fraction }
}

extension Chart {
    /// The chart as an inline SVG picture, named by its title and described by its summary for screen readers,
    /// with axis labels, a legend when there is more than one series, and each mark's figure as its tooltip.
    package var svg: HTML {
        let (height, body) = kind == .heatMap ? heatMapDrawing() : axisDrawing()
        return """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\(id)-title \(id)-desc" \
            viewBox="0 0 \(ChartNumber.text(ChartFrame.width)) \(ChartNumber.text(height))" width="100%" \
            class="chart-svg" font-family="system-ui, sans-serif" font-size="12" fill="#1a1a1a">\
            <title id="\(id)-title">\(title)</title><desc id="\(id)-desc">\(summary)</desc>\(body)</svg>
            """
    }

    /// The scale of the value axis: to `maximum` if set, 100% for step curves, else a round number above the
    /// largest value.
    var scale: ValueScale {
        let largest = values.joined().compactMap { $0 }.max() ?? 0
        return ValueScale(largest: largest, fixedTop: maximum ?? (kind == .steps ? 1 : nil))
    }

    /// A tick's label on the value axis.
    func tickLabel(_ tick: Double) -> String {
        kind == .steps ? ChartNumber.percent(tick) : ChartNumber.text(tick)
    }

    /// A bar, line or step chart: grid, value axis, column labels, the marks and the legend; returns the
    /// picture's height with its content.
    private func axisDrawing() -> (Double, HTML) {
        let scale = scale
        let widest = scale.ticks.map { ChartNumber.width(tickLabel($0), size: 11) }.max() ?? 0
        let frame = ChartFrame(left: max(48, (widest + 12).rounded(.up)))
        let n = ChartNumber.text
        let grid = scale.ticks.map { tick -> HTML in
            let y = n(frame.y(scale.fraction(tick)))
            return """
                <line x1="\(n(frame.left))" y1="\(y)" x2="\(n(ChartFrame.width - ChartFrame.right))" y2="\(y)" \
                stroke="\(tick == 0 ? "#595959" : "#d9d9d9")" stroke-width="1"></line>\
                <text x="\(n(frame.left - 6))" y="\(y)" dy="4" text-anchor="end" font-size="11">\(tickLabel(tick))</text>
                """
        }.joined()
        let unitTitle: HTML = .when(!unit.isEmpty) { "<text x=\"4\" y=\"14\" font-size=\"11\">\(unit)</text>" }
        let centres = kind == .bars ? barCentres(frame) : pointPositions(frame)
        let labels = columnLabelsDrawing(centres: centres, y: frame.bottom + 16)
        var y = frame.bottom + 30
        var footer: HTML = .empty
        if !columnTitle.isEmpty {
            footer = """
                <text x="\(n(frame.left + frame.plotWidth / 2))" y="\(n(y + 4))" text-anchor="middle" \
                font-size="11">\(columnTitle)</text>
                """
            y += 18
        }
        let (legendHeight, legend) = legendDrawing(left: frame.left, top: y)
        let marks: HTML =
            switch kind {
            case .bars: barsDrawing(frame, scale)
            case .lines: linesDrawing(frame, scale, at: centres)
            case .steps, .heatMap: stepsDrawing(frame, scale, at: centres)
            }
        return (y + legendHeight + 4, "\(unitTitle)\(grid)\(marks)\(labels)\(footer)\(legend)")
    }

    /// The column labels centred on `centres` along `y`, from the first on, leaving out any that would come
    /// nearer the last one shown than the widest label (so evenly spaced labels thin to every k-th).
    func columnLabelsDrawing(centres: [Double], y: Double) -> HTML {
        let gap = (columnLabels.map { ChartNumber.width($0, size: 11) }.max() ?? 0) + 6
        var shown: [HTML] = []
        var last = -Double.infinity
        for (index, centre) in centres.enumerated() where centre - last >= gap - 1e-9 {
            shown.append(label(columnLabels[index], x: centre, y: y))
            last = centre
        }
        return shown.joined()
    }

    /// One column label, centred on `x`.
    private func label(_ text: String, x: Double, y: Double) -> HTML {
        """
        <text x="\(ChartNumber.text(x))" y="\(ChartNumber.text(y))" text-anchor="middle" font-size="11">\(text)</text>
        """
    }

    /// The legend below the plot, one entry per series with its colour and its pattern or dash, wrapped to the
    /// picture's width; nothing for a single series. Returns its height and content.
    private func legendDrawing(left: Double, top: Double) -> (Double, HTML) {
        guard rowLabels.count > 1 else { return (0, .empty) }
        let n = ChartNumber.text
        var (x, y) = (left, top)
        var entries: [HTML] = []
        for (series, name) in rowLabels.enumerated() {
            let width = 30 + ChartNumber.width(name) + 16
            if x + width > ChartFrame.width, x > left { (x, y) = (left, y + 20) }
            let key: HTML
            if kind == .bars {
                key = """
                    <rect x="\(n(x))" y="\(n(y))" width="14" height="14" fill="\(ChartPalette.fill(series, chart: id))" \
                    stroke="\(ChartPalette.color(series))"></rect>
                    """
            } else {
                key = """
                    <path d="M\(n(x)) \(n(y + 7))h24" fill="none" stroke="\(ChartPalette.color(series))" \
                    stroke-width="2.5"\(dashAttribute(series))></path>\
                    \(ChartPalette.marker(series, x: x + 12, y: y + 7, tooltip: name))
                    """
            }
            entries.append(
                "<g class=\"chart-legend\">\(key)<text x=\"\(n(x + 30))\" y=\"\(n(y + 11))\">\(name)</text></g>"
            )
            x += width
        }
        return (y + 20 - top, entries.joined())
    }

    /// The `stroke-dasharray` of series `series`, or nothing for a solid line.
    func dashAttribute(_ series: Int) -> HTML {
        let dash = ChartPalette.dash(series)
        return dash.isEmpty ? .empty : " stroke-dasharray=\"\(dash)\""
    }

    /// The horizontal centre of each category in a bar chart.
    func barCentres(_ frame: ChartFrame) -> [Double] {
        let group = frame.plotWidth / Double(max(columnLabels.count, 1))
        return columnLabels.indices.map { frame.left + group * (Double($0) + 0.5) }
    }

    /// Where each column's points sit in a line or step chart: in proportion to the labels when they are all
    /// increasing numbers (days, say), else evenly spaced; 8 units in from each end of the plot.
    func pointPositions(_ frame: ChartFrame) -> [Double] {
        let count = columnLabels.count
        guard count > 1 else { return columnLabels.map { _ in frame.left + frame.plotWidth / 2 } }
        let numbers = columnLabels.compactMap { Double($0) }
        let numeric =
            numbers.count == count && zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }
        let span = frame.plotWidth - 16
        return (0..<count).map { index in
            let share =
                numeric
                ? (numbers[index] - numbers[0]) / (numbers[count - 1] - numbers[0])
                : Double(index) / Double(count - 1)
            return frame.left + 8 + span * share
        }
    }
}
