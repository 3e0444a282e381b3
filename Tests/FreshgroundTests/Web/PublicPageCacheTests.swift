import Foundation
import FreshgroundWeb
import NIOCore
import Testing

@Suite("The public page cache")
struct PublicPageCacheTests {
    @Test func anonymousVisitorsSeeAWriteAtOnce() async throws {
        try await withApp { app in
            // setup: an anonymous visitor has the group page cached
            var organizer = try await app.person("mill")
            let slug = try await organizer.createGroup("Mill Road Circle")
            var visitor = app.visitor()
            #expect(try await visitor.get("/groups/\(slug)").contains("Mill Road Circle"))
            // act: the organizer renames it and then makes it private
            let edit: [(String, String)] = [
                ("name", "Mill Lane Circle"), ("description", ""), ("place_kind", "city"), ("city", "Leeds"),
                ("visibility", "public"), ("join_policy", "open"), ("basis", ""),
            ]
            _ = try await organizer.post("/groups/\(slug)/edit", edit)
            let renamed = try await visitor.get("/groups/\(slug)")
            var closed = edit
            closed[4] = ("visibility", "private")
            _ = try await organizer.post("/groups/\(slug)/edit", closed)
            let hidden = try await visitor.get("/groups/\(slug)")
            // check
            #expect(renamed.contains("Mill Lane Circle"))
            #expect(hidden.status == .notFound)
        }
    }

    @Test func aChangeFromAnotherProcessShowsWithinTwoSeconds() async throws {
        try await withApp { app in
            // setup
            var organizer = try await app.person("chalk")
            let slug = try await organizer.createGroup("Chalk Farm Circle")
            var visitor = app.visitor()
            _ = try await visitor.get("/groups/\(slug)")
            // act: another process (here: plain SQL) renames the group
            try await app.store.sql.raw("UPDATE groups SET name = 'Chalk Hill Circle' WHERE slug = \(bind: slug)").run()
            let soon = try await visitor.get("/groups/\(slug)")
            app.clock.advance(seconds: 3)
            let later = try await visitor.get("/groups/\(slug)")
            // check: a signed-in person never gets the cached copy
            #expect(soon.contains("Chalk Farm Circle"))
            #expect(later.contains("Chalk Hill Circle"))
            #expect(try await organizer.get("/groups/\(slug)").contains("Chalk Hill Circle"))
        }
    }

    @Test func aSignedInPageIsNeverServedToAnonymousVisitors() async throws {
        try await withApp { app in
            var organizer = try await app.person("field")
            let slug = try await organizer.createGroup("Field Lane Circle")
            let own = try await organizer.get("/groups/\(slug)")
            var visitor = app.visitor()
            let anonymous = try await visitor.get("/groups/\(slug)")
            #expect(own.contains("Signed in as field"))
            #expect(!anonymous.contains("Signed in as"))
            #expect(!anonymous.contains("/groups/\(slug)/members"))
        }
    }

    @Test func aStoredPageIsCutWhereverTheVisitorsTokenStood() {
        let token = "tok3n"
        let page = "tok3n<form>tok3 tok3ntok3n</form>tok</p>\u{1}csrf\u{1} é tok3n"
        let pieces = PublicPageCache.pieces(of: ByteBuffer(string: page), cutAt: token)
        #expect(pieces?.map { String(buffer: $0) } == ["", "<form>tok3 ", "", "</form>tok</p>\u{1}csrf\u{1} é ", ""])
        #expect(PublicPageCache.pieces(of: ByteBuffer(string: "<p>no forms</p>"), cutAt: token) == nil)
        #expect(PublicPageCache.pieces(of: ByteBuffer(string: "tok"), cutAt: token) == nil)
        #expect(PublicPageCache.pieces(of: ByteBuffer(string: page), cutAt: "") == nil)
    }
}

@Suite("The public page cache, when a page expires")
struct PublicPageCacheExpiryTests {
    @Test func onlyOneVisitorRendersAnExpiredPageWhileTheOthersGetTheOldCopy() {
        // setup
        let clock = TestClock()
        let cache = PublicPageCache(ttl: 2, clock: { clock.now })
        cache.store("/debates/1", ByteBuffer(string: "old"))
        clock.advance(seconds: 3)
        // act
        let first = cache.lookup("/debates/1")
        let second = cache.lookup("/debates/1")
        cache.store("/debates/1", ByteBuffer(string: "new"))
        let third = cache.lookup("/debates/1")
        // check
        #expect(first == nil, "the first visitor after expiry renders the page")
        #expect(second.map { String(buffer: $0) } == "old", "meanwhile the others get the old copy")
        #expect(third.map { String(buffer: $0) } == "new")
    }

    @Test func aFailedRenderLetsTheNextVisitorTryAgain() {
        // setup
        let clock = TestClock()
        let cache = PublicPageCache(ttl: 2, clock: { clock.now })
        cache.store("/library/7", ByteBuffer(string: "old"))
        clock.advance(seconds: 3)
        // act
        let first = cache.lookup("/library/7")
        cache.abandon("/library/7")
        let next = cache.lookup("/library/7")
        // check
        #expect(first == nil)
        #expect(next == nil, "nobody is rendering any more, so this visitor renders")
    }

    @Test func aWriteEmptiesTheCacheEvenDuringARender() {
        // setup
        let clock = TestClock()
        let cache = PublicPageCache(ttl: 2, clock: { clock.now })
        cache.store("/journal", ByteBuffer(string: "old"))
        clock.advance(seconds: 3)
        _ = cache.lookup("/journal")
        // act
        cache.clear()
        // check
        #expect(cache.lookup("/journal") == nil, "no stale copy survives a write")
    }

    @Test func aPageRenderedWhileAWriteLandedIsNotKept() {
        // setup: a visitor starts rendering the page; meanwhile a write (here or on another process) empties the cache
        let cache = PublicPageCache(ttl: 2, clock: { Date() })
        let before = cache.generation
        cache.clear()
        // act: the render ends and offers its page, then a render begun after the write offers its own
        cache.store("/groups/mill", ByteBuffer(string: "from before the write"), generation: before)
        let afterStale = cache.lookup("/groups/mill")
        cache.store("/groups/mill", ByteBuffer(string: "fresh"), generation: cache.generation)
        // check
        #expect(afterStale == nil, "a page that may predate the write is not served to the next visitor")
        #expect(cache.lookup("/groups/mill").map { String(buffer: $0) } == "fresh")
    }
}

@Suite("Shared public answers")
struct PublicResultsTests {
    private actor Tally {
        var count = 0
        func add() { count += 1 }
    }

    @Test func whoeverAsksWhileAnAnswerIsComputedWaitsForThatOne() async throws {
        // setup: an answer that takes a while, as a common word's ranking does on PostgreSQL
        let pages = PublicPageCache(ttl: 2, clock: { Date() })
        let results = PublicResults(following: pages, ttl: 2, clock: { Date() })
        let computed = Tally()
        // act: twenty connections ask for it at once
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await results.value("search\u{1}strike") {
                        await computed.add()
                        try await Task.sleep(for: .seconds(1))
                        return 42
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        // check
        #expect(answers == Array(repeating: 42, count: 20))
        #expect(await computed.count == 1, "one computation served everyone")
    }

    @Test func aFailedComputationIsNotKeptAndTheNextAskerTriesAgain() async throws {
        // setup
        let pages = PublicPageCache(ttl: 2, clock: { Date() })
        let results = PublicResults(following: pages, ttl: 2, clock: { Date() })
        struct Refused: Error {}
        // act
        await #expect(throws: Refused.self) {
            try await results.value("count") { () async throws -> Int in throw Refused() }
        }
        let next = try await results.value("count") { 7 }
        // check
        #expect(next == 7)
    }
}
