import Federation
import FluentKit
import Foundation
import FreshgroundStore
import FreshgroundWeb
import Mail
import SQLKit

/// The version this build of Freshground calls itself, on the admin page and in `/metrics`.
package let freshgroundVersion = "0.17.0"

/// What one volunteer running the site needs to see at a glance: is mail going out, is federation delivering,
/// how much room the data takes, is the schema current. Counts and ages only: no one's address, no group.
struct SiteStatus: Sendable {
    struct Queue: Sendable {
        /// Waiting to be sent (including retries not yet given up).
        var waiting = 0
        /// Given up after the last retry.
        var failed = 0
        /// Sent in the last 24 hours.
        var sentToday = 0
        /// How long the oldest waiting item has waited, in seconds (0 when none waits).
        var oldestAge: TimeInterval = 0
    }

    /// A message that could not be delivered: to which mail domain, when, and the server's answer.
    struct FailedMail: Sendable, Decodable {
        let id: Int
        let recipient: String
        let createdAt: Date
        let lastError: String?

        var domain: String { recipient.split(separator: "@").last.map(String.init) ?? "?" }

        /// The mail server's answer with any address in it cut to its domain: servers often quote the recipient
        /// ("550 <someone@example.org>: no such user").
        var answer: String? {
            lastError?.replacing(/[^\s<>"'(),;:@]+@/, with: "…@")
        }
    }

    var mail = Queue()
    var federation = Queue()
    var failedMail: [FailedMail] = []
    var databaseBytes: Int64 = 0
    var mediaBytes: Int64 = 0
    var pendingMigrations: [String] = []
    var reachable = true

    static func read(services: AppServices, failedLimit: Int = 0) async -> SiteStatus {
        var status = SiteStatus()
        let sql = services.store.sql
        let now = services.clock()
        do {
            status.mail = try await queue(
                "mail_outbox",
                doneColumn: "sent_at",
                maxAttempts: Outbox.maxAttempts,
                now: now,
                on: sql
            )
            status.federation = try await queue(
                "federation_deliveries",
                doneColumn: "delivered_at",
                maxAttempts: Deliveries.maxAttempts,
                now: now,
                on: sql
            )
            if failedLimit > 0 {
                status.failedMail = try await sql.select().columns("id", "recipient", "created_at", "last_error")
                    .from("mail_outbox").where("sent_at", .is, SQLLiteral.null)
                    .where("attempts", .greaterThanOrEqual, SQLBind(Outbox.maxAttempts))
                    .orderBy("id", .descending).limit(failedLimit).rows(FailedMail.self)
            }
            status.pendingMigrations = try await pendingMigrations(on: sql)
            status.databaseBytes = try await databaseSize(services.store)
        } catch {
            status.reachable = false
        }
        status.mediaBytes = folderSize(services.mediaDirectory)
        return status
    }

    private static func queue(
        _ table: String,
        doneColumn: String,
        maxAttempts: Int,
        now: Date,
        on sql: any SQLDatabase
    ) async throws -> Queue {
        struct Row: Decodable {
            let waiting: Int?
            let failed: Int?
            let sentToday: Int?
            let oldest: Date?
        }
        let row = try await sql.raw(
            """
            SELECT SUM(CASE WHEN \(ident: doneColumn) IS NULL AND attempts < \(bind: maxAttempts) THEN 1 ELSE 0 END) \
            AS waiting, \
            SUM(CASE WHEN \(ident: doneColumn) IS NULL AND attempts >= \(bind: maxAttempts) THEN 1 ELSE 0 END) \
            AS failed, \
            SUM(CASE WHEN \(ident: doneColumn) >= \(bind: now.addingTimeInterval(-86_400)) THEN 1 ELSE 0 END) \
            AS sent_today, \
            MIN(CASE WHEN \(ident: doneColumn) IS NULL AND attempts < \(bind: maxAttempts) THEN created_at END) \
            AS oldest \
            FROM \(ident: table)
            """
        ).row(Row.self)
        return Queue(
            waiting: row?.waiting ?? 0,
            failed: row?.failed ?? 0,
            sentToday: row?.sentToday ?? 0,
            oldestAge: row?.oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0
        )
    }

    /// Migrations this build knows that the database has not had.
    static func pendingMigrations(on sql: any SQLDatabase) async throws -> [String] {
        let applied = Set(
            try await sql.select().column("name").from("_fluent_migrations").column("name", as: String.self)
        )
        return allMigrations.map(\.name).filter { !applied.contains($0) }
    }

    private static func databaseSize(_ store: Store) async throws -> Int64 {
        switch store.url {
        case .sqlite(let path):
            return ["", "-wal"].reduce(0) { $0 + fileSize(path + $1) }
        case .postgres:
            let size = try await store.sql.raw("SELECT pg_database_size(current_database()) AS size")
                .value("size", as: Int.self)
            return Int64(size ?? 0)
        }
    }

    private static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    private static func folderSize(_ path: String) -> Int64 {
        guard let files = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total: Int64 = 0
        for case let name as String in files { total += fileSize(path + "/" + name) }
        return total
    }
}
