import Foundation
import Testing

@testable import FreshgroundWeb

#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element read back from a chart's markup by a real XML parser.
private final class Element {
    let name: String
    let attributes: [String: String]
    var children: [Element] = []
    var ownText = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The element's text, its descendants' included.
    var text: String { ownText + children.map(\.text).joined() }

    /// Every element below this one called `name`, in document order.
    func all(_ name: String) -> [Element] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    subscript(attribute: String) -> String? { attributes[attribute] }
}

/// Builds the `Element` tree from XMLParser's callbacks.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [Element] = []
    var root: Element?

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        let element = Element(name: elementName, attributes: attributeDict)
        stack.last?.children.append(element)
        if root == nil { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.ownText += string }
}

/// Parses `markup` as XML, failing the test when it is not well formed.
private func parse(_ markup: HTML) throws -> Element {
    let parser = XMLParser(data: Data(markup.raw.utf8))
    let builder = TreeBuilder()
    parser.delegate = builder
    #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
    return try #require(builder.root)
}

/// The inline SVG charts of the volunteering figures: well-formed, named and described for screen readers, safe
/// to inline, and drawn to the numbers they are given.
@Suite("Charts")
struct ChartTests {
    /// 2 series over 2 months; the largest value, 60, is the axis top, so the plot's 220 units stand for 60.
    static let bars = Chart(
        title: "Joined and left",
        summary: "More joined than left.",
        kind: .bars,
        rowLabels: ["Joined", "Left"],
        columnLabels: ["Jan", "Feb"],
        values: [[30, 60], [15, nil]],
        unit: "volunteers"
    )
    /// The second series is flat at 25; the first has a gap at W4. Axis top: 100 (ticks every 25).
    static let lines = Chart(
        title: "Hours a week",
        summary: "Hours rose, then fell.",
        kind: .lines,
        rowLabels: ["Drivers", "Cooks"],
        columnLabels: ["W1", "W2", "W3", "W4", "W5"],
        values: [[0, 50, 100, nil, 20], [25, 25, 25, 25, 25]]
    )
    /// Day labels are numbers, so the points sit in proportion: day 10 is a quarter of the way to day 40.
    static let steps = Chart(
        title: "Still active",
        summary: "Half were still active after ten days.",
        kind: .steps,
        rowLabels: ["Everyone"],
        columnLabels: ["0", "10", "40"],
        values: [[1, 0.5, 0.25]]
    )
    static let heat = Chart(
        title: "Cohorts still active",
        summary: "Most of each cohort stays a month.",
        kind: .heatMap,
        rowLabels: ["2026-01", "2026-02"],
        columnLabels: ["0", "1", "2"],
        values: [[1, 0.4, 0.2], [1, 0.05, nil]],
        cellText: [["100%", "40%", "20%"], ["100%", "<5", ""]],
        columnTitle: "Months since joining"
    )
    static let all = [bars, lines, steps, heat]

    @Test("every kind is well-formed XML whose first children name and describe it for screen readers")
    func titleAndDescriptionFirst() throws {
        for chart in Self.all {
            let svg = try parse(chart.svg)
            #expect(svg.name == "svg")
            #expect(svg["role"] == "img")
            #expect(svg["aria-labelledby"] == "\(chart.id)-title \(chart.id)-desc")
            #expect(svg.children.count > 2)
            #expect(svg.children[0].name == "title" && svg.children[0]["id"] == "\(chart.id)-title")
            #expect(svg.children[0].text == chart.title)
            #expect(svg.children[1].name == "desc" && svg.children[1]["id"] == "\(chart.id)-desc")
            #expect(svg.children[1].text == chart.summary)
        }
        #expect(Self.bars.id == "chart-joined-and-left")
        #expect(Self.heat.id == "chart-cohorts-still-active")
    }

    @Test("nothing is fetched or run: no URL but the SVG namespace, no script, no foreign content")
    func selfContained() throws {
        for chart in Self.all {
            let raw = chart.figure.raw
            let namespace = "xmlns=\"http://www.w3.org/2000/svg\""
            #expect(raw.components(separatedBy: namespace).count == 2)
            let rest = raw.replacingOccurrences(of: namespace, with: "").lowercased()
            for banned in ["http", "<script", "foreignobject", "href", "<image", "style=", "@import", "onload"] {
                #expect(!rest.contains(banned), "\(chart.kind) contains \(banned)")
            }
            // Fills that refer to a pattern refer to one inside this picture.
            #expect(rest.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#\(chart.id)-") })
        }
    }

    @Test("a bar's height is its share of the axis top: 30 of 60 is half the 220-unit plot")
    func barHeights() throws {
        let svg = try parse(Self.bars.svg)
        let bars = svg.all("rect").filter { $0["class"] == "chart-bar" }
        // Left/Feb has no value, so it has no bar.
        #expect(bars.map { $0.all("title").first?.text } == ["Joined, Jan: 30", "Joined, Feb: 60", "Left, Jan: 15"])
        // Heights 220·30/60 = 110, 220, 220·15/60 = 55; tops are the baseline (28 + 220 = 248) less the height.
        #expect(bars.map { $0["height"] } == ["110", "220", "55"])
        #expect(bars.map { $0["y"] } == ["138", "28", "193"])
        // Plot from x 48 to 624 (576 wide), two groups of 288; bars 288·0.8/2 = 115.2 wide after a 28.8 margin.
        #expect(bars.map { $0["x"] } == ["76.8", "364.8", "192"])
        #expect(bars.allSatisfy { $0["width"] == "115.2" })
        // The value over Joined/Jan's bar, 3 units above its top.
        let thirty = svg.all("text").first { $0.text == "30" }
        #expect(thirty?["x"] == "134.4" && thirty?["y"] == "135")
        // Axis ticks every 20 and the unit as the axis title.
        let texts = svg.all("text").map(\.text)
        #expect(["0", "20", "40", "60", "volunteers", "Jan", "Feb"].allSatisfy(texts.contains))
    }

    @Test("bar series differ by pattern as well as colour, and the legend shows each")
    func barSeriesPatterns() throws {
        let svg = try parse(Self.bars.svg)
        let bars = svg.all("rect").filter { $0["class"] == "chart-bar" }
        #expect(bars[0]["fill"] == "#0b5394")
        #expect(bars[2]["fill"] == "url(#chart-joined-and-left-fill-1)")
        #expect(svg.all("pattern").map { $0["id"] } == ["chart-joined-and-left-fill-1"])
        let legend = svg.all("g").filter { $0["class"] == "chart-legend" }
        #expect(legend.map { $0.all("text").first?.text } == ["Joined", "Left"])
        #expect(legend[1].all("rect").first?["fill"] == "url(#chart-joined-and-left-fill-1)")
    }

    @Test("line points sit at their values, a missing value breaks the line, series differ by dash")
    func linePoints() throws {
        let svg = try parse(Self.lines.svg)
        let curves = svg.all("path").filter { $0["class"] == "chart-curve" }
        // Axis top 100 over 220 units from y 248; columns evenly from x 56 to 616 (140 apart).
        // 0 → 248, 50 → 138, 100 → 28, (gap), 20 → 248 − 44 = 204.
        #expect(
            curves.map { $0["d"] } == ["M56 248L196 138L336 28M616 204", "M56 193L196 193L336 193L476 193L616 193"]
        )
        #expect(curves[0]["stroke-dasharray"] == nil && curves[1]["stroke-dasharray"] == "8 4")
        let drivers = try #require(svg.all("g").first { $0["class"] == "chart-series" })
        #expect(drivers.all("circle").map { $0["cy"] } == ["248", "138", "28", "204"])
        #expect(drivers.all("title").map(\.text).last == "Drivers, W5: 20")
    }

    @Test("a step curve holds each value until the next day, placed in proportion to the days")
    func stepCurve() throws {
        let svg = try parse(Self.steps.svg)
        let curve = try #require(svg.all("path").first { $0["class"] == "chart-curve" })
        // Days 0, 10, 40 over x 56…616: 56, 56 + 560/4 = 196, 616. Shares 1, 0.5, 0.25 → y 28, 138, 193.
        #expect(curve["d"] == "M56 28H196V138H616V193")
        let texts = svg.all("text").map(\.text)
        #expect(["0%", "25%", "50%", "75%", "100%"].allSatisfy(texts.contains))
        // One series: no legend.
        #expect(svg.all("g").allSatisfy { $0["class"] != "chart-legend" })
        #expect(Self.steps.cellText == [["100%", "50%", "25%"]])
    }

    @Test("a heat cell is shaded by its value and shows its text; a missing one is left blank")
    func heatCells() throws {
        let svg = try parse(Self.heat.svg)
        // Row labels need 7·7.2 + 12 = 62.4 → 63; three columns share 640 − 63 − 16 = 561, 187 each.
        // Cells are 26 tall below the 40-unit header: picture height 40 + 2·26 + 8 = 100.
        #expect(svg["viewBox"] == "0 0 640 100")
        let cells = svg.all("g").filter { $0["class"] == "chart-cell" }
        #expect(cells.count == 5)
        let withheld = try #require(cells.first { $0.all("text").first?.text == "<5" })
        let rect = try #require(withheld.all("rect").first)
        #expect(rect["x"] == "250" && rect["y"] == "66" && rect["width"] == "187" && rect["height"] == "26")
        #expect(rect.all("title").first?.text == "2026-02, 1: <5")
        // A pale cell gets black text; a full one is the darkest blue with white text.
        #expect(withheld.all("text").first?["fill"] == "#000")
        let full = cells[0]
        #expect(full.all("rect").first?["fill"] == "#08306b" && full.all("text").first?["fill"] == "#fff")
        #expect(svg.all("text").contains { $0.text == "Months since joining" })
    }

    @Test("the table has the cell texts under the right row and column headers")
    func table() throws {
        let table = try parse(Self.heat.table)
        #expect(table.all("caption").first?.text == "Cohorts still active")
        #expect(table.all("th").filter { $0["scope"] == "col" }.map(\.text) == ["0", "1", "2"])
        let rows = table.all("tbody").first?.all("tr") ?? []
        #expect(rows.map { $0.all("th").first?.text } == ["2026-01", "2026-02"])
        #expect(rows.allSatisfy { $0.all("th").first?["scope"] == "row" })
        #expect(rows[1].all("td").map(\.text) == ["100%", "<5", ""])
        #expect(rows[0].all("td").map(\.text) == ["100%", "40%", "20%"])
        // Default texts when none are given: the numbers themselves, "no data" for a gap.
        let barRows = try parse(Self.bars.table).all("tbody").first?.all("tr") ?? []
        #expect(barRows.map { $0.all("td").map(\.text) } == [["30", "60"], ["15", "no data"]])
    }

    @Test("titles and labels with markup characters are escaped everywhere")
    func escaping() throws {
        let chart = Chart(
            title: "Joined <&> \"all\"",
            summary: "Tom & Jerry's <b>team</b>",
            kind: .bars,
            rowLabels: ["<i>A</i>"],
            columnLabels: ["x&y"],
            values: [[1]],
            cellText: [["<1>"]]
        )
        #expect(chart.id == "chart-joined-all")
        let svg = try parse(chart.svg)
        #expect(svg.children[0].text == "Joined <&> \"all\"")
        #expect(svg.children[1].text == "Tom & Jerry's <b>team</b>")
        #expect(svg.all("b").isEmpty && svg.all("i").isEmpty)
        #expect(svg.all("title").contains { $0.text == "<i>A</i>, x&y: <1>" })
        let figure = try parse(chart.figure)
        #expect(figure.all("caption").first?.text == "Joined <&> \"all\"")
        #expect(figure.all("figcaption").first?.text == "Tom & Jerry's <b>team</b>")
        #expect(figure.all("summary").first?.text == "Show the figures as a table")
        #expect(figure.all("tbody").first?.all("td").map(\.text) == ["<1>"])
        #expect(!chart.figure.raw.contains("<b>") && !chart.figure.raw.contains("<1>"))
    }

    @Test("column labels that would overlap are thinned to every k-th")
    func labelThinning() throws {
        let weeks = (1...30).map { "Week \($0)" }
        let chart = Chart(
            title: "Weekly",
            summary: "Flat.",
            kind: .lines,
            rowLabels: ["All"],
            columnLabels: weeks,
            values: [weeks.map { _ in 1 }]
        )
        // Points 560/29 = 19.3 apart; "Week 30" is about 7 · 6.6 = 46.2 wide, plus 6 = 52.2: every 3rd (57.9).
        let shown = try parse(chart.svg).all("text").map(\.text).filter { $0.hasPrefix("Week") }
        #expect(shown == stride(from: 1, through: 28, by: 3).map { "Week \($0)" })
    }

    @Test("colours keep 3:1 against white, and heat-cell text keeps 4.5:1 on every shade")
    func contrast() {
        // #4d4d4d: each channel 77/255 → linear ((0.302 + 0.055)/1.055)^2.4 = 0.0742; 1.05 / 0.1242 = 8.45.
        #expect(abs(ChartPalette.contrastWithWhite("#4d4d4d") - 8.45) < 0.01)
        #expect(ChartPalette.colors.allSatisfy { ChartPalette.contrastWithWhite($0) >= 3 })
        for step in 0...100 {
            let shade = ChartPalette.shade(Double(step) / 100)
            let cell = ChartPalette.luminance(shade)
            let ink = ChartPalette.textColor(on: shade) == "#000" ? 0.0 : 1.0
            let ratio = (max(cell, ink) + 0.05) / (min(cell, ink) + 0.05)
            #expect(ratio >= 4.5, "shade \(step)%")
        }
    }

    @Test("the value axis tops out at a round number above the largest value")
    func scale() {
        // 60/4 = 15 → a step of 20, top 60; 101/4 = 25.25 → 50, top 150; 7/4 = 1.75 → 2, top 8.
        #expect(ValueScale(largest: 60, fixedTop: nil).ticks == [0, 20, 40, 60])
        #expect(ValueScale(largest: 101, fixedTop: nil).top == 150)
        #expect(ValueScale(largest: 7, fixedTop: nil).top == 8)
        #expect(ValueScale(largest: 0, fixedTop: nil).top == 1)
        #expect(ChartNumber.text(-0.001) == "0" && ChartNumber.text(12.346) == "12.35")
    }
}
