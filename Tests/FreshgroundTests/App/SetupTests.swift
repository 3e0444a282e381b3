import Foundation
import Testing

@testable import Freshground
@testable import FreshgroundStore
@testable import FreshgroundWeb

@Suite("Configuration, demo data and the admin command")
struct SetupTests {
    @Test func commandLineBeatsEnvironmentFileBeatsDefaults() async throws {
        // setup: a .env file that sets the port and the site name
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fg-env-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(".env").path
        try "HTTP_PORT=9001\nSITE_NAME=Red Pages\n".write(toFile: file, atomically: true, encoding: .utf8)
        // act
        let fromFile = try await AppConfig.load(overrides: [:], environmentFile: file)
        let overridden = try await AppConfig.load(
            overrides: ["http.port": "9002", "db.url": "sqlite:/tmp/x.sqlite"],
            environmentFile: file
        )
        let defaults = try await AppConfig.load(
            overrides: [:],
            environmentFile: directory.appendingPathComponent("none").path
        )
        // check
        #expect(fromFile.port == 9001)
        #expect(fromFile.siteName == "Red Pages")
        #expect(overridden.port == 9002)
        #expect(overridden.database == .sqlite(path: "/tmp/x.sqlite"))
        #expect(defaults.port == 8080)
        #expect(defaults.database == .sqlite(path: "freshground.sqlite"))
    }

    @Test func outOfRangeNumbersAreRefusedNamingTheSettingAndItsRange() async throws {
        // setup: one .env file per bad value, and a good one
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fg-env-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func load(_ line: String) async throws -> AppConfig {
            let file = directory.appendingPathComponent("\(UUID().uuidString).env").path
            try "\(line)\n".write(toFile: file, atomically: true, encoding: .utf8)
            return try await AppConfig.load(overrides: [:], environmentFile: file)
        }
        // act and check
        for (line, key, range) in [
            ("DB_CONNECTIONS=0", "db.connections", "1 to 64"),
            ("DB_CONNECTIONS=65", "db.connections", "1 to 64"),
            ("HTTP_PAGE_CACHE_SECONDS=-1", "http.page_cache_seconds", "0 to 3600"),
            ("HTTP_PAGE_CACHE_SECONDS=3601", "http.page_cache_seconds", "0 to 3600"),
        ] {
            let error = await #expect(throws: ConfigError.self) { try await load(line) }
            #expect(error?.description.contains(key) == true, "\(line): \(String(describing: error))")
            #expect(error?.description.contains(range) == true, "\(line): \(String(describing: error))")
        }
        #expect(try await load("DB_CONNECTIONS=3").databaseConnections == 3)
        #expect(try await AppConfig.load(overrides: ["db.connections": "2"]).databaseConnections == 2)
        #expect(try await load("HTTP_PAGE_CACHE_SECONDS=0").pageCacheSeconds == 0)
    }

    @Test func badDatabaseURLsAreRefusedWithTheAcceptedForms() async throws {
        let error = try #require(throws: StoreError.self) { try DatabaseURL(parsing: "mysql://x") }
        #expect(error.description.contains("sqlite:PATH"))
        #expect(DatabaseURL.postgres(url: "postgres://u:secret@h/db").description.contains("secret") == false)
    }

    @Test func smallDemoWritesTheNetworkTheReadmePromises() async throws {
        try await withApp { app in
            // act
            try await DemoData(store: app.store, now: app.clock.now, passwordCost: 4, progress: false).write(.small)
            // check
            func count(_ sql: String) async throws -> Int {
                try await app.store.sql.raw("\(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self)
            }
            #expect(try await count("SELECT COUNT(*) AS n FROM people WHERE handle LIKE 'demo%'") == 500)
            #expect(try await count("SELECT COUNT(*) AS n FROM groups WHERE kind = 'circle'") == 30)
            #expect(try await count("SELECT COUNT(*) AS n FROM groups WHERE kind = 'center'") == 5)
            #expect(try await count("SELECT COUNT(*) AS n FROM groups WHERE kind = 'coalition'") == 2)
            #expect(try await count("SELECT COUNT(*) AS n FROM memberships WHERE pledge_hours IS NOT NULL") > 100)
            #expect(try await count("SELECT COUNT(*) AS n FROM follows") >= 30)
            #expect(try await count("SELECT COUNT(*) AS n FROM affiliations WHERE status = 'accepted'") > 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM posts") == 150)
            // a demo person can log in and sees posts from their circles and the centers those follow
            var demo = app.visitor()
            let login = try await demo.post("/login", [("login", "demo1"), ("password", DemoData.password)])
            #expect(login.status == .seeOther)
            #expect(try await demo.get("/").contains("class=\"post\""))
            // writing twice is refused rather than duplicating the network
            await #expect(throws: DemoData.Failure.self) {
                try await DemoData(store: app.store, passwordCost: 4, progress: false).write(.small)
            }
        }
    }

    @Test func fullDemoServesEventsCalendarsAndAConference() async throws {
        try await withApp { app in
            // act: the demo `serve --demo` writes, library and events included
            try await DemoData(store: app.store, now: app.clock.now, passwordCost: 4, progress: false)
                .write(.small, library: true)
            // check
            func count(_ sql: String) async throws -> Int {
                try await app.store.sql.raw("\(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self)
            }
            #expect(
                try await count(
                    """
                    SELECT COUNT(*) AS n FROM events WHERE kind <> 'conference'
                    AND id NOT IN (SELECT event_id FROM study_weeks WHERE event_id IS NOT NULL)
                    """
                ) == 300
            )
            #expect(try await count("SELECT COUNT(*) AS n FROM conference_sessions") == 60)
            #expect(try await count("SELECT COUNT(*) AS n FROM rsvps") > 300)
            let conference = try await count("SELECT id AS n FROM events WHERE kind = 'conference'")
            let events = try await app.anonymousGet("/events")
            #expect(events.status == .ok)
            #expect(events.contains("class=\"event-card\""))
            #expect(try await app.anonymousGet("/events/1").status == .ok)
            #expect(try await app.anonymousGet("/cities/leeds").status == .ok)
            let schedule = try await app.anonymousGet("/events/\(conference)/conference/schedule")
            #expect(schedule.status == .ok)
            #expect(schedule.contains("Main hall") || schedule.contains("Room 1"))
            #expect(try await app.anonymousGet("/cities/leeds/events.ics").body.contains("BEGIN:VEVENT"))
            // the study series: 46 people in the first, breakouts of six formed at its first session, the report
            #expect(try await count("SELECT COUNT(*) AS n FROM study_enrollments WHERE series_id = 1") == 46)
            #expect(try await count("SELECT COUNT(*) AS n FROM study_breakouts") >= 6)
            let series = try await app.anonymousGet("/study/1")
            #expect(series.contains("Revolutions of 1848") && series.contains("46 participants"))
            let week = try await app.anonymousGet("/study/1/weeks/1")
            #expect(week.contains("Session report") && week.contains("From the archive") && week.contains("2.1 GB"))
        }
    }

    @Test func scaledSizesMeetTheBenchmarkMinimums() {
        let large = DemoData.Size(parsing: "large")!
        #expect(large.people >= 100_000)
        #expect(large.circles + large.centers + large.coalitions >= 10_000)
        #expect(large.posts >= 100_000)
        #expect(DemoData.Size(parsing: "ten") == nil)
    }

    @Test func adminCreateMakesAnAdministratorUnderTheSameRules() async throws {
        try await withApp { app in
            var config = AppConfig()
            config.passwordCost = 4
            var refused: [String: String] = [:]
            do {
                _ = try await createAdmin(
                    store: app.store,
                    config: config,
                    handle: "root",
                    email: "",
                    password: "short"
                )
                Issue.record("a short password was accepted")
            } catch AppError.validation(let errors) {
                refused = errors
            }
            #expect(refused["password"] != nil)
            _ = try await createAdmin(
                store: app.store,
                config: config,
                handle: "Root",
                email: "",
                password: "long enough pass"
            )
            let row = try await app.store.sql.raw("SELECT is_admin FROM people WHERE handle = 'root'").first()
            #expect(try row?.decode(column: "is_admin", as: Bool.self) == true)
        }
    }
}
