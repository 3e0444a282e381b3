import Foundation
import FreshgroundStore
import HTTPTypes
import Logging
import Synchronization
import Testing

@testable import Freshground
@testable import FreshgroundWeb

/// What a monitor and the person running the site read: readiness, metrics, request ids and logs that name
/// nobody.
@Suite struct ObservabilityTests {
    @Test func readyMeansTheDatabaseHasEveryMigration() async throws {
        try await withApp { app in
            var visitor = app.visitor()
            let ready = try await visitor.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.json["status"] as? String == "ready")
            try await app.store.sql.delete(from: "_fluent_migrations").where("name", .equal, "AddGroupOrigins").run()
            let behind = try await visitor.get("/readyz")
            #expect(behind.status == .serviceUnavailable)
            #expect(behind.json["pendingMigrations"] as? [String] == ["AddGroupOrigins"])
            // Alive all the same: a supervisor must not restart a server that only waits for its migrations.
            #expect(try await visitor.get("/healthz").status == .ok)
        }
    }

    @Test func metricsCountRequestsByRouteAndNameNobody() async throws {
        try await withApp { app in
            var rosa = try await app.person("rosa")
            let slug = try await rosa.createGroup("Quiet Cell", visibility: "private")
            _ = try await rosa.get("/groups/\(slug)")
            _ = try await rosa.get("/people/rosa")
            var stranger = app.visitor()
            #expect(try await stranger.get("/metrics").status == .forbidden)
            let wrong: HTTPFields = [.authorization: "Bearer nope"]
            #expect(try await stranger.get("/metrics", headers: wrong).status == .forbidden)
            let scrape = try await stranger.get(
                "/metrics",
                headers: [.authorization: "Bearer \(TestApp.metricsToken)"]
            )
            #expect(scrape.status == .ok)
            let text = scrape.body
            #expect(
                text.contains(#"freshground_http_requests_total{route="/groups/{slug}",method="GET",status="200"} 1"#)
            )
            #expect(text.contains("freshground_http_request_duration_seconds_bucket"))
            #expect(text.contains(#"freshground_queue_waiting{queue="mail"}"#))
            #expect(text.contains(#"freshground_queue_failed{queue="federation"} 0"#))
            #expect(text.contains("freshground_migrations_pending 0"))
            #expect(text.contains("freshground_database_bytes"))
            for secret in ["rosa", slug, "Quiet"] { #expect(!text.contains(secret), "/metrics names \(secret)") }
        }
    }

    @Test func everyAnswerCarriesARequestIDAndAPlainOneIsKept() async throws {
        try await withApp { app in
            var visitor = app.visitor()
            let fresh = try await visitor.get("/groups")
            let id = try #require(fresh.headers[.init("X-Request-Id")!])
            #expect(id.count == 36)
            let kept = try await visitor.get("/groups", headers: [.init("X-Request-Id")!: "proxy-abc-123"])
            #expect(kept.headers[.init("X-Request-Id")!] == "proxy-abc-123")
            let hostile = try await visitor.get("/groups", headers: [.init("X-Request-Id")!: "<script>\nlog forging"])
            #expect(hostile.headers[.init("X-Request-Id")!]?.contains("script") == false)
            #expect(try await visitor.get("/no/such/page").headers[.init("X-Request-Id")!] != nil)
        }
    }

    @Test func aFreshRequestIDIsARandomVersionFourUUID() throws {
        let ids = (0..<64).map { _ in RequestLogMiddleware.freshID() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let uuid = try #require(UUID(uuidString: id), "\(id) is a UUID")
            #expect(uuid.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "4", "version 4: \(id)")
            #expect("89ab".contains(characters[19]), "RFC 4122 variant: \(id)")
        }
    }

    @Test func theLogGivesEachRequestsTimeInMillisecondsToOneDecimal() {
        #expect(RequestLogMiddleware.milliseconds(.zero) == "0.0")
        #expect(RequestLogMiddleware.milliseconds(.microseconds(49)) == "0.0")
        #expect(RequestLogMiddleware.milliseconds(.microseconds(50)) == "0.1")
        #expect(RequestLogMiddleware.milliseconds(.microseconds(12_345)) == "12.3")
        #expect(RequestLogMiddleware.milliseconds(.microseconds(9_960)) == "10.0")
        #expect(RequestLogMiddleware.milliseconds(.seconds(3) + .milliseconds(7)) == "3007.0")
    }

    /// The server's log at info level, for a sign-up with an email, a private group and mail that only goes to
    /// the log: each request has a line with its id and route, and no handle, email or group name appears.
    @Test func logsNameNoPersonAndNoGroup() async throws {
        let lines = LogLines()
        var logger = Logger(label: "test") { _ in CollectingLogHandler(lines: lines) }
        logger.logLevel = .info
        try await TestDatabase.with { url in
            var config = AppConfig()
            config.database = url
            config.passwordCost = 4
            config.logLevel = .info
            let store = try Store(url: url, logger: logger, postgresConnectionsPerLoop: 2)
            let app = try await buildApplication(config: config, store: store)
            try await app.test(.router) { client in
                var rosa = Visitor(client: client, store: store)
                try await rosa.signUp("rosaluxe", email: "rosa.l@example.org")
                let slug = try await rosa.createGroup("Hidden Night Shift", visibility: "private")
                _ = try await rosa.get("/groups/\(slug)")
                _ = try await rosa.post("/password/forgot", [("login", "rosaluxe")])
                _ = try await rosa.get("/people/rosaluxe")
            }
            await store.shutdown()
        }
        let text = lines.all.joined(separator: "\n")
        #expect(text.contains("route=/groups/{slug}"))
        #expect(text.contains("request_id="))
        for secret in ["rosaluxe", "rosa.l@", "Hidden Night", "hidden-night"] {
            #expect(!text.contains(secret), "the log holds \(secret)")
        }
    }
}

/// Every log line, with its metadata, kept in memory.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
}

/// A log handler that writes into `LogLines`, keeping each logger's own metadata as a real handler does.
struct CollectingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        lines.append("\(event.level) \(event.message) \(fields)")
    }
}
