import Decisions
import Foundation
import FreshgroundStore
import FreshgroundWeb
import Logging
import Mail

/// The throwaway database of `freshground bench cast` (run by scripts/bench-decisions): a fresh SQLite file, or a
/// fresh database on a PostgreSQL server, migrated like the site's, for `DecisionBench.cast`; deleted afterwards.
package enum CastBench {
    /// `server` is a PostgreSQL URL whose role may create databases, or nil for an SQLite file in `directory`.
    package static func cast(voters: Int, atOnce: Int?, server: String?, directory: String) async throws -> [String] {
        var logger = Logger(label: "freshground.bench")
        logger.logLevel = .warning
        let name = "bench_cast_\(UUID().uuidString.prefix(8).lowercased())"
        var admin: Store?
        let url: DatabaseURL
        if let server {
            guard case .postgres = try DatabaseURL(parsing: server), var parts = URLComponents(string: server) else {
                throw StudyBenchError("Give the database as postgres://USER:PASSWORD@HOST:PORT/DATABASE.")
            }
            let store = try Store(url: .postgres(url: server), logger: logger, postgresConnectionsPerLoop: 1)
            admin = store
            do {
                try await store.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            } catch {
                await store.shutdown()
                throw error
            }
            parts.path = "/\(name)"
            url = .postgres(url: parts.string ?? server)
        } else {
            url = .sqlite(path: "\(directory)/\(name).sqlite")
        }
        let store = try Store(url: url, logger: logger)
        let result: Result<[String], any Error>
        do {
            try await store.tuneConnections()
            try await store.migrate(allMigrations)
            let services = AppServices(
                store: store,
                clock: { Date() },
                site: SiteSettings(name: "Freshground", url: "http://127.0.0.1:8080"),
                passwordCost: 4,
                mailer: LogMailer(logger: logger)
            )
            result = .success(try await DecisionBench.cast(voters: voters, atOnce: atOnce, services: services))
        } catch {
            result = .failure(error)
        }
        await store.shutdown()
        if let admin {
            try? await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run()
            await admin.shutdown()
        } else {
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: "\(directory)/\(name).sqlite\(suffix)")
            }
        }
        return try result.get()
    }
}
