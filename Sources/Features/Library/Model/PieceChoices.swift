import Foundation
import FreshgroundWeb
import Groups
import SQLKit

/// Library pieces offered by name in forms (a debate's piece, reading-list items, a syllabus's readings), so
/// nobody types a piece's number. Only published pieces the person may read are offered or accepted.
package enum PieceChoices {
    private struct Row: Decodable {
        let id: Int
        let title: String
        let journal: String
        let publishedAt: Date?
    }

    /// Published pieces of public journals, and, unless `publicOnly`, of the private journals `viewer` belongs
    /// to; newest first. A piece is picked by its title (told apart by journal and day when titles repeat) or by
    /// its number from an old link or a script.
    package static func published(
        readableBy viewer: CurrentPerson?,
        publicOnly: Bool = false,
        in sql: any SQLDatabase
    ) async throws -> NamedChoices {
        let rows = try await sql.raw(
            """
            SELECT p.id, p.title, g.name AS journal, p.published_at FROM posts p JOIN groups g ON g.id = p.group_id
            WHERE p.status = 'published' AND p.kind IN \(unsafeRaw: PublicationQueries.kindsSQL) \
            AND \(GroupAccess.visible("g", to: publicOnly ? nil : viewer))
            ORDER BY p.published_at DESC, p.id DESC
            """
        ).rows(Row.self)
        let choices = rows.map { row in
            let day = row.publishedAt.map { ", \(ZonedTime.day($0, zone: "UTC"))" } ?? ""
            return NamedChoice(value: String(row.id), name: row.title, detail: "\(row.journal)\(day)")
        }
        return NamedChoices(choices, noun: "piece")
    }
}
