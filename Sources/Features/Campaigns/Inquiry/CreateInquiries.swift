import FluentKit
import SQLKit

/// A campaign's workers' inquiries. An answer is stored with no person and no time, keyed by a random id (and on
/// SQLite without a row id, so not even the insertion order is kept); who took part is kept apart, by date only.
struct CreateInquiries: AsyncMigration {
    var name: String { "CreateInquiries" }

    func prepare(on database: any Database) async throws {
        try await database.schema("inquiries")
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("method", .string, .required)
            .field("title", .string, .required)
            .field("topics", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        let rowid: SQLQueryString = sql.dialect.name == "sqlite" ? " WITHOUT ROWID" : ""
        try await sql.raw(
            """
            CREATE TABLE inquiry_answers (inquiry_id INTEGER NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE, \
            response_id TEXT NOT NULL, position INTEGER NOT NULL, value TEXT NOT NULL, \
            PRIMARY KEY (inquiry_id, response_id, position))\(rowid)
            """
        ).run()
        try await database.schema("inquiry_participants")
            .field("inquiry_id", .int, .required, .references("inquiries", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("answered_on", .string, .required)
            .compositeIdentifier(over: "inquiry_id", "person_id")
            .create()
        try await sql.raw("CREATE INDEX inquiries_campaign ON inquiries (campaign_id)").run()
        try await sql.raw("CREATE INDEX inquiry_participants_person ON inquiry_participants (person_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("inquiry_participants").delete()
        try await database.schema("inquiry_answers").delete()
        try await database.schema("inquiries").delete()
    }
}
