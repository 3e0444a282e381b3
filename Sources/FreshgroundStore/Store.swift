import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// The one handle on the database that features use: FluentKit for schema and writes, SQLKit for hot reads.
///
/// `Store` owns the `Databases` object and shuts it down; it is cheap to pass around by value.
package struct Store: Sendable {
    package let url: DatabaseURL
    package let databases: Databases
    package let logger: Logger
    /// Every statement run through `sql` and `transaction`, counted.
    package let counter = StatementCounter()
    /// Read-only connections for `sql`'s reads on SQLite (nil on PostgreSQL).
    let readers: SQLiteReaders?
    /// The names of `sql`'s prepared statements on PostgreSQL (nil on SQLite).
    let statementNames: StatementNames?
    /// The threads SQLiteNIO's writing connections run on, this store's own (nil on PostgreSQL). A write that
    /// waits for SQLite's lock waits on one of them; on NIO's shared pool, a few such waits held every thread, and
    /// the connection holding the lock could not run the statement that would have released it.
    private let sqliteThreads: NIOThreadPool?
    /// How many writing connections the pool may hold: one an event loop on SQLite, more on PostgreSQL.
    private let writerLimit: Int
    /// A FluentKit database for each event loop, made once. After `shutdown` they stay, and a query through one
    /// fails with the pool's error: a mail or reminder pass still running as a server stops must not bring the
    /// process down (asking `Databases` anew then would give nil).
    private let handles: [ObjectIdentifier: any Database]
    private let firstHandle: any Database
    /// How to open a connection of its own to PostgreSQL (nil on SQLite), for `listenForChanges`.
    let postgresConnection: PostgresConnection.Configuration?

    /// Opens the pool; no connection is made until the first query.
    package init(
        url: DatabaseURL,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        postgresConnectionsPerLoop: Int = 8
    )
        throws
    {
        self.url = url
        self.logger = logger
        let loops = Array(eventLoopGroup.makeIterator()).count
        switch url {
        case .sqlite(let path):
            // one writing connection per event loop, each with a thread to run on, and one spare
            let threads = NIOThreadPool(numberOfThreads: loops + 1)
            writerLimit = loops
            threads.start()
            sqliteThreads = threads
            databases = Databases(threadPool: threads, on: eventLoopGroup)
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
            postgresConnection = nil
            readers = Self.readerLimit == 0 ? nil : SQLiteReaders(path: path, limit: Self.readerLimit)
            statementNames = nil
        case .postgres(let text):
            sqliteThreads = nil
            writerLimit = loops * postgresConnectionsPerLoop
            databases = Databases(threadPool: .singleton, on: eventLoopGroup)
            readers = nil
            statementNames = Self.preparesStatements ? StatementNames() : nil
            let config: SQLPostgresConfiguration
            do {
                config = try SQLPostgresConfiguration(url: text)
            } catch {
                throw StoreError.badURL(url.description)
            }
            postgresConnection = config.coreConfiguration
            databases.use(
                .postgres(
                    configuration: config,
                    maxConnectionsPerEventLoop: postgresConnectionsPerLoop,
                    sqlLogLevel: .trace
                ),
                as: .psql
            )
        }
        var handles: [ObjectIdentifier: any Database] = [:]
        for loop in eventLoopGroup.makeIterator() {
            guard let database = databases.database(logger: logger, on: loop) else { throw StoreError.closed }
            handles[ObjectIdentifier(loop)] = database
        }
        guard let first = handles.values.first else { throw StoreError.closed }
        self.handles = handles
        firstHandle = first
    }

    /// The connection pools in figures, for `/metrics`.
    package struct PoolFigures: Sendable {
        package let writers: Int
        package let readersOpen: Int
        package let readsOnReaders: Int
    }

    package var pool: PoolFigures {
        PoolFigures(writers: writerLimit, readersOpen: readers?.openCount ?? 0, readsOnReaders: readsOnReaders)
    }

    /// How many reads SQLite's read-only connections have answered (0 on PostgreSQL).
    package var readsOnReaders: Int { readers?.readsServed ?? 0 }

    /// How many times a statement kept by the read-only connections was prepared again (see `SQLiteReaders`).
    package var statementsPreparedAgain: Int { readers?.statementsPreparedAgain ?? 0 }

    /// How many distinct statements run as prepared statements on PostgreSQL (0 on SQLite).
    package var statementsPrepared: Int { statementNames?.count ?? 0 }

    /// Whether `sql` runs prepared statements on PostgreSQL: `FRESHGROUND_PG_PREPARE=0` turns them off, to compare
    /// the two side by side.
    private static let preparesStatements = ProcessInfo.processInfo.environment["FRESHGROUND_PG_PREPARE"] != "0"

    /// How many read-only SQLite connections a store may open: `FRESHGROUND_SQLITE_READERS` when set (0 sends
    /// every read through SQLiteNIO, to compare the two side by side), else twice the cores and at least 4.
    private static let readerLimit =
        ProcessInfo.processInfo.environment["FRESHGROUND_SQLITE_READERS"].flatMap { Int($0) }
        ?? max(4, ProcessInfo.processInfo.activeProcessorCount * 2)

    package var isSQLite: Bool {
        if case .sqlite = url { return true }
        return false
    }

    /// A FluentKit database on any event loop.
    package var db: any Database {
        handles[ObjectIdentifier(databases.eventLoopGroup.any())] ?? firstHandle
    }

    /// The same database seen through SQLKit. On SQLite its reads run on the caller's thread with prepared
    /// statements kept (`SQLiteReaders`); writes, and reads that cannot run there, go through FluentKit's pool. On
    /// PostgreSQL each statement is prepared once per connection (`PreparingDatabase`).
    package var sql: any SQLDatabase {
        let writer = db as! any SQLDatabase
        if let statementNames {
            return CountingDatabase(inner: PreparingDatabase(inner: writer, names: statementNames), counter: counter)
        }
        guard let readers else { return CountingDatabase(inner: writer, counter: counter) }
        return CountingDatabase(inner: ReadingDatabase(writer: writer, readers: readers), counter: counter)
    }

    /// Prepares every SQLite connection for concurrent use: WAL lets readers run beside a writer, and a busy
    /// timeout makes a second writer wait instead of failing. The pool keeps one connection per event loop, so
    /// this touches each loop once.
    package func tuneConnections() async throws {
        guard isSQLite else { return }
        for loop in databases.eventLoopGroup.makeIterator() {
            let database = databases.database(logger: logger, on: loop)! as! any SQLDatabase
            try await database.raw("PRAGMA busy_timeout = 5000").run()
            try await database.raw("PRAGMA journal_mode = WAL").run()
            try await database.raw("PRAGMA synchronous = NORMAL").run()
        }
        try await refreshStatistics()
    }

    /// Refreshes SQLite's planner statistics where they are missing or stale (a table that grew or shrank many
    /// times over since it was measured). Without them SQLite can pick a name-ordered scan of all groups over an
    /// indexed lookup of one group's follows; with figures from when `sessions` held one row, it reads every
    /// session to find the one a request carries. The server calls it at start and every few minutes, since
    /// tables grow while it runs. PostgreSQL's autovacuum keeps its own statistics, so there it does nothing.
    package func refreshStatistics() async throws {
        guard isSQLite else { return }
        try await sql.raw("PRAGMA optimize = 0x10002").run()
    }

    /// Runs `body` in one transaction, seen through SQLKit; it commits only if `body` returns.
    ///
    /// On SQLite the transaction takes the write lock as it begins (`BEGIN IMMEDIATE`). A deferred one that
    /// reads first and writes later fails at once with "database is locked" when another connection is
    /// writing meanwhile, because waiting could deadlock; an immediate one waits its turn (the busy timeout).
    package func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws
        -> T
    {
        let counter = self.counter
        guard isSQLite, !db.inTransaction else {
            return try await db.transaction { database in
                try await body(CountingDatabase(inner: database as! any SQLDatabase, counter: counter))
            }
        }
        return try await db.withConnection { connection in
            let sql = CountingDatabase(inner: connection as! any SQLDatabase, counter: counter)
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Applies every migration not yet applied, in the order given.
    package func migrate(_ migrations: [any Migration]) async throws {
        let all = Migrations()
        all.add(migrations)
        let migrator = Migrator(
            databases: databases,
            migrations: all,
            logger: logger,
            on: databases.eventLoopGroup.any(),
            migrationLogLevel: .debug
        )
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Checks that a trivial query answers; used by `/healthz`.
    package func ping() async -> Bool {
        do {
            try await sql.raw("SELECT 1").run()
            return true
        } catch {
            return false
        }
    }

    package func shutdown() async {
        readers?.close()
        await databases.shutdownAsync()
        try? await sqliteThreads?.shutdownGracefully()
    }
}
