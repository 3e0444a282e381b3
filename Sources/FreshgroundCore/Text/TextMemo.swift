import Synchronization

/// Results of a pure text transformation kept by their input, for texts shown again and again: a post's body is
/// rendered from Markdown on every page that lists it, and that rendering was 7% of the signed-in feed's CPU.
///
/// Bounded by the bytes it holds; when the next text would pass the bound, it forgets everything and starts over
/// (simple, and cheap to keep: a page of posts is rendered once and then read from here until then). Texts longer
/// than a sixteenth of the bound are not kept. Safe to share between threads.
package final class TextMemo: Sendable {
    private struct State {
        var results: [String: String] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    private let limit: Int

    /// Holds up to about `limit` bytes of inputs and results.
    package init(limit: Int) {
        self.limit = limit
    }

    /// How many results it holds now.
    package var count: Int { state.withLock { $0.results.count } }

    /// `transform(text)`, from memory when this text was transformed before.
    package func value(_ text: String, _ transform: (String) -> String) -> String {
        let size = text.utf8.count
        guard size <= limit / 16 else { return transform(text) }
        if let known = state.withLock({ $0.results[text] }) { return known }
        let result = transform(text)
        let cost = size + result.utf8.count
        state.withLock { state in
            if state.bytes + cost > limit {
                state.results.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            if state.results.updateValue(result, forKey: text) == nil { state.bytes += cost }
        }
        return result
    }
}
