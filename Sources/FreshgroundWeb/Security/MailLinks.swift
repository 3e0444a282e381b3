import FluentKit
import Foundation
import FreshgroundStore
import SQLKit

/// The tokens of links that mail carries and that work without logging in (a one-click unsubscribe), kept only as
/// digests in `mail_link_tokens`. A mail is written long after the subscription it belongs to is made, and a digest
/// cannot be turned back into a link, so the subscription's row holds a key that is never mailed (`newKey`), and
/// every message that carries a link gets a token of its own (`mint`), whose digest points at that key. Every
/// mail's link keeps working for `lifetime`, while a copy of the database opens none of them.
package enum MailLinks {
    /// How long a mailed link works: a year and a month, longer than anyone keeps a mail before unsubscribing.
    package static let lifetime: TimeInterval = 400 * 24 * 3600

    /// A new subscription's key for its mail's links: random, and never mailed.
    package static func newKey() -> String { Token.digest(Token.random()) }

    /// Mints one token for each of `keys`, in order, for `purpose` (such as `"study.unsubscribe"`), keeps only
    /// their digests and forgets the tokens older than `lifetime`, in the caller's transaction, so a mail and its
    /// link are kept or lost together.
    package static func mint(
        _ purpose: String,
        for keys: [String],
        at now: Date,
        on sql: any SQLDatabase
    ) async throws -> [String] {
        guard !keys.isEmpty else { return [] }
        let tokens = keys.map { _ in Token.random() }
        try await sql.insertRows(
            into: "mail_link_tokens",
            columns: ["digest", "purpose", "subject", "created_at"],
            rows: zip(tokens, keys).map { token, key in [Token.digest(token), purpose, key, now] }
        )
        try await sql.delete(from: "mail_link_tokens").where("created_at", .lessThan, now - lifetime).run()
        return tokens
    }

    /// `mint` for one key.
    package static func mint(
        _ purpose: String,
        for key: String,
        at now: Date,
        on sql: any SQLDatabase
    ) async throws
        -> String
    {
        try await mint(purpose, for: [key], at: now, on: sql)[0]
    }

    /// The key a mailed token stands for; nil for a token we could not have minted, an unknown or expired one, or
    /// one minted for another purpose.
    package static func key(
        of token: String,
        _ purpose: String,
        at now: Date,
        on sql: any SQLDatabase
    ) async throws
        -> String?
    {
        guard Token.isWellFormed(token) else { return nil }
        return try await sql.select().column("subject").from("mail_link_tokens")
            .where("digest", .equal, Token.digest(token)).where("purpose", .equal, purpose)
            .where("created_at", .greaterThanOrEqual, now - lifetime)
            .value("subject", as: String.self)
    }
}

/// For a table that kept its mail links' raw tokens in `column` before `mail_link_tokens`: each row's token becomes
/// its digest, which is both the row's key and a link token for it, so links mailed before the upgrade keep working
/// for `MailLinks.lifetime` from it while the database keeps no token. The table needs an integer `id`. The revert
/// forgets the purpose's link tokens; the digests cannot be turned back into tokens.
package struct DigestMailLinkTokens: AsyncMigration {
    package let name: String
    let purpose: String
    let table: String
    let column: String

    package init(_ name: String, purpose: String, table: String, column: String) {
        self.name = name
        self.purpose = purpose
        self.table = table
        self.column = column
    }

    package func prepare(on database: any Database) async throws {
        let now = Date()
        try await database.transaction { database in
            let sql = database as! any SQLDatabase
            let rows = try await sql.select().column("id").column(column, as: "token").from(table).orderBy("id")
                .rows(TokenRow.self)
            // Rows that shared a token share its digest: one link token for both, as the token stood for both.
            var recorded = Set<String>()
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(rows.count, start + 1_000)]
                let digests = chunk.map { Token.digest($0.token) }
                try await sql.insertRows(
                    into: "mail_link_tokens",
                    columns: ["digest", "purpose", "subject", "created_at"],
                    rows: digests.filter { recorded.insert($0).inserted }.map { [$0, purpose, $0, now] }
                )
                let cases = zip(chunk, digests).map { row, digest in
                    "WHEN \(bind: row.id) THEN \(bind: digest)" as SQLQueryString
                }
                try await sql.raw(
                    """
                    UPDATE \(ident: table) SET \(ident: column) = CASE id \(cases.joined(separator: " ")) END \
                    WHERE id IN (\(binds: chunk.map(\.id)))
                    """
                ).run()
                start += chunk.count
            }
        }
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).delete(from: "mail_link_tokens").where("purpose", .equal, purpose)
            .run()
    }

    private struct TokenRow: Decodable {
        let id: Int
        let token: String
    }
}
