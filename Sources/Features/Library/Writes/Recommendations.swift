import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A piece in the common journal, with every group that recommended it.
package struct JournalEntry: Sendable, Encodable {
    package let publication: PublicationCard
    package let recommendedBy: [GroupRef]
    package let recommendations: Int
    package let latestAt: Date
}

/// How the journal is ordered.
package enum JournalOrder: String, Sendable, CaseIterable {
    /// Most recently recommended first.
    case newest
    /// Most recommendations first, newest among equals.
    case most
}

/// Centers and coalitions recommend published pieces from any group into the common journal. Each
/// recommendation also posts a short notice in the recommending group, so it reaches the feeds of the
/// circles that follow it through the feed that already exists.
package struct Recommendations: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    package func recommend(id: Int, by group: String, note: String, person: CurrentPerson) async throws {
        let (piece, _) = try await PublicationQueries(services: services).visible(id: id, viewer: nil)
        let (recommender, standing) = try await GroupQueries(services: services).visibleGroup(
            slug: group,
            viewer: person
        )
        guard recommender.kind.canBeFollowed else {
            throw AppError.forbidden("Only centers and coalitions keep a selection for the journal.")
        }
        guard standing.canPost else {
            throw AppError.forbidden("Only the editors and organizers of \(recommender.name) can recommend for it.")
        }
        var errors: [String: String] = [:]
        let note = FieldRules.text(note.trimmingWhitespace(), "note", max: 2_000, &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let now = services.clock()
        let notice =
            "[\(Self.escapeLinkText(piece.title))](/library/\(piece.id)) by \(piece.bylineText)"
            + (note.isEmpty ? "" : "\n\n\(note)")
        try await services.store.transaction { sql in
            let noticeID = try await sql.insertReturningID(
                into: "posts",
                [
                    "group_id": recommender.id, "author_id": person.id, "kind": "recommendation",
                    "status": "published", "title": "Recommended: \(piece.title)", "body": notice,
                    "body_html": Markdown.html(notice), "created_at": now,
                ]
            )
            do {
                try await sql.insert(into: "recommendations")
                    .columns("post_id", "group_id", "person_id", "note", "announcement_id", "created_at")
                    .values(
                        SQLBind(piece.id),
                        SQLBind(recommender.id),
                        SQLBind(person.id),
                        SQLBind(note),
                        SQLBind(noticeID),
                        SQLBind(now)
                    ).run()
            } catch  where error.isConstraintFailure {
                throw AppError.conflict("\(recommender.name) already recommends this piece.")
            }
            try await Self.retally(piece.id, in: sql)
        }
    }

    package func withdraw(id: Int, by group: String, person: CurrentPerson) async throws {
        let (recommender, standing) = try await GroupQueries(services: services).visibleGroup(
            slug: group,
            viewer: person
        )
        guard standing.canPost else {
            throw AppError.forbidden("Only the editors and organizers of \(recommender.name) can change its selection.")
        }
        try await services.store.transaction { sql in
            guard
                let notice = try await sql.select().column("announcement_id").from("recommendations")
                    .where("post_id", .equal, id).where("group_id", .equal, recommender.id)
                    .value("announcement_id", as: Int?.self)
            else { throw AppError.notFound }
            if let notice {
                try await sql.delete(from: "posts").where("id", .equal, notice).run()
            }
            try await sql.delete(from: "recommendations").where("post_id", .equal, id)
                .where("group_id", .equal, recommender.id).run()
            try await Self.retally(id, in: sql)
        }
    }

    /// Recomputes one piece's journal line from its recommendations (removing it when there are none).
    static func retally(_ id: Int, in sql: any SQLDatabase) async throws {
        try await sql.delete(from: "journal_entries").where("post_id", .equal, id).run()
        try await sql.raw(
            """
            INSERT INTO journal_entries (post_id, recommendations, latest_at)
            SELECT post_id, COUNT(*), MAX(created_at) FROM recommendations WHERE post_id = \(bind: id) GROUP BY post_id
            """
        ).run()
    }

    /// The common journal: recommended pieces that are still published, with who recommended each (the groups
    /// the viewer may see; the count includes every recommendation).
    package func journal(
        order: JournalOrder,
        page: PageRequest,
        viewer: CurrentPerson?
    ) async throws
        -> Page<JournalEntry>
    {
        let sql = services.store.sql
        let orderSQL =
            order == .most
            ? "j.recommendations DESC, j.latest_at DESC, j.post_id DESC" : "j.latest_at DESC, j.post_id DESC"
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: PublicationCard.columns), j.recommendations, j.latest_at
            FROM journal_entries j CROSS JOIN posts p CROSS JOIN groups g
            WHERE p.id = j.post_id AND g.id = p.group_id AND p.status = 'published' AND g.visibility = 'public'
            ORDER BY \(unsafeRaw: orderSQL) LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(CardWith<Tally>.self)
        let ids = rows.map(\.card.id)
        var recommenders: [Int: [GroupRef]] = [:]
        if !ids.isEmpty {
            let list = ids.map { SQLQueryString("\(bind: $0)") }.joined(separator: ", ")
            for row in try await sql.raw(
                """
                SELECT r.post_id, g.slug, g.name FROM recommendations r JOIN groups g ON g.id = r.group_id
                WHERE r.post_id IN (\(list)) AND \(GroupAccess.visible("g", to: viewer))
                ORDER BY r.created_at DESC, r.id DESC
                """
            ).rows(Recommender.self) {
                recommenders[row.postId, default: []].append(GroupRef(slug: row.slug, name: row.name))
            }
        }
        let entries = rows.map { row in
            JournalEntry(
                publication: row.card,
                recommendedBy: recommenders[row.card.id] ?? [],
                recommendations: row.extra.recommendations,
                latestAt: row.extra.latestAt
            )
        }
        return Page(probed: entries, request: page)
    }

    /// Groups recommending one piece that the viewer may see.
    package func recommenders(of id: Int, viewer: CurrentPerson?) async throws -> [GroupRef] {
        try await services.store.sql.raw(
            """
            SELECT g.slug, g.name FROM recommendations r JOIN groups g ON g.id = r.group_id
            WHERE r.post_id = \(bind: id) AND \(GroupAccess.visible("g", to: viewer)) ORDER BY r.created_at, r.id
            """
        ).rows(GroupRef.self)
    }

    /// A title as Markdown link text: brackets and backslashes escaped so the link stays one link.
    static func escapeLinkText(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\[]*_`".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

/// A journal entry's tally, beside its publication's columns.
private struct Tally: Decodable {
    let recommendations: Int
    let latestAt: Date
}

/// A group recommending a piece.
private struct Recommender: Decodable {
    let postId: Int
    let slug: String
    let name: String
}
