/// Renders the safe Markdown subset people use for descriptions and posts. Every byte of input is escaped and raw
/// HTML is shown as text, so the output can only contain the few tags this renderer writes itself.
///
/// Blocks: paragraphs, `#`–`###` headings (as `h3`–`h5`; the page owns `h1` and `h2`), `-`/`*` and `1.` lists,
/// `>` quotes, ``` fences and `---` rules. Inline: `code`, `**strong**`, `*em*`/`_em_`, backslash escapes and
/// `[text](url)` links to `http(s):`, `mailto:` or site paths. Work is linear in the size of the input.
package enum Markdown {
    /// The HTML for `source`, safe to place inside a page as it is. Texts rendered lately come from memory.
    package static func html(_ source: String) -> String { rendered.value(source, render) }

    /// Up to 8 MB of recent texts and their HTML, so a post listed on many pages is rendered once.
    private static let rendered = TextMemo(limit: 8 << 20)

    private static func render(_ source: String) -> String {
        let text = normalize(source)
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 4 + 16)
        MarkdownBlocks(text: text).render(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A plain-text excerpt of `source` of at most `limit` characters: markup removed, whitespace collapsed,
    /// and, when shortened, cut at a word boundary and ended with "…". The result is not HTML-escaped.
    package static func plainText(_ source: String, limit: Int) -> String {
        guard limit > 0 else { return "" }
        let text = stripTags(html(leadingLines(of: source, bytes: max(4096, limit * 16))))
        guard text.count > limit else { return text }
        var cut = text.prefix(limit - 1)
        let next = text[cut.endIndex]
        if !next.isWhitespace, let space = cut.lastIndex(where: \.isWhitespace), space > cut.startIndex {
            cut = cut[..<space]
        }
        while let last = cut.last, last.isWhitespace || ",;:".contains(last) { cut = cut.dropLast() }
        return String(cut) + "…"
    }

    /// Replaces `\r\n` and lone `\r` with `\n` and drops NUL, DEL and the other C0 controls except tab and newline.
    static func normalize(_ source: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.utf8.count)
        var afterCR = false
        for byte in source.utf8 {
            switch byte {
            case 0x0D:
                out.append(0x0A)
                afterCR = true
                continue
            case 0x0A:
                if !afterCR { out.append(0x0A) }
            case 0x09:
                out.append(byte)
            case 0x00..<0x20, 0x7F:
                break
            default:
                out.append(byte)
            }
            afterCR = false
        }
        return out
    }

    /// About the first `bytes` UTF-8 bytes of `source`, ending at a line break in the second half of that if
    /// there is one (so no inline markup is cut), so that excerpts of long texts stay cheap.
    private static func leadingLines(of source: String, bytes: Int) -> String {
        let utf8 = source.utf8
        guard utf8.count > bytes else { return source }
        var end = utf8.index(utf8.startIndex, offsetBy: bytes)
        if let newline = utf8[utf8.index(utf8.startIndex, offsetBy: bytes / 2)..<end].lastIndex(of: 0x0A) {
            end = newline
        } else {
            while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    /// Turns this renderer's own HTML back into text: block tags become spaces, other tags vanish, the five
    /// entities it writes are decoded, and runs of whitespace become one space.
    private static func stripTags(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 {
                pendingSpace = true
                return
            }
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<"), let close = bytes[i...].firstIndex(of: UInt8(ascii: ">")) {
                var name = bytes[(i + 1)..<close]
                if name.first == UInt8(ascii: "/") { name = name.dropFirst() }
                name = name.prefix { $0 != 0x20 }
                if !inlineTags.contains(where: { name.elementsEqual($0.utf8) }) { emit(0x20) }
                i = close + 1
            } else if byte == UInt8(ascii: "&"), case let (decoded, length)? = entity(bytes[i...]) {
                emit(decoded)
                i += length
            } else {
                emit(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let inlineTags = ["a", "em", "strong", "code"]

    private static func entity(_ bytes: ArraySlice<UInt8>) -> (UInt8, Int)? {
        let entities: [(String, Character)] = [
            ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""),
            ("&#39;", "'"),
        ]
        for (name, value) in entities where bytes.starts(with: name.utf8) {
            return (value.asciiValue ?? 0x20, name.utf8.count)
        }
        return nil
    }
}
