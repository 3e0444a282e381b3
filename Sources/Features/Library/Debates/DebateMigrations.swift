import FluentKit
import FreshgroundStore
import SQLKit

/// Debates across groups: positions, threaded replies, moderators and a public moderation log.
/// `replies.path` is the chain of zero-padded ids from the thread's first reply, so one indexed range scan
/// returns a whole position's thread in reading order.
struct CreateDebates: AsyncMigration {
    var name: String { "CreateDebates" }

    func prepare(on database: any Database) async throws {
        try await database.schema("debates")
            .field("id", .int, .identifier(auto: true))
            .field("question", .string, .required)
            .field("description", .string, .required)
            .field("description_html", .string, .required)
            .field("opener_id", .int, .references("people", "id", onDelete: .setNull))
            .field("post_id", .int, .references("posts", "id", onDelete: .setNull))
            .field("summary", .string, .required)
            .field("summary_html", .string, .required)
            .field("summary_at", .datetime)
            .field("closed_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("debate_moderators")
            .field("id", .int, .identifier(auto: true))
            .field("debate_id", .int, .required, .references("debates", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "debate_id", "person_id")
            .create()
        try await database.schema("positions")
            .field("id", .int, .identifier(auto: true))
            .field("debate_id", .int, .required, .references("debates", "id", onDelete: .cascade))
            .field("author_id", .int, .references("people", "id", onDelete: .setNull))
            .field("group_id", .int, .references("groups", "id", onDelete: .setNull))
            .field("statement", .string, .required)
            .field("argument", .string, .required)
            .field("argument_html", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("replies")
            .field("id", .int, .identifier(auto: true))
            .field("debate_id", .int, .required, .references("debates", "id", onDelete: .cascade))
            .field("position_id", .int, .required, .references("positions", "id", onDelete: .cascade))
            .field("parent_id", .int)
            .field("path", .string, .required)
            .field("depth", .int, .required)
            .field("author_id", .int, .references("people", "id", onDelete: .setNull))
            .field("stance", .string, .required)
            .field("body", .string, .required)
            .field("body_html", .string, .required)
            .field("hidden_reason", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("moderation_log")
            .field("id", .int, .identifier(auto: true))
            .field("debate_id", .int, .required, .references("debates", "id", onDelete: .cascade))
            .field("reply_id", .int, .required, .references("replies", "id", onDelete: .cascade))
            .field("moderator_id", .int, .references("people", "id", onDelete: .setNull))
            .field("action", .string, .required)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX debates_time ON debates (created_at)").run()
        try await sql.raw("CREATE INDEX debates_post ON debates (post_id)").run()
        try await sql.raw("CREATE INDEX positions_debate ON positions (debate_id, id)").run()
        try await sql.raw("CREATE INDEX replies_thread ON replies (debate_id, position_id, path)").run()
        try await sql.raw("CREATE INDEX moderation_log_debate ON moderation_log (debate_id, id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["moderation_log", "replies", "positions", "debate_moderators", "debates"] {
            try await database.schema(table).delete()
        }
    }
}

let libraryMigrations: [any Migration] = [
    ExtendPostsForPublications(), CreatePublicationTables(), CreateRecommendations(), CreateReadingLists(),
    CreateDebates(), CreateSearchIndex(), AddPostReportsText(), CreatePostCorrections(), AddRemoteReplies(),
    // a piece typed by its title in a form (PieceChoices), ignoring case as the database folds it
    AddIndex("IndexPostsByTitle", index: "posts_title_folded", "ON posts (lower(title))"),
    RenderPostBodies(),
]

/// A reply may come from a person on another server: `origin` is its id there, `actor_uri` who wrote it, and
/// `remote_name` the name it is shown under (there is no account here).
struct AddRemoteReplies: AsyncMigration {
    var name: String { "AddRemoteReplies" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in ["origin", "actor_uri", "remote_name"] {
            try await sql.raw("ALTER TABLE replies ADD COLUMN \(unsafeRaw: column) TEXT").run()
        }
        try await sql.raw("CREATE UNIQUE INDEX replies_origin ON replies (origin)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX replies_origin").run()
        for column in ["remote_name", "actor_uri", "origin"] {
            try await sql.raw("ALTER TABLE replies DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
