import Foundation

/// Numbers written into charts: coordinates and labels to at most two decimals, without trailing zeros.
enum ChartNumber {
    /// `value` rounded to two decimals, e.g. "30", "12.5", "0.25".
    static func text(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100 + 0  // + 0 turns -0 into 0
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    /// A proportion written as a whole percentage, e.g. 0.424 is "42%".
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// About how wide `text` is at `size` in the chart's sans-serif font, so labels can be spaced and values
    /// left out where they would not fit.
    static func width(_ text: String, size: Double = 12) -> Double { Double(text.count) * size * 0.6 }
}

/// Colours and marks for the series. Every colour has at least 3:1 contrast against white (WCAG's level for
/// graphics), and series are told apart by a fill pattern or dash and marker shape as well as colour, so a
/// grey-scale print or a reader who does not see colour can still follow them with the legend.
enum ChartPalette {
    /// The series colours, in turn; contrast with white from 5.1:1 (the green) to 8.5:1 (the grey).
    static let colors = ["#0b5394", "#b34700", "#2e7d32", "#6a3d9a", "#a3124f", "#4d4d4d"]

    static func color(_ series: Int) -> String { colors[series % colors.count] }

    /// Line dashes, one per series in turn: solid, dashed, dotted, dash-dot.
    static func dash(_ series: Int) -> String {
        ["", "8 4", "2 3", "9 3 2 3"][series % 4]
    }

    /// The fill of a bar series: solid for the first, then stripes, dots and cross-hatching.
    static func fill(_ series: Int, chart id: String) -> String {
        series % 4 == 0 ? color(series) : "url(#\(id)-fill-\(series))"
    }

    /// The `<pattern>` a series' bars are filled with, or nothing for a solid series.
    static func pattern(_ series: Int, chart id: String) -> HTML {
        let color = color(series)
        let marks: HTML
        switch series % 4 {
        case 1: marks = "<path d=\"M0 0L0 6\" stroke=\"#fff\" stroke-width=\"2\"></path>"
        case 2: marks = "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"></circle>"
        case 3: marks = "<path d=\"M0 0L0 6M0 0L6 0\" stroke=\"#fff\" stroke-width=\"1.5\"></path>"
        default: return .empty
        }
        let turn: HTML = series % 4 == 2 ? "" : " patternTransform=\"rotate(45)\""
        return """
            <pattern id="\(id)-fill-\(series)" width="6" height="6" patternUnits="userSpaceOnUse"\(turn)>\
            <rect width="6" height="6" fill="\(color)"></rect>\(marks)</pattern>
            """
    }

    /// A marker shape centred on `x`, `y` for series `series`: circle, square, triangle or diamond.
    static func marker(_ series: Int, x: Double, y: Double, tooltip: String) -> HTML {
        let fill = color(series)
        let (sx, sy) = (ChartNumber.text(x), ChartNumber.text(y))
        let tip: HTML = "<title>\(tooltip)</title>"
        switch series % 4 {
        case 0:
            return "<circle class=\"chart-point\" cx=\"\(sx)\" cy=\"\(sy)\" r=\"3.5\" fill=\"\(fill)\">\(tip)</circle>"
        case 1:
            let (left, top) = (ChartNumber.text(x - 3.5), ChartNumber.text(y - 3.5))
            return """
                <rect class="chart-point" x="\(left)" y="\(top)" width="7" height="7" fill="\(fill)">\(tip)</rect>
                """
        default:
            let points =
                series % 4 == 2
                ? [(x, y - 4.5), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)]
                : [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)]
            let list = points.map { "\(ChartNumber.text($0.0)),\(ChartNumber.text($0.1))" }.joined(separator: " ")
            return "<polygon class=\"chart-point\" points=\"\(list)\" fill=\"\(fill)\">\(tip)</polygon>"
        }
    }

    /// The shade of a heat-map cell for `value` in 0...1, from a pale blue to a dark blue.
    static func shade(_ value: Double) -> (red: Double, green: Double, blue: Double) {
        let t = min(max(value, 0), 1)
        let (low, high) = ((238.0, 243.0, 250.0), (8.0, 48.0, 107.0))
        return (low.0 + (high.0 - low.0) * t, low.1 + (high.1 - low.1) * t, low.2 + (high.2 - low.2) * t)
    }

    /// `rgb` (0...255 each) as a CSS hex colour.
    static func hex(_ rgb: (red: Double, green: Double, blue: Double)) -> String {
        let digits = Array("0123456789abcdef")
        return "#"
            + [rgb.red, rgb.green, rgb.blue].map { channel -> String in
                let byte = Int(channel.rounded())
                return String([digits[byte / 16], digits[byte % 16]])
            }.joined()
    }

    /// WCAG relative luminance of `rgb` (0...255 each).
    static func luminance(_ rgb: (red: Double, green: Double, blue: Double)) -> Double {
        func linear(_ channel: Double) -> Double {
            let c = channel / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(rgb.red) + 0.7152 * linear(rgb.green) + 0.0722 * linear(rgb.blue)
    }

    /// `hex` ("#rrggbb") as its three channels.
    static func channels(_ hex: String) -> (red: Double, green: Double, blue: Double) {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        return (Double(value >> 16 & 255), Double(value >> 8 & 255), Double(value & 255))
    }

    /// WCAG contrast ratio of `hex` against white.
    static func contrastWithWhite(_ hex: String) -> Double { 1.05 / (luminance(channels(hex)) + 0.05) }

    /// Black or white, whichever reads better on `background`: black has at least 4.5:1 above a luminance of
    /// 0.179, white below it.
    static func textColor(on background: (red: Double, green: Double, blue: Double)) -> String {
        luminance(background) > 0.179 ? "#000" : "#fff"
    }
}

/// The value axis of a bar, line or step chart: from zero to a round top, with four or five ticks between.
struct ValueScale {
    let top: Double
    let step: Double

    /// A scale that holds `largest`, or runs to `fixedTop` when given.
    init(largest: Double, fixedTop: Double?) {
        let top = fixedTop ?? max(largest, 0)
        guard top > 0 else {
            (self.top, self.step) = (1, 0.25)
            return
        }
        let raw = top / 4
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
        self.step = step
        self.top = fixedTop ?? (top / step - 1e-9).rounded(.up) * step
    }

    /// The values marked on the axis: zero, each step, and the top.
    var ticks: [Double] {
        (0...Int((top / step + 1e-9).rounded(.down))).map { Double($0) * step }
    }

    /// How far up the plot `value` sits, as a share of its height, clamped to the plot.
    func fraction(_ value: Double) -> Double { min(max(value / top, 0), 1) }
}
