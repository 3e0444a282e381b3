import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A piece in a list: enough to show a card without loading its parts.
package struct PublicationCard: Sendable, Encodable {
    package let id: Int
    package let kind: PublicationKind
    package let title: String
    package let summary: String
    package let byline: String
    package let journal: GroupRef
    @Nullable package private(set) var publishedAt: Date?
    package let url: String

    static let columns = """
        p.id AS id, p.kind AS kind, p.title AS title, p.summary AS summary, p.byline AS byline,
        p.published_at AS published_at, g.slug AS journal_slug, g.name AS journal_name
        """

    init(_ row: PublicationCardRow) {
        id = row.id
        kind = row.kind
        title = row.title
        summary = row.summary
        byline = row.byline
        journal = GroupRef(slug: row.journalSlug, name: row.journalName)
        publishedAt = row.publishedAt
        url = LibraryPaths.publication(id)
    }
}

/// The columns of `PublicationCard.columns`.
struct PublicationCardRow: Decodable {
    let id: Int
    let kind: PublicationKind
    let title: String
    let summary: String
    let byline: String
    let publishedAt: Date?
    let journalSlug: String
    let journalName: String
}

/// A row of `PublicationCard.columns` and more columns, decoded as `Extra`.
struct CardWith<Extra: Decodable>: Decodable {
    let card: PublicationCard
    let extra: Extra

    init(from decoder: any Decoder) throws {
        card = PublicationCard(try PublicationCardRow(from: decoder))
        extra = try Extra(from: decoder)
    }
}

/// Who the viewer is to one piece. Every permission of the library reads this.
package struct PublicationAccess: Sendable {
    /// The viewer wrote it (the account behind it, whatever name it is signed with).
    package let isAuthor: Bool
    /// The viewer edits the journal it was submitted to.
    package let isEditor: Bool
    package let journalStanding: Standing
    /// The account that submitted it, shown only to the author and the journal's editors.
    package let submitter: (handle: String, name: String)?

    package var canEdit: Bool { isAuthor }

    /// A published piece is corrected, never edited: by its author or its journal's editors (not another group's),
    /// each correction kept in its public history. A session report is its study series'.
    package func canCorrect(_ piece: Publication) -> Bool {
        piece.status == .published && piece.kind != .sessionReport && (isAuthor || isEditor)
    }
}

/// Reading pieces: one by id for a viewer, and the library's lists.
package struct PublicationQueries: Sendable {
    let sql: any SQLDatabase

    package init(services: AppServices) { sql = services.store.sql }
    init(sql: any SQLDatabase) { self.sql = sql }

    /// Publication kinds, as SQL, so group posts and recommendation notices never show up as library pieces.
    static let kindsSQL = "(" + PublicationKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// The piece if the viewer may read it, with what they are to it; "not found" otherwise. Published pieces
    /// of public journals are for everyone, of private journals for its members; anything unpublished is for
    /// the author, and, once submitted, the journal's editors.
    package func visible(id: Int, viewer: CurrentPerson?) async throws -> (Publication, PublicationAccess) {
        guard
            let row = try await sql.raw(
                """
                SELECT p.*, g.slug AS journal_slug, g.name AS journal_name, g.visibility AS journal_visibility,
                  \(GroupAccess.standingColumns), a.handle AS submitter_handle, a.display_name AS submitter_name,
                  c.corrected_at AS corrected_at
                FROM posts p JOIN groups g ON g.id = p.group_id \(GroupAccess.standingJoin("p.group_id", viewer: viewer))
                LEFT JOIN people a ON a.id = p.author_id
                LEFT JOIN (SELECT post_id, MAX(created_at) AS corrected_at FROM post_corrections GROUP BY post_id) c
                  ON c.post_id = p.id
                WHERE p.id = \(bind: id) AND p.kind IN \(unsafeRaw: Self.kindsSQL)
                """
            ).first()
        else { throw AppError.notFound }
        let fields = try row.decode(PublicationRow.self)
        var publication = fields.publication
        let standing = try GroupAccess.standing(row: row, viewer: viewer)
        let isAuthor = viewer != nil && fields.authorId == viewer?.id
        let isEditor = standing.canPost
        let readable: Bool =
            switch publication.status {
            case .published: publication.journalIsPublic || standing.isActiveMember || isAuthor
            case .draft: isAuthor
            default: isAuthor || isEditor
            }
        guard readable else { throw AppError.notFound }
        let submitter: (String, String)? =
            (isAuthor || isEditor) ? fields.submitterHandle.map { ($0, fields.submitterName ?? $0) } : nil
        try await loadParts(&publication, viewer: viewer)
        return (
            publication,
            PublicationAccess(isAuthor: isAuthor, isEditor: isEditor, journalStanding: standing, submitter: submitter)
        )
    }

    /// Authors, accepted publishers, tags and the report form, in one round trip plus one for a report.
    func loadParts(_ publication: inout Publication, viewer: CurrentPerson?) async throws {
        let rows = try await sql.raw(
            """
            SELECT 'author' AS part, pa.position AS n, pa.name AS a, pe.handle AS b FROM post_authors pa
              LEFT JOIN people pe ON pe.id = pa.person_id WHERE pa.post_id = \(bind: publication.id)
            UNION ALL
            SELECT 'publisher' AS part, pp.id AS n, g.name AS a, g.slug AS b FROM post_publishers pp
              JOIN groups g ON g.id = pp.group_id WHERE pp.post_id = \(bind: publication.id) AND pp.status = 'accepted'
              AND \(GroupAccess.visible("g", to: viewer))
            UNION ALL
            SELECT 'tag' AS part, t.id AS n, t.tag AS a, NULL AS b FROM post_tags t WHERE t.post_id = \(bind: publication.id)
            ORDER BY part, n
            """
        ).rows(PartRow.self)
        var authors: [Byline] = []
        for row in rows {
            switch row.part {
            case "author": authors.append(Byline(name: row.a, handle: row.b))
            case "publisher": publication.publishers.append(GroupRef(slug: row.b ?? "", name: row.a))
            default: publication.tags.append(row.a)
            }
        }
        publication.authors = authors
        if publication.kind == .report {
            publication.report = try await sql.select().column("*").from("post_reports")
                .where("post_id", .equal, publication.id).row(ReportDetails.self)
        }
    }

    /// Published pieces everyone may read, newest first, optionally of one kind, tag or publishing group.
    package func library(
        kind: PublicationKind? = nil,
        tag: String? = nil,
        group: Int? = nil,
        page: PageRequest
    ) async throws -> Page<PublicationCard> {
        var conditions: [SQLQueryString] = [
            "p.status = 'published'", "g.visibility = 'public'", "p.kind IN \(unsafeRaw: Self.kindsSQL)",
        ]
        if let kind { conditions.append("p.kind = \(bind: kind.rawValue)") }
        if let tag { conditions.append("p.id IN (SELECT post_id FROM post_tags WHERE tag = \(bind: tag))") }
        if let group {
            conditions.append(
                "p.id IN (SELECT post_id FROM post_publishers WHERE group_id = \(bind: group) AND status = 'accepted')"
            )
        }
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: PublicationCard.columns) FROM posts p JOIN groups g ON g.id = p.group_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY p.published_at DESC, p.id DESC LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(PublicationCardRow.self)
        return Page(probed: rows.map(PublicationCard.init), request: page)
    }

    /// The person's own pieces in any state, newest first.
    package func mine(_ person: CurrentPerson, page: PageRequest) async throws -> Page<(PublicationCard, String)> {
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: PublicationCard.columns), p.status FROM posts p JOIN groups g ON g.id = p.group_id
            WHERE p.author_id = \(bind: person.id) AND p.kind IN \(unsafeRaw: Self.kindsSQL)
            ORDER BY p.id DESC LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(CardWith<StatusColumn>.self)
        return Page(probed: rows.map { ($0.card, $0.extra.status) }, request: page)
    }

    /// Pieces waiting for a journal's editors, oldest first; and pieces offered to it for co-publication.
    package func queue(of groupID: Int) async throws -> (submitted: [PublicationCard], coPublish: [PublicationCard]) {
        let rows = try await sql.raw(
            """
            SELECT 'submitted' AS queue, \(unsafeRaw: PublicationCard.columns) FROM posts p JOIN groups g ON g.id = p.group_id
            WHERE p.group_id = \(bind: groupID) AND p.status = 'submitted'
            UNION ALL
            SELECT 'copublish' AS queue, \(unsafeRaw: PublicationCard.columns) FROM post_publishers pp
              JOIN posts p ON p.id = pp.post_id JOIN groups g ON g.id = p.group_id
            WHERE pp.group_id = \(bind: groupID) AND pp.status = 'pending'
            ORDER BY id LIMIT 500
            """
        ).rows(CardWith<QueueColumn>.self)
        return (
            rows.filter { $0.extra.queue == "submitted" }.map(\.card),
            rows.filter { $0.extra.queue != "submitted" }.map(\.card)
        )
    }
}

/// A piece's own state, in `mine`.
private struct StatusColumn: Decodable {
    let status: String
}

/// Which queue a piece waits in, in `queue(of:)`.
private struct QueueColumn: Decodable {
    let queue: String
}

/// One part of a piece in `loadParts`: an author (`a` the name, `b` the handle), a publisher (`a` the name, `b`
/// the slug) or a tag (`a`).
private struct PartRow: Decodable {
    let part: String
    let a: String
    let b: String?
}

/// A piece (`p.*`) with its journal and the account that submitted it, in `visible(id:viewer:)`.
private struct PublicationRow: Decodable {
    let id: Int
    let kind: PublicationKind
    let status: PublicationStatus
    let title: String
    let summary: String
    let body: String
    let bodyHtml: String
    let journalSlug: String
    let journalName: String
    let journalVisibility: Visibility
    let groupId: Int
    let linkUrl: String
    let linkSource: String
    let mediaUrl: String
    let mediaType: String
    let mediaSize: Int
    let createdAt: Date
    let publishedAt: Date?
    let updatedAt: Date?
    let authorId: Int?
    let submitterHandle: String?
    let submitterName: String?
    let correctedAt: Date?

    var publication: Publication {
        Publication(
            id: id,
            kind: kind,
            status: status,
            title: title,
            summary: summary,
            body: body,
            bodyHTML: bodyHtml,
            authors: [],
            journal: GroupRef(slug: journalSlug, name: journalName),
            journalIsPublic: journalVisibility == .public,
            journalID: groupId,
            publishers: [],
            tags: [],
            linkURL: linkUrl,
            linkSource: linkSource,
            mediaURL: mediaUrl,
            mediaType: mediaType,
            mediaSize: mediaSize,
            report: nil,
            createdAt: createdAt,
            publishedAt: publishedAt,
            updatedAt: updatedAt,
            path: LibraryPaths.publication(id),
            correctedAt: correctedAt
        )
    }
}
