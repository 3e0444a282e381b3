private typealias B = MarkdownByte

/// The inline level of `Markdown`: code spans, `*`/`_` emphasis, `[text](url)` links and backslash escapes in
/// one block's text. Like CommonMark it keeps a delimiter list with per-kind lower bounds, so hostile runs of
/// unmatched markers cost linear time rather than quadratic.
struct MarkdownInline: Sendable {
    /// What a `Node` writes.
    private enum Kind: Sendable { case text, code, delimiter, bracket, linkOpen, linkClose, nothing }

    /// A piece of output. Text and code refer to a byte range of `source`; a link refers to `hrefs[start]`.
    private struct Node: Sendable {
        var kind: Kind
        var start = 0
        var end = 0
        var char: UInt8 = 0
        var count = 0
        var original = 0
        var canOpen = false
        var canClose = false
        /// Tags this run closes, innermost first (`true` is strong, `false` em).
        var closeTags: [Bool] = []
        /// Tags this run opens, innermost first; they are written in reverse.
        var openTags: [Bool] = []
    }

    /// An unmatched `[` and how many delimiters were pending when it was seen.
    private struct Bracket: Sendable {
        var node: Int
        var delimiterBase: Int
    }

    /// Positions of all backtick runs of one length, and how far code span lookups have consumed them.
    private struct BacktickRuns: Sendable {
        var starts: [Int] = []
        var cursor = 0
    }

    private let source: [UInt8]
    private var nodes: [Node] = []
    private var delimiters: [Int] = []
    private var brackets: [Bracket] = []
    private var hrefs: [ArraySlice<UInt8>] = []
    private var textStart = 0
    private var backtickRuns: [Int: BacktickRuns]?
    private var parenMatch: [Int32]?
    private var nextWhitespace = -1

    private init(source: [UInt8]) {
        self.source = source
    }

    /// Appends the HTML for the inline Markdown `bytes` to `out`.
    static func render(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var renderer = MarkdownInline(source: Array(bytes))
        renderer.parse()
        renderer.processEmphasis(from: 0)
        renderer.write(into: &out)
    }

    // MARK: Parsing

    private mutating func parse() {
        let count = source.count
        var i = 0
        while i < count {
            switch source[i] {
            case B.backslash:
                if i + 1 < count, B.isPunctuation(source[i + 1]) {
                    flushText(upTo: i)
                    nodes.append(Node(kind: .text, start: i + 1, end: i + 2))
                    i += 2
                    textStart = i
                } else {
                    i += 1
                }
            case B.backtick:
                i = codeSpan(at: i)
            case B.star, B.underscore:
                flushText(upTo: i)
                let run = delimiterRun(at: i)
                nodes.append(run)
                delimiters.append(nodes.count - 1)
                i += run.count
                textStart = i
            case B.openBracket:
                flushText(upTo: i)
                nodes.append(Node(kind: .bracket))
                brackets.append(Bracket(node: nodes.count - 1, delimiterBase: delimiters.count))
                i += 1
                textStart = i
            case B.closeBracket:
                i = link(closingAt: i)
            default:
                i += 1
            }
        }
        flushText(upTo: count)
    }

    private mutating func flushText(upTo end: Int) {
        if textStart < end { nodes.append(Node(kind: .text, start: textStart, end: end)) }
        textStart = end
    }

    /// Handles the backtick run at `i`: a code span when a run of the same length follows, else literal text.
    /// Returns where parsing continues.
    private mutating func codeSpan(at i: Int) -> Int {
        var end = i
        while end < source.count && source[end] == B.backtick { end += 1 }
        let length = end - i
        guard let close = nextBacktickRun(length: length, from: end) else { return end }
        flushText(upTo: i)
        var start = end
        var stop = close
        let content = source[start..<stop]
        if content.count >= 2, content.first == B.space, content.last == B.space,
            content.contains(where: { $0 != B.space })
        {
            start += 1
            stop -= 1
        }
        nodes.append(Node(kind: .code, start: start, end: stop))
        textStart = close + length
        return textStart
    }

    /// The start of the first backtick run of exactly `length` at or after `position`. Lookups move forward
    /// only, so all of them together scan each run once.
    private mutating func nextBacktickRun(length: Int, from position: Int) -> Int? {
        if backtickRuns == nil {
            var runs: [Int: BacktickRuns] = [:]
            var i = 0
            while i < source.count {
                guard source[i] == B.backtick else {
                    i += 1
                    continue
                }
                let start = i
                while i < source.count && source[i] == B.backtick { i += 1 }
                runs[i - start, default: BacktickRuns()].starts.append(start)
            }
            backtickRuns = runs
        }
        guard var runs = backtickRuns?[length] else { return nil }
        while runs.cursor < runs.starts.count && runs.starts[runs.cursor] < position { runs.cursor += 1 }
        backtickRuns?[length] = runs
        return runs.cursor < runs.starts.count ? runs.starts[runs.cursor] : nil
    }

    private func delimiterRun(at i: Int) -> Node {
        let char = source[i]
        var end = i
        while end < source.count && source[end] == char { end += 1 }
        let before = i > 0 ? source[i - 1] : B.space
        let after = end < source.count ? source[end] : B.space
        let beforeSpace = B.isWhitespace(before)
        let afterSpace = B.isWhitespace(after)
        let beforePunctuation = B.isPunctuation(before)
        let afterPunctuation = B.isPunctuation(after)
        let leftFlanking = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation)
        let rightFlanking = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation)
        var node = Node(kind: .delimiter, start: i, end: end, char: char, count: end - i, original: end - i)
        if char == B.star {
            node.canOpen = leftFlanking
            node.canClose = rightFlanking
        } else {  // `_` does not work inside words, so snake_case stays as it is
            node.canOpen = leftFlanking && (!rightFlanking || beforePunctuation)
            node.canClose = rightFlanking && (!leftFlanking || afterPunctuation)
        }
        return node
    }

    /// Handles `]` at `i`: with the nearest `[` and a following `(destination)` it makes a link (or, for a
    /// destination that is not allowed, just its text). Returns where parsing continues.
    private mutating func link(closingAt i: Int) -> Int {
        guard let opener = brackets.popLast(), i + 1 < source.count, source[i + 1] == B.openParen else {
            return i + 1
        }
        let close = matchingParen(i + 1)
        guard close > i + 1, whitespace(from: i + 2) > close else { return i + 1 }
        flushText(upTo: i)
        processEmphasis(from: opener.delimiterBase)
        delimiters.removeSubrange(opener.delimiterBase...)
        brackets.removeAll()  // links do not nest, so no earlier `[` can open one around this link
        let destination = source[(i + 2)..<close]
        if Self.isAllowed(destination) {
            hrefs.append(destination)
            nodes[opener.node].kind = .linkOpen
            nodes[opener.node].start = hrefs.count - 1
            nodes.append(Node(kind: .linkClose))
        } else {
            nodes[opener.node].kind = .nothing
        }
        textStart = close + 1
        return textStart
    }

    /// The position of the `)` balancing the `(` at `position`, or -1.
    private mutating func matchingParen(_ position: Int) -> Int {
        if parenMatch == nil {
            var match = [Int32](repeating: -1, count: source.count)
            var open: [Int] = []
            for (index, byte) in source.enumerated() {
                if byte == B.openParen {
                    open.append(index)
                } else if byte == B.closeParen, let start = open.popLast() {
                    match[start] = Int32(truncatingIfNeeded: index)
                }
            }
            parenMatch = match
        }
        return Int(parenMatch?[position] ?? -1)
    }

    /// The first whitespace at or after `position` (or the end). Queries only move forward, so the cached
    /// answer is reused until passed and the whole text is scanned at most once.
    private mutating func whitespace(from position: Int) -> Int {
        if nextWhitespace < position {
            var i = position
            while i < source.count && !B.isWhitespace(source[i]) { i += 1 }
            nextWhitespace = i
        }
        return nextWhitespace
    }

    /// Link destinations must be absolute http(s) or mailto URLs, or paths on this site (`/x`, but not the
    /// protocol-relative `//host` or `/\host`, which browsers treat alike).
    private static func isAllowed(_ url: ArraySlice<UInt8>) -> Bool {
        for scheme in ["http://", "https://", "mailto:"] where url.count > scheme.utf8.count {
            let lowered = url.prefix(scheme.utf8.count).lazy.map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) }
            if lowered.elementsEqual(scheme.utf8) { return true }
        }
        guard url.first == B.slash else { return false }
        let second = url.dropFirst().first
        return second != B.slash && second != B.backslash
    }

    // MARK: Emphasis

    /// Matches the delimiter runs in `delimiters[base...]` into `<em>` and `<strong>` pairs, closers left to
    /// right, each with the nearest eligible opener. `bottom` remembers, per kind of closer, below which
    /// position a search already failed, so no stretch of the list is searched twice.
    private mutating func processEmphasis(from base: Int) {
        let list = Array(delimiters[base...])
        let count = list.count
        guard count > 1 else { return }
        var previous = Array(-1..<(count - 1))
        var next = Array(1...count)
        var bottom = [Int](repeating: -1, count: 12)
        func unlink(_ k: Int) {
            if previous[k] >= 0 { next[previous[k]] = next[k] }
            if next[k] < count { previous[next[k]] = previous[k] }
        }
        var closer = 0
        while closer < count {
            let closing = nodes[list[closer]]
            guard closing.canClose else {
                closer = next[closer]
                continue
            }
            let kind = (closing.char == B.star ? 0 : 6) + (closing.canOpen ? 3 : 0) + closing.original % 3
            var candidate = previous[closer]
            var found = -1
            while candidate >= 0 && candidate > bottom[kind] {
                let opening = nodes[list[candidate]]
                if opening.char == closing.char && opening.canOpen && !Self.ruleOfThree(opening, closing) {
                    found = candidate
                    break
                }
                candidate = previous[candidate]
            }
            guard found >= 0 else {
                bottom[kind] = previous[closer]
                let following = next[closer]
                if !closing.canOpen { unlink(closer) }
                closer = following
                continue
            }
            let opener = list[found]
            let strong = nodes[opener].count >= 2 && closing.count >= 2
            let used = strong ? 2 : 1
            nodes[opener].count -= used
            nodes[opener].openTags.append(strong)
            nodes[list[closer]].count -= used
            nodes[list[closer]].closeTags.append(strong)
            next[found] = closer  // runs between the pair can no longer match anything
            previous[closer] = found
            if nodes[opener].count == 0 { unlink(found) }
            if nodes[list[closer]].count == 0 {
                let following = next[closer]
                unlink(closer)
                closer = following
            }
        }
    }

    /// CommonMark's "multiple of three" rule, which keeps `*a**b*` from pairing the wrong runs.
    private static func ruleOfThree(_ opening: Node, _ closing: Node) -> Bool {
        guard opening.canClose || closing.canOpen else { return false }
        guard (opening.original + closing.original) % 3 == 0 else { return false }
        return !(opening.original % 3 == 0 && closing.original % 3 == 0)
    }

    // MARK: Output

    private func write(into out: inout [UInt8]) {
        for node in nodes {
            switch node.kind {
            case .text:
                HTMLEscape.append(source[node.start..<node.end], to: &out)
            case .code:
                out.append(contentsOf: "<code>".utf8)
                HTMLEscape.append(source[node.start..<node.end], to: &out)
                out.append(contentsOf: "</code>".utf8)
            case .delimiter:
                for strong in node.closeTags { out.append(contentsOf: (strong ? "</strong>" : "</em>").utf8) }
                out.append(contentsOf: repeatElement(node.char, count: node.count))
                for strong in node.openTags.reversed() {
                    out.append(contentsOf: (strong ? "<strong>" : "<em>").utf8)
                }
            case .bracket:
                out.append(B.openBracket)
            case .linkOpen:
                out.append(contentsOf: "<a href=\"".utf8)
                HTMLEscape.append(hrefs[node.start], to: &out)
                out.append(contentsOf: "\" rel=\"nofollow noopener ugc\">".utf8)
            case .linkClose:
                out.append(contentsOf: "</a>".utf8)
            case .nothing:
                break
            }
        }
    }
}
