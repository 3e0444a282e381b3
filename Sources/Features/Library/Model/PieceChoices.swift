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

    /// How many of the newest pieces a form suggests. A library of a few hundred thousand pieces made every such
    /// form a page of megabytes that took a second to build; older pieces are found by the title typed.
    package static let suggested = 200

    /// The newest published pieces of public journals, and, unless `publicOnly`, of the private journals `viewer`
    /// belongs to, at most `limit`; with those that `typed` names (a stored value, or what was sent) wherever they
    /// are, so it is shown by its title and taken. A piece is picked by its title (told apart by journal and day
    /// when titles repeat) or by its number from an old link or a script.
    package static func published(
        readableBy viewer: CurrentPerson?,
        publicOnly: Bool = false,
        naming typed: String = "",
        suggesting limit: Int = suggested,
        in sql: any SQLDatabase
    ) async throws -> NamedChoices {
        let readable: SQLQueryString = """
            p.status = 'published' AND p.kind IN \(unsafeRaw: PublicationQueries.kindsSQL) \
            AND \(GroupAccess.visible("g", to: publicOnly ? nil : viewer))
            """
        let select: SQLQueryString = """
            SELECT p.id, p.title, g.name AS journal, p.published_at FROM posts p JOIN groups g ON g.id = p.group_id
            """
        var rows = try await sql.raw(
            "\(select) WHERE \(readable) ORDER BY p.published_at DESC, p.id DESC LIMIT \(bind: limit)"
        ).rows(Row.self)
        let (titles, numbers) = Self.names(in: typed)
        if !titles.isEmpty {
            // Titles compare through the database's own lower() on both sides (the index is on lower(title));
            // NamedChoices then matches what came back as it matches any choice.
            let folded = SQLList(titles.map { SQLFunction("lower", args: SQLBind($0)) })
            let byNumber: SQLQueryString = numbers.isEmpty ? "" : " OR p.id IN (\(binds: numbers))"
            let named = try await sql.raw(
                """
                \(select) WHERE \(readable) AND (lower(p.title) IN (\(folded))\(byNumber))
                ORDER BY p.published_at DESC, p.id DESC LIMIT 100
                """
            ).rows(Row.self)
            let listed = Set(rows.map(\.id))
            rows += named.filter { !listed.contains($0.id) }
        }
        let choices = rows.map { row in
            let day = row.publishedAt.map { ", \(ZonedTime.day($0, zone: "UTC"))" } ?? ""
            return NamedChoice(value: String(row.id), name: row.title, detail: "\(row.journal)\(day)")
        }
        return NamedChoices(choices, noun: "piece")
    }

    /// The titles and numbers typed text may name (`NamedChoices.lookups`); numbers written as 12, #12 or an
    /// address ending in /library/12.
    static func names(in typed: String) -> (titles: [String], numbers: [Int]) {
        let lookups = NamedChoices.lookups(in: typed)
        return (lookups.names, Array(Set(lookups.entries.compactMap(NamedChoices.writtenNumber))))
    }
}
