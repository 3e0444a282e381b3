import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A post as pages and the API show it.
package struct PostView: Sendable, Encodable {
    package struct Author: Sendable, Encodable {
        package let handle: String
        package let displayName: String
    }

    package let id: Int
    package let group: GroupRef
    package let title: String
    package let body: String
    package let bodyHTML: String
    /// `author` and `via` are always sent, as `null` when absent, as the API document promises.
    @Nullable package private(set) var author: Author?
    package let createdAt: Date
    /// For feed items that arrived through a follow: the reader's group that follows the source.
    @Nullable package private(set) var via: GroupRef?
}

/// Writing posts and reading them: per group, and merged into a person's feed.
package struct Posts: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    var sql: any SQLDatabase { services.store.sql }

    /// Publishes a plain post for the group and returns its id; refused input is `AppError.validation`.
    package func create(
        in group: Group,
        standing: Standing,
        person: CurrentPerson,
        title: String,
        body: String
    )
        async throws -> Int
    {
        guard GroupRules.canPost(standing) else {
            throw AppError.forbidden("Only the group's organizers and editors can post for it.")
        }
        let (title, body) = try Self.validated(title: title, body: body)
        try await RateLimit.posting.take(RateLimit.person(person.id), on: sql, now: services.clock())
        let id = try await sql.insertReturningID(
            into: "posts",
            [
                "group_id": group.id, "author_id": person.id, "kind": "post", "status": "published", "title": title,
                "body": body, "body_html": Markdown.html(body), "created_at": services.clock(),
            ]
        )
        return id
    }

    /// A post's title and text checked, trimmed and with line ends made plain; refused input is
    /// `AppError.validation`.
    static func validated(title: String, body: String) throws(AppError) -> (title: String, body: String) {
        let title = title.trimmingWhitespace()
        var errors: [String: String] = [:]
        if title.isEmpty || title.count > 200 { errors["title"] = "Give the post a title of 1 to 200 characters." }
        if body.trimmingWhitespace().isEmpty { errors["body"] = "Write something in the post." }
        if body.count > 100_000 { errors["body"] = "Keep the post under 100,000 characters." }
        guard errors.isEmpty else { throw .validation(errors) }
        return (title, body.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// `body_html` is the body rendered when it was written (every writer of `posts` stores it).
    ///
    /// The queries below join the author only for plain posts (`kind = 'post'`): a publication is signed by its
    /// byline, which may be a pseudonym, so its account must never show up in a group's list or a feed.
    private static let selectList = """
        SELECT p.id, p.title, p.body, p.body_html, p.created_at, g.slug AS group_slug, g.name AS group_name,
        a.handle AS author_handle, a.display_name AS author_name
        """

    package func list(in group: Group, page: PageRequest) async throws -> Page<PostView> {
        let rows = try await sql.raw(
            """
            \(unsafeRaw: Self.selectList), NULL AS via_slug, NULL AS via_name
            FROM posts p JOIN groups g ON g.id = p.group_id LEFT JOIN people a ON a.id = p.author_id AND p.kind = 'post'
            WHERE p.group_id = \(bind: group.id) AND p.status = 'published'
            ORDER BY p.created_at DESC, p.id DESC LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(PostRow.self)
        return Page(probed: rows.map(\.view), request: page)
    }

    package func find(id: Int, in group: Group) async throws -> PostView? {
        try await sql.raw(
            """
            \(unsafeRaw: Self.selectList), NULL AS via_slug, NULL AS via_name
            FROM posts p JOIN groups g ON g.id = p.group_id LEFT JOIN people a ON a.id = p.author_id AND p.kind = 'post'
            WHERE p.id = \(bind: id) AND p.group_id = \(bind: group.id) AND p.status = 'published'
            """
        ).row(PostRow.self)?.view
    }

    /// The person's feed: posts of their groups, and of the public groups those groups follow, newest first.
    /// A post reached both ways shows as from the person's own group; one reached through several follows
    /// names one of them.
    ///
    /// Two short queries instead of one big join: the sources (a handful of groups, with the follow that brings
    /// each), then the newest post ids of each source through the (group, status, time) index, merged and cut to
    /// the page, and their rows.
    /// This keeps the cost proportional to the page, not to every post of every followed center.
    package func feed(for person: CurrentPerson, page: PageRequest) async throws -> Page<PostView> {
        let sources = try await feedSources(for: person)
        guard !sources.isEmpty else { return Page(probed: [], request: page) }
        let perSource = page.offset + page.probeLimit
        var union: [SQLQueryString] = []
        for (index, source) in sources.keys.sorted().enumerated() {
            union.append(
                """
                SELECT * FROM (SELECT id, created_at FROM posts WHERE group_id = \(bind: source) AND status = 'published'
                ORDER BY created_at DESC, id DESC LIMIT \(bind: perSource)) \(unsafeRaw: "s\(index)")
                """
            )
        }
        let rows = try await sql.raw(
            """
            WITH top AS (SELECT id FROM (\(union.joined(separator: " UNION ALL "))) candidates
            ORDER BY created_at DESC, id DESC LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset))
            \(unsafeRaw: Self.selectList), p.group_id AS source_id, NULL AS via_slug, NULL AS via_name
            FROM top JOIN posts p ON p.id = top.id JOIN groups g ON g.id = p.group_id
            LEFT JOIN people a ON a.id = p.author_id AND p.kind = 'post'
            ORDER BY p.created_at DESC, p.id DESC
            """
        ).all()
        let posts = try rows.map { row in
            try row.decode(PostRow.self).view.with(via: sources[try row.decode(ViaRow.self).sourceId] ?? nil)
        }
        return Page(probed: posts, request: page)
    }

    /// The groups whose posts reach the person, each with the person's group that follows it (nil for the
    /// person's own groups and the public groups they follow themselves).
    private func feedSources(for person: CurrentPerson) async throws -> [Int: GroupRef?] {
        let rows = try await sql.raw(
            """
            WITH mine AS (
              SELECT group_id FROM memberships WHERE person_id = \(bind: person.id) AND status = 'active'
            ), followed AS (
              SELECT f.target_id AS source_id, MIN(f.follower_id) AS via_id
              FROM mine m CROSS JOIN follows f CROSS JOIN groups t
              WHERE f.follower_id = m.group_id AND t.id = f.target_id AND t.visibility = 'public'
                AND f.target_id NOT IN (SELECT group_id FROM mine)
              GROUP BY f.target_id
            )
            SELECT group_id AS source_id, NULL AS via_slug, NULL AS via_name FROM mine
            UNION ALL
            SELECT x.source_id, v.slug AS via_slug, v.name AS via_name FROM followed x JOIN groups v ON v.id = x.via_id
            UNION ALL
            SELECT pf.group_id AS source_id, NULL AS via_slug, NULL AS via_name
            FROM person_follows pf JOIN groups t ON t.id = pf.group_id AND t.visibility = 'public'
            WHERE pf.person_id = \(bind: person.id) AND pf.group_id NOT IN (SELECT group_id FROM mine)
            """
        ).rows(ViaRow.self)
        var sources: [Int: GroupRef?] = [:]
        for row in rows {
            // updateValue, not subscript assignment: assigning nil would drop the person's own groups.
            sources.updateValue(row.via, forKey: row.sourceId)
        }
        return sources
    }
}

/// A post as `Posts.selectList` reads it; its `via` columns are read by `ViaRow`.
private struct PostRow: RowReadable {
    let id: Int
    let title: String
    let body: String
    let bodyHTML: String
    let createdAt: Date
    let groupSlug: String
    let groupName: String
    let authorHandle: String?
    let authorName: String?

    init(row: any SQLRow) throws {
        id = try row.integer("id")
        title = try row.text("title")
        body = try row.text("body")
        bodyHTML = try row.text("body_html")
        createdAt = try row.date("created_at")
        groupSlug = try row.text("group_slug")
        groupName = try row.text("group_name")
        authorHandle = try row.optionalText("author_handle")
        authorName = try row.optionalText("author_name")
    }

    var view: PostView {
        PostView(
            id: id,
            group: GroupRef(slug: groupSlug, name: groupName),
            title: title,
            body: body,
            bodyHTML: bodyHTML,
            author: authorHandle.map { .init(handle: $0, displayName: authorName ?? $0) },
            createdAt: createdAt,
            via: nil
        )
    }
}

/// A group whose posts reach a feed, with the reader's group that follows it (none for the reader's own).
private struct ViaRow: RowReadable {
    let sourceId: Int
    let viaSlug: String?
    let viaName: String?

    init(row: any SQLRow) throws {
        sourceId = try row.integer("source_id")
        viaSlug = try row.optionalText("via_slug")
        viaName = try row.optionalText("via_name")
    }

    var via: GroupRef? { viaSlug.map { GroupRef(slug: $0, name: viaName ?? $0) } }
}

extension PostView {
    /// The same post, reached through the given follow.
    func with(via: GroupRef?) -> PostView {
        PostView(
            id: id,
            group: group,
            title: title,
            body: body,
            bodyHTML: bodyHTML,
            author: author,
            createdAt: createdAt,
            via: via
        )
    }
}
