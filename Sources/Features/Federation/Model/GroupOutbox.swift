import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Library
import SQLKit

/// What a group publishes to the fediverse, exactly what a stranger reads on its pages: its public posts and
/// published pieces (`Posts.list`) as `Article`s, and the public events it hosts or promotes (`EventQueries`)
/// as `Event`s. A private group publishes nothing.
struct GroupOutbox: Sendable {
    /// How many of the newest posts, and of the next events, the outbox shows and a new follower is sent.
    static let size = 20

    let federation: Federator

    /// The group when it federates: it exists and a stranger may see it.
    func publicGroup(_ id: Int) async throws -> Group? {
        guard federation.enabled, let group = try await GroupQueries(services: federation.services).group(id: id),
            GroupRules.canSee(group, .outsider), group.origin == nil
        else { return nil }
        return group
    }

    /// The group's newest public posts and its next public events. An event goes out as the group's own when the
    /// group leads it (the first public group that accepted to host it), else as a re-share of the lead's.
    func items(of group: Group) async throws -> [OutboxItem] {
        let posts = try await Posts(services: federation.services).list(
            in: group,
            page: PageRequest(number: 1, size: Self.size)
        )
        let ids = posts.items.map(\.id)
        let pieces = try await pieces(ids)
        let authors = try await authors(ids)
        var items = posts.items.map { post in
            OutboxItem(
                kind: .post,
                objectID: post.id,
                object: article(post, piece: pieces[post.id], authors: authors[post.id] ?? [], in: group)
            )
        }
        let events = try await EventQueries(services: federation.services).forGroup(
            group.id,
            includePrivate: false,
            from: federation.clock(),
            page: PageRequest(number: 1, size: Self.size)
        )
        for listed in events.items {
            guard let lead = try await lead(listed.event.id) else { continue }
            if let origin = lead.origin {
                // An event copied from another server: the group re-shares it under its own id there.
                items.append(
                    OutboxItem(kind: .announce, objectID: listed.event.id, object: .object(["id": .string(origin)]))
                )
                continue
            }
            guard let (object, leadID) = try await event(listed.event.id, lead: lead) else { continue }
            items.append(
                OutboxItem(kind: leadID == group.id ? .event : .announce, objectID: listed.event.id, object: object)
            )
        }
        return items
    }

    /// One public item of one public group, or nil.
    func article(_ postID: Int) async throws -> JSONValue? {
        guard
            let groupID = try await federation.sql.select().column("group_id").from("posts").where("id", .equal, postID)
                .value("group_id", as: Int.self),
            let group = try await publicGroup(groupID),
            let post = try await Posts(services: federation.services).find(id: postID, in: group)
        else { return nil }
        return article(
            post,
            piece: try await pieces([postID])[postID],
            authors: try await authors([postID])[postID] ?? [],
            in: group
        )
    }

    /// The author actors of these posts: the account of a plain post, each byline of a piece.
    private func authors(_ ids: [Int]) async throws -> [Int: [String]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await federation.sql.raw(
            """
            SELECT p.id AS post_id, 'people' AS kind, p.author_id AS actor_id FROM posts p
            WHERE p.id IN (\(ids.map { SQLQueryString("\(bind: $0)") }.joined(separator: ", ")))
            AND p.kind = 'post' AND p.author_id IS NOT NULL
            UNION ALL
            SELECT a.post_id, 'bylines' AS kind, a.id AS actor_id FROM post_authors a
            WHERE a.post_id IN (\(ids.map { SQLQueryString("\(bind: $0)") }.joined(separator: ", ")))
            ORDER BY post_id, actor_id
            """
        ).rows(AuthorRow.self)
        var authors: [Int: [String]] = [:]
        for row in rows {
            authors[row.postID, default: []].append(federation.links.base + "/ap/\(row.kind)/\(row.actorID)")
        }
        return authors
    }

    /// The published pieces among these posts, with their kind and byline.
    private func pieces(_ ids: [Int]) async throws -> [Int: PieceTerms] {
        guard !ids.isEmpty else { return [:] }
        let kinds = PublicationKind.allCases.map(\.rawValue)
        let rows = try await federation.sql.select().columns("id", "kind", "byline", "summary").from("posts")
            .where("id", .in, ids).where("kind", .in, kinds).rows(PieceTerms.self)
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func article(_ post: PostView, piece: PieceTerms?, authors: [String], in group: Group) -> JSONValue {
        Documents.article(
            post,
            piece: piece,
            authors: authors,
            groupID: group.id,
            links: federation.links,
            page: federation.links.base + GroupPaths.post(group.slug, post.id)
        )
    }

    /// A public event led by a public group, as an `Event`, with the id of the group that leads it; nil for an
    /// event that is private, gone, or hosted only by private groups.
    /// An event copied from another server is not served here: its id is the one on its own server.
    func event(_ eventID: Int, lead known: EventLead? = nil) async throws -> (JSONValue, leadID: Int)? {
        var lead = known
        if lead == nil { lead = try await self.lead(eventID) }
        guard federation.enabled, let lead, lead.origin == nil else { return nil }
        let detail = try await EventQueries(services: federation.services).detail(
            eventID,
            viewer: nil,
            showLink: false
        )
        let document = Documents.event(
            detail,
            groupID: lead.groupID,
            published: lead.createdAt,
            links: federation.links,
            page: federation.links.base + EventPaths.event(eventID)
        )
        return (document, lead.groupID)
    }

    /// The public group that leads a public event: the first that accepted to host it.
    private func lead(_ eventID: Int) async throws -> EventLead? {
        guard federation.enabled else { return nil }
        return try await federation.sql.raw(
            """
            SELECT h.group_id, e.created_at, e.origin FROM event_hosts h JOIN groups g ON g.id = h.group_id
            JOIN events e ON e.id = h.event_id
            WHERE h.event_id = \(bind: eventID) AND h.status = 'accepted' AND e.is_public = \(bind: true)
            AND \(GroupAccess.visible("g", to: nil)) ORDER BY h.id LIMIT 1
            """
        ).row(EventLead.self)
    }
}

private struct AuthorRow: Decodable {
    let postID: Int
    let kind: String
    let actorID: Int
}

struct EventLead: Decodable {
    let groupID: Int
    let createdAt: Date
    let origin: String?
}
