import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import SQLKit

/// Reading debates: the list, one debate with a page of its threads, and the moderation log.
package struct DebateQueries: Sendable {
    let sql: any SQLDatabase

    package init(services: AppServices) { sql = services.store.sql }

    /// Replies per page of a debate: whole threads in reading order, cut at this many.
    package static let repliesPerPage = 200

    /// Debates, newest first; with `about`, only those tied to that publication.
    package func list(page: PageRequest, about publication: Int? = nil) async throws -> Page<DebateCard> {
        let filter: SQLQueryString = publication.map { "WHERE d.post_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw(
            """
            SELECT d.id, d.question, d.created_at,
              (SELECT COUNT(*) FROM positions p WHERE p.debate_id = d.id) AS position_count,
              (SELECT COUNT(*) FROM replies r WHERE r.debate_id = d.id) AS reply_count
            FROM debates d \(filter) ORDER BY d.created_at DESC, d.id DESC
            LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(CardRow.self)
        return Page(
            probed: rows.map {
                DebateCard(
                    id: $0.id,
                    question: $0.question,
                    positions: $0.positionCount,
                    replies: $0.replyCount,
                    createdAt: $0.createdAt
                )
            },
            request: page
        )
    }

    /// The debate with its positions and moderators.
    package func debate(_ id: Int) async throws -> DebateView {
        guard
            let row = try await sql.raw(
                """
                SELECT d.*, o.display_name AS opener_name, o.handle AS opener_handle
                FROM debates d LEFT JOIN people o ON o.id = d.opener_id WHERE d.id = \(bind: id)
                """
            ).row(DebateRow.self)
        else { throw AppError.notFound }
        var publication: PublicationCard?
        if let postID = row.postId {
            publication = try await sql.raw(
                """
                SELECT \(unsafeRaw: PublicationCard.columns) FROM posts p JOIN groups g ON g.id = p.group_id
                WHERE p.id = \(bind: postID) AND p.status = 'published' AND g.visibility = 'public'
                """
            ).row(PublicationCardRow.self).map(PublicationCard.init)
        }
        var debate = DebateView(
            id: id,
            question: row.question,
            description: row.description,
            descriptionHTML: row.descriptionHtml,
            opener: shownName(row.openerName, row.openerHandle),
            publication: publication,
            summary: row.summary,
            summaryHTML: row.summaryHtml,
            summaryAt: row.summaryAt,
            closed: row.closedAt != nil,
            createdAt: row.createdAt,
            moderators: [],
            positions: []
        )
        let parts = try await sql.raw(
            """
            SELECT 'position' AS part, p.id AS id, p.statement AS statement, p.argument_html AS argument_html,
              p.created_at AS created_at, a.display_name AS a_name,
              a.handle AS a_handle, g.slug AS g_slug, g.name AS g_name
            FROM positions p LEFT JOIN people a ON a.id = p.author_id
            LEFT JOIN groups g ON g.id = p.group_id AND \(GroupAccess.visible("g", to: nil))
            WHERE p.debate_id = \(bind: id)
            UNION ALL
            SELECT 'moderator' AS part, m.id AS id, '' AS statement, '' AS argument_html, NULL AS created_at,
              a.display_name AS a_name, a.handle AS a_handle, NULL AS g_slug, NULL AS g_name
            FROM debate_moderators m JOIN people a ON a.id = m.person_id WHERE m.debate_id = \(bind: id)
            ORDER BY part, id
            """
        ).rows(DebatePartRow.self)
        for part in parts {
            if part.part == "moderator" {
                debate.moderators.append(shownName(part.aName, part.aHandle))
            } else {
                debate.positions.append(try part.position())
            }
        }
        return debate
    }

    /// A page of replies, every position's thread in order.
    package func replies(_ id: Int, page: PageRequest) async throws -> Page<ReplyView> {
        let rows = try await sql.raw(
            """
            SELECT r.id, r.position_id, r.parent_id, r.depth, r.stance, r.body_html, r.hidden_reason, r.created_at,
              COALESCE(a.display_name, r.remote_name) AS a_name, a.handle AS a_handle
            FROM replies r LEFT JOIN people a ON a.id = r.author_id
            WHERE r.debate_id = \(bind: id) ORDER BY r.position_id, r.path
            LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(ReplyRow.self)
        return Page(
            probed: rows.map { row in
                ReplyView(
                    id: row.id,
                    positionID: row.positionId,
                    parentID: row.parentId,
                    depth: row.depth,
                    stance: row.stance,
                    author: shownName(row.aName, row.aHandle),
                    bodyHTML: row.hiddenReason == nil ? row.bodyHtml : nil,
                    hiddenReason: row.hiddenReason,
                    createdAt: row.createdAt
                )
            },
            request: page
        )
    }

    /// Every hide and show, newest first, with who did it and why.
    package func log(_ id: Int) async throws -> [ModerationEntry] {
        try await sql.raw(
            """
            SELECT l.reply_id, l.action, l.reason, l.created_at, a.display_name AS a_name, a.handle AS a_handle
            FROM moderation_log l LEFT JOIN people a ON a.id = l.moderator_id
            WHERE l.debate_id = \(bind: id) ORDER BY l.id DESC LIMIT 500
            """
        ).rows(LogRow.self).map { row in
            ModerationEntry(
                replyID: row.replyId,
                action: row.action,
                reason: row.reason,
                moderator: shownName(row.aName, row.aHandle),
                at: row.createdAt
            )
        }
    }
}

/// A debate in the list, with its counts.
private struct CardRow: Decodable {
    let id: Int
    let question: String
    let createdAt: Date
    let positionCount: Int
    let replyCount: Int
}

/// A debate (`d.*`) with its opener's name.
private struct DebateRow: Decodable {
    let question: String
    let description: String
    let descriptionHtml: String
    let postId: Int?
    let summary: String
    let summaryHtml: String
    let summaryAt: Date?
    let closedAt: Date?
    let createdAt: Date
    let openerName: String?
    let openerHandle: String?
}

/// A position of a debate, or (`part` "moderator") one of its moderators, who has only a name.
private struct DebatePartRow: Decodable {
    let part: String
    let id: Int
    let statement: String
    let argumentHtml: String
    let createdAt: Date?
    let aName: String?
    let aHandle: String?
    let gSlug: String?
    let gName: String?

    func position() throws -> PositionView {
        guard let createdAt else {
            throw DecodingError.valueNotFound(
                Date.self,
                DecodingError.Context(codingPath: [], debugDescription: "Position \(id) has no created_at.")
            )
        }
        return PositionView(
            id: id,
            statement: statement,
            argumentHTML: argumentHtml,
            author: shownName(aName, aHandle),
            group: gSlug.map { GroupRef(slug: $0, name: gName ?? "") },
            createdAt: createdAt
        )
    }
}

/// A reply with its author's name.
private struct ReplyRow: Decodable {
    let id: Int
    let positionId: Int
    let parentId: Int?
    let depth: Int
    let stance: Stance
    let bodyHtml: String
    let hiddenReason: String?
    let createdAt: Date
    let aName: String?
    let aHandle: String?
}

/// A line of the moderation log with its moderator's name.
private struct LogRow: Decodable {
    let replyId: Int
    let action: String
    let reason: String
    let createdAt: Date
    let aName: String?
    let aHandle: String?
}
