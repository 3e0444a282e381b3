import FluentPostgresDriver
import Foundation
import Logging
import SQLKit

/// Tells the other processes serving the same PostgreSQL database that something changed, so that each can drop
/// what it keeps in memory (the public page cache) at once instead of when it expires.
///
/// A write announces itself after it committed (`announceChange`): one `pg_notify` on the channel, carrying the
/// writing process's id. Every process holds one connection of its own that listens (`listenForChanges`) and is
/// told of every announcement but its own. PostgreSQL delivers a notification only after its transaction
/// commits, and to every listener, so a process never drops its copies before the change is visible. On SQLite
/// there is one process per database file and nothing to tell.
extension Store {
    /// The channel every Freshground process on the database listens on.
    package static let changeChannel = "freshground_changes"

    /// Announces a committed change to the other processes (nothing on SQLite).
    package func announceChange(from process: String) async throws {
        guard postgresConnection != nil else { return }
        try await sql.raw("SELECT pg_notify(\(bind: Self.changeChannel), \(bind: process))").run()
    }

    /// Calls `changed` for every change another process announces, until cancelled. On SQLite it returns at
    /// once. A lost connection is opened again after `retry`; `changed` is called each time listening starts,
    /// because announcements made while no one listened are lost.
    package func listenForChanges(
        ignoring process: String,
        retry: Duration = .seconds(1),
        changed: @escaping @Sendable () -> Void
    ) async {
        guard let configuration = postgresConnection else { return }
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                let connection = try await PostgresConnection.connect(
                    on: databases.eventLoopGroup.any(),
                    configuration: configuration,
                    id: attempt,
                    logger: logger
                ).get()
                do {
                    try await connection.listen(on: Self.changeChannel) { notifications in
                        changed()
                        for try await notification in notifications where notification.payload != process {
                            changed()
                        }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch {
                if Task.isCancelled { return }
                logger.warning("Listening for other processes' changes failed, trying again: \(error)")
            }
            try? await Task.sleep(for: retry)
        }
    }
}
