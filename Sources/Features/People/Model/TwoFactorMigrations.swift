import FluentKit
import SQLKit

/// A person's TOTP secret for two-factor sign-in. The secret is kept as it is, not as a digest: every code is
/// computed from it. `confirmed_at` is empty while the person is still setting it up (until they typed a code it
/// gives); `last_step` is the newest 30-second step whose code was accepted, so a code is never accepted twice.
struct CreatePersonTOTP: AsyncMigration {
    var name: String { "CreatePersonTOTP" }

    func prepare(on database: any Database) async throws {
        try await database.schema("person_totp")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("secret", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("last_step", .int64)
            .unique(on: "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_totp").delete()
    }
}

/// Single-use recovery codes for when the authenticator is lost; only their digests are kept, and a used one
/// keeps its row with `used_at`, so the page can say how many are left.
struct CreatePersonRecoveryCodes: AsyncMigration {
    var name: String { "CreatePersonRecoveryCodes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("person_recovery_codes")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("code_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
        try await (database as! any SQLDatabase)
            .raw("CREATE INDEX person_recovery_codes_person ON person_recovery_codes (person_id, code_digest)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_recovery_codes").delete()
    }
}

/// Log-ins whose password was right and that wait for the second factor: a digest of the browser's pending-login
/// cookie, for a few minutes and one use. Expired rows are pruned when the next is written.
struct CreatePendingLogins: AsyncMigration {
    var name: String { "CreatePendingLogins" }

    func prepare(on database: any Database) async throws {
        try await database.schema("pending_logins")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pending_logins").delete()
    }
}

/// Settings of the whole site that its administrators change on its pages (not in the configuration file), by
/// key; a missing key is its default.
struct CreateSiteSettings: AsyncMigration {
    var name: String { "CreateSiteSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("site_settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("site_settings").delete()
    }
}
