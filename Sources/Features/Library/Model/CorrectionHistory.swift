import FluentKit
import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Every correction of a published piece, with the text before and after and the corrector's note: the piece's
/// public history. `person_id` is who corrected it, for the record; pages say only "the author" or "an editor".
struct CreatePostCorrections: AsyncMigration {
    var name: String { "CreatePostCorrections" }

    func prepare(on database: any Database) async throws {
        try await database.schema("post_corrections")
            .field("id", .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references("posts", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("by_editor", .bool, .required)
            .field("note", .string, .required)
            .field("title_before", .string, .required)
            .field("title_after", .string, .required)
            .field("summary_before", .string, .required)
            .field("summary_after", .string, .required)
            .field("body_before", .string, .required)
            .field("body_after", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX post_corrections_post ON post_corrections (post_id, created_at)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("post_corrections").delete() }
}

/// One correction as its public history shows it.
struct Correction: Sendable, Decodable {
    let id: Int
    /// False when the author corrected it, true when an editor of the journal did.
    let byEditor: Bool
    let note: String
    let titleBefore: String
    let titleAfter: String
    let summaryBefore: String
    let summaryAfter: String
    let bodyBefore: String
    let bodyAfter: String
    let createdAt: Date

    /// Reads a piece's corrections, newest first. Call only after the viewer was found to be able to read the piece.
    static func history(of post: Int, in sql: any SQLDatabase) async throws -> [Correction] {
        try await sql.raw(
            """
            SELECT id, by_editor, note, title_before, title_after, summary_before, summary_after, body_before,
              body_after, created_at FROM post_corrections WHERE post_id = \(bind: post)
            ORDER BY created_at DESC, id DESC
            """
        ).rows(Correction.self)
    }
}
