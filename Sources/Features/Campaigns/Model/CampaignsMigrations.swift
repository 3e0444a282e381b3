import FluentKit
import SQLKit

/// Campaigns, the groups taking part in them and each group's own statements (never updated: every version is
/// a new row, so a withdrawn group's words and their history stay).
struct CreateCampaigns: AsyncMigration {
    var name: String { "CreateCampaigns" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaigns")
            .field("id", .int, .identifier(auto: true))
            .field("lead_group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("summary_html", .string, .required)
            .field("is_public", .bool, .required)
            .field("adoption", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("campaign_participants")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("invited_by", .int, .references("people", "id", onDelete: .setNull))
            .field("invited_at", .datetime, .required)
            .field("decided_by", .int, .references("people", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .field("withdrawn_by", .int, .references("people", "id", onDelete: .setNull))
            .field("withdrawn_at", .datetime)
            .field("withdrawal_note", .string, .required)
            .field("statement_version", .int, .required)
            .unique(on: "campaign_id", "group_id")
            .create()
        try await database.schema("campaign_statements")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("position", .string, .required)
            .field("reservations", .string, .required)
            .field("slogans", .string, .required)
            .field("position_html", .string, .required)
            .field("reservations_html", .string, .required)
            .field("author_id", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "campaign_id", "group_id", "version")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX campaigns_lead ON campaigns (lead_group_id, id)").run()
        try await sql.raw("CREATE INDEX campaigns_public ON campaigns (is_public, id)").run()
        try await sql.raw("CREATE INDEX campaign_participants_group ON campaign_participants (group_id, status)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaign_statements").delete()
        try await database.schema("campaign_participants").delete()
        try await database.schema("campaigns").delete()
    }
}
