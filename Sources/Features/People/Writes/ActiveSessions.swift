import Foundation
import FreshgroundWeb
import SQLKit

/// A person's own sessions, as their session list shows them, and signing out the ones they no longer use.
extension Sessions {
    package struct Listed: Sendable, Equatable {
        package let id: Int
        /// The browser and system, such as "Firefox on Linux" (see `DeviceName`).
        package let device: String
        package let createdAt: Date
        /// Kept to the minute; nil for a session started before it was recorded.
        package let lastSeenAt: Date?
        /// The session of the browser asking.
        package let isCurrent: Bool
    }

    /// The person's unexpired sessions: the one whose cookie is `current` first, then the most recently active.
    package func list(personID: Int, current: String?) async throws -> [Listed] {
        let digest = current.map(Token.digest)
        let rows = try await services.store.sql.select()
            .columns("id", "token_digest", "user_agent", "created_at", "last_seen_at").from("sessions")
            .where("person_id", .equal, personID).where("expires_at", .greaterThan, services.clock())
            .rows(SessionRow.self)
        return
            rows.map { row in
                Listed(
                    id: row.id,
                    device: DeviceName.describe(row.userAgent),
                    createdAt: row.createdAt,
                    lastSeenAt: row.lastSeenAt,
                    isCurrent: row.tokenDigest == digest
                )
            }
            .sorted { a, b in
                if a.isCurrent != b.isCurrent { return a.isCurrent }
                let (seenA, seenB) = (a.lastSeenAt ?? a.createdAt, b.lastSeenAt ?? b.createdAt)
                return seenA != seenB ? seenA > seenB : a.id > b.id
            }
    }

    /// Signs out one of the person's other live sessions. Someone else's session, an expired one and the asking
    /// browser's own (`current`) are all answered false, like one that does not exist.
    package func revoke(personID: Int, sessionID: Int, keeping current: String?) async throws -> Bool {
        let sql = services.store.sql
        let select = sql.select().column("id").from("sessions").where("id", .equal, sessionID)
            .where("person_id", .equal, personID).where("expires_at", .greaterThan, services.clock())
        if let current { select.where("token_digest", .notEqual, Token.digest(current)) }
        guard try await select.first() != nil else { return false }
        try await sql.delete(from: "sessions").where("id", .equal, sessionID).where("person_id", .equal, personID)
            .run()
        return true
    }
}

/// A session as the list reads it; the digest only tells which one is the asking browser's.
private struct SessionRow: Decodable {
    let id: Int
    let tokenDigest: String
    let userAgent: String?
    let createdAt: Date
    let lastSeenAt: Date?
}
