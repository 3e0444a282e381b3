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
        let body: ByteBuffer
        let expires: Date
        /// The body cut at its token slots, when it has any; the visitor's token goes between the pieces.
        let pieces: [ByteBuffer]?
        /// A document's entity tag, made once as it is stored (`document`).
        let tag: EntityTag?
    }

    /// Stands for the visitor's CSRF token in a stored page that has forms; each visitor gets their own.
    static let tokenSlot = "\u{1}csrf\u{1}"

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
        // A page with forms carries this visitor's CSRF token; the stored copy keeps a slot for it instead.
        let token = context.csrfToken
        let stored =
            token.isEmpty || !page.contains(token) ? page : page.replacingOccurrences(of: token, with: Self.tokenSlot)
        store(key, ByteBuffer(string: stored), generation: generation)
        return Reply.html(buffer: ByteBuffer(string: page))
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

    /// The body cut at its token slots, or nil when it has none (checked once, when the page is stored).
    private static func pieces(of body: ByteBuffer) -> [ByteBuffer]? {
        let bytes = body.readableBytesView
        guard bytes.contains(1) else { return nil }
        let slot = Array(tokenSlot.utf8)
        var pieces: [ByteBuffer] = []
        var start = bytes.startIndex
        var index = start
        while index <= bytes.endIndex - slot.count {
            if bytes[index] == 1 && bytes[index..<(index + slot.count)].elementsEqual(slot) {
                pieces.append(body.getSlice(at: body.readerIndex + start - bytes.startIndex, length: index - start)!)
                index += slot.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(body.getSlice(at: body.readerIndex + start - bytes.startIndex, length: bytes.endIndex - start)!)
        return pieces.count > 1 ? pieces : nil
    }

    /// The copy to serve, or nil when the caller must render the page (and then `store` or `abandon` it).
    /// A fresh copy is served; an expired one too while another request renders the page again, so the
    /// visitors who arrive at the moment a busy page expires do not all render it at once.
    package func lookup(_ key: String) -> ByteBuffer? { lookupEntry(key).entry?.body }

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
    package func store(_ key: String, _ body: ByteBuffer, generation: Int? = nil, tag: EntityTag? = nil) {
        let expires = clock().addingTimeInterval(ttl)
        let pieces = Self.pieces(of: body)
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
