import FluentKit
import SQLKit

/// The signatures that count (confirmed, or confirmed and later erased with the signer's account), counted per
/// petition and group they came through, kept by the writes (`SignatureCounts`) so that no page counts the rows of
/// `campaign_signatures`; filled here from the signatures already given.
struct CreateCampaignSignatureCounts: AsyncMigration {
    var name: String { "CreateCampaignSignatureCounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("campaign_signature_counts")
            .field("petition_id", .int, .required, .references("campaign_petitions", "id", onDelete: .cascade))
            .field("via_group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("signatures", .int, .required)
            .compositeIdentifier(over: "petition_id", "via_group_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw(
            """
            INSERT INTO campaign_signature_counts (petition_id, via_group_id, signatures)
            SELECT s.petition_id, s.via_group_id, COUNT(*) FROM campaign_signatures s
            WHERE s.status IN ('confirmed', 'erased') GROUP BY s.petition_id, s.via_group_id
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaign_signature_counts").delete()
    }
}
