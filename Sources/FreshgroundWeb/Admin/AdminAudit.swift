import FluentKit
import Foundation
import FreshgroundStore
import SQLKit

/// The record of what site administrators did with their powers: who was made an admin, whose data was exported,
/// which server was blocked, when the site was backed up or copied. Each entry says when, who (an admin's handle,
/// or "command line" for the `freshground` tool on the server), what and to what. Shown on `/admin`; entries are
/// never edited or removed by the app.
package enum AdminAudit {
    package struct Entry: Sendable, Decodable {
        package let at: Date
        package let actor: String
        package let action: String
        package let subject: String
    }

    /// Who acts from the command line: the server's operator, whose account the tool does not know.
    package static let commandLine = "command line"

    package static func record(
        _ action: String,
        subject: String,
        by actor: String,
        at time: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.insert(into: "admin_audit").columns("at", "actor", "action", "subject")
            .values(SQLBind(time), SQLBind(actor), SQLBind(action), SQLBind(String(subject.prefix(500)))).run()
    }

    /// The newest entries first.
    package static func recent(limit: Int, on sql: any SQLDatabase) async throws -> [Entry] {
        try await sql.select().columns("at", "actor", "action", "subject").from("admin_audit")
            .orderBy("id", .descending).limit(limit).rows(Entry.self)
    }
}

package struct CreateAdminAudit: AsyncMigration {
    package init() {}

    package var name: String { "CreateAdminAudit" }

    package func prepare(on database: any Database) async throws {
        try await database.schema("admin_audit")
            .field("id", .int, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("admin_audit").delete()
    }
}
