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
        // Other people's notifications caused by the person ("mara asked to join …") name a deleted account
        // instead, in their titles only: the rows say who acted, so no other notification's text is touched. A
        // message's text they wrote goes with their messages.
        let who = try await sql.raw(
            """
            SELECT handle, CASE WHEN display_name = '' THEN handle ELSE display_name END AS name FROM people \
            WHERE id = \(bind: person)
            """
        ).row(Named.self)
        if let who, !who.name.isEmpty {
            try await sql.raw(
                """
                UPDATE notifications \
                SET title = REPLACE(REPLACE(title, \(bind: " (@" + who.handle + ")"), ''), \(bind: who.name), \
                \(bind: AccountLife.deletedName)) WHERE actor_id = \(bind: person)
                """
            ).run()
        }
        try await sql.update("notifications").set("body", to: "").where("actor_id", .equal, person)
            .where("kind", .equal, NotificationKind.message.rawValue).run()
        try await sql.update("notifications").set("actor_id", to: SQLLiteral.null).where("actor_id", .equal, person)
            .run()
    }
}

/// A person's handle and shown name, to take out of the notifications they caused.
private struct Named: Decodable {
    let handle: String
    let name: String
}
