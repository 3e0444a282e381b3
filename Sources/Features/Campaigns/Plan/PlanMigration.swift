import FluentKit
import SQLKit

/// A group's yearly plan of campaigns and big actions, and the hours people pledge to campaigns.
struct CreateCampaignPlans: AsyncMigration {
    var name: String { "CreateCampaignPlans" }

    func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("priority_cap", .int)
            .field("priorities_decision_id", .int, .references("decisions", "id", onDelete: .setNull))
            .field("priority_items", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "group_id", "year")
            .create()
        try await database.schema("plan_items")
            .field("id", .int, .identifier(auto: true))
            .field("plan_id", .int, .required, .references("plans", "id", onDelete: .cascade))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("hours_needed", .int, .required)
            .field("priority", .bool, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "plan_id", "campaign_id")
            .create()
        try await database.schema("campaign_hours")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("via_group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("hours", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "campaign_id", "person_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX plan_items_plan ON plan_items (plan_id, starts_on)").run()
        try await sql.raw("CREATE INDEX campaign_hours_group ON campaign_hours (via_group_id, campaign_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaign_hours").delete()
        try await database.schema("plan_items").delete()
        try await database.schema("plans").delete()
    }
}
