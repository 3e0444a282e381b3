import Testing

@testable import FreshgroundCore

@Suite struct TextMemoTests {
    /// Counts how often the transformation really ran.
    private final class Calls: @unchecked Sendable {
        var count = 0
    }

    @Test func aTextSeenBeforeIsNotTransformedAgain() {
        // setup
        let memo = TextMemo(limit: 1 << 20)
        let calls = Calls()
        let shout = { (text: String) -> String in
            calls.count += 1
            return text.uppercased()
        }
        // act
        let first = memo.value("solidarity", shout)
        let second = memo.value("solidarity", shout)
        let other = memo.value("Solidarity", shout)
        // check
        #expect([first, second, other] == ["SOLIDARITY", "SOLIDARITY", "SOLIDARITY"])
        #expect(calls.count == 2, "the same text twice is transformed once; a different one is transformed")
    }

    @Test func itForgetsEverythingRatherThanGrowPastItsBound() {
        // setup: room for about 10 texts of 50 bytes with their results
        let memo = TextMemo(limit: 1_000)
        let calls = Calls()
        let same = { (text: String) -> String in
            calls.count += 1
            return text
        }
        // act
        for index in 0..<25 { _ = memo.value(String(repeating: "x", count: 48) + "\(index + 10)", same) }
        // check
        #expect(memo.count <= 10 && memo.count >= 1, "held: \(memo.count)")
        _ = memo.value(String(repeating: "x", count: 48) + "34", same)
        #expect(calls.count == 25, "the newest text is still held")
        _ = memo.value(String(repeating: "x", count: 48) + "10", same)
        #expect(calls.count == 26, "the oldest was forgotten")
    }

    @Test func aTextTooLongToKeepIsTransformedEachTime() {
        let memo = TextMemo(limit: 1_600)
        let calls = Calls()
        let long = String(repeating: "y", count: 101)
        for _ in 0..<3 {
            _ = memo.value(long) { text in
                calls.count += 1
                return text
            }
        }
        #expect(calls.count == 3)
        #expect(memo.count == 0)
    }

    @Test func markdownFromMemoryIsTheSameHTML() {
        let source = "A *post* with [a link](https://example.org) and\r\n\r\n- a list\n- of two"
        let first = Markdown.html(source)
        #expect(Markdown.html(source) == first)
        #expect(first.contains("<em>post</em>") && first.contains("<li>a list</li>"))
    }
}
