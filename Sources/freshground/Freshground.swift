import ArgumentParser
import Foundation
import Freshground
import FreshgroundStore
import FreshgroundWeb
import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// The `freshground` command: a thin shell over the `Freshground` library.
@main
struct FreshgroundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freshground",
        abstract: "A platform where circles, centers and coalitions cooperate without merging.",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, Admin.self, Backup.self, Restore.self, Copy.self, Bench.self,
            Count.self,
        ],
        defaultSubcommand: Serve.self
    )
}

/// Options every subcommand that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: "sqlite:PATH or postgres://user:password@host:port/db (default: sqlite:freshground.sqlite, or DB_URL)."
    )
    var database: String?

    func load(extra: [String: String] = [:]) async throws -> AppConfig {
        var overrides = extra
        if let database { overrides["db.url"] = database }
        do {
            return try await AppConfig.load(overrides: overrides)
        } catch {
            throw ValidationError(String(describing: error))
        }
    }
}

func openStore(_ config: AppConfig) throws -> Store {
    var logger = Logger(label: "freshground")
    logger.logLevel = config.logLevel
    return try Store(url: config.database, logger: logger, postgresConnectionsPerLoop: config.databaseConnections)
}

/// Runs `body` with the database open and always closes it, turning a database failure into one clear line
/// instead of a stack trace.
func withStore<T>(_ config: AppConfig, _ body: (Store) async throws -> T) async throws -> T {
    let store = try openStore(config)
    do {
        let result = try await body(store)
        await store.shutdown()
        return result
    } catch let error as ValidationError {
        await store.shutdown()
        throw error
    } catch {
        await store.shutdown()
        throw ValidationError("The database at \(config.database) failed: \(String(reflecting: error))")
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server (pages, JSON API, /healthz).",
        discussion: "Mail goes through the SMTP server in MAIL_SMTP (key mail.smtp, such as smtp://127.0.0.1:25), "
            + "from MAIL_FROM (key mail.from, default freshground@ and the host of SITE_URL). Without MAIL_SMTP each "
            + "message is written to the log instead (its recipient hidden; the whole message at LOG_LEVEL=debug). Queued mail is kept in the database and retried. STARTTLS is used when offered (except on loopback); smtp://host:587?tls=required refuses to send without it, smtps://host:465 is TLS from the start. A login goes in the URL (smtp://user:password@host:587, percent-encoded) or MAIL_SMTP_USER and MAIL_SMTP_PASSWORD, and makes TLS required; certificates are verified, MAIL_SMTP_CA_FILE adds a trusted CA. Bounces go to MAIL_RETURN_PATH (default MAIL_FROM)."
    )

    @Option(help: "Address to listen on (default 127.0.0.1, or HTTP_HOST).") var host: String?
    @Option(help: "Port to listen on (default 8080, or HTTP_PORT).") var port: Int?
    @OptionGroup var db: DatabaseOptions
    @Flag(help: "Fill an empty database with demo data before serving.") var demo = false

    func run() async throws {
        // Tasks run on the event loops that serve the connections (NIO's two threads on two cores) instead of in
        // Swift's own pool beside them, so a request no longer crosses from one to the other and back: on the
        // signed-in feed, a fifth more requests/s and p99 from about 80 ms to under 25 ms (BENCHMARKS.md). A busy
        // loop reads a request later, which `runUntilStopped` allows for at shutdown. `FRESHGROUND_NIO_EXECUTOR=0`
        // keeps Swift's pool. Nothing may block a thread waiting for another task: it would hold up a loop.
        if ProcessInfo.processInfo.environment["FRESHGROUND_NIO_EXECUTOR"] != "0" {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        HeapSettings.apply()
        var extra: [String: String] = [:]
        if let host { extra["http.host"] = host }
        if let port { extra["http.port"] = String(port) }
        let config = try await db.load(extra: extra)
        let store = try openStore(config)
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(config: config, store: store)
            if demo {
                let data = DemoData(store: store, passwordCost: config.passwordCost)
                if try await data.databaseIsEmpty() {
                    say("Writing demo data (log in as demo1 … demo500, or admin, with password \(DemoData.password))…")
                    try await data.write(.small, library: true)
                } else {
                    say("The database already has accounts; demo data is not added again.")
                }
            }
        } catch {
            await store.shutdown()
            throw ValidationError("The database at \(config.database) failed: \(String(reflecting: error))")
        }
        say("Freshground on http://\(config.host):\(config.port) using \(config.database)")
        try await runUntilStopped(app, drain: .milliseconds(500), logger: app.logger)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date, then exit.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let config = try await db.load()
        try await withStore(config) { store in
            try await store.tuneConnections()
            try await store.migrate(allMigrations)
        }
        say("The database at \(config.database) is up to date.")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a demo network into an empty database.",
        discussion: "small: 500 people, 30 circles, 5 centers, 2 coalitions. large: 100,000 people, 10,000 groups, "
            + "100,000 posts. A number: that many people, with a group per ten people and a post per person. Each "
            + "also gets a library: 300 publications for small, one per person otherwise, a fifth as many "
            + "recommendations, debates (the first with 2,000 replies) and the search index."
    )
    @Option(help: "small, large or a number of people.") var scale = "small"
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        guard let size = DemoData.Size(parsing: scale) else {
            throw ValidationError("--scale takes small, large or a number of people from 50 to 5000000.")
        }
        let config = try await db.load()
        let started = Date()
        try await withStore(config) { store in
            try await store.tuneConnections()
            try await store.migrate(allMigrations)
            do {
                try await DemoData(store: store, passwordCost: config.passwordCost).write(size, library: true)
            } catch let failure as DemoData.Failure {
                throw ValidationError(failure.description)
            }
        }
        let seconds = Int(Date().timeIntervalSince(started))
        say("Wrote \(size.people) people and \(size.circles + size.centers + size.coalitions) groups in \(seconds) s.")
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage site administrators and answer requests for a person's data.",
        subcommands: [Create.self, Export.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an administrator account.")
        @Option(help: "The admin's handle.") var handle: String
        @Option(help: "The password (at least 10 characters); or set FRESHGROUND_ADMIN_PASSWORD.") var password: String?
        @Option(help: "An optional email address.") var email = ""
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            guard let password = password ?? ProcessInfo.processInfo.environment["FRESHGROUND_ADMIN_PASSWORD"] else {
                throw ValidationError("Give --password or set FRESHGROUND_ADMIN_PASSWORD.")
            }
            let config = try await db.load()
            do {
                _ = try await withStore(config) { store in
                    try await store.tuneConnections()
                    try await store.migrate(allMigrations)
                    return try await createAdmin(
                        store: store,
                        config: config,
                        handle: handle,
                        email: email,
                        password: password
                    )
                }
                say("Administrator \(handle.lowercased()) created.")
            } catch AppError.validation(let errors) {
                throw ValidationError(
                    errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
                )
            }
        }
    }
}

extension Admin {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print everything the site holds about one person, as JSON.",
            discussion: "The same document the person downloads from /me/data.json (their account, groups and "
                + "pledges, posts and pieces, RSVPs and events, speaker profile, study enrollments and attendance, "
                + "sessions and tokens, without secrets), for a person who asks for their data and cannot log in. "
                + "It goes to standard output: redirect it to a file."
        )
        @Option(help: "The person's handle.") var handle: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let config = try await db.load()
            let json = try await withStore(config) { store in
                try await store.tuneConnections()
                try await store.migrate(allMigrations)
                return try await exportAccount(store: store, config: config, handle: handle)
            }
            guard let json else { throw ValidationError("No account has the handle \(handle.lowercased()).") }
            say(json)
        }
    }
}

/// Writes a line to standard output at once (print is buffered when the output is a pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
