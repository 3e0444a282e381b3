import FluentKit
import SQLKit

/// The groups asked to co-endorse an official besides the one that records it: invited by its organizers,
/// accepted or declined by the asked group's organizers (a declined group may be asked again).
struct CreateOfficialEndorsements: AsyncMigration {
    var name: String { "CreateOfficialEndorsements" }

    func prepare(on database: any Database) async throws {
        try await database.schema("official_endorsements")
            .field("id", .int, .identifier(auto: true))
            .field("official_id", .int, .required, .references("officials", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("invited_by", .int, .references("people", "id", onDelete: .setNull))
            .field("invited_at", .datetime, .required)
            .field("decided_by", .int, .references("people", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .unique(on: "official_id", "group_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX official_endorsements_group ON official_endorsements (group_id, status)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("official_endorsements").delete()
    }
}
