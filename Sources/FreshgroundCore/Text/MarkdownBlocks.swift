private typealias B = MarkdownByte

/// The block level of `Markdown`: splits normalized input into lines and renders paragraphs, headings, lists,
/// quotes, rules and fenced code, handing inline text to `MarkdownInline`. Nesting is capped so that hostile
/// input such as a line of a million `>` cannot recurse deeply.
struct MarkdownBlocks: Sendable {
    /// Containers (quotes and list items) deeper than this are rendered as plain paragraphs.
    static let maxDepth = 8

    /// A line as a byte range of `text`, without its newline.
    private struct Line {
        var start: Int
        var end: Int
    }

    /// An opening code fence: its character, how many of it, and its indent (stripped from content lines).
    private struct Fence {
        var char: UInt8
        var length: Int
        var indent: Int
    }

    /// A list item's marker and where its content starts, as a position and as a column for continuations.
    private struct ListMarker {
        var ordered: Bool
        var char: UInt8
        var number: Int
        var content: Line
        var contentIndent: Int
    }

    let text: [UInt8]

    func render(into out: inout [UInt8]) {
        var lines: [Line] = []
        var start = 0
        for (index, byte) in text.enumerated() where byte == B.newline {
            lines.append(Line(start: start, end: index))
            start = index + 1
        }
        if start < text.count { lines.append(Line(start: start, end: text.count)) }
        renderBlocks(lines, depth: 0, tight: false, into: &out)
    }

    // MARK: Blocks

    /// Renders `lines` as a sequence of blocks; `tight` list items leave their paragraphs unwrapped.
    private func renderBlocks(_ lines: [Line], depth: Int, tight: Bool, into out: inout [UInt8]) {
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) {
                i += 1
            } else if let fence = fence(line) {
                i = renderFence(lines, from: i, fence: fence, into: &out)
            } else if case let (level, content)? = heading(line) {
                out.append(contentsOf: "<h\(level)>".utf8)
                MarkdownInline.render(text[content.start..<content.end], into: &out)
                out.append(contentsOf: "</h\(level)>\n".utf8)
                i += 1
            } else if isRule(line) {
                out.append(contentsOf: "<hr>\n".utf8)
                i += 1
            } else if depth < Self.maxDepth, quoteContent(line) != nil {
                i = renderQuote(lines, from: i, depth: depth, into: &out)
            } else if depth < Self.maxDepth, let marker = listMarker(line) {
                i = renderList(lines, from: i, marker: marker, depth: depth, into: &out)
            } else {
                i = renderParagraph(lines, from: i, depth: depth, tight: tight, into: &out)
            }
        }
    }

    private func renderParagraph(
        _ lines: [Line],
        from first: Int,
        depth: Int,
        tight: Bool,
        into out: inout [UInt8]
    ) -> Int {
        var joined: [UInt8] = []
        var i = first
        while i < lines.count, !isBlank(lines[i]), i == first || !interruptsParagraph(lines[i], depth: depth) {
            let line = trimmed(lines[i])
            if !joined.isEmpty { joined.append(B.space) }
            joined.append(contentsOf: text[line.start..<line.end])
            i += 1
        }
        if !tight { out.append(contentsOf: "<p>".utf8) }
        MarkdownInline.render(joined[...], into: &out)
        if !tight { out.append(contentsOf: "</p>\n".utf8) }
        return i
    }

    private func renderFence(_ lines: [Line], from first: Int, fence: Fence, into out: inout [UInt8]) -> Int {
        out.append(contentsOf: "<pre><code>".utf8)
        var i = first + 1
        while i < lines.count {
            let line = lines[i]
            i += 1
            if isClosing(line, of: fence) { break }
            let content = strip(line, columns: fence.indent)
            HTMLEscape.append(text[content.start..<content.end], to: &out)
            out.append(B.newline)
        }
        out.append(contentsOf: "</code></pre>\n".utf8)
        return i
    }

    private func renderQuote(_ lines: [Line], from first: Int, depth: Int, into out: inout [UInt8]) -> Int {
        var inner: [Line] = []
        var i = first
        while i < lines.count {
            let line = lines[i]
            if let content = quoteContent(line) {
                inner.append(content)
            } else if let last = inner.last, !isBlank(last), !isBlank(line),
                !interruptsParagraph(line, depth: depth)
            {
                inner.append(line)  // a lazy continuation of the quoted paragraph
            } else {
                break
            }
            i += 1
        }
        out.append(contentsOf: "<blockquote>\n".utf8)
        renderBlocks(inner, depth: depth + 1, tight: false, into: &out)
        out.append(contentsOf: "</blockquote>\n".utf8)
        return i
    }

    private func renderList(
        _ lines: [Line],
        from first: Int,
        marker: ListMarker,
        depth: Int,
        into out: inout [UInt8]
    ) -> Int {
        var items: [[Line]] = []
        var current = [marker.content]
        var contentIndent = marker.contentIndent
        var loose = false
        var afterBlank = false
        var i = first + 1
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) {
                afterBlank = true
                current.append(line)
            } else if indent(line).columns >= contentIndent {
                if afterBlank { loose = true }
                current.append(strip(line, columns: contentIndent))
                afterBlank = false
            } else if let next = listMarker(line), next.ordered == marker.ordered, next.char == marker.char {
                if afterBlank { loose = true }
                items.append(current)
                current = [next.content]
                contentIndent = next.contentIndent
                afterBlank = false
            } else if !afterBlank, !interruptsParagraph(line, depth: depth) {
                current.append(trimmed(line))  // a lazy continuation of the item's paragraph
            } else {
                break
            }
            i += 1
        }
        items.append(current)
        let tag = marker.ordered ? "ol" : "ul"
        if marker.ordered && marker.number != 1 {
            out.append(contentsOf: "<ol start=\"\(marker.number)\">\n".utf8)
        } else {
            out.append(contentsOf: "<\(tag)>\n".utf8)
        }
        for item in items {
            out.append(contentsOf: "<li>".utf8)
            renderBlocks(item, depth: depth + 1, tight: !loose, into: &out)
            out.append(contentsOf: "</li>\n".utf8)
        }
        out.append(contentsOf: "</\(tag)>\n".utf8)
        return i
    }

    // MARK: Recognizing lines

    /// Whether `line` ends a paragraph above it instead of continuing it.
    private func interruptsParagraph(_ line: Line, depth: Int) -> Bool {
        if fence(line) != nil || heading(line) != nil || isRule(line) { return true }
        guard depth < Self.maxDepth else { return false }
        if quoteContent(line) != nil { return true }
        guard let marker = listMarker(line), marker.content.start < marker.content.end else { return false }
        return !marker.ordered || marker.number == 1
    }

    private func fence(_ line: Line) -> Fence? {
        let lead = indent(line)
        guard lead.columns <= 3, lead.position < line.end else { return nil }
        let char = text[lead.position]
        guard char == B.backtick || char == B.tilde else { return nil }
        let length = run(of: char, from: lead.position, to: line.end)
        guard length >= 3 else { return nil }
        if char == B.backtick && text[(lead.position + length)..<line.end].contains(B.backtick) { return nil }
        return Fence(char: char, length: length, indent: lead.columns)
    }

    private func isClosing(_ line: Line, of fence: Fence) -> Bool {
        let lead = indent(line)
        guard lead.columns <= 3 else { return false }
        let length = run(of: fence.char, from: lead.position, to: line.end)
        guard length >= fence.length else { return false }
        return text[(lead.position + length)..<line.end].allSatisfy(B.isSpaceOrTab)
    }

    /// The heading level (`#` is 3, `##` is 4, deeper is 5) and its trimmed content.
    private func heading(_ line: Line) -> (Int, Line)? {
        let lead = indent(line)
        guard lead.columns <= 3 else { return nil }
        let hashes = run(of: B.hash, from: lead.position, to: line.end)
        let after = lead.position + hashes
        guard (1...6).contains(hashes), after == line.end || B.isSpaceOrTab(text[after]) else { return nil }
        var content = trimmed(Line(start: after, end: line.end))
        var end = content.end
        while end > content.start && text[end - 1] == B.hash { end -= 1 }
        if end == content.start || B.isSpaceOrTab(text[end - 1]) {
            content.end = end
            content = trimmed(content)
        }
        return (min(hashes, 3) + 2, content)
    }

    /// A thematic break: three or more of the same `-`, `*` or `_`, optionally spaced, and nothing else.
    private func isRule(_ line: Line) -> Bool {
        let lead = indent(line)
        guard lead.columns <= 3, lead.position < line.end else { return false }
        let char = text[lead.position]
        guard char == B.dash || char == B.star || char == B.underscore else { return false }
        var count = 0
        for byte in text[lead.position..<line.end] {
            if byte == char {
                count += 1
            } else if !B.isSpaceOrTab(byte) {
                return false
            }
        }
        return count >= 3
    }

    private func quoteContent(_ line: Line) -> Line? {
        let lead = indent(line)
        guard lead.columns <= 3, lead.position < line.end, text[lead.position] == B.greaterThan else { return nil }
        var start = lead.position + 1
        if start < line.end && B.isSpaceOrTab(text[start]) { start += 1 }
        return Line(start: start, end: line.end)
    }

    private func listMarker(_ line: Line) -> ListMarker? {
        let lead = indent(line)
        guard lead.columns <= 3, lead.position < line.end else { return nil }
        var ordered = false
        var number = 0
        var markerEnd = lead.position
        let first = text[lead.position]
        if first == B.dash || first == B.star {
            markerEnd += 1
        } else {
            while markerEnd < line.end, markerEnd - lead.position < 9, let digit = B.digitValue(text[markerEnd]) {
                number = number * 10 + digit
                markerEnd += 1
            }
            guard markerEnd > lead.position, markerEnd < line.end,
                text[markerEnd] == B.dot || text[markerEnd] == B.closeParen
            else { return nil }
            ordered = true
            markerEnd += 1
        }
        let char = ordered ? text[markerEnd - 1] : first
        let markerColumns = lead.columns + markerEnd - lead.position
        guard markerEnd == line.end || B.isSpaceOrTab(text[markerEnd]) else { return nil }
        let after = indent(Line(start: markerEnd, end: line.end))
        if after.position == line.end {
            let empty = Line(start: line.end, end: line.end)
            return ListMarker(
                ordered: ordered,
                char: char,
                number: number,
                content: empty,
                contentIndent: markerColumns + 1
            )
        }
        if after.columns > 4 {
            return ListMarker(
                ordered: ordered,
                char: char,
                number: number,
                content: Line(start: markerEnd + 1, end: line.end),
                contentIndent: markerColumns + 1
            )
        }
        return ListMarker(
            ordered: ordered,
            char: char,
            number: number,
            content: Line(start: after.position, end: line.end),
            contentIndent: markerColumns + after.columns
        )
    }

    // MARK: Bytes

    /// Leading whitespace of `line`, as columns (a tab counts four) and the position of the first other byte.
    private func indent(_ line: Line) -> (columns: Int, position: Int) {
        var columns = 0
        var position = line.start
        while position < line.end, B.isSpaceOrTab(text[position]) {
            columns += text[position] == B.tab ? 4 : 1
            position += 1
        }
        return (columns, position)
    }

    /// `line` without up to `columns` columns of leading whitespace.
    private func strip(_ line: Line, columns: Int) -> Line {
        var removed = 0
        var start = line.start
        while start < line.end, removed < columns, B.isSpaceOrTab(text[start]) {
            removed += text[start] == B.tab ? 4 : 1
            start += 1
        }
        return Line(start: start, end: line.end)
    }

    private func trimmed(_ line: Line) -> Line {
        var start = line.start
        var end = line.end
        while start < end, B.isSpaceOrTab(text[start]) { start += 1 }
        while end > start, B.isSpaceOrTab(text[end - 1]) { end -= 1 }
        return Line(start: start, end: end)
    }

    private func isBlank(_ line: Line) -> Bool {
        text[line.start..<line.end].allSatisfy(B.isSpaceOrTab)
    }

    private func run(of char: UInt8, from start: Int, to end: Int) -> Int {
        var position = start
        while position < end, text[position] == char { position += 1 }
        return position - start
    }
}
