import FluentKit
import SQLKit

/// What a person is told of, newest first on their notifications page. `read_at` is set when they open it or mark
/// all as read; `mailed_at` once it went out by mail (at once or in a daily digest), so none is mailed twice.
struct CreateNotifications: AsyncMigration {
    var name: String { "CreateNotifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("path", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("mailed_at", .datetime)
            .create()
        // The header's unread count on every signed-in page is one COUNT over this index.
        try await (database as! any SQLDatabase)
            .raw("CREATE INDEX notifications_person_read ON notifications (person_id, read_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notifications").delete()
    }
}

/// How a person wants mail of one kind (`now`, `digest` or `none`; no row means `now`), and the unguessable token
/// of that kind's one-click unsubscribe link, which works without logging in.
struct CreateNotificationSettings: AsyncMigration {
    var name: String { "CreateNotificationSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("notification_settings")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("delivery", .string, .required)
            .field("unsubscribe_token", .string, .required)
            .unique(on: "person_id", "kind")
            .unique(on: "unsubscribe_token")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notification_settings").delete()
    }
}

/// The daily digest looks among the notifications not yet mailed, by age; this keeps that a small range scan.
struct IndexUnmailedNotifications: AsyncMigration {
    var name: String { "IndexUnmailedNotifications" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase)
            .raw("CREATE INDEX notifications_unmailed ON notifications (created_at) WHERE mailed_at IS NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX notifications_unmailed").run()
    }
}

/// Who caused a notification (the person acting, when the feature names one), so that when that person deletes
/// their account, exactly the notifications that name them are rewritten, and nobody else's text is touched.
struct AddNotificationsActor: AsyncMigration {
    var name: String { "AddNotificationsActor" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE notifications ADD COLUMN actor_id BIGINT").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE notifications DROP COLUMN actor_id").run()
    }
}
