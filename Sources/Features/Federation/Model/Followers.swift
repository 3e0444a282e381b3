import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Who follows the local groups from other servers. Only ever counted in public: the list is used to deliver.
package struct Followers: Sendable {
    let federation: Federator

    /// Takes a remote actor's follow of a public group: records it, answers `Accept`, and sends the follower the
    /// group's recent items, the backfill other servers leave out. A follow of a private or unknown group is
    /// dropped without an answer, so it tells nothing.
    func accept(_ follow: JSONValue, groupID: Int, from actor: RemoteActor) async throws {
        let outbox = GroupOutbox(federation: federation)
        guard let group = try await outbox.publicGroup(groupID), let followID = follow["id"]?.string else { return }
        let items = try await outbox.items(of: group)
        let links = federation.links
        let actorID = links.group(groupID)
        let followers = links.followers(groupID)
        let owner = Federator.owner(ofGroup: groupID)
        let now = federation.clock()
        let deliveries = federation.deliveries
        try await federation.services.store.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO federation_followers (group_id, actor_uri, host, follow_id, created_at)
                VALUES (\(bind: groupID), \(bind: actor.uri), \(bind: actor.host), \(bind: followID), \(bind: now))
                ON CONFLICT (group_id, actor_uri) DO UPDATE SET follow_id = excluded.follow_id
                """
            ).run()
            let accept = Documents.accept(follow, actor: actorID, id: actorID + "#accepts/" + UUID().uuidString)
            try await deliveries.enqueue(accept, signer: owner, inboxes: [actor.inbox], on: sql)
            for item in items.reversed() {
                try await deliveries.enqueue(
                    item.activity(actor: actorID, followers: followers),
                    signer: owner,
                    inboxes: [actor.inbox],
                    on: sql
                )
                try await Self.markSent(item, groupID: groupID, at: now, on: sql)
            }
        }
        deliveries.soon()
    }

    /// Ends a follow (an `Undo` of it).
    func remove(_ actorURI: String, from groupID: Int) async throws {
        try await federation.sql.delete(from: "federation_followers").where("group_id", .equal, groupID)
            .where("actor_uri", .equal, actorURI).run()
    }

    /// Forgets every follow of an actor deleted on its server, and the actor.
    func forget(_ actorURI: String) async throws {
        try await federation.sql.delete(from: "federation_followers").where("actor_uri", .equal, actorURI).run()
        try await federation.sql.delete(from: "federation_actors").where("uri", .equal, actorURI).run()
    }

    /// How many follow the group from elsewhere.
    package func count(of groupID: Int) async throws -> Int {
        try await federation.sql.count({ $0.where("group_id", .equal, groupID) }, from: "federation_followers")
    }

    /// The inboxes that reach every follower of the group, one per server that offers a shared inbox; blocked
    /// servers and actors are left out.
    func inboxes(of groupID: Int) async throws -> [String] {
        try await federation.sql.raw(
            """
            SELECT DISTINCT COALESCE(a.shared_inbox, a.inbox) AS inbox FROM federation_followers f
            JOIN federation_actors a ON a.uri = f.actor_uri WHERE f.group_id = \(bind: groupID)
            AND f.host NOT IN (SELECT target FROM federation_blocks)
            AND f.actor_uri NOT IN (SELECT target FROM federation_blocks)
            """
        ).column("inbox", as: String.self)
    }

    /// Remembers that an item of the group went out, with its fingerprint, so it is not sent again; false when it
    /// had gone already (sent by another process, say). An item withdrawn and public again counts as new.
    @discardableResult
    static func markSent(_ item: OutboxItem, groupID: Int, at time: Date, on sql: any SQLDatabase) async throws -> Bool
    {
        try await sql.raw(
            """
            INSERT INTO federation_sent (group_id, object_key, kind, object_id, digest, sent_at)
            VALUES (\(bind: groupID), \(bind: item.key), \(bind: item.kind.rawValue), \(bind: item.objectID),
            \(bind: item.digest), \(bind: time))
            ON CONFLICT (group_id, object_key) DO UPDATE SET sent_at = excluded.sent_at, withdrawn_at = NULL,
            kind = excluded.kind, digest = excluded.digest
            WHERE federation_sent.withdrawn_at IS NOT NULL
            RETURNING object_key
            """
        ).first() != nil
    }

    /// Records the new fingerprint of an item that went out and changed; false when another process did first.
    static func markChanged(
        _ item: OutboxItem,
        from before: String,
        groupID: Int,
        on sql: any SQLDatabase
    )
        async throws -> Bool
    {
        try await sql.raw(
            """
            UPDATE federation_sent SET digest = \(bind: item.digest), kind = \(bind: item.kind.rawValue)
            WHERE group_id = \(bind: groupID) AND object_key = \(bind: item.key) AND withdrawn_at IS NULL
            AND COALESCE(digest, '') = \(bind: before)
            RETURNING object_key
            """
        ).first() != nil
    }
}
