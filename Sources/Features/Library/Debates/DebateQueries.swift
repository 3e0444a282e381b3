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
        ).all()
        return Page(
            probed: try rows.map {
                DebateCard(
                    id: try $0.decode(column: "id", as: Int.self),
                    question: try $0.decode(column: "question", as: String.self),
                    positions: try $0.decode(column: "position_count", as: Int.self),
                    replies: try $0.decode(column: "reply_count", as: Int.self),
                    createdAt: try $0.decode(column: "created_at", as: Date.self)
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
            ).first()
        else { throw AppError.notFound }
        var publication: PublicationCard?
        if let postID = try row.decode(column: "post_id", as: Int?.self) {
            publication = try await sql.raw(
                """
                SELECT \(unsafeRaw: PublicationCard.columns) FROM posts p JOIN groups g ON g.id = p.group_id
                WHERE p.id = \(bind: postID) AND p.status = 'published' AND g.visibility = 'public'
                """
            ).first().map(PublicationCard.init(row:))
        }
        var debate = DebateView(
            id: id,
            question: try row.decode(column: "question", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            descriptionHTML: try row.decode(column: "description_html", as: String.self),
            opener: try row.personName("opener"),
            publication: publication,
            summary: try row.decode(column: "summary", as: String.self),
            summaryHTML: try row.decode(column: "summary_html", as: String.self),
            summaryAt: try row.decode(column: "summary_at", as: Date?.self),
            closed: try row.decode(column: "closed_at", as: Date?.self) != nil,
            createdAt: try row.decode(column: "created_at", as: Date.self),
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
        ).all()
        for part in parts {
            if try part.decode(column: "part", as: String.self) == "moderator" {
                debate.moderators.append(try part.personName("a"))
                continue
            }
            let slug = try part.decode(column: "g_slug", as: String?.self)
            debate.positions.append(
                PositionView(
                    id: try part.decode(column: "id", as: Int.self),
                    statement: try part.decode(column: "statement", as: String.self),
                    argumentHTML: try part.decode(column: "argument_html", as: String.self),
                    author: try part.personName("a"),
                    group: try slug.map {
                        GroupRef(slug: $0, name: try part.decode(column: "g_name", as: String.self))
                    },
                    createdAt: try part.decode(column: "created_at", as: Date.self)
                )
            )
        }
        return debate
    }

    /// A page of replies, every position's thread in order.
    package func replies(_ id: Int, page: PageRequest) async throws -> Page<ReplyView> {
        let rows = try await sql.raw(
            """
            SELECT r.id, r.position_id, r.parent_id, r.depth, r.stance, r.body_html, r.hidden_reason, r.created_at,
              a.display_name AS a_name, a.handle AS a_handle
            FROM replies r LEFT JOIN people a ON a.id = r.author_id
            WHERE r.debate_id = \(bind: id) ORDER BY r.position_id, r.path
            LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).all()
        return Page(
            probed: try rows.map { row in
                let hidden = try row.decode(column: "hidden_reason", as: String?.self)
                return ReplyView(
                    id: try row.decode(column: "id", as: Int.self),
                    positionID: try row.decode(column: "position_id", as: Int.self),
                    parentID: try row.decode(column: "parent_id", as: Int?.self),
                    depth: try row.decode(column: "depth", as: Int.self),
                    stance: try row.decode(column: "stance", as: Stance.self),
                    author: try row.personName("a"),
                    bodyHTML: hidden == nil ? try row.decode(column: "body_html", as: String.self) : nil,
                    hiddenReason: hidden,
                    createdAt: try row.decode(column: "created_at", as: Date.self)
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
        ).all().map { row in
            ModerationEntry(
                replyID: try row.decode(column: "reply_id", as: Int.self),
                action: try row.decode(column: "action", as: String.self),
                reason: try row.decode(column: "reason", as: String.self),
                moderator: try row.personName("a"),
                at: try row.decode(column: "created_at", as: Date.self)
            )
        }
    }
}
