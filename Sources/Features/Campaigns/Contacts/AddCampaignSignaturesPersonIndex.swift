import FluentKit
import SQLKit

/// A signed-in signer's own signature is looked up by petition and person on every view of a petition; with only
/// the per-group index, SQLite walked every signature of the petition (40,000 table reads, 80 ms) to find it. The
/// index on the person alone is a prefix of the new one, so it goes.
struct AddCampaignSignaturesPersonIndex: AsyncMigration {
    var name: String { "AddCampaignSignaturesPersonIndex" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(
            "CREATE INDEX campaign_signatures_person_petition ON campaign_signatures (person_id, petition_id)"
        ).run()
        try await sql.raw("DROP INDEX campaign_signatures_person").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX campaign_signatures_person ON campaign_signatures (person_id)").run()
        try await sql.raw("DROP INDEX campaign_signatures_person_petition").run()
    }
}
