import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// What a group publishes to the fediverse: its public posts and published pieces, exactly those a stranger
/// reads on its page (`Posts.list`), as `Article`s. A private group publishes nothing.
struct GroupOutbox: Sendable {
    /// How many of the newest items the outbox shows and a new follower is sent.
    static let size = 20

    let federation: Federator

    /// The group when it federates: it exists and a stranger may see it.
    func publicGroup(_ id: Int) async throws -> Group? {
        guard federation.enabled, let group = try await GroupQueries(services: federation.services).group(id: id),
            GroupRules.canSee(group, .outsider)
        else { return nil }
        return group
    }

    /// The group's newest public items, newest first, with the key each is remembered by once sent.
    func articles(of group: Group) async throws -> [(key: String, postID: Int, article: JSONValue)] {
        let posts = try await Posts(services: federation.services).list(
            in: group,
            page: PageRequest(number: 1, size: Self.size)
        )
        return posts.items.map { post in
            (
                "post:\(post.id)",
                post.id,
                Documents.article(
                    post,
                    groupID: group.id,
                    links: federation.links,
                    page: federation.links.base + GroupPaths.post(group.slug, post.id)
                )
            )
        }
    }

    /// One public item of one public group, or nil.
    func article(_ postID: Int) async throws -> JSONValue? {
        guard
            let groupID = try await federation.sql.select().column("group_id").from("posts").where("id", .equal, postID)
                .value("group_id", as: Int.self),
            let group = try await publicGroup(groupID),
            let post = try await Posts(services: federation.services).find(id: postID, in: group)
        else { return nil }
        return Documents.article(
            post,
            groupID: group.id,
            links: federation.links,
            page: federation.links.base + GroupPaths.post(group.slug, post.id)
        )
    }
}
