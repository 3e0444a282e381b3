import Foundation
import Hummingbird
import Synchronization

/// A short-lived cache of the pages anonymous visitors see (the start page, the directory, public group
/// pages). Signed-in people always get fresh pages. Any write handled by this process empties the cache, and so
/// does one made by another process on the same PostgreSQL database, as soon as it is announced
/// (`Store.announceChange`); without the announcement (SQLite shared by hand) it shows within `ttl`. A page
/// whose rendering began before the cache was last emptied is not kept: it may hold what was just changed.
///
/// Only public content is ever stored: a page is cached only when rendered for nobody in particular, and
/// only when it answered 200.
package final class PublicPageCache: Sendable {
    private struct Entry {
        /// The page as rendered: for a page with forms, with the token of the visitor it was rendered for, so
        /// only ever served through `personalize`.
        let body: ByteBuffer
        let expires: Date
        /// The body cut where the token of the visitor it was rendered for stood, when it has forms; each
        /// visitor's own token goes between the pieces.
        let pieces: [ByteBuffer]?
        /// A document's entity tag, made once as it is stored (`document`).
        let tag: EntityTag?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Pages being rendered again after they expired; meanwhile other visitors get the expired copy.
        var refreshing: Set<String> = []
        /// Counts the times the cache was emptied; a page is stored only if none happened while it rendered.
        var generation = 0
    }

    private let state = Mutex(State())
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
        guard context.person == nil, context.flash == nil, Self.isRead(request) else {
            return Reply.html(try await render())
        }
        let key = request.uri.description
        let (cached, generation) = lookupEntry(key)
        if let cached {
            return Reply.html(buffer: Self.personalize(cached.body, cached.pieces, token: context.csrfToken))
        }
        let page: String
        do {
            page = try await render().raw
        } catch {
            abandon(key)
            throw error
        }
        // A page with forms carries this visitor's CSRF token; the stored copy is cut where it stands.
        let body = ByteBuffer(string: page)
        store(key, body, generation: generation, pieces: Self.pieces(of: body, cutAt: context.csrfToken))
        return Reply.html(buffer: body)
    }

    /// Like `page`, for documents without forms, such as calendar feeds: anonymous visitors get the stored body.
    /// With the body comes its entity tag, made by `tag` once when the body is stored: a feed of a thousand
    /// events is hundreds of kilobytes, and hashing it on every request cost more than the rest of serving it.
    package func document(
        _ request: Request,
        _ context: AppContext,
        tag: (ByteBuffer) -> EntityTag,
        render: () async throws -> String
    ) async throws -> (body: ByteBuffer, tag: EntityTag) {
        guard context.person == nil, Self.isRead(request) else {
            let body = ByteBuffer(string: try await render())
            return (body, tag(body))
        }
        let key = request.uri.description
        let (cached, generation) = lookupEntry(key)
        if let cached { return (cached.body, cached.tag ?? tag(cached.body)) }
        do {
            let body = ByteBuffer(string: try await render())
            let made = tag(body)
            store(key, body, generation: generation, tag: made)
            return (body, made)
        } catch {
            abandon(key)
            throw error
        }
    }

    /// A GET, or a HEAD (answered by the router as its GET without the body): the same page either way.
    private static func isRead(_ request: Request) -> Bool { request.method == .get || request.method == .head }

    /// A stored page with the visitor's token in its forms' slots (a page without forms is served as stored).
    private static func personalize(_ body: ByteBuffer, _ pieces: [ByteBuffer]?, token: String) -> ByteBuffer {
        guard let pieces else { return body }
        var out = ByteBuffer()
        out.reserveCapacity(body.readableBytes + pieces.count * token.utf8.count)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { out.writeString(token) }
            out.writeImmutableBuffer(piece)
        }
        return out
    }

    /// The body cut at each copy of `token`, or nil when it has none. Searched byte by byte: Foundation's
    /// `contains` and `replacingOccurrences` go through UTF-16, and cost a fifth of serving a group page.
    package static func pieces(of body: ByteBuffer, cutAt token: String) -> [ByteBuffer]? {
        let needle = Array(token.utf8)
        guard let first = needle.first else { return nil }
        let starts: [Int] = body.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress, bytes.count >= needle.count else { return [] }
            var found: [Int] = []
            var index = 0
            let last = bytes.count - needle.count
            while index <= last, let hit = memchr(base + index, Int32(first), last - index + 1) {
                index = UnsafeRawPointer(hit) - base
                if memcmp(hit, needle, needle.count) == 0 {
                    found.append(index)
                    index += needle.count
                } else {
                    index += 1
                }
            }
            return found
        }
        guard !starts.isEmpty else { return nil }
        var pieces: [ByteBuffer] = []
        var start = 0
        for hit in starts {
            pieces.append(body.getSlice(at: body.readerIndex + start, length: hit - start)!)
            start = hit + needle.count
        }
        pieces.append(body.getSlice(at: body.readerIndex + start, length: body.readableBytes - start)!)
        return pieces
    }

    /// The copy to serve, or nil when the caller must render the page (and then `store` or `abandon` it).
    /// A fresh copy is served; an expired one too while another request renders the page again, so the
    /// visitors who arrive at the moment a busy page expires do not all render it at once.
    /// A page with forms comes without any visitor's token.
    package func lookup(_ key: String) -> ByteBuffer? {
        lookupEntry(key).entry.map { Self.personalize($0.body, $0.pieces, token: "") }
    }

    /// The copy to serve, if any, and the cache's generation now (to hand to `store` after rendering).
    private func lookupEntry(_ key: String) -> (entry: Entry?, generation: Int) {
        let now = clock()
        return state.withLock { state in
            guard let hit = state.entries[key] else { return (nil, state.generation) }
            if hit.expires > now || state.refreshing.contains(key) { return (hit, state.generation) }
            state.refreshing.insert(key)
            return (nil, state.generation)
        }
    }

    /// Keeps a freshly rendered page for `ttl`, unless the cache was emptied after `generation` (read before
    /// rendering began): then the page may predate a change, and is dropped.
    /// `pieces` is the body cut where a visitor's token goes (`pieces(of:cutAt:)`).
    package func store(
        _ key: String,
        _ body: ByteBuffer,
        generation: Int? = nil,
        tag: EntityTag? = nil,
        pieces: [ByteBuffer]? = nil
    ) {
        let expires = clock().addingTimeInterval(ttl)
        state.withLock { state in
            state.refreshing.remove(key)
            if let generation, generation != state.generation { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(body: body, expires: expires, pieces: pieces, tag: tag)
        }
    }

    /// Gives up a render that failed, so the next visitor tries again.
    package func abandon(_ key: String) {
        state.withLock { _ = $0.refreshing.remove(key) }
    }

    /// How many times the cache was emptied so far: read before rendering a page, handed to `store` after.
    package var generation: Int { state.withLock { $0.generation } }

    package func clear() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation &+= 1
        }
    }
}

/// Empties the public page cache after every request that may have changed something, and has the other
/// processes on the database empty theirs (`announce`, awaited before the answer goes out).
package struct PublicPageCacheMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let cache: PublicPageCache
    let announce: @Sendable () async -> Void

    package init(cache: PublicPageCache, announce: @escaping @Sendable () async -> Void = {}) {
        self.cache = cache
        self.announce = announce
    }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            cache.clear()
            await announce()
            throw error
        }
        cache.clear()
        await announce()
        return response
    }
}
