import FluentKit
import FreshgroundCore
import FreshgroundStore
import SQLKit

/// Posts grow into publications in place: the columns a publication needs beyond a post. One column per
/// `ALTER` because SQLite adds one at a time. `body_html` is rendered once at write time, so reading a page
/// never runs the Markdown renderer; `published_at` orders the library; `created_at` stays the time the
/// piece appeared in its group's feed (for a publication, the moment it was accepted).
struct ExtendPostsForPublications: AsyncMigration {
    var name: String { "ExtendPostsForPublications" }

    func prepare(on database: any Database) async throws {
        let text: [String] = [
            "summary", "body_html", "byline", "link_url", "link_source", "media_url", "media_type", "media_file",
        ]
        for column in text {
            try await database.schema("posts").field(
                FieldKey(stringLiteral: column),
                .string,
                .required,
                .sql(.default(""))
            )
            .update()
        }
        try await database.schema("posts").field("media_size", .int64, .required, .sql(.default(0))).update()
        try await database.schema("posts").field("published_at", .datetime).update()
        try await database.schema("posts").field("updated_at", .datetime).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX posts_library ON posts (status, published_at)").run()
        try await sql.raw("CREATE INDEX posts_author ON posts (author_id, status)").run()
    }

    func revert(on database: any Database) async throws {}
}

/// The names a publication is signed with. `person_id` is set only when a name is the account's own and the
/// author did not ask for a pseudonym, so a pseudonymous byline has no row pointing at anyone.
struct CreatePublicationTables: AsyncMigration {
    var name: String { "CreatePublicationTables" }

    func prepare(on database: any Database) async throws {
        try await database.schema("post_authors")
            .field("id", .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references("posts", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("name", .string, .required)
            .create()
        // Every group that publishes a piece, the journal it was accepted by included; a co-publisher is
        // listed once its editors accept.
        try await database.schema("post_publishers")
            .field("id", .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references("posts", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("invited_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "post_id", "group_id")
            .create()
        try await database.schema("post_tags")
            .field("id", .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references("posts", "id", onDelete: .cascade))
            .field("tag", .string, .required)
            .unique(on: "post_id", "tag")
            .create()
        // The inquiry form of a report from below.
        try await database.schema("post_reports")
            .field("post_id", .int, .identifier(auto: false), .references("posts", "id", onDelete: .cascade))
            .field("place_kind", .string, .required)
            .field("sector", .string, .required)
            .field("city", .string, .required)
            .field("place_name", .string, .required)
            .field("hide_place", .bool, .required)
            .field("happening", .string, .required)
            .field("doing", .string, .required)
            .field("worked", .string, .required)
            .field("needs", .string, .required)
            .create()
        // Every step of the editorial workflow, kept.
        try await database.schema("post_reviews")
            .field("id", .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references("posts", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("actor_id", .int, .references("people", "id", onDelete: .setNull))
            .field("action", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX post_authors_post ON post_authors (post_id, position)").run()
        try await sql.raw("CREATE INDEX post_publishers_group ON post_publishers (group_id, status, post_id)").run()
        try await sql.raw("CREATE INDEX post_tags_tag ON post_tags (tag, post_id)").run()
        try await sql.raw("CREATE INDEX post_reviews_post ON post_reviews (post_id, id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["post_reviews", "post_reports", "post_tags", "post_publishers", "post_authors"] {
            try await database.schema(table).delete()
        }
    }
}

/// Centers' and coalitions' recommendations, and the journal's running tally of them per piece (kept so the
/// journal page reads an index instead of grouping every recommendation).
struct CreateRecommendations: AsyncMigration {
    var name: String { "CreateRecommendations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("recommendations")
            .field("id", .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references("posts", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("note", .string, .required)
            .field("announcement_id", .int)
            .field("created_at", .datetime, .required)
            .unique(on: "post_id", "group_id")
            .create()
        try await database.schema("journal_entries")
            .field("post_id", .int, .identifier(auto: false), .references("posts", "id", onDelete: .cascade))
            .field("recommendations", .int, .required)
            .field("latest_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX journal_latest ON journal_entries (latest_at)").run()
        try await sql.raw("CREATE INDEX journal_most ON journal_entries (recommendations, latest_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("journal_entries").delete()
        try await database.schema("recommendations").delete()
    }
}

/// Ordered lists of publications kept by a person or a group.
struct CreateReadingLists: AsyncMigration {
    var name: String { "CreateReadingLists" }

    func prepare(on database: any Database) async throws {
        try await database.schema("reading_lists")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .references("people", "id", onDelete: .cascade))
            .field("group_id", .int, .references("groups", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("is_public", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("reading_list_items")
            .field("id", .int, .identifier(auto: true))
            .field("list_id", .int, .required, .references("reading_lists", "id", onDelete: .cascade))
            .field("post_id", .int, .required, .references("posts", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("note", .string, .required)
            .unique(on: "list_id", "post_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX reading_lists_person ON reading_lists (person_id)").run()
        try await sql.raw("CREATE INDEX reading_lists_group ON reading_lists (group_id)").run()
        try await sql.raw("CREATE INDEX reading_list_items_list ON reading_list_items (list_id, position)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reading_list_items").delete()
        try await database.schema("reading_lists").delete()
    }
}

/// A report from below keeps the author's own text beside the four questions (it was dropped before; reports
/// written then have none).
struct AddPostReportsText: AsyncMigration {
    var name: String { "AddPostReportsText" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE post_reports ADD COLUMN text TEXT NOT NULL DEFAULT ''").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("post_reports").deleteField("text").update()
    }
}

/// Every post's `body_html` filled in. Plain group posts were stored without it, so each page that listed one ran
/// the Markdown renderer; now they are rendered when written, like publications, and this renders the older ones
/// a thousand at a time.
struct RenderPostBodies: AsyncMigration {
    var name: String { "RenderPostBodies" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        var after = 0
        while true {
            let rows = try await sql.raw(
                """
                SELECT id, body FROM posts WHERE body_html = '' AND body <> '' AND id > \(bind: after)
                ORDER BY id LIMIT 1000
                """
            ).rows(UnrenderedPost.self)
            guard let last = rows.last else { return }
            try await database.transaction { database in
                let sql = database as! any SQLDatabase
                for row in rows {
                    try await sql.update("posts").set("body_html", to: Markdown.html(row.body))
                        .where("id", .equal, row.id).run()
                }
            }
            after = last.id
        }
    }

    func revert(on database: any Database) async throws {}
}

private struct UnrenderedPost: Decodable {
    let id: Int
    let body: String
}
