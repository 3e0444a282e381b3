import FluentKit
import SQLKit

/// Notice to partners: the sharing agreement gains the days of notice a group gives the groups whose signers its
/// mailing reaches (7 for the agreements already written), and a mailing reaching them is announced first, with
/// the groups told and how many of each one's signers it reaches. An announced mailing is sent at most once
/// (`mailing_id`, set when it goes).
struct AddCampaignMailingNotices: AsyncMigration {
    var name: String { "AddCampaignMailingNotices" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaign_sharing")
            .field("notice_days", .int, .required, .sql(.default(7)))
            .update()
        try await database.schema("campaign_mailing_notices")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("audience", .string, .required)
            .field("other_recipients", .int, .required)
            .field("announced_by", .int, .references("people", "id", onDelete: .setNull))
            .field("announced_at", .datetime, .required)
            .field("send_from", .datetime, .required)
            .field("mailing_id", .int, .references("campaign_mailings", "id", onDelete: .setNull))
            .create()
        try await database.schema("campaign_mailing_notice_groups")
            .field("notice_id", .int, .required, .references("campaign_mailing_notices", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("signers", .int, .required)
            .unique(on: "notice_id", "group_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw(
            "CREATE INDEX campaign_mailing_notices_group ON campaign_mailing_notices (campaign_id, group_id, id)"
        ).run()
        try await sql.raw(
            "CREATE INDEX campaign_mailing_notice_groups_group ON campaign_mailing_notice_groups (group_id)"
        )
        .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaign_mailing_notice_groups").delete()
        try await database.schema("campaign_mailing_notices").delete()
        try await database.schema("campaign_sharing").deleteField("notice_days").update()
    }
}
