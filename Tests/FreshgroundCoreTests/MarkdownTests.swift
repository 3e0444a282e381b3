import Testing

@testable import FreshgroundCore

/// Inputs written to break out of the renderer. None of them may produce markup of their own.
private let hostileInputs: [String] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "'><svg/onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "[x](//evil.example)",
    "[x](/\\evil.example)",
    "[x](&#106;avascript:alert(1))",
    "[x](https://ok.example/\"onmouseover=\"alert(1))",
    "[x\" onmouseover=\"alert(1)](https://ok.example)",
    "[<img src=x onerror=alert(1)>](https://ok.example)",
    "[[x](https://a.example)](javascript:alert(1))",
    "[x](https://ok.example)<script>",
    "**<script>alert(1)</script>**",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "# <script>alert(1)</script>",
    "> <iframe src=javascript:alert(1)>",
    "- <style>*{}</style>",
    "1. <object data=x>",
    "\\<script>alert(1)</script>",
    "<scr\u{0}ipt>alert(1)</scr\u{0}ipt>",
    "<!-- comment --><![CDATA[x]]>",
    "&lt;script&gt; &#60;script&#62;",
    "[x](https://a.example \"title\")",
    "[x](https:/\n/a.example)",
    "**unclosed *emphasis _everywhere [and](brackets",
    String(repeating: "[", count: 10_000) + "x" + String(repeating: "](javascript:x)", count: 10_000),
]

/// The tags the renderer may write; anything else in the output would be an injection.
private let allowedTags: Set<Substring> = [
    "p", "/p", "h3", "/h3", "h4", "/h4", "h5", "/h5", "ul", "/ul", "ol", "/ol", "li", "/li",
    "blockquote", "/blockquote", "pre", "/pre", "code", "/code", "strong", "/strong", "em", "/em", "/a", "hr",
]

/// Whether `tag` (the text between `<` and `>`) is one the renderer may write: a bare allowed tag, a numbered
/// `ol`, or a link with an allowed, fully escaped destination and the fixed `rel`.
private func isAllowedTag(_ tag: Substring) -> Bool {
    if allowedTags.contains(tag) { return true }
    if tag.hasPrefix("ol start=\"") && tag.hasSuffix("\"") {
        return tag.dropFirst(10).dropLast().allSatisfy(\.isNumber)
    }
    let prefix = "a href=\""
    let suffix = "\" rel=\"nofollow noopener ugc\""
    guard tag.hasPrefix(prefix) && tag.hasSuffix(suffix) else { return false }
    let url = tag.dropFirst(prefix.count).dropLast(suffix.count)
    guard !url.contains("\""), !url.contains("<"), !url.contains("'") else { return false }
    let lowered = url.lowercased()
    if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") { return true }
    return url.hasPrefix("/") && !url.hasPrefix("//") && !url.hasPrefix("/\\")
}

/// Every tag in `html`. User text never contains a raw `<` or `>`, so each `<` starts a tag of ours.
private func tags(in html: String) -> [Substring] {
    var found: [Substring] = []
    var rest = html[...]
    while let open = rest.firstIndex(of: "<") {
        guard let close = rest[open...].firstIndex(of: ">") else {
            found.append(rest[open...])
            break
        }
        found.append(rest[rest.index(after: open)..<close])
        rest = rest[rest.index(after: close)...]
    }
    return found
}

private func expectInert(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for tag in tags(in: html) {
        #expect(isAllowedTag(tag), "unexpected tag <\(tag)>", sourceLocation: sourceLocation)
    }
    let lowered = html.lowercased()
    for needle in [
        "<script", "<img", "<svg", "<iframe", "<style", "<object", "href=\"javascript", "href=\"//",
        "<h1", "<h2", "<!--", "\u{0}",
    ] {
        #expect(!lowered.contains(needle), "output contains \(needle)", sourceLocation: sourceLocation)
    }
}

private let rel = "rel=\"nofollow noopener ugc\""

/// Hostile and malformed input: the output must never contain markup the renderer did not write itself.
@Suite("Markdown is safe")
struct MarkdownSafetyTests {
    @Test("hostile input renders inert", arguments: hostileInputs)
    func hostileInputIsInert(_ input: String) {
        expectInert(Markdown.html(input))
    }

    @Test func rawHTMLIsShownAsText() {
        #expect(Markdown.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
        #expect(Markdown.html("<img src=x onerror=alert(1)>") == "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n")
        #expect(Markdown.html("\"><svg onload=x>") == "<p>&quot;&gt;&lt;svg onload=x&gt;</p>\n")
    }

    @Test(
        "links to other schemes keep only their text",
        arguments: [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example",
            "/\\evil.example", "evil.example", "#top", "ftp://x.example", "&#106;avascript:x", "http:", "mailto:",
        ]
    )
    func disallowedLinkKeepsText(_ url: String) {
        #expect(Markdown.html("[a *b*](\(url))") == "<p>a <em>b</em></p>\n")
    }

    @Test func quotesInLinksAreEscaped() {
        let html = Markdown.html("[say \"hi\"](https://ok.example/?q=\"x\"&a='b')")
        #expect(
            html == "<p><a href=\"https://ok.example/?q=&quot;x&quot;&amp;a=&#39;b&#39;\" \(rel)>"
                + "say &quot;hi&quot;</a></p>\n"
        )
    }

    @Test func linksDoNotNest() {
        let html = Markdown.html("[[inner](https://a.example)](https://b.example)")
        #expect(html == "<p>[<a href=\"https://a.example\" \(rel)>inner</a>](https://b.example)</p>\n")
    }

    @Test func unclosedMarkersStayLiteral() {
        #expect(Markdown.html("**bold") == "<p>**bold</p>\n")
        #expect(Markdown.html("*a **b") == "<p>*a **b</p>\n")
        #expect(Markdown.html("[text](https://x.example") == "<p>[text](https://x.example</p>\n")
        #expect(Markdown.html("`code") == "<p>`code</p>\n")
    }

    @Test func controlCharactersAreRemoved() {
        #expect(Markdown.html("a\u{0}b\u{7}c\u{1B}[31m\r\nd\re\u{7F}") == "<p>abc[31m d e</p>\n")
    }

    @Test func deepNestingIsCapped() {
        let quotes = Markdown.html(String(repeating: ">", count: 50_000) + " deep")
        #expect(quotes.ranges(of: "<blockquote>").count == MarkdownBlocks.maxDepth)
        expectInert(quotes)
        let lists = Markdown.html(String(repeating: "- ", count: 50_000) + "deep")
        #expect(lists.ranges(of: "<ul>").count == MarkdownBlocks.maxDepth)
        expectInert(lists)
    }

    @Test(
        "huge hostile input renders in linear time",
        .serialized,
        arguments: [
            String(repeating: "*", count: 1 << 20),
            String(repeating: "a*", count: 1 << 19),
            String(repeating: "*a **b ", count: 1 << 17),
            String(repeating: "_a", count: 1 << 19),
            String(repeating: "[", count: 1 << 20),
            String(repeating: "[a](", count: 1 << 18),
            String(repeating: "](", count: 1 << 19),
            String(repeating: "[x](/", count: 1 << 18) + String(repeating: ")", count: 1 << 18),
            String(repeating: "`", count: 1 << 10) + String(repeating: "` ``", count: 1 << 18),
            String(repeating: "<a>&\"'", count: 1 << 17),
            String(repeating: "- > # ", count: 1 << 17),
            String(repeating: "a\n", count: 1 << 19),
        ]
    )
    func hugeInputIsFast(_ input: String) {
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = Markdown.html(input) }
        // About a second unoptimized, and far less optimized; a quadratic renderer would take many minutes.
        #expect(elapsed < .seconds(10))
        #expect(!html.isEmpty)
    }
}

/// Each supported construct renders as a reader would expect.
@Suite("Markdown renders its subset")
struct MarkdownRenderingTests {
    @Test func paragraphsAreSeparatedByBlankLinesAndJoinLines() {
        #expect(Markdown.html("one\ntwo\n\n\nthree") == "<p>one two</p>\n<p>three</p>\n")
        #expect(Markdown.html("") == "")
        #expect(Markdown.html("  \n\t\n") == "")
    }

    @Test func headingsAreDemotedBelowThePageHeadings() {
        #expect(Markdown.html("# One") == "<h3>One</h3>\n")
        #expect(Markdown.html("## Two ##") == "<h4>Two</h4>\n")
        #expect(Markdown.html("### Three *x*") == "<h5>Three <em>x</em></h5>\n")
        #expect(Markdown.html("###### Six") == "<h5>Six</h5>\n")
        #expect(Markdown.html("####### Seven") == "<p>####### Seven</p>\n")
        #expect(Markdown.html("#hashtag") == "<p>#hashtag</p>\n")
        #expect(Markdown.html("text\n# Heading") == "<p>text</p>\n<h3>Heading</h3>\n")
    }

    @Test func noInputProducesPageLevelHeadings() {
        let source = (1...7).map { String(repeating: "#", count: $0) + " h\n" }.joined() + "text\n===\nmore\n---"
        let html = Markdown.html(source)
        #expect(!html.contains("<h1") && !html.contains("<h2") && !html.contains("<h6"))
    }

    @Test func unorderedLists() {
        #expect(Markdown.html("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")
        #expect(Markdown.html("* a\n* **b**") == "<ul>\n<li>a</li>\n<li><strong>b</strong></li>\n</ul>\n")
        #expect(Markdown.html("- a\n  more\n- b") == "<ul>\n<li>a more</li>\n<li>b</li>\n</ul>\n")
        #expect(Markdown.html("- a\n\n- b") == "<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>\n")
        #expect(
            Markdown.html("- a\n  - b\n- c")
                == "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ul>\n"
        )
    }

    @Test func orderedLists() {
        #expect(Markdown.html("1. a\n2. b") == "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n")
        #expect(Markdown.html("3. c\n4. d") == "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n")
        #expect(Markdown.html("In 2024. we met") == "<p>In 2024. we met</p>\n")
    }

    @Test func blockquotes() {
        #expect(Markdown.html("> a\n> b") == "<blockquote>\n<p>a b</p>\n</blockquote>\n")
        #expect(Markdown.html("> a\n>\n> - b") == "<blockquote>\n<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n</blockquote>\n")
        #expect(Markdown.html("> a\n\nb") == "<blockquote>\n<p>a</p>\n</blockquote>\n<p>b</p>\n")
    }

    @Test func fencedCodeIsLiteral() {
        #expect(
            Markdown.html("```swift\nlet a = *b* < c\n\n[x](https://x.example)\n```\nafter")
                == "<pre><code>let a = *b* &lt; c\n\n[x](https://x.example)\n</code></pre>\n<p>after</p>\n"
        )
        #expect(Markdown.html("```\nnever closed") == "<pre><code>never closed\n</code></pre>\n")
    }

    @Test func inlineCode() {
        #expect(Markdown.html("use `<b>` or `` a`b ``") == "<p>use <code>&lt;b&gt;</code> or <code>a`b</code></p>\n")
        #expect(Markdown.html("`*not em*`") == "<p><code>*not em*</code></p>\n")
    }

    @Test func emphasis() {
        #expect(
            Markdown.html("**strong** *em* _em_ __strong__")
                == "<p><strong>strong</strong> <em>em</em> <em>em</em> <strong>strong</strong></p>\n"
        )
        #expect(Markdown.html("***both***") == "<p><em><strong>both</strong></em></p>\n")
        #expect(Markdown.html("snake_case_name and 2*3*4") == "<p>snake_case_name and 2<em>3</em>4</p>\n")
        #expect(Markdown.html("\\*literal\\*") == "<p>*literal*</p>\n")
    }

    @Test(
        "allowed links",
        arguments: [
            "https://example.org/a_(b)?c=d#e", "http://example.org", "mailto:someone@example.org", "/groups/coffee",
            "HTTPS://EXAMPLE.ORG",
        ]
    )
    func allowedLink(_ url: String) {
        #expect(
            Markdown.html("see [the *page*](\(url))")
                == "<p>see <a href=\"\(url)\" \(rel)>the <em>page</em></a></p>\n"
        )
    }

    @Test func linksWithSpacesAreNotLinks() {
        #expect(Markdown.html("[a](https://x.example b)") == "<p>[a](https://x.example b)</p>\n")
    }

    @Test func rules() {
        #expect(Markdown.html("a\n\n---\n\nb") == "<p>a</p>\n<hr>\n<p>b</p>\n")
    }
}

/// Plain-text excerpts used in listings and page descriptions.
@Suite("Markdown excerpts")
struct MarkdownExcerptTests {
    @Test func markupIsStrippedAndWhitespaceCollapsed() {
        let source = "# Title\n\nSome **bold** and [a link](https://x.example).\n\n- one\n-   two\n\n`a < b`"
        #expect(Markdown.plainText(source, limit: 200) == "Title Some bold and a link. one two a < b")
    }

    @Test func longTextIsCutAtAWordBoundary() {
        let text = Markdown.plainText("The quick brown fox jumps over the lazy dog", limit: 20)
        #expect(text == "The quick brown fox…")
        #expect(text.count <= 20)
        #expect(Markdown.plainText("The quick brown fox jumps", limit: 12) == "The quick…")
    }

    @Test func aSingleLongWordIsCutInside() {
        #expect(Markdown.plainText(String(repeating: "x", count: 50), limit: 10) == "xxxxxxxxx…")
    }

    @Test func shortTextIsUnchanged() {
        #expect(Markdown.plainText("short *text*", limit: 10) == "short text")
        #expect(Markdown.plainText("anything", limit: 0) == "")
    }

    @Test func excerptOfHugeInputIsBounded() {
        let text = Markdown.plainText(String(repeating: "word ", count: 500_000), limit: 100)
        #expect(text.count <= 100)
        #expect(text.hasSuffix("word…"))
    }
}
