import Foundation
import FreshgroundStore
import FreshgroundWeb
import NIOCore
import Synchronization
import Testing

/// Several processes on one PostgreSQL database: a write on one empties the public page cache of every other at
/// once (`Store.announceChange`, `Store.listenForChanges`). `scripts/cluster --check` does the same with real
/// processes behind HAProxy.
@Suite(.enabled(if: TestDatabase.serverURL != nil, "processes share a database on PostgreSQL only"))
struct ChangeSignalTests {
    /// Counts what a listener is told, and lets a test wait for a count.
    final class Heard: Sendable {
        private let count = Mutex(0)
        func hear() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }

        func wait(for expected: Int, seconds: Double = 10) async throws {
            let deadline = Date().addingTimeInterval(seconds)
            while value < expected && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        }
    }

    @Test func aListenerHearsTheOtherProcessesButNotItself() async throws {
        try await withApp { app in
            // setup: process B listens; it is told once when listening starts
            let heard = Heard()
            let listener = Task { await app.store.listenForChanges(ignoring: "B") { heard.hear() } }
            defer { listener.cancel() }
            try await heard.wait(for: 1)
            // act: B announces a change of its own, then A announces one
            try await app.store.announceChange(from: "B")
            try await app.store.announceChange(from: "A")
            try await heard.wait(for: 2)
            try await Task.sleep(for: .milliseconds(200))
            // check: A's reached B; B's own did not (notifications arrive in order, so it would have come first)
            #expect(heard.value == 2)
        }
    }

    @Test func aWriteOnOneProcessEmptiesAnotherProcesssCacheAtOnce() async throws {
        try await withApp { app in
            // setup: another process keeps the group page for an hour and listens for changes
            var organizer = try await app.person("tannery")
            let slug = try await organizer.createGroup("Tannery Circle")
            let other = PublicPageCache(ttl: 3600, clock: { Date() })
            let heard = Heard()
            let listener = Task {
                await app.store.listenForChanges(ignoring: "other") {
                    other.clear()
                    heard.hear()
                }
            }
            defer { listener.cancel() }
            try await heard.wait(for: 1)
            other.store("/groups/\(slug)", ByteBuffer(string: "Tannery Circle"))
            let cachedBefore = other.lookup("/groups/\(slug)") != nil
            // act: the organizer renames the group through this process
            let edit: [(String, String)] = [
                ("name", "Tannery Lane Circle"), ("description", ""), ("place_kind", "city"), ("city", "Leeds"),
                ("visibility", "public"), ("join_policy", "open"), ("basis", ""),
            ]
            _ = try await organizer.post("/groups/\(slug)/edit", edit)
            try await heard.wait(for: 2)
            // check: the other process no longer serves the old page, long before its hour is up
            #expect(try await organizer.get("/groups/\(slug)").contains("Tannery Lane Circle"))
            #expect(cachedBefore)
            #expect(other.lookup("/groups/\(slug)") == nil)
        }
    }

    @Test func aReadDoesNotAnnounceAChange() async throws {
        try await withApp { app in
            // setup
            let heard = Heard()
            let listener = Task { await app.store.listenForChanges(ignoring: "other") { heard.hear() } }
            defer { listener.cancel() }
            try await heard.wait(for: 1)
            var visitor = app.visitor()
            // act: pages are read, then one write follows as a marker
            _ = try await visitor.get("/groups")
            _ = try await visitor.get("/")
            try await app.store.announceChange(from: "marker")
            try await heard.wait(for: 2)
            try await Task.sleep(for: .milliseconds(200))
            // check: only the marker was heard
            #expect(heard.value == 2)
        }
    }
}
