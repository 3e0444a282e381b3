import ArgumentParser
import Foundation
import Freshground
import FreshgroundStore
import FreshgroundWeb
import Logging

/// `freshground backup`: a consistent copy of the running site in one file.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent backup of the whole site to a new file, while the server keeps serving.",
        discussion: "SQLite: a compacted copy of the database file (VACUUM INTO), itself an SQLite database. "
            + "PostgreSQL: a pg_dump archive in its custom format (needs the PostgreSQL client tools). "
            + "Bring it back with `freshground restore --from FILE`."
    )

    @Option(help: "The file to write; it must not exist yet.") var to: String
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let config = try await db.load()
        let started = ContinuousClock.now
        try await withStore(config) { store in
            do {
                try await store.backup(to: to)
            } catch let error as BackupError {
                throw ValidationError(error.description)
            }
            // After the snapshot, so the backup does not hold its own entry; a database not yet migrated has no
            // audit log to write to.
            try? await AdminAudit.record(
                "backed up the site",
                subject: to,
                by: AdminAudit.commandLine,
                at: Date(),
                on: store.sql
            )
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: to)[.size] as? Int) ?? 0
        say("Backed up \(config.database) to \(to): \(Self.megabytes(size)) in \(seconds(since: started)).")
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
}

/// `freshground restore`: puts a backup back in place of the site's database.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the site's database with a backup made by `freshground backup`.",
        discussion: "Stop the server first. The backup is checked before anything is replaced (SQLite: integrity "
            + "check; PostgreSQL: pg_restore --list, then one transaction). A database that already holds a site "
            + "is replaced only with --replace. Migrations newer than the backup run when the server next starts."
    )

    @Option(help: "The backup file.") var from: String
    @Flag(help: "Overwrite a database that already holds a site.") var replace = false
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let config = try await db.load()
        let started = ContinuousClock.now
        do {
            try await Store.restore(from: from, to: config.database, replace: replace, logger: Logger(label: "restore"))
        } catch let error as BackupError {
            throw ValidationError(error.description)
        }
        say("Restored \(from) into \(config.database) in \(seconds(since: started)).")
    }
}

/// `freshground copy`: moves a whole SQLite site to PostgreSQL.
struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a whole SQLite site into another database, such as PostgreSQL when it outgrows one file.",
        discussion: "The target is brought up to date with the migrations, then filled in one transaction, so a "
            + "failed copy leaves it empty. It must not hold a site yet. The SQLite site is left as it was; stop "
            + "the server before copying so that no write is left behind, then start it on the new database."
    )

    @Option(help: "The target database: postgres://user:password@host:port/db (or sqlite:PATH).") var to: String
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let config = try await db.load()
        var targetConfig = try await DatabaseOptions.parse(["--database", to]).load()
        targetConfig.logLevel = config.logLevel
        let started = ContinuousClock.now
        let counts = try await withStore(config) { source in
            try await source.tuneConnections()
            try await source.migrate(allMigrations)
            return try await withStore(targetConfig) { target in
                try await target.tuneConnections()
                try await target.migrate(allMigrations)
                do {
                    let counts = try await source.copySite(to: target) { table, rows in
                        if rows > 0 { say("  \(table): \(rows)") }
                    }
                    try await AdminAudit.record(
                        "copied the site",
                        subject: "to \(targetConfig.database)",
                        by: AdminAudit.commandLine,
                        at: Date(),
                        on: source.sql
                    )
                    return counts
                } catch let error as BackupError {
                    throw ValidationError(error.description)
                }
            }
        }
        let rows = counts.values.reduce(0, +)
        say("Copied \(rows) rows in \(counts.count) tables to \(targetConfig.database) in \(seconds(since: started)).")
    }
}

func seconds(since start: ContinuousClock.Instant) -> String {
    let elapsed = ContinuousClock.now - start
    let value = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return String(format: "%.1f s", value)
}
