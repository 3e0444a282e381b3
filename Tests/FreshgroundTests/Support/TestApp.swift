import Foundation
import Freshground
import FreshgroundStore
import FreshgroundWeb
import Glibc
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Synchronization
import Testing

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_790_000_000))

    var now: Date { current.withLock { $0 } }

    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The database a test runs on: a fresh SQLite file by default, or a fresh database on the PostgreSQL server
/// named by `FRESHGROUND_TEST_DATABASE` (the test script starts one).
enum TestDatabase {
    static var serverURL: String? {
        guard let url = ProcessInfo.processInfo.environment["FRESHGROUND_TEST_DATABASE"], url.hasPrefix("postgres")
        else {
            return nil
        }
        return url
    }

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    /// Creates a database, hands its URL to `body`, and removes it afterwards. Each starts as a copy of one
    /// database migrated once per test process (a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on
    /// PostgreSQL), so a test does not pay for running every migration.
    static func with<T>(_ body: (DatabaseURL) async throws -> T) async throws -> T {
        let name = freshName()
        let template = try await templates.template()
        guard let server = serverURL else {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            try FileManager.default.copyItem(atPath: template, toPath: path)
            return try await body(.sqlite(path: path))
        }
        // Each test opens its own pools; a gate keeps the server under its connection limit.
        await postgresGate.enter()
        defer { Task { await postgresGate.leave() } }
        let admin = try Store(url: .postgres(url: server), logger: logger, postgresConnectionsPerLoop: 1)
        try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: template)").run()
        do {
            let result = try await body(.postgres(url: databaseURL(server, name)))
            try await admin.sql.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run()
            await admin.shutdown()
            return result
        } catch {
            try? await admin.sql.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run()
            await admin.shutdown()
            throw error
        }
    }

    /// `body` on `given` when there is one (a test that made its own database), else on a fresh database.
    static func with<T>(given: DatabaseURL?, _ body: (DatabaseURL) async throws -> T) async throws -> T {
        guard let given else { return try await with(body) }
        return try await body(given)
    }

    static func freshName() -> String {
        "fg_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
    }

    static func databaseURL(_ server: String, _ name: String) -> String {
        var parts = URLComponents(string: server)!
        parts.path = "/\(name)"
        return parts.string!
    }

    static let templates = TemplateDatabase()
}

/// The migrated database every test's database is copied from: an SQLite file path, or a PostgreSQL database
/// name. Made by the first test that asks, through the app's own start-up (`buildApplication` migrates).
actor TemplateDatabase {
    private var made: Task<String, any Error>?

    func template() async throws -> String {
        if let made { return try await made.value }
        let task = Task { try await Self.make() }
        made = task
        return try await task.value
    }

    private static func make() async throws -> String {
        let name = "fg_template_\(TestDatabase.freshName().dropFirst("fg_test_".count))"
        let url: DatabaseURL
        var admin: Store?
        if let server = TestDatabase.serverURL {
            let store = try Store(
                url: .postgres(url: server),
                logger: TestDatabase.logger,
                postgresConnectionsPerLoop: 1
            )
            try await store.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            admin = store
            url = .postgres(url: TestDatabase.databaseURL(server, name))
        } else {
            url = .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path)
        }
        var config = AppConfig()
        config.database = url
        config.logLevel = .warning
        let store = try Store(url: url, logger: TestDatabase.logger, postgresConnectionsPerLoop: 1)
        do {
            _ = try await buildApplication(config: config, store: store)
        } catch {
            await store.shutdown()
            await admin?.shutdown()
            throw error
        }
        await store.shutdown()
        guard let admin else {
            // One self-contained file: fold the write-ahead log in so a plain copy has everything.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            let folded = try Store(url: .sqlite(path: path), logger: TestDatabase.logger)
            try await folded.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            await folded.shutdown()
            return path
        }
        await admin.shutdown()
        return name
    }
}

/// Everything a test gets: an HTTP client into the app (in process), the store for direct checks, the clock.
struct TestApp {
    let client: any TestClientProtocol
    let store: Store
    let clock: TestClock
    /// The site's settings, as the app was built with them.
    var site = SiteSettings(name: "Freshground", url: "http://127.0.0.1:8080")

    /// The bearer token the test app's `/metrics` wants.
    static let metricsToken = "test-metrics-token"

    /// A new visitor with an empty cookie jar.
    func visitor() -> Visitor { Visitor(client: client, store: store) }

    /// A visitor who has signed up with `handle` (password `correct horse battery`).
    func person(_ handle: String) async throws -> Visitor {
        var visitor = visitor()
        try await visitor.signUp(handle)
        return visitor
    }

    /// Returns once the timed work's pass at start-up has finished (read from `/metrics`); `withApp` waits for it, since
    /// on a loaded machine the pass can start late, after a test has moved the clock past what it acts on.
    func afterStartUpPass() async throws {
        var scraper = visitor()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = try await scraper.get("/metrics", headers: [.authorization: "Bearer \(Self.metricsToken)"]).body
            if text.contains("freshground_timed_passes_total "), !text.contains("freshground_timed_passes_total 0") {
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the timed work's pass at start-up did not finish within a minute")
    }

    /// Moves the clock on once no message is being sent. A message in hand is claimed until its retry time; moved
    /// past that while the mail server is still taking it, the next delivery run would claim and send it again.
    /// (A real clock does not jump an hour during one send.)
    func advanceClockAfterMail(seconds: TimeInterval) async throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let inHand = try await store.sql.raw(
                "SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL AND attempts > 0 AND last_error IS NULL"
            ).first()?.decode(column: "n", as: Int.self)
            if inHand == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        clock.advance(seconds: seconds)
    }
}

/// Builds the app on a fresh database and runs `body` against it; `mail: false` runs it without a mail server, as
/// a site without `mail.smtp` does (mail only goes to the log). Federation may reach peers on loopback (test
/// servers standing for other servers) unless `federation` says otherwise. `live` serves the app on a real port of
/// loopback, which its site address names, so other servers (a second app) can reach it.
/// `database` runs the app on a database the test made itself instead of a fresh one.
func withApp(
    siteURL: String = "http://127.0.0.1:8080",
    mail: Bool = true,
    federation: FederationSettings = FederationSettings(enabled: true, allowLoopback: true),
    live: Bool = false,
    database: DatabaseURL? = nil,
    _ body: @escaping @Sendable (TestApp) async throws -> Void
) async throws {
    let port = live ? try freeLoopbackPort() : 0
    let siteURL = live ? "http://127.0.0.1:\(port)" : siteURL
    try await TestDatabase.with(given: database) { url in
        var config = AppConfig()
        if live {
            config.host = "127.0.0.1"
            config.port = port
        }
        config.database = url
        config.passwordCost = 4
        // Only the pass at start-up: a test counts on the clock it moves, not on a pass five minutes in.
        config.reminderInterval = .seconds(86_400)
        config.siteURL = siteURL
        config.federation = federation
        // The in-process client has no peer address ("unknown"); trusting it as a proxy lets a visitor stand at an
        // address of its own with `forwardedFor`.
        config.trustedProxies = ["unknown"]
        config.metricsToken = TestApp.metricsToken
        config.logLevel = .warning
        // Mail goes to the test mail server (FRESHGROUND_TEST_SMTP, or one started for this process).
        config.mailSMTP = mail ? TestMail.smtpURL ?? "" : ""
        // Uploads go to a directory of this test's own, removed afterwards.
        let media = FileManager.default.temporaryDirectory.appendingPathComponent("fg-media-\(UUID().uuidString)").path
        config.mediaDirectory = media
        defer { try? FileManager.default.removeItem(atPath: media) }
        let store = try Store(url: url, logger: TestDatabase.logger, postgresConnectionsPerLoop: 2)
        let clock = TestClock()
        do {
            let app = try await buildApplication(config: config, store: store, clock: { clock.now })
            // A live app also serves the same database on its port, as a second process of the same site would, for
            // other servers to reach; the test's own requests go in-process as usual.
            var served: Task<Void, any Error>?
            if live {
                let server = try await buildApplication(config: config, store: store, clock: { clock.now })
                served = Task { try await server.runService(gracefulShutdownSignals: []) }
                try await waitUntilListening(port)
            }
            // The served copy's mail, reminder and federation passes end before the store closes under them.
            func stopServing() async {
                served?.cancel()
                _ = await served?.result
            }
            do {
                try await app.test(.router) { client in
                    let testApp = TestApp(
                        client: client,
                        store: store,
                        clock: clock,
                        site: SiteSettings(name: "Freshground", url: siteURL, federation: federation)
                    )
                    // The timed work's pass at start-up ends before the test begins, so no test that moves the
                    // clock can race it (one that did saw a day-old count forgotten under it).
                    try await testApp.afterStartUpPass()
                    try await body(testApp)
                }
            } catch {
                await stopServing()
                throw error
            }
            await stopServing()
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}

/// At most this many tests hold PostgreSQL databases at once.
let postgresGate = Gate(limit: 6)

/// A counting semaphore for async code.
actor Gate {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { available = limit }

    func enter() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// A port on loopback that nothing listens on now, for a test server to take.
func freeLoopbackPort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw TestFailure("no socket") }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(socket, raw, length) == 0 && getsockname(socket, raw, &length) == 0
        }
    }
    guard bound else { throw TestFailure("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Waits up to ten seconds for something to listen on `port` of loopback.
func waitUntilListening(_ port: Int) async throws {
    for _ in 0..<200 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        close(socket)
        if connected { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TestFailure("nothing listens on port \(port)")
}
