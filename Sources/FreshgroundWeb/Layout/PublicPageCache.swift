import Foundation
import Hummingbird
import Synchronization

/// A short-lived cache of the pages anonymous visitors see (the start page, the directory, public group
/// pages). Signed-in people always get fresh pages. Any write handled by this process empties the cache; a
/// write made by another process sharing the database shows to anonymous visitors within `ttl`.
///
/// Only public content is ever stored: a page is cached only when rendered for nobody in particular, and
/// only when it answered 200.
package final class PublicPageCache: Sendable {
    private struct Entry {
        let body: ByteBuffer
        let expires: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let ttl: TimeInterval
    private let capacity: Int
    private let clock: @Sendable () -> Date

    package init(ttl: TimeInterval = 2, capacity: Int = 2000, clock: @escaping @Sendable () -> Date) {
        self.ttl = ttl
        self.capacity = capacity
        self.clock = clock
    }

    /// Serves `request` from the cache when the visitor is anonymous, or renders and remembers the page.
    package func page(
        _ request: Request,
        _ context: AppContext,
        render: () async throws -> HTML
    ) async throws -> Response {
        guard context.person == nil, context.flash == nil, request.method == .get else {
            return Reply.html(try await render())
        }
        let key = request.uri.description
        let now = clock()
        if let hit = entries.withLock({ $0[key] }), hit.expires > now {
            return Reply.html(buffer: hit.body)
        }
        let body = ByteBuffer(string: try await render().raw)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(body: body, expires: now.addingTimeInterval(ttl))
        }
        return Reply.html(buffer: body)
    }

    package func clear() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}

/// Empties the public page cache after every request that may have changed something.
package struct PublicPageCacheMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let cache: PublicPageCache

    package init(cache: PublicPageCache) { self.cache = cache }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        defer { cache.clear() }
        return try await next(request, context)
    }
}
