import FreshgroundStore
import FreshgroundWeb
import People
import SQLKit

/// The hours a person pledged to campaigns are theirs: in their download, and gone with their account (the plans'
/// totals drop; a plan looks forward).
enum HoursRecords {
    static func data(of person: Int, on sql: any SQLDatabase) async throws -> [String: JSONValue] {
        [
            "campaignHours": try await AccountRecords.rows(
                """
                SELECT h.campaign_id, c.title AS campaign_title, g.name AS group_name, h.hours, h.created_at, \
                h.updated_at FROM campaign_hours h JOIN campaigns c ON c.id = h.campaign_id \
                JOIN groups g ON g.id = h.via_group_id WHERE h.person_id = \(bind: person) ORDER BY h.id
                """,
                on: sql
            )
        ]
    }

    static func forget(_ person: Int, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "campaign_hours").where("person_id", .equal, person).run()
    }
}
