import PropertyBased

/// Generators of hostile text for the property-based fuzz tests: markup and script fragments, Markdown syntax with
/// dangerous destinations, control characters, line breaks, any Unicode scalar, and long runs of all of these.
/// One copy for every test target, which depends on this `FuzzSupport` target.
package enum FuzzText {
    /// Pieces that have broken HTML, Markdown, CSV, iCalendar and XML writers before.
    package static let fragments: [String] = [
        "<script>", "</script>", "<script", "<iframe src=x>", "<object data=x>", "<embed src=x>", "<style>",
        "<svg/onload=alert(1)>", "<math>", "<img src=x onerror=alert(1)>", "onerror=", " onload=\"alert(1)\"",
        "\"><", "'><", "\"", "'", "<", ">", "&", "&#106;", "&#x6A;", "&lt;", "&amp;", "&quot;", "&#39;",
        "javascript:", "JaVaScRiPt:", "java\tscript:", "vbscript:", "data:text/html,<script>", "//evil.example",
        "/\\evil.example", "http://ok.example/", "https://ok.example/a?b=c&d=e", "mailto:a@b.example", "/path",
        "alert(1)", "[", "]", "(", ")", "![", "](", "[x](", "`", "``", "```", "~~~", "*", "**", "_", "__", "\\", "#",
        "### ", "> ", "- ", "* ", "1. ", "12) ", "---", "    ", "\t", " ", "\n", "\r\n", "\r", "\n\n", "\u{0}",
        "\u{1}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{2028}", "\u{202E}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}",
        "e\u{301}", "🍓", "👩‍👩‍👧", "日本語", ",", ";", ":", "=", "+", "-", "@", "%", "%00", "%zz", "%C3%A9",
        "--", "--boundary", "BEGIN:VEVENT", "END:VCALENDAR", "<![CDATA[", "]]>", "<!--", "-->", "<?xml", "x",
    ]

    /// Text of `pieces` pieces, each a fragment, a random scalar, a random ASCII character, a run of one fragment,
    /// or Markdown link or image syntax around two fragments.
    package static func text(
        _ fragments: [String] = fragments,
        pieces: ClosedRange<Int> = 0...24
    ) -> Generator<String, AnySequence<Any>> {
        piece(fragments).array(of: pieces).map { $0.joined() }.eraseToAny()
    }

    /// One piece of `text(_:pieces:)`.
    package static func piece(_ fragments: [String]) -> Generator<String, AnySequence<Any>> {
        let count = fragments.count
        return zip(
            Gen.int(in: 0...(count + 5)),
            Gen.int(in: 0...(count - 1)),
            Gen.int(in: 0...(count - 1)),
            Gen.uint32(in: 0...0x10_FFFF),
            Gen.int(in: 1...200)
        ).map { choice in
            let (kind, first, second, raw, length) = choice
            switch kind - count {
            case ..<0: return fragments[kind]
            case 0: return Unicode.Scalar(raw).map { String(Character($0)) } ?? "\u{FFFD}"
            case 1: return String(Character(Unicode.Scalar(UInt8(raw % 128))))
            case 2: return String(repeating: fragments[first], count: length)
            case 3: return "[" + fragments[first] + "](" + fragments[second] + fragments[length % count] + ")"
            case 4: return "![" + fragments[first] + "](" + fragments[second] + ")"
            default: return "word\(length) "
            }
        }.eraseToAny()
    }
}
