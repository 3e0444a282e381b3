import Foundation
import Synchronization

/// Answers computed from public data only, the same for every visitor signed in or not (search results: only what
/// anyone may read is indexed), kept by key and shared. They follow the public page cache: emptied with it by any
/// write on this process or announced by another (its `generation`), and kept at most as long (`ttl`). An answer
/// computed while the cache was emptied is not served again.
package final class PublicResults: Sendable {
    private struct Entry: Sendable {
        let value: any Sendable
        let generation: Int
        let expires: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let pages: PublicPageCache
    private let ttl: TimeInterval
    private let capacity: Int
    private let clock: @Sendable () -> Date

    package init(
        following pages: PublicPageCache,
        ttl: TimeInterval,
        capacity: Int = 2000,
        clock: @escaping @Sendable () -> Date
    ) {
        self.pages = pages
        self.ttl = ttl
        self.capacity = capacity
        self.clock = clock
    }

    /// The kept answer under `key`, or `compute`'s, kept for the next asker.
    package func value<T: Sendable>(_ key: String, compute: () async throws -> T) async throws -> T {
        let generation = pages.generation
        let now = clock()
        let kept = entries.withLock { $0[key] }
        if let kept, kept.generation == generation, kept.expires > now, let value = kept.value as? T { return value }
        let value = try await compute()
        guard ttl > 0 else { return value }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, generation: generation, expires: now.addingTimeInterval(ttl))
        }
        return value
    }
}
