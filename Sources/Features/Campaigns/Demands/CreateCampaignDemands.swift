import FluentKit
import SQLKit

/// A campaign's joint demands, in versions (never changed: a new text is a new version), each put to a vote of the
/// groups at most once, its outcome stored once the vote is over; and the campaign's actions, events and posts a
/// group taking part links to it. One open demands vote per campaign is kept by a partial unique index.
struct CreateCampaignDemands: AsyncMigration {
    var name: String { "CreateCampaignDemands" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaign_demands")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("text", .string, .required)
            .field("text_html", .string, .required)
            .field("vote_opened_at", .datetime)
            .field("decision_id", .int, .references("decisions", "id", onDelete: .setNull))
            .field("outcome", .string)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "campaign_id", "version")
            .create()
        try await database.schema("campaign_actions")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("event_id", .int, .references("events", "id", onDelete: .cascade))
            .field("post_id", .int, .references("posts", "id", onDelete: .cascade))
            .field("added_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw(
            """
            CREATE UNIQUE INDEX campaign_demands_open_vote ON campaign_demands (campaign_id) \
            WHERE vote_opened_at IS NOT NULL AND outcome IS NULL
            """
        ).run()
        try await sql.raw(
            "CREATE UNIQUE INDEX campaign_actions_event ON campaign_actions (campaign_id, event_id) WHERE event_id IS NOT NULL"
        ).run()
        try await sql.raw(
            "CREATE UNIQUE INDEX campaign_actions_post ON campaign_actions (campaign_id, post_id) WHERE post_id IS NOT NULL"
        ).run()
        try await sql.raw("CREATE INDEX campaign_actions_group ON campaign_actions (campaign_id, group_id, kind)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaign_actions").delete()
        try await database.schema("campaign_demands").delete()
    }
}
