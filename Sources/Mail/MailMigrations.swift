import FluentKit
import SQLKit

/// The mail feature's tables, in order. The assembly runs them before every feature's, since features queue
/// mail. Their names are fixed strings, so databases made before they moved here migrate without change.
package let mailMigrations: [any Migration] = [
    CreateOutbox(), AddOutboxLists(), CreateMailLinkTokens(), ForgetSentMailBodies(),
]

/// The table of mail waiting to go out, so a message survives a restart or a mail server that is down. A row
/// is sent when `sent_at` is set; it is given up when `attempts` reaches `Outbox.maxAttempts` unsent.
package struct CreateOutbox: AsyncMigration {
    package init() {}

    package var name: String { "CreateOutbox" }

    package func prepare(on database: any Database) async throws {
        try await database.schema("mail_outbox")
            .field("id", .int, .identifier(auto: true))
            .field("recipient", .string, .required)
            .field("recipient_name", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .create()
        try await (database as! any SQLDatabase)
            .raw("CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at)").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("mail_outbox").delete()
    }
}

/// Adds what list mail needs to the outbox: the list headers of each message, and the batch (such as one study
/// session's report) it belongs to, so its senders can see what went out and what failed.
package struct AddOutboxLists: AsyncMigration {
    package init() {}

    package var name: String { "AddOutboxLists" }

    package func prepare(on database: any Database) async throws {
        // SQLite adds one column a statement.
        for column in ["list_name", "list_id", "unsubscribe_url", "batch"] {
            try await database.schema("mail_outbox").field(FieldKey(stringLiteral: column), .string).update()
        }
        try await (database as! any SQLDatabase)
            .raw("CREATE INDEX mail_outbox_batch ON mail_outbox (batch, sent_at)").run()
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX mail_outbox_batch").run()
        for column in ["list_name", "list_id", "unsubscribe_url", "batch"] {
            try await database.schema("mail_outbox").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}

/// The tokens of the links that mail carries and that work without logging in (one-click unsubscribe), kept only as
/// their SHA-256 digests: each message gets a token of its own, whose digest points at the `subject` it stands for
/// (a key that the feature's row holds, never mailed) for one `purpose`. `MailLinks` in FreshgroundWeb mints and
/// reads them, and forgets them by `created_at` once they are too old to work.
package struct CreateMailLinkTokens: AsyncMigration {
    package init() {}

    package var name: String { "CreateMailLinkTokens" }

    package func prepare(on database: any Database) async throws {
        try await database.schema("mail_link_tokens")
            .field("digest", .string, .identifier(auto: false))
            .field("purpose", .string, .required)
            .field("subject", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase)
            .raw("CREATE INDEX mail_link_tokens_created ON mail_link_tokens (created_at)").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("mail_link_tokens").delete()
    }
}

/// Mail sent or given up before the outbox forgot bodies on sending: its bodies and unsubscribe links, which hold
/// raw tokens, are blanked the same way. Nothing to undo.
package struct ForgetSentMailBodies: AsyncMigration {
    package init() {}

    package var name: String { "ForgetSentMailBodies" }

    package func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).update("mail_outbox")
            .set("body", to: SQLBind("")).set("unsubscribe_url", to: SQLLiteral.null)
            .where("sent_at", .isNot, SQLLiteral.null)
            .orWhere("attempts", .greaterThanOrEqual, SQLBind(Outbox.maxAttempts))
            .run()
    }

    package func revert(on database: any Database) async throws {}
}
