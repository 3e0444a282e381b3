import FuzzSupport
import PropertyBased
import Testing

@testable import FreshgroundCore

/// The Markdown renderer, fuzzed: whatever the input, the output holds only the tags the renderer writes itself,
/// with their own attributes, properly nested, every other character escaped, and links only to safe places.
@Suite("Markdown fuzzing")
struct MarkdownFuzzTests {
    @Test func anyInputRendersOnlySafeBalancedMarkup() async {
        await propertyCheck(count: 400, input: FuzzText.text(pieces: 0...40)) { source in
            let html = Markdown.html(source)
            let problems = SafeHTML.problems(in: html)
            #expect(
                problems.isEmpty,
                "\(problems)\ninput: \(source.debugDescription)\noutput: \(html.debugDescription)"
            )
        }
    }

    @Test func deeplyNestedAndLongInputsStaySafe() async {
        let nested = FuzzText.text(
            ["> ", "- ", "1. ", "  ", "[", "](", "`", "*", "_", "<", "\n", "x"],
            pieces: 0...400
        )
        await propertyCheck(count: 60, input: nested) { source in
            let html = Markdown.html(source)
            let problems = SafeHTML.problems(in: html)
            #expect(
                problems.isEmpty,
                "\(problems)\ninput: \(source.debugDescription)\noutput: \(html.debugDescription)"
            )
        }
    }

    @Test func plainTextExcerptsNeverPassTheirLimit() async {
        await propertyCheck(count: 200, input: FuzzText.text(pieces: 0...40), Gen.int(in: 0...80)) { source, limit in
            let excerpt = Markdown.plainText(source, limit: limit)
            #expect(excerpt.count <= limit, "input: \(source.debugDescription), limit \(limit)")
        }
    }
}

/// A small checker for the renderer's output, which is HTML of a known, tiny shape.
enum SafeHTML {
    /// The elements the renderer writes and the attributes each may carry.
    static let allowed: [String: Set<String>] = [
        "p": [], "h3": [], "h4": [], "h5": [], "hr": [], "pre": [], "code": [], "blockquote": [], "ul": [],
        "ol": ["start"], "li": [], "em": [], "strong": [], "a": ["href", "rel"],
    ]
    static let void: Set<String> = ["hr"]
    static let forbidden = ["<script", "<iframe", "<object", "<embed", "<style", "<svg", "<math", "<img", "<link"]
    static let entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]

    /// Everything wrong with `html`; empty when it is safe. It is read by Unicode scalars, not characters, as a
    /// browser does: a combining mark after `>` must not hide the `>`.
    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        let lowered = Array(html.lowercased().utf8)
        for name in forbidden where lowered.firstRange(of: Array(name.utf8)) != nil {
            problems.append("contains \(name)")
        }
        var open: [String] = []
        var rest = Substring(html).unicodeScalars
        while let first = rest.first {
            switch first {
            case "<":
                guard let close = rest.firstIndex(of: ">") else {
                    problems.append("a `<` that opens no tag")
                    return problems
                }
                problems += check(tag: rest[rest.index(after: rest.startIndex)..<close], open: &open)
                rest = rest[rest.index(after: close)...]
            case "&":
                guard let entity = entities.first(where: { rest.starts(with: $0.unicodeScalars) }) else {
                    problems.append("an unescaped `&` before \(text(rest.prefix(12)).debugDescription)")
                    rest = rest.dropFirst()
                    continue
                }
                rest = rest.dropFirst(entity.unicodeScalars.count)
            case ">", "\"", "'":
                problems.append("an unescaped \(first) in text")
                rest = rest.dropFirst()
            default:
                rest = rest.dropFirst()
            }
        }
        if !open.isEmpty { problems.append("unclosed \(open)") }
        return problems
    }

    private typealias Scalars = Substring.UnicodeScalarView

    private static func text(_ scalars: Scalars) -> String { String(Substring(scalars)) }

    /// Checks one tag (the text between `<` and `>`) and keeps the stack of open elements.
    private static func check(tag: Scalars, open: inout [String]) -> [String] {
        if tag.first == "/" {
            let name = text(tag.dropFirst())
            guard allowed[name] != nil else { return ["closing tag \(name.debugDescription)"] }
            guard open.last == name else { return ["</\(name)> closes \(open.last ?? "nothing")"] }
            open.removeLast()
            return []
        }
        let nameScalars = tag.prefix { $0 != " " }
        let name = text(nameScalars)
        guard let attributesAllowed = allowed[name] else { return ["tag \(name.debugDescription)"] }
        var problems: [String] = []
        var rest = tag[nameScalars.endIndex...]
        var seen: Set<String> = []
        while !rest.isEmpty {
            // ` name="value"`: the value holds no quote and no angle bracket, since those are escaped.
            guard rest.first == " ", let equals = rest.firstIndex(of: "="),
                rest[rest.index(after: equals)...].first == "\""
            else { return problems + ["broken attributes in <\(text(tag))>"] }
            let attribute = text(rest[rest.index(after: rest.startIndex)..<equals])
            let valueStart = rest.index(equals, offsetBy: 2)
            guard let valueEnd = rest[valueStart...].firstIndex(of: "\"") else {
                return problems + ["unterminated attribute in <\(text(tag))>"]
            }
            let value = text(rest[valueStart..<valueEnd])
            if attribute.lowercased().hasPrefix("on") { problems.append("event handler \(attribute)") }
            if !attributesAllowed.contains(attribute) || !seen.insert(attribute).inserted {
                problems.append("attribute \(attribute) on \(name)")
            }
            if value.unicodeScalars.contains(where: { $0 == "<" || $0 == ">" }) {
                problems.append("angle bracket in \(attribute)")
            }
            if attribute == "href" { problems += check(href: unescaped(value)) }
            if attribute == "start", value.isEmpty || !value.allSatisfy(\.isASCII) || Int(value) == nil {
                problems.append("start=\(value)")
            }
            rest = rest[rest.index(after: valueEnd)...]
        }
        if name == "a", !seen.contains("href") { problems.append("a link without href") }
        if !void.contains(name) { open.append(name) }
        return problems
    }

    /// A link must go to an http(s) or mailto URL or a path on this site, and hold no whitespace or control.
    private static func check(href: String) -> [String] {
        if href.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            return ["whitespace or control in href \(href.debugDescription)"]
        }
        let lowered = href.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") { return [] }
        if href.hasPrefix("/"), !href.hasPrefix("//"), !href.hasPrefix("/\\") { return [] }
        return ["href \(href.debugDescription)"]
    }

    private static func unescaped(_ value: String) -> String {
        var text = value
        for (entity, character) in zip(entities.dropFirst(), ["<", ">", "\"", "'"]) {
            text = text.replacing(entity, with: character)
        }
        return text.replacing("&amp;", with: "&")
    }
}
