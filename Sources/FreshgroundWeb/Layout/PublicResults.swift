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
    /// Answers being computed, by key and generation: who asks meanwhile waits for that one.
    private let running = Mutex<[String: Task<any Sendable, any Error>]>([:])
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

    /// The kept answer under `key`, or `compute`'s, kept for the next asker. While it is being computed, others
    /// who ask for it wait for that computation instead of starting their own: when a common answer expires under
    /// load, one computation runs, not one for every waiting connection.
    package func value<T: Sendable>(_ key: String, compute: @escaping @Sendable () async throws -> T) async throws -> T
    {
        let generation = pages.generation
        let now = clock()
        let kept = entries.withLock { $0[key] }
        if let kept, kept.generation == generation, kept.expires > now, let value = kept.value as? T { return value }
        guard ttl > 0 else { return try await compute() }
        let flight = "\(generation)\u{0}\(key)"
        let (task, mine) = running.withLock { running in
            if let task = running[flight] { return (task, false) }
            let task = Task<any Sendable, any Error> { try await compute() }
            running[flight] = task
            return (task, true)
        }
        let result = await task.result
        // Kept before the computation is forgotten, so that nobody in between finds neither and starts another.
        if mine, case .success(let value) = result {
            entries.withLock { entries in
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = Entry(value: value, generation: generation, expires: now.addingTimeInterval(ttl))
            }
        }
        if mine { running.withLock { $0[flight] = nil } }
        guard let value = try result.get() as? T else { return try await compute() }
        return value
    }
}
