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

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        kind = try row.decode(column: "kind", as: PublicationKind.self)
        title = try row.decode(column: "title", as: String.self)
        summary = try row.decode(column: "summary", as: String.self)
        byline = try row.decode(column: "byline", as: String.self)
        journal = GroupRef(
            slug: try row.decode(column: "journal_slug", as: String.self),
            name: try row.decode(column: "journal_name", as: String.self)
        )
        publishedAt = try row.decode(column: "published_at", as: Date?.self)
        url = "/library/\(id)"
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
                  \(GroupAccess.standingColumns), a.handle AS submitter_handle, a.display_name AS submitter_name
                FROM posts p JOIN groups g ON g.id = p.group_id \(GroupAccess.standingJoin("p.group_id", viewer: viewer))
                LEFT JOIN people a ON a.id = p.author_id
                WHERE p.id = \(bind: id) AND p.kind IN \(unsafeRaw: Self.kindsSQL)
                """
            ).first()
        else { throw AppError.notFound }
        var publication = try Self.decode(row)
        let standing = try GroupAccess.standing(row: row, viewer: viewer)
        let authorID = try row.decode(column: "author_id", as: Int?.self)
        let isAuthor = viewer != nil && authorID == viewer?.id
        let isEditor = standing.canPost
        let readable: Bool =
            switch publication.status {
            case .published: publication.journalIsPublic || standing.isActiveMember || isAuthor
            case .draft: isAuthor
            default: isAuthor || isEditor
            }
        guard readable else { throw AppError.notFound }
        let handle = try row.decode(column: "submitter_handle", as: String?.self)
        let submitter: (String, String)? =
            (isAuthor || isEditor)
            ? handle.map { ($0, (try? row.decode(column: "submitter_name", as: String.self)) ?? $0) } : nil
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
        ).all()
        var authors: [Byline] = []
        for row in rows {
            let a = try row.decode(column: "a", as: String.self)
            let b = try row.decode(column: "b", as: String?.self)
            switch try row.decode(column: "part", as: String.self) {
            case "author": authors.append(Byline(name: a, handle: b))
            case "publisher": publication.publishers.append(GroupRef(slug: b ?? "", name: a))
            default: publication.tags.append(a)
            }
        }
        publication.authors = authors
        if publication.kind == .report,
            let row = try await sql.select().column("*").from("post_reports").where("post_id", .equal, publication.id)
                .first()
        {
            publication.report = ReportDetails(
                placeKind: ReportDetails.PlaceKind(rawValue: try row.decode(column: "place_kind", as: String.self))
                    ?? .workplace,
                sector: try row.decode(column: "sector", as: String.self),
                city: try row.decode(column: "city", as: String.self),
                placeName: try row.decode(column: "place_name", as: String.self),
                hidePlace: try row.decode(column: "hide_place", as: Bool.self),
                happening: try row.decode(column: "happening", as: String.self),
                doing: try row.decode(column: "doing", as: String.self),
                worked: try row.decode(column: "worked", as: String.self),
                needs: try row.decode(column: "needs", as: String.self)
            )
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
        ).all()
        return Page(probed: try rows.map(PublicationCard.init(row:)), request: page)
    }

    /// The person's own pieces in any state, newest first.
    package func mine(_ person: CurrentPerson, page: PageRequest) async throws -> Page<(PublicationCard, String)> {
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: PublicationCard.columns), p.status FROM posts p JOIN groups g ON g.id = p.group_id
            WHERE p.author_id = \(bind: person.id) AND p.kind IN \(unsafeRaw: Self.kindsSQL)
            ORDER BY p.id DESC LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).all()
        return Page(
            probed: try rows.map { (try PublicationCard(row: $0), try $0.decode(column: "status", as: String.self)) },
            request: page
        )
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
        ).all()
        var submitted: [PublicationCard] = []
        var coPublish: [PublicationCard] = []
        for row in rows {
            if try row.decode(column: "queue", as: String.self) == "submitted" {
                submitted.append(try PublicationCard(row: row))
            } else {
                coPublish.append(try PublicationCard(row: row))
            }
        }
        return (submitted, coPublish)
    }

    static func decode(_ row: any SQLRow) throws -> Publication {
        let id = try row.decode(column: "id", as: Int.self)
        return Publication(
            id: id,
            kind: try row.decode(column: "kind", as: PublicationKind.self),
            status: try row.decode(column: "status", as: PublicationStatus.self),
            title: try row.decode(column: "title", as: String.self),
            summary: try row.decode(column: "summary", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            bodyHTML: try row.decode(column: "body_html", as: String.self),
            authors: [],
            journal: GroupRef(
                slug: try row.decode(column: "journal_slug", as: String.self),
                name: try row.decode(column: "journal_name", as: String.self)
            ),
            journalIsPublic: try row.decode(column: "journal_visibility", as: String.self) == "public",
            journalID: try row.decode(column: "group_id", as: Int.self),
            publishers: [],
            tags: [],
            linkURL: try row.decode(column: "link_url", as: String.self),
            linkSource: try row.decode(column: "link_source", as: String.self),
            mediaURL: try row.decode(column: "media_url", as: String.self),
            mediaType: try row.decode(column: "media_type", as: String.self),
            mediaSize: try row.decode(column: "media_size", as: Int.self),
            report: nil,
            createdAt: try row.decode(column: "created_at", as: Date.self),
            publishedAt: try row.decode(column: "published_at", as: Date?.self),
            updatedAt: try row.decode(column: "updated_at", as: Date?.self),
            path: "/library/\(id)"
        )
    }
}
