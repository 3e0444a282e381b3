import Testing

@testable import Freshground

@Suite("How the server's heap keeps freed memory")
struct HeapSettingsTests {
    /// The effect (no page faults for memory a request frees and the next takes again) is a figure of
    /// `scripts/bench`, in its page faults per request; what a test can hold is that glibc takes the settings.
    /// Whether freed memory is given back also depends on which other threads share the heap, which a test process
    /// full of threads cannot arrange.
    @Test func glibcTakesTheThresholds() {
        #if canImport(Glibc)
        #expect(HeapSettings.apply())
        #else
        #expect(!HeapSettings.apply())
        #endif
    }
}
