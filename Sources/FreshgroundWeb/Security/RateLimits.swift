import Crypto
import FluentKit
import Foundation
import FreshgroundCore
import SQLKit

/// Limits on the writes that cost other people something: new accounts, posts, and writes that send mail. Each
/// limit counts events in the database, so it holds across a restart and across servers that share one
/// PostgreSQL. A key (a person, or a network address for someone without an account) is kept only as a digest,
/// and only for the limit's window: the table never says who or where, and forgets within a day.
package struct RateLimit: Sendable {
    package let name: String
    package let limit: Int
    package let window: TimeInterval
    /// What is counted, for the refusal: "new accounts from one network address".
    package let what: String

    /// Accounts made from one network address.
    package static let signUp = RateLimit(
        name: "signup",
        limit: 10,
        window: 3600,
        what: "new accounts from one network address"
    )
    /// Posts, pieces, debate replies and other things one person publishes.
    package static let posting = RateLimit(name: "post", limit: 30, window: 3600, what: "posts")
    /// Writes that send mail to an address someone typed (an RSVP or a signature without an account, a new email
    /// address for an account).
    package static let mail = RateLimit(name: "mail", limit: 10, window: 3600, what: "requests that send mail")

    /// Counts one more event for `key`, or refuses with `AppError.rateLimited` once `limit` were counted within
    /// the window, saying when the next is allowed.
    package func take(_ key: String?, on sql: any SQLDatabase, now: Date) async throws {
        guard let key else { return }
        let bucket = "\(name):" + SHA256.hash(data: Data(key.utf8)).prefix(16).hex
        let times = try await sql.select().column("at").from("rate_events").where("bucket", .equal, bucket)
            .where("at", .greaterThan, SQLBind(now.addingTimeInterval(-window))).orderBy("at")
            .column("at", as: Date.self)
        if times.count >= limit, let oldest = times.first {
            let seconds = max(1, Int(oldest.addingTimeInterval(window).timeIntervalSince(now).rounded(.up)))
            let minutes = (seconds + 59) / 60
            throw AppError.rateLimited(
                "That is more than \(limit) \(what) in an hour, the most this site allows. Try again in \(minutes) "
                    + "minute\(minutes == 1 ? "" : "s"); what you wrote is kept below.",
                retryAfterSeconds: seconds
            )
        }
        try await sql.insert(into: "rate_events").columns("bucket", "at").values(SQLBind(bucket), SQLBind(now)).run()
    }

    /// Forgets the events older than a day, longer than any limit's window. The reminder service calls it every
    /// few minutes, so a limited write never pays for the clean-up; returns how many were forgotten.
    @discardableResult
    package static func forgetOld(on sql: any SQLDatabase, now: Date) async throws -> Int {
        try await sql.delete(from: "rate_events").where("at", .lessThan, SQLBind(now.addingTimeInterval(-86_400)))
            .returning("bucket").all().count
    }

    /// Counts one more event for whoever sent the request: the signed-in person, else their network address.
    package func take(for context: AppContext, services: AppServices) async throws {
        let key = context.person.map { Self.person($0.id) } ?? Self.address(context.remoteAddress)
        try await take(key, on: services.store.sql, now: services.clock())
    }

    /// The key for a signed-in person.
    package static func person(_ id: Int) -> String { "person:\(id)" }
    /// The key for someone without an account, by the address their request came from; none for the machine
    /// itself. Behind a reverse proxy that is not listed in `HTTP_TRUSTED_PROXIES`, every request seems to come
    /// from the proxy on loopback, and one count for everyone would shut the site to all; so loopback (and an
    /// unknown peer) is not limited by address.
    package static func address(_ address: String) -> String? {
        ["127.0.0.1", "::1", "localhost", "unknown"].contains(address) ? nil : "address:\(address)"
    }
}

package struct CreateRateEvents: AsyncMigration {
    package init() {}

    package var name: String { "CreateRateEvents" }

    package func prepare(on database: any Database) async throws {
        try await database.schema("rate_events")
            .field("id", .int, .identifier(auto: true))
            .field("bucket", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX rate_events_bucket ON rate_events (bucket, at)").run()
        try await sql.raw("CREATE INDEX rate_events_at ON rate_events (at)").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("rate_events").delete()
    }
}
