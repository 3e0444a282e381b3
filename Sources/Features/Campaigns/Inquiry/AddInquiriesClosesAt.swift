import FluentKit
import Foundation
import FreshgroundStore
import SQLKit

/// An inquiry closes: answers are taken until `closes_at`, and results are shown only after it (so nobody can read
/// the counts just before and just after one person answers). Inquiries started before this close four weeks after
/// they were started.
struct AddInquiriesClosesAt: AsyncMigration {
    var name: String { "AddInquiriesClosesAt" }

    private struct Started: Decodable {
        let id: Int
        let createdAt: Date
    }

    func prepare(on database: any Database) async throws {
        try await database.schema("inquiries").field("closes_at", .datetime).update()
        let sql = database as! any SQLDatabase
        for row in try await sql.raw("SELECT id, created_at FROM inquiries").rows(Started.self) {
            try await sql.update("inquiries")
                .set("closes_at", to: row.createdAt.addingTimeInterval(Inquiries.defaultDays * 86_400))
                .where("id", .equal, row.id).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("inquiries").deleteField("closes_at").update()
    }
}
