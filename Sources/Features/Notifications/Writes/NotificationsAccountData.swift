import FreshgroundStore
import FreshgroundWeb
import People
import SQLKit

/// What Notifications holds about a person, for their download and their account's deletion: their
/// notifications and their choices of how each kind reaches them, which go with the account; in other people's
/// notifications their name becomes "deleted account".
extension NotificationsFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        return [
            "notifications": try await AccountRecords.rows(
                """
                SELECT kind, title, body, path, created_at, read_at, mailed_at FROM notifications \
                WHERE person_id = \(bind: person) ORDER BY id
                """,
                on: sql
            ),
            "notificationSettings": try await AccountRecords.rows(
                "SELECT kind, delivery FROM notification_settings WHERE person_id = \(bind: person) ORDER BY kind",
                on: sql
            ),
        ]
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        for table in ["notifications", "notification_settings"] {
            try await sql.delete(from: table).where("person_id", .equal, person).run()
        }
        // Other people's notifications that name the person ("Message from …") name a deleted account instead.
        let name = try await sql.raw(
            """
            SELECT CASE WHEN display_name = '' THEN handle ELSE display_name END AS name FROM people \
            WHERE id = \(bind: person)
            """
        ).value("name", as: String.self)
        guard let name, !name.isEmpty else { return }
        let pattern = "%" + name + "%"
        try await sql.raw(
            """
            UPDATE notifications SET title = REPLACE(title, \(bind: name), \(bind: AccountLife.deletedName)), \
            body = REPLACE(body, \(bind: name), \(bind: AccountLife.deletedName)) \
            WHERE title LIKE \(bind: pattern) OR body LIKE \(bind: pattern)
            """
        ).run()
    }
}
