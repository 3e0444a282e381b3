import FluentKit
import SQLKit

/// An address to write to the official at, for accountability reviews; shown only to the recording group's
/// organizers.
struct AddOfficialsContactEmail: AsyncMigration {
    var name: String { "AddOfficialsContactEmail" }

    func prepare(on database: any Database) async throws {
        try await database.schema("officials").field("contact_email", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("officials").deleteField("contact_email").update()
    }
}

/// Accountability reviews: an endorsing group asks the official in writing to answer by a day (through a mailed
/// link whose token is kept only as a digest), stores the answer once, and puts the outcome to its members' vote.
struct CreateOfficialReviews: AsyncMigration {
    var name: String { "CreateOfficialReviews" }

    func prepare(on database: any Database) async throws {
        try await database.schema("official_reviews")
            .field("id", .int, .identifier(auto: true))
            .field("official_id", .int, .required, .references("officials", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("questions", .string, .required)
            .field("questions_html", .string, .required)
            .field("reply_by", .string, .required)
            .field("token", .string, .required)
            .field("answer", .string)
            .field("answer_html", .string)
            .field("answered_at", .datetime)
            .field("vote_opened_at", .datetime)
            .field("decision_id", .int, .references("decisions", "id", onDelete: .setNull))
            .field("outcome", .string)
            .field("opened_by", .int, .references("people", "id", onDelete: .setNull))
            .field("opened_at", .datetime, .required)
            .unique(on: "token")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX official_reviews_official ON official_reviews (official_id, id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("official_reviews").delete()
    }
}

/// The day to answer by is `reply_until`: a column ending in `_by` names a person throughout the schema (the
/// account deletion checks read every such column as one).
struct RenameOfficialReviewsReplyBy: AsyncMigration {
    var name: String { "RenameOfficialReviewsReplyBy" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw(
            "ALTER TABLE official_reviews RENAME COLUMN reply_by TO reply_until"
        )
        .run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw(
            "ALTER TABLE official_reviews RENAME COLUMN reply_until TO reply_by"
        )
        .run()
    }
}
