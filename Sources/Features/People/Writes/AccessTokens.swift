import Foundation
import FreshgroundWeb
import SQLKit

/// Personal access tokens: created and revoked by their owner on a page, shown in full only once.
package struct AccessTokens: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    package struct Listed: Sendable, Decodable {
        package let id: Int
        package let name: String
        package let createdAt: Date
        package let lastUsedAt: Date?
        package let revokedAt: Date?
    }

    /// Creates a token and returns it in full, the only time it is shown; a bad name is `AppError.validation`.
    package func create(personID: Int, name: String) async throws -> String {
        let name = name.trimmingWhitespace()
        guard (1...80).contains(name.count) else {
            throw AppError.validation([
                "name": "Give the token a name of 1 to 80 characters, such as the script that uses it."
            ])
        }
        let token = "fgp_" + Token.random()
        _ = try await services.store.sql.insertReturningID(
            into: "access_tokens",
            ["person_id": personID, "name": name, "token_digest": Token.digest(token), "created_at": services.clock()]
        )
        return token
    }

    /// Revokes one of the person's own tokens; another person's token id is reported as not found.
    package func revoke(personID: Int, tokenID: Int) async throws -> Bool {
        let sql = services.store.sql
        let row = try await sql.select().column("id").from("access_tokens").where("id", .equal, tokenID)
            .where("person_id", .equal, personID).where(SQLIdentifier("revoked_at"), .is, SQLLiteral.null).first()
        guard row != nil else { return false }
        try await sql.update("access_tokens").set("revoked_at", to: services.clock()).where("id", .equal, tokenID).run()
        return true
    }

    package func list(personID: Int) async throws -> [Listed] {
        try await services.store.sql.select().columns("id", "name", "created_at", "last_used_at", "revoked_at")
            .from("access_tokens").where("person_id", .equal, personID).orderBy("id", .descending)
            .rows(Listed.self)
    }

    /// The owner of a live token.
    /// "Last used" is kept to the minute, so a script calling the API in a loop does not turn every read into a
    /// write.
    package func person(token: String) async throws -> CurrentPerson? {
        let sql = services.store.sql
        guard token.hasPrefix("fgp_"),
            let row = try await sql.raw(
                """
                SELECT t.id AS token_id, t.last_used_at, p.id, p.handle, p.display_name, p.is_admin
                FROM access_tokens t JOIN people p ON p.id = t.person_id
                WHERE t.token_digest = \(bind: Token.digest(token)) AND t.revoked_at IS NULL
                """
            ).first()
        else { return nil }
        let now = services.clock()
        let use = try row.decode(TokenUseRow.self)
        if use.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await sql.update("access_tokens").set("last_used_at", to: now).where("id", .equal, use.tokenId).run()
        }
        return try Accounts.decodePerson(row)
    }
}

/// A live token's id and when it was last used (to the minute), beside its owner's columns.
private struct TokenUseRow: Decodable {
    let tokenId: Int
    let lastUsedAt: Date?
}
