import FreshgroundStore
import FreshgroundWeb
import People
import SQLKit

/// What the Library holds about a person, for their download and their account's deletion. Their own reading
/// lists and debate moderation go with the account; published pieces and debate positions stay (a journal's
/// record) under "deleted account", bylines included; unpublished pieces and debate replies go when they choose
/// (a removed reply keeps its place in the thread, emptied, so the replies to it stay readable); reviews,
/// corrections, recommendations and moderation they did stay under the emptied account.
extension LibraryFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        func rows(_ query: SQLQueryString) async throws -> JSONValue { try await AccountRecords.rows(query, on: sql) }
        return [
            "pieces": try await rows(
                """
                SELECT p.id, p.kind, p.status, p.title, p.body, p.created_at, p.published_at, p.updated_at FROM posts p \
                WHERE p.author_id = \(bind: person) AND p.kind <> 'post' ORDER BY p.id
                """
            ),
            "bylines": try await rows(
                "SELECT post_id, name FROM post_authors WHERE person_id = \(bind: person) ORDER BY post_id"
            ),
            "readingLists": try await rows(
                """
                SELECT l.id, l.title, l.description, l.is_public, l.created_at, \
                (SELECT COUNT(*) FROM reading_list_items i WHERE i.list_id = l.id) AS items \
                FROM reading_lists l WHERE l.person_id = \(bind: person) ORDER BY l.id
                """
            ),
            "readingListItems": try await rows(
                """
                SELECT i.* FROM reading_list_items i JOIN reading_lists l ON l.id = i.list_id \
                WHERE l.person_id = \(bind: person) ORDER BY i.id
                """
            ),
            "correctionsMade": try await rows(
                """
                SELECT post_id, by_editor, note, title_after, created_at FROM post_corrections \
                WHERE person_id = \(bind: person) ORDER BY id
                """
            ),
            "recommendationsMade": try await rows(
                "SELECT post_id, note, created_at FROM recommendations WHERE person_id = \(bind: person) ORDER BY id"
            ),
            "reviewsDone": try await rows(
                "SELECT r.* FROM post_reviews r WHERE r.actor_id = \(bind: person) ORDER BY r.id"
            ),
            "debatesOpened": try await rows(
                "SELECT id, question, description, created_at FROM debates WHERE opener_id = \(bind: person) ORDER BY id"
            ),
            "debatesModerated": try await rows(
                "SELECT debate_id FROM debate_moderators WHERE person_id = \(bind: person) ORDER BY debate_id"
            ),
            "positions": try await rows(
                "SELECT p.* FROM positions p WHERE p.author_id = \(bind: person) ORDER BY p.id"
            ),
            "replies": try await rows(
                """
                SELECT id, debate_id, position_id, parent_id, stance, body, hidden_reason, created_at FROM replies \
                WHERE author_id = \(bind: person) ORDER BY id
                """
            ),
            "moderationDone": try await rows(
                """
                SELECT debate_id, reply_id, action, reason, created_at FROM moderation_log \
                WHERE moderator_id = \(bind: person) ORDER BY id
                """
            ),
        ]
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        try await sql.delete(from: "reading_lists").where("person_id", .equal, person).where(
            "group_id",
            .is,
            SQLLiteral.null
        )
        .run()
        try await sql.delete(from: "debate_moderators").where("person_id", .equal, person).run()
        // A byline in the account's own name (not a pseudonym) becomes "deleted account", co-authors kept.
        try await sql.raw(
            """
            UPDATE posts SET byline = REPLACE(byline, (SELECT a.name FROM post_authors a WHERE a.post_id = posts.id \
            AND a.person_id = \(bind: person) ORDER BY a.position LIMIT 1), \(bind: AccountLife.deletedName)) \
            WHERE id IN (SELECT post_id FROM post_authors WHERE person_id = \(bind: person))
            """
        ).run()
        try await sql.update("post_authors").set("name", to: AccountLife.deletedName).where("person_id", .equal, person)
            .run()
        if !keepWriting {
            try await sql.delete(from: "posts").where("author_id", .equal, person).where("kind", .notEqual, "post")
                .where("status", .notEqual, "published").run()
            try await sql.update("replies").set("body", to: "").set("body_html", to: "")
                .set("hidden_reason", to: "removed by its author, whose account is deleted")
                .where("author_id", .equal, person).run()
        }
        // Pieces gone with the person's groups or unpublished drafts leave nothing in the search index.
        let doc = sql.dialect.name == "sqlite" ? "rowid" : "doc_id"
        try await sql.raw(
            """
            DELETE FROM search_docs WHERE \(unsafeRaw: doc) > 0 AND \(unsafeRaw: doc) NOT IN (SELECT id FROM posts)
            """
        ).run()
    }
}
