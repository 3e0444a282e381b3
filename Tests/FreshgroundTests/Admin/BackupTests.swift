import Foundation
import FreshgroundStore
import Testing

/// `freshground backup`, `restore` and `copy` as an administrator relies on them: a backup taken while people
/// write restores to exactly what it captured, a bad file never replaces a site, and a site copied from its SQLite
/// file to another database serves the same pages.
@Suite struct BackupTests {
    /// A small site with something of several features in it: people, a private group with a member and a
    /// post, a public one with an event and an RSVP.
    static func fill(_ app: TestApp) async throws -> Visitor {
        var rosa = try await app.person("rosa")
        let cell = try await rosa.createGroup("Night Shift Cell", visibility: "private", join: "approval")
        let post = try await rosa.post("/groups/\(cell)/posts", [("title", "Minutes"), ("body", "Who is organizing.")])
        try #require(post.status == .seeOther)
        let circle = try await rosa.createGroup("Open Circle")
        var tom = try await app.person("tom")
        try #require(try await tom.post("/groups/\(circle)/join").status == .seeOther)
        try await scheduleEvent(&rosa, host: circle)
        return rosa
    }

    static func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("fg-\(name)-\(UUID().uuidString)").path
    }

    @Test func aBackupRestoresEveryTableExactly() async throws {
        let file = Self.scratch("backup")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await withApp { app in
            _ = try await Self.fill(app)
            let before = try await app.store.tableDigests()
            try await app.store.backup(to: file)
            #expect(try await app.store.tableDigests() == before, "taking a backup changed the site")
            try await TestDatabase.with { target in
                try await Store.restore(from: file, to: target, replace: false, logger: TestDatabase.logger)
                let restored = try Store(url: target, logger: TestDatabase.logger)
                let after = try await restored.tableDigests()
                await restored.shutdown()
                #expect(Set(after.keys) == Set(before.keys))
                for (table, digest) in before where after[table] != digest {
                    Issue.record("\(table): \(digest) before, \(after[table].map(\.description) ?? "missing") restored")
                }
                #expect((before["people"]?.rows ?? 0) >= 2 && (before["posts"]?.rows ?? 0) >= 1)
            }
        }
    }

    @Test func aBackupTakenWhilePeopleWriteIsWholeAndRestores() async throws {
        let file = Self.scratch("busy")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await withApp { app in
            _ = try await Self.fill(app)
            let writers = Task {
                for index in 0..<40 { _ = try await app.person("writer\(index)") }
            }
            try await Task.sleep(for: .milliseconds(50))
            try await app.store.backup(to: file)
            try await writers.value
            try await TestDatabase.with { target in
                try await Store.restore(from: file, to: target, replace: false, logger: TestDatabase.logger)
                let restored = try Store(url: target, logger: TestDatabase.logger)
                let people = try await restored.sql.raw("SELECT COUNT(*) AS n FROM people").first()?.decode(
                    column: "n",
                    as: Int.self
                )
                // Every session row belongs to a person in the copy: a snapshot, not a mix of moments.
                let orphans = try await restored.sql.raw(
                    "SELECT COUNT(*) AS n FROM sessions WHERE person_id NOT IN (SELECT id FROM people)"
                ).first()?.decode(column: "n", as: Int.self)
                await restored.shutdown()
                #expect((2...42).contains(people ?? -1))
                #expect(orphans == 0)
            }
        }
    }

    @Test func aBackupNeverOverwritesAndABadFileNeverReplacesASite() async throws {
        let file = Self.scratch("twice")
        let junk = Self.scratch("junk")
        defer {
            try? FileManager.default.removeItem(atPath: file)
            try? FileManager.default.removeItem(atPath: junk)
        }
        try await withApp { app in
            _ = try await Self.fill(app)
            try await app.store.backup(to: file)
            await #expect(throws: BackupError.self) { try await app.store.backup(to: file) }
            try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: junk))
            let before = try await app.store.tableDigests()
            await #expect(throws: BackupError.self) {
                try await Store.restore(from: junk, to: app.store.url, replace: true, logger: TestDatabase.logger)
            }
            // The site holds people: without --replace a restore refuses to touch it.
            await #expect(throws: BackupError.self) {
                try await Store.restore(from: file, to: app.store.url, replace: false, logger: TestDatabase.logger)
            }
            #expect(try await app.store.tableDigests() == before)
        }
    }

    /// The move from one SQLite file to PostgreSQL (to another SQLite file when the tests run without
    /// PostgreSQL): the copy serves the same pages, to strangers and to a signed-in organizer, whose session
    /// comes along.
    @Test func aCopiedSiteServesTheSamePages() async throws {
        let source = Self.scratch("source") + ".sqlite"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: source + suffix) }
        }
        let paths = ["/", "/groups", "/groups/night-shift-cell", "/groups/open-circle", "/events", "/me", "/journal"]
        try await withApp(database: .sqlite(path: source)) { app in
            var rosa = try await Self.fill(app)
            _ = try await rosa.get("/")  // shows, and so clears, the last action's notice
            var pages: [String: String] = [:]
            for path in paths { pages[path] = Self.comparable(try await rosa.get(path)) }
            let original = pages
            let cookies = rosa.cookies
            try await TestDatabase.with { target in
                let copy = try Store(url: target, logger: TestDatabase.logger)
                let counts = try await app.store.copySite(to: copy)
                await copy.shutdown()
                #expect(counts["people"] == 2 && counts["posts"] == 1 && counts["events"] == 1)
                try await withApp(database: target) { moved in
                    var there = Visitor(client: moved.client, store: moved.store)
                    there.cookies = cookies
                    for path in paths {
                        let page = Self.comparable(try await there.get(path))
                        #expect(page == original[path], "\(path) differs after the copy")
                    }
                    // New rows get new ids: the sequences continue after the copied ones.
                    var newcomer = try await moved.person("newcomer")
                    _ = try await newcomer.createGroup("After The Move")
                    var stranger = moved.visitor()
                    #expect(!(try await stranger.get("/groups/night-shift-cell")).contains("Who is organizing"))
                }
            }
        }
    }

    /// A page without what differs by request: the CSRF token.
    static func comparable(_ page: Page) -> String {
        "\(page.status.code)\n"
            + page.body.replacingOccurrences(
                of: #"name="_csrf" value="[^"]*""#,
                with: "",
                options: .regularExpression
            )
    }
}
