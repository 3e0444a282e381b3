import FluentSQLiteDriver
import Foundation
import SQLKit

/// Failures of backup, restore and copy that the administrator running them can act on.
package enum BackupError: Error, CustomStringConvertible {
    case exists(String)
    case missing(String)
    case notABackup(String, String)
    case toolMissing(String)
    case toolFailed(String, String)
    case targetNotEmpty(String)
    case unsupported(String)

    package var description: String {
        switch self {
        case .exists(let path):
            return "\(path) already exists; choose a new file name (a backup never overwrites a file)."
        case .missing(let path): return "\(path) does not exist."
        case .notABackup(let path, let why): return "\(path) is not a usable backup: \(why)"
        case .toolMissing(let tool):
            return "\(tool) was not found on PATH or in /usr/lib/postgresql/*/bin; install the PostgreSQL client tools."
        case .toolFailed(let tool, let output): return "\(tool) failed: \(output)"
        case .targetNotEmpty(let url):
            return "\(url) already holds a site; pass --replace to overwrite it (its data will be lost)."
        case .unsupported(let what): return what
        }
    }
}

extension Store {
    /// Writes a consistent copy of the whole database to `file` while the server keeps serving.
    ///
    /// SQLite: `VACUUM INTO` reads one snapshot (a read transaction, which in WAL mode never blocks a writer) and
    /// writes it out compacted. PostgreSQL: `pg_dump` in its custom format, which also reads one snapshot.
    package func backup(to file: String) async throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw BackupError.exists(file) }
        switch url {
        case .sqlite:
            try await writer.raw("VACUUM INTO \(bind: file)").run()
        case .postgres(let text):
            let (dbname, password) = PostgresTools.split(text)
            try await PostgresTools.run(
                "pg_dump",
                ["--format=custom", "--no-owner", "--no-privileges", "--file=\(file)", "--dbname=\(dbname)"],
                password: password
            )
        }
    }

    /// Puts the backup in `file` in place of the database at `url`, which no server may be using meanwhile.
    ///
    /// The backup is checked before anything is replaced: an SQLite file must pass `PRAGMA integrity_check`, a
    /// PostgreSQL dump must be listed by `pg_restore`. A database that already holds data is replaced only when
    /// `replace` is set. PostgreSQL restores in one transaction, so a failed restore leaves the old data.
    package static func restore(from file: String, to url: DatabaseURL, replace: Bool, logger: Logger) async throws {
        guard FileManager.default.fileExists(atPath: file) else { throw BackupError.missing(file) }
        switch url {
        case .sqlite(let path):
            if !replace, FileManager.default.fileExists(atPath: path), try await holdsData(url, logger: logger) {
                throw BackupError.targetNotEmpty(url.description)
            }
            try await restoreSQLite(from: file, to: path, logger: logger)
        case .postgres(let text):
            _ = try await PostgresTools.run("pg_restore", ["--list", file])
            if !replace, try await holdsData(url, logger: logger) { throw BackupError.targetNotEmpty(url.description) }
            let (dbname, password) = PostgresTools.split(text)
            try await PostgresTools.run(
                "pg_restore",
                [
                    "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                    "--exit-on-error", "--dbname=\(dbname)", file,
                ],
                password: password
            )
        }
    }

    private static func holdsData(_ url: DatabaseURL, logger: Logger) async throws -> Bool {
        let target = try Store(url: url, logger: logger)
        do {
            let holds = try await target.holdsData()
            await target.shutdown()
            return holds
        } catch {
            await target.shutdown()
            throw error
        }
    }

    private static func restoreSQLite(from file: String, to path: String, logger: Logger) async throws {
        let header = FileManager.default.contents(atPath: file)?.prefix(16) ?? Data()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw BackupError.notABackup(file, "it is not an SQLite database")
        }
        let files = FileManager.default
        // Checked as a copy beside the target, then renamed over it: the target is whole either way.
        let staged = path + ".restoring"
        try? files.removeItem(atPath: staged)
        try files.copyItem(atPath: file, toPath: staged)
        let check = try Store(url: .sqlite(path: staged), logger: logger)
        let verdict: String
        do {
            verdict =
                try await check.writer.raw("PRAGMA integrity_check").first()?.decode(
                    column: "integrity_check",
                    as: String.self
                ) ?? "no answer"
            await check.shutdown()
        } catch {
            await check.shutdown()
            try? files.removeItem(atPath: staged)
            throw BackupError.notABackup(file, String(describing: error))
        }
        guard verdict == "ok" else {
            try? files.removeItem(atPath: staged)
            throw BackupError.notABackup(file, "integrity check: \(verdict)")
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            try? files.removeItem(atPath: path + suffix)
            try? files.removeItem(atPath: staged + suffix)
        }
        // rename(2) swaps the file in one step: a reader sees the old database or the restored one, never half.
        guard rename(staged, path) == 0 else {
            throw BackupError.toolFailed("rename", String(cString: strerror(errno)))
        }
    }

    /// Whether anyone has an account here: the test of a site that a restore or copy would overwrite.
    package func holdsData() async throws -> Bool {
        let exists: Bool
        if isSQLite {
            exists = try await writer.raw("SELECT 1 FROM sqlite_master WHERE name = 'people'").first() != nil
        } else {
            exists = try await writer.raw("SELECT 1 FROM pg_tables WHERE tablename = 'people'").first() != nil
        }
        guard exists else { return false }
        return try await writer.raw("SELECT 1 FROM people LIMIT 1").first() != nil
    }

    /// FluentKit's connection pool seen through SQLKit: the writing connections, never the read-only ones.
    var writer: any SQLDatabase { db as! any SQLDatabase }

    /// The same SQLite connections through SQLiteNIO itself, whose rows give each value with its storage class.
    var rawSQLite: any SQLiteDatabase { db as! any SQLiteDatabase }
}

/// An SQL identifier in double quotes, for statements written as text.
func quoted(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// The PostgreSQL client programs, found on PATH or where Debian installs them.
enum PostgresTools {
    static func find(_ tool: String) -> String? {
        let files = FileManager.default
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where files.isExecutableFile(atPath: "\(folder)/\(tool)") {
            return "\(folder)/\(tool)"
        }
        let versions = (try? files.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let candidate = "/usr/lib/postgresql/\(version)/bin/\(tool)"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The URL without its password, and the password: the password goes to the tool in `PGPASSWORD`, never on
    /// a command line that every user of the machine can read.
    static func split(_ url: String) -> (String, String?) {
        guard var parts = URLComponents(string: url), let password = parts.password else { return (url, nil) }
        parts.password = nil
        return (parts.string ?? url, password)
    }

    /// Runs `tool` and returns what it printed; fails with its error output when it exits non-zero.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], password: String? = nil) async throws -> String {
        guard let path = find(tool) else { throw BackupError.toolMissing(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let password {
            var environment = ProcessInfo.processInfo.environment
            environment["PGPASSWORD"] = password
            process.environment = environment
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes while the tool runs, so a chatty tool never blocks on a full pipe.
        async let printed = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
        async let complained = Task.detached { errors.fileHandleForReading.readDataToEndOfFile() }.value
        let (out, err) = await (printed, complained)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw BackupError.toolFailed(tool, text.isEmpty ? "exit status \(process.terminationStatus)" : text)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
