import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Sends each followed group's new public items to its followers: it compares the group's outbox with what went
/// out already (`federation_sent`) and queues a `Create` for each new item, oldest first. Reading what is public
/// from the same query as the group's page, instead of hooking every write, means nothing that a stranger cannot
/// see can go out, whichever feature wrote it.
package struct Publisher: Sendable {
    let federation: Federator

    package init(federation: Federator) { self.federation = federation }

    /// Queues what is new in every followed group and returns how many items were queued.
    package func publishDue() async throws -> Int {
        guard federation.enabled else { return 0 }
        let groupIDs = try await federation.sql.raw("SELECT DISTINCT group_id FROM federation_followers")
            .column("group_id", as: Int.self)
        let outbox = GroupOutbox(federation: federation)
        var queued = 0
        for groupID in groupIDs {
            let group = try await outbox.publicGroup(groupID)
            queued += try await withdrawGone(in: groupID, isPublic: group != nil)
            guard let group else { continue }
            let items = try await outbox.articles(of: group)
            guard !items.isEmpty else { continue }
            let sent = Set(
                try await federation.sql.select().column("object_key").from("federation_sent")
                    .where("group_id", .equal, groupID).where("object_key", .in, items.map(\.key))
                    .where("withdrawn_at", .is, SQLLiteral.null).column("object_key", as: String.self)
            )
            let fresh = items.filter { !sent.contains($0.key) }
            guard !fresh.isEmpty else { continue }
            let inboxes = try await federation.followers.inboxes(of: groupID)
            let actor = federation.links.group(groupID)
            let now = federation.clock()
            let deliveries = federation.deliveries
            queued += try await federation.services.store.transaction { sql in
                var count = 0
                for item in fresh.reversed()
                where try await Followers.markSent(item.postID, groupID: groupID, at: now, on: sql) {
                    try await deliveries.enqueue(
                        Documents.create(item.article, actor: actor),
                        signer: Federator.owner(ofGroup: groupID),
                        inboxes: inboxes,
                        on: sql
                    )
                    count += 1
                }
                return count
            }
        }
        if queued > 0 { federation.deliveries.soon() }
        return queued
    }

    /// Sends `Delete` for each post that went out and is no longer public: deleted, withdrawn, or its group made
    /// private (then all of them). Returns how many were withdrawn.
    func withdrawGone(in groupID: Int, isPublic: Bool) async throws -> Int {
        let stillPublic: SQLQueryString =
            isPublic
            ? "AND post_id NOT IN (SELECT id FROM posts WHERE group_id = \(bind: groupID) AND status = 'published')"
            : ""
        let gone = try await federation.sql.raw(
            """
            SELECT post_id FROM federation_sent WHERE group_id = \(bind: groupID) AND withdrawn_at IS NULL \(stillPublic)
            """
        ).column("post_id", as: Int.self)
        guard !gone.isEmpty else { return 0 }
        let inboxes = try await federation.followers.inboxes(of: groupID)
        let actor = federation.links.group(groupID)
        let links = federation.links
        let now = federation.clock()
        let deliveries = federation.deliveries
        return try await federation.services.store.transaction { sql in
            var count = 0
            for postID in gone {
                let withdrawn = try await sql.raw(
                    """
                    UPDATE federation_sent SET withdrawn_at = \(bind: now)
                    WHERE group_id = \(bind: groupID) AND post_id = \(bind: postID) AND withdrawn_at IS NULL
                    RETURNING post_id
                    """
                ).first()
                guard withdrawn != nil else { continue }
                try await deliveries.enqueue(
                    Documents.delete(links.post(postID), actor: actor, followers: links.followers(groupID), at: now),
                    signer: Federator.owner(ofGroup: groupID),
                    inboxes: inboxes,
                    on: sql
                )
                count += 1
            }
            return count
        }
    }
}
