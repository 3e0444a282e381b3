import FluentKit
import SQLKit

/// Accounts. Handles are stored lowercased; email is optional so a person can sign up with a pseudonym only.
struct CreatePeople: AsyncMigration {
    var name: String { "CreatePeople" }

    func prepare(on database: any Database) async throws {
        try await database.schema("people")
            .field("id", .int, .identifier(auto: true))
            .field("handle", .string, .required)
            .field("email", .string)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_admin", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "handle")
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
    }
}

/// Sessions live in the database (only a digest of the cookie), so a restart logs nobody out and several
/// processes can share one PostgreSQL.
struct CreateSessions: AsyncMigration {
    var name: String { "CreateSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("id", .int, .identifier(auto: true))
            .field("token_digest", .string, .required)
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX sessions_person ON sessions (person_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}

/// Personal access tokens for the API; revoked tokens are kept (with `revoked_at`) for the person's record.
struct CreateAccessTokens: AsyncMigration {
    var name: String { "CreateAccessTokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema("access_tokens")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX access_tokens_person ON access_tokens (person_id)")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("access_tokens").delete()
    }
}

/// Failed logins, counted per account and per address to throttle guessing; old rows are pruned on write.
struct CreateLoginFailures: AsyncMigration {
    var name: String { "CreateLoginFailures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("login_failures")
            .field("id", .int, .identifier(auto: true))
            .field("account_key", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX login_failures_account ON login_failures (account_key, at)").run()
        try await sql.raw("CREATE INDEX login_failures_address ON login_failures (address, at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_failures").delete()
    }
}

/// Addresses given at sign-up that wait for their link to be followed; only a digest of the link's token is
/// kept. A row goes when its link is used; an expired one is pruned when the next is written.
struct CreateEmailConfirmations: AsyncMigration {
    var name: String { "CreateEmailConfirmations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("email_confirmations")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        try await (database as! any SQLDatabase)
            .raw("CREATE INDEX email_confirmations_expiry ON email_confirmations (expires_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("email_confirmations").delete()
    }
}

/// Links to reset a forgotten password; only a digest of the link's token is kept. A used link keeps its row
/// (with `used_at`) until it expires, so it counts towards the limit on links an hour; expired rows are pruned
/// when the next link is asked for.
struct CreatePasswordResets: AsyncMigration {
    var name: String { "CreatePasswordResets" }

    func prepare(on database: any Database) async throws {
        try await database.schema("password_resets")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_digest")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX password_resets_person ON password_resets (person_id, created_at)").run()
        try await sql.raw("CREATE INDEX password_resets_expiry ON password_resets (expires_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("password_resets").delete()
    }
}

/// The session list: when a session was last used (kept to the minute) and the browser's `User-Agent` (cut to
/// `Sessions.userAgentLimit` characters), so a person can tell their sessions apart. No address is kept. Sessions
/// started before this have neither.
struct AddSessionsLastSeenAndUserAgent: AsyncMigration {
    var name: String { "AddSessionsLastSeenAndUserAgent" }

    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds a single column per ALTER TABLE.
        try await database.schema("sessions").field("last_seen_at", .datetime).update()
        try await database.schema("sessions").field("user_agent", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").deleteField("user_agent").update()
        try await database.schema("sessions").deleteField("last_seen_at").update()
    }
}
