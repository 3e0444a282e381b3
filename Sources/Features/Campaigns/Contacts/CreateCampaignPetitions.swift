import FluentKit
import SQLKit

/// Petitions and pledges of a campaign, the signatures given through each group's page (the contacts of that
/// group alone), the named opt-ins to other groups, the campaign's list-sharing agreement (in versions) and the
/// mailings groups send their contacts.
struct CreateCampaignPetitions: AsyncMigration {
    var name: String { "CreateCampaignPetitions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaign_petitions")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("text_html", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("campaign_signatures")
            .field("id", .int, .identifier(auto: true))
            .field("petition_id", .int, .required, .references("campaign_petitions", "id", onDelete: .cascade))
            .field("via_group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("email", .string)
            .field("status", .string, .required)
            .field("token", .string, .required)
            .field("mail_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("unsubscribed_at", .datetime)
            .unique(on: "petition_id", "email")
            .create()
        try await database.schema("campaign_contact_optins")
            .field("id", .int, .identifier(auto: true))
            .field("signature_id", .int, .required, .references("campaign_signatures", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("wording", .string, .required)
            .field("consented_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .unique(on: "signature_id", "group_id")
            .create()
        try await database.schema("campaign_sharing")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("mailings_per_year", .int)
            .field("notice", .string, .required)
            .field("set_by", .int, .references("people", "id", onDelete: .setNull))
            .field("set_at", .datetime, .required)
            .unique(on: "campaign_id", "version")
            .create()
        try await database.schema("campaign_mailings")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("reaches_others", .bool, .required)
            .field("own_recipients", .int, .required)
            .field("other_recipients", .int, .required)
            .field("batch", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("sent_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX campaign_petitions_campaign ON campaign_petitions (campaign_id, id)").run()
        try await sql.raw(
            "CREATE INDEX campaign_signatures_via ON campaign_signatures (petition_id, via_group_id, status)"
        ).run()
        try await sql.raw("CREATE INDEX campaign_signatures_person ON campaign_signatures (person_id)").run()
        try await sql.raw("CREATE INDEX campaign_signatures_token ON campaign_signatures (token)").run()
        try await sql.raw("CREATE INDEX campaign_signatures_mail_token ON campaign_signatures (mail_token)").run()
        try await sql.raw("CREATE INDEX campaign_optins_group ON campaign_contact_optins (group_id, withdrawn_at)")
            .run()
        try await sql.raw(
            "CREATE INDEX campaign_mailings_group ON campaign_mailings (campaign_id, group_id, reaches_others, sent_at)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaign_mailings").delete()
        try await database.schema("campaign_sharing").delete()
        try await database.schema("campaign_contact_optins").delete()
        try await database.schema("campaign_signatures").delete()
        try await database.schema("campaign_petitions").delete()
    }
}
