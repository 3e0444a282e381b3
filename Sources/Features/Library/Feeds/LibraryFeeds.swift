import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// Atom feeds of the journal, of each group's publications and posts, and of each tag: the newest 50 public
/// pieces (a group's: pieces and plain posts together), with absolute links and ids that never change (`tag:`
/// URIs built from the piece's or post's id). Each answers 304 to a reader that holds it already.
/// A private group has no feed: its name is looked up as for nobody in particular, which is not found.
struct LibraryFeeds {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(LibraryPaths.journalFeed) { request, _ in
            let entries = try await pieces(
                join: "JOIN journal_entries j ON j.post_id = p.id",
                condition: "1 = 1",
                order: "j.latest_at DESC, p.id DESC"
            )
            return feed(
                title: "The common journal · \(services.site.name)",
                page: LibraryPaths.journal(),
                selfPath: LibraryPaths.journalFeed(),
                specific: "journal",
                entries: entries,
                to: request
            )
        }
        router.get(LibraryPaths.groupFeed) { request, context in
            let (group, _) = try await GroupQueries(services: services).visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: nil
            )
            let pieces = try await pieces(
                join: "",
                condition: """
                    p.id IN (SELECT post_id FROM post_publishers WHERE group_id = \(bind: group.id) AND status = 'accepted')
                    """,
                order: "p.published_at DESC, p.id DESC"
            )
            let posts = try await posts(of: group)
            // Newest first by when each came out; the id settles a tie, so the order never changes by itself.
            let entries = (pieces + posts).sorted {
                ($0.published ?? $0.updated, $0.id) > ($1.published ?? $1.updated, $1.id)
            }
            return feed(
                title: "\(group.name) · \(services.site.name)",
                page: GroupPaths.group(group.slug),
                selfPath: LibraryPaths.groupFeed(group.slug),
                specific: "group:\(group.slug)",
                entries: Array(entries.prefix(Self.size)),
                to: request
            )
        }
        router.get(LibraryPaths.tagFeed) { request, context in
            let tag = Tags.normalize(try context.parameters.require("tag"))
            let entries = try await pieces(
                join: "",
                condition: "p.id IN (SELECT post_id FROM post_tags WHERE tag = \(bind: tag))",
                order: "p.published_at DESC, p.id DESC"
            )
            return feed(
                title: "Tagged “\(tag)” · \(services.site.name)",
                page: LibraryPaths.tag(tag),
                selfPath: LibraryPaths.tagFeed(tag),
                specific: "tag:\(tag)",
                entries: entries,
                to: request
            )
        }
    }

    /// How many entries a feed holds.
    static let size = 50

    /// The feed's document, with the newest entry's time as the feed's.
    private func feed(
        title: String,
        page: String,
        selfPath: String,
        specific: String,
        entries: [AtomEntry],
        to request: Request
    ) -> Response {
        let base = services.site.base
        let feed = AtomFeed(
            id: AtomFeed.tagURI(siteURL: base, specific: "feed:\(specific)"),
            title: title,
            selfLink: base + selfPath,
            alternateLink: base + page,
            updated: entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0),
            entries: entries
        )
        return FeedResponse.atom(feed.xml(), to: request, headers: [.cacheControl: "public, max-age=60"])
    }

    /// A public group's plain posts (kind `post`), newest first, signed by their authors as the group's page
    /// shows them. Only plain posts join their author: a publication is signed by its byline alone.
    private func posts(of group: Group) async throws -> [AtomEntry] {
        let rows = try await services.store.sql.raw(
            """
            SELECT p.id, p.title, p.body, p.created_at, p.updated_at, a.handle AS author_handle,
              a.display_name AS author_name
            FROM posts p LEFT JOIN people a ON a.id = p.author_id
            WHERE p.group_id = \(bind: group.id) AND p.kind = 'post' AND p.status = 'published'
            ORDER BY p.created_at DESC, p.id DESC LIMIT \(bind: Self.size)
            """
        ).rows(PostFeedRow.self)
        let base = services.site.base
        return rows.map { row in
            AtomEntry(
                id: AtomFeed.tagURI(siteURL: base, specific: "post:\(row.id)"),
                title: row.title,
                link: base + GroupPaths.post(group.slug, row.id),
                updated: max(row.createdAt, row.updatedAt ?? row.createdAt),
                published: row.createdAt,
                authors: [row.authorName.flatMap { $0.isEmpty ? nil : $0 } ?? row.authorHandle].compactMap { $0 },
                contentHTML: Markdown.html(row.body)
            )
        }
    }

    /// Published pieces that meet `condition`, the newest `size` by `order`.
    private func pieces(join: String, condition: SQLQueryString, order: String) async throws -> [AtomEntry] {
        let sql = services.store.sql
        let rows = try await sql.raw(
            """
            SELECT p.id, p.title, p.summary, p.byline, p.body_html, p.published_at, p.updated_at
            FROM posts p JOIN groups g ON g.id = p.group_id \(unsafeRaw: join)
            WHERE p.status = 'published' AND g.visibility = 'public' AND p.kind IN \(unsafeRaw: PublicationQueries.kindsSQL)
              AND \(condition)
            ORDER BY \(unsafeRaw: order) LIMIT \(bind: Self.size)
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
        return rows.map { row -> AtomEntry in
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

/// A plain post in a group's feed; the author is gone when their account is.
private struct PostFeedRow: Decodable {
    let id: Int
    let title: String
    let body: String
    let createdAt: Date
    let updatedAt: Date?
    let authorHandle: String?
    let authorName: String?
}

/// A tag of a piece.
private struct TagRow: Decodable {
    let postId: Int
    let tag: String
}
