import FreshgroundWeb
import SQLKit

/// What People holds about a person, for their download and their account's deletion: the account itself,
/// sessions, access tokens, links waiting for their address or a new password, failed log-ins under their
/// handle or address, and mail queued to them. Secrets (password hash, token digests) are never in a download.
extension PeopleFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        return [
            "account": try await AccountRecords.rows(
                "SELECT id, handle, display_name, email, is_admin, created_at FROM people WHERE id = \(bind: person)",
                on: sql
            ),
            "sessions": try await AccountRecords.rows(
                """
                SELECT created_at, expires_at, last_seen_at, user_agent FROM sessions WHERE person_id = \(bind: person) \
                ORDER BY created_at
                """,
                on: sql
            ),
            "accessTokens": try await AccountRecords.rows(
                """
                SELECT name, created_at, last_used_at, revoked_at FROM access_tokens WHERE person_id = \(bind: person) \
                ORDER BY created_at
                """,
                on: sql
            ),
            "emailConfirmations": try await AccountRecords.rows(
                "SELECT email, created_at, expires_at FROM email_confirmations WHERE person_id = \(bind: person)",
                on: sql
            ),
            "passwordResets": try await AccountRecords.rows(
                "SELECT created_at, expires_at, used_at FROM password_resets WHERE person_id = \(bind: person)",
                on: sql
            ),
            "mail": try await AccountRecords.rows(
                """
                SELECT subject, created_at, sent_at FROM mail_outbox \
                WHERE recipient = (SELECT email FROM people WHERE id = \(bind: person)) ORDER BY created_at
                """,
                on: sql
            ),
        ]
    }

    /// Ends every session and access token and removes the links, failed log-ins and mail that name the person;
    /// the account's row itself is emptied last, by `AccountLife.delete`.
    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        for table in ["sessions", "access_tokens", "email_confirmations", "password_resets"] {
            try await sql.delete(from: table).where("person_id", .equal, person).run()
        }
        try await sql.raw(
            """
            DELETE FROM login_failures WHERE account_key IN (SELECT handle FROM people WHERE id = \(bind: person)) \
            OR account_key IN (SELECT email FROM people WHERE id = \(bind: person))
            """
        ).run()
        try await sql.raw(
            "DELETE FROM mail_outbox WHERE recipient IN (SELECT email FROM people WHERE id = \(bind: person))"
        ).run()
    }
}
