import FluentKit
import SQLKit

/// Officials a group endorsed and holds to account: their pledges (every version kept), the group's scoring
/// criteria (every version kept, dated when published) and their votes, entered by hand or imported.
struct CreateOfficials: AsyncMigration {
    var name: String { "CreateOfficials" }

    func prepare(on database: any Database) async throws {
        try await database.schema("officials")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("office", .string, .required)
            .field("jurisdiction", .string, .required)
            .field("term_starts_on", .string, .required)
            .field("term_ends_on", .string, .required)
            .field("popolo_id", .string)
            .field("ocd_id", .string)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("official_pledges")
            .field("id", .int, .identifier(auto: true))
            .field("official_id", .int, .required, .references("officials", "id", onDelete: .cascade))
            .field("topic", .string, .required)
            .field("version", .int, .required)
            .field("question", .string, .required)
            .field("answer", .string, .required)
            .field("stance", .string, .required)
            .field("answered_on", .string, .required)
            .field("source_url", .string, .required)
            .field("recorded_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "official_id", "topic", "version")
            .create()
        try await database.schema("official_criteria")
            .field("official_id", .int, .required, .references("officials", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("absences", .string, .required)
            .field("abstentions", .string, .required)
            .field("text", .string, .required)
            .field("published_on", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .int, .references("people", "id", onDelete: .setNull))
            .compositeIdentifier(over: "official_id", "version")
            .create()
        try await database.schema("official_votes")
            .field("id", .int, .identifier(auto: true))
            .field("official_id", .int, .required, .references("officials", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("source_key", .string)
            .field("motion", .string, .required)
            .field("voted_on", .string, .required)
            .field("option", .string, .required)
            .field("tally", .string, .required)
            .field("result", .string, .required)
            .field("pledge_topic", .string)
            .field("position", .string, .required)
            .field("recorded_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "official_id", "source", "source_key")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX officials_group ON officials (group_id, name)").run()
        try await sql.raw("CREATE INDEX official_votes_day ON official_votes (official_id, voted_on)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("official_votes").delete()
        try await database.schema("official_criteria").delete()
        try await database.schema("official_pledges").delete()
        try await database.schema("officials").delete()
    }
}
