import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// Atom feeds of the journal, of each group's publications and of each tag: the newest 50 public pieces,
/// with absolute links and ids that never change (`tag:` URIs built from the piece's id).
struct LibraryFeeds {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(LibraryPaths.journalFeed) { _, _ in
            try await feed(
                title: "The common journal · \(services.site.name)",
                page: LibraryPaths.journal(),
                selfPath: LibraryPaths.journalFeed(),
                specific: "journal",
                join: "JOIN journal_entries j ON j.post_id = p.id",
                condition: "1 = 1",
                order: "j.latest_at DESC, p.id DESC"
            )
        }
        router.get(LibraryPaths.groupFeed) { _, context in
            let (group, _) = try await GroupQueries(services: services).visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: nil
            )
            return try await feed(
                title: "\(group.name) · \(services.site.name)",
                page: GroupPaths.group(group.slug),
                selfPath: LibraryPaths.groupFeed(group.slug),
                specific: "group:\(group.slug)",
                join: "",
                condition: """
                    p.id IN (SELECT post_id FROM post_publishers WHERE group_id = \(bind: group.id) AND status = 'accepted')
                    """,
                order: "p.published_at DESC, p.id DESC"
            )
        }
        router.get(LibraryPaths.tagFeed) { _, context in
            let tag = Tags.normalize(try context.parameters.require("tag"))
            return try await feed(
                title: "Tagged “\(tag)” · \(services.site.name)",
                page: LibraryPaths.tag(tag),
                selfPath: LibraryPaths.tagFeed(tag),
                specific: "tag:\(tag)",
                join: "",
                condition: "p.id IN (SELECT post_id FROM post_tags WHERE tag = \(bind: tag))",
                order: "p.published_at DESC, p.id DESC"
            )
        }
    }

    private func feed(
        title: String,
        page: String,
        selfPath: String,
        specific: String,
        join: String,
        condition: SQLQueryString,
        order: String
    ) async throws -> Response {
        let sql = services.store.sql
        let rows = try await sql.raw(
            """
            SELECT p.id, p.title, p.summary, p.byline, p.body_html, p.published_at, p.updated_at
            FROM posts p JOIN groups g ON g.id = p.group_id \(unsafeRaw: join)
            WHERE p.status = 'published' AND g.visibility = 'public' AND p.kind IN \(unsafeRaw: PublicationQueries.kindsSQL)
              AND \(condition)
            ORDER BY \(unsafeRaw: order) LIMIT 50
            """
        ).rows(FeedRow.self)
        let ids = rows.map(\.id)
        var tags: [Int: [String]] = [:]
        if !ids.isEmpty {
            let list = ids.map { SQLQueryString("\(bind: $0)") }.joined(separator: ", ")
            for row in try await sql.raw("SELECT post_id, tag FROM post_tags WHERE post_id IN (\(list)) ORDER BY id")
                .rows(TagRow.self)
            {
                tags[row.postId, default: []].append(row.tag)
            }
        }
        let base = services.site.base
        let entries = rows.map { row -> AtomEntry in
            let id = row.id
            let published = row.publishedAt ?? Date(timeIntervalSince1970: 0)
            return AtomEntry(
                id: AtomFeed.tagURI(siteURL: base, specific: "publication:\(id)"),
                title: row.title,
                link: base + LibraryPaths.publication(id),
                updated: max(published, row.updatedAt ?? published),
                published: published,
                authors: row.byline.split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                },
                summary: row.summary,
                contentHTML: row.bodyHtml,
                categories: tags[id] ?? []
            )
        }
        let feed = AtomFeed(
            id: AtomFeed.tagURI(siteURL: base, specific: "feed:\(specific)"),
            title: title,
            selfLink: base + selfPath,
            alternateLink: base + page,
            updated: entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0),
            entries: entries
        )
        return Response(
            status: .ok,
            headers: [.contentType: AtomFeed.contentType, .cacheControl: "public, max-age=60"],
            body: .init(byteBuffer: ByteBuffer(string: feed.xml()))
        )
    }
}

/// A piece in a feed.
private struct FeedRow: Decodable {
    let id: Int
    let title: String
    let summary: String
    let byline: String
    let bodyHtml: String
    let publishedAt: Date?
    let updatedAt: Date?
}

/// A tag of a piece.
private struct TagRow: Decodable {
    let postId: Int
    let tag: String
}
