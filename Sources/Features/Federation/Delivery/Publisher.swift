import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Sends each followed group's public items to its followers: it compares the group's outbox with what went out
/// already (`federation_sent`) and queues a `Create` (or `Announce`) for each new item, oldest first, an `Update`
/// for each edited one, and a `Delete` (or `Undo`) for each that is no longer public. Reading what is public from
/// the same queries as the group's pages, instead of hooking every write, means nothing that a stranger cannot
/// see can go out, whichever feature wrote it.
package struct Publisher: Sendable {
    let federation: Federator

    package init(federation: Federator) { self.federation = federation }

    /// Queues what is new, edited or withdrawn in every followed group and returns how many activities were queued.
    package func publishDue() async throws -> Int {
        guard federation.enabled else { return 0 }
        let groupIDs = try await federation.sql.raw(
            "SELECT group_id FROM federation_followers UNION SELECT group_id FROM federation_joins"
        ).column("group_id", as: Int.self)
        let outbox = GroupOutbox(federation: federation)
        var queued = 0
        for groupID in groupIDs {
            let group = try await outbox.publicGroup(groupID)
            queued += try await withdrawGone(in: groupID, isPublic: group != nil)
            guard let group else { continue }
            let items = try await outbox.items(of: group)
            guard !items.isEmpty else { continue }
            queued += try await publish(items, groupID: group.id)
        }
        if queued > 0 { federation.deliveries.soon() }
        return queued
    }

    /// Sends the items of one group that are new or changed since they went out.
    private func publish(_ items: [OutboxItem], groupID: Int) async throws -> Int {
        let sent = try await federation.sql.select().columns("object_key", "digest").from("federation_sent")
            .where("group_id", .equal, groupID).where("object_key", .in, items.map(\.key))
            .where("withdrawn_at", .is, SQLLiteral.null).rows(SentRow.self)
        let digests = Dictionary(sent.map { ($0.objectKey, $0.digest ?? "") }, uniquingKeysWith: { first, _ in first })
        let due = items.filter { digests[$0.key] != $0.digest }
        guard !due.isEmpty else { return 0 }
        let inboxes = try await federation.followers.inboxes(of: groupID)
        let actor = federation.links.group(groupID)
        let followers = federation.links.followers(groupID)
        let now = federation.clock()
        let deliveries = federation.deliveries
        return try await federation.services.store.transaction { sql in
            var count = 0
            for item in due.reversed() {
                let activity: JSONValue
                if let before = digests[item.key] {
                    // Sent already: an edit goes out as `Update`. A re-share carries no copy of the object, and a
                    // row from before fingerprints were kept only learns the fingerprint.
                    guard try await Followers.markChanged(item, from: before, groupID: groupID, on: sql),
                        !before.isEmpty, item.kind != .announce
                    else { continue }
                    activity = Documents.update(item.object, actor: actor, at: now)
                } else {
                    guard try await Followers.markSent(item, groupID: groupID, at: now, on: sql) else { continue }
                    activity = item.activity(actor: actor, followers: followers)
                }
                try await deliveries.enqueue(
                    activity,
                    signer: Federator.owner(ofGroup: groupID),
                    inboxes: inboxes
                        + (item.kind == .event ? try await Joins.inboxes(ofEvent: item.objectID, on: sql) : []),
                    on: sql
                )
                count += 1
            }
            return count
        }
    }

    /// Withdraws each item that went out and is no longer public: a post deleted or withdrawn, an event made
    /// private or no longer hosted or promoted by the group, or all of them when the group was made private.
    /// A post or led event gets `Delete`, a re-share `Undo`. Returns how many were withdrawn.
    func withdrawGone(in groupID: Int, isPublic: Bool) async throws -> Int {
        let stillPublic: SQLQueryString =
            isPublic
            ? """
            AND NOT (kind = 'post' AND object_id IN (SELECT id FROM posts WHERE group_id = \(bind: groupID) AND status = 'published'))
            AND NOT (kind <> 'post' AND object_id IN (SELECT e.id FROM events e WHERE e.is_public = \(bind: true) AND e.id IN (
              SELECT event_id FROM event_hosts WHERE group_id = \(bind: groupID) AND status = 'accepted'
              UNION SELECT event_id FROM event_promotions WHERE group_id = \(bind: groupID))))
            """
            : ""
        let gone = try await federation.sql.raw(
            """
            SELECT object_key, kind, object_id,
            (SELECT e.origin FROM events e WHERE e.id = federation_sent.object_id) AS origin FROM federation_sent
            WHERE group_id = \(bind: groupID) AND withdrawn_at IS NULL \(stillPublic)
            """
        ).rows(GoneRow.self)
        guard !gone.isEmpty else { return 0 }
        let inboxes = try await federation.followers.inboxes(of: groupID)
        let actor = federation.links.group(groupID)
        let followers = federation.links.followers(groupID)
        let links = federation.links
        let now = federation.clock()
        let deliveries = federation.deliveries
        return try await federation.services.store.transaction { sql in
            var count = 0
            for row in gone {
                let withdrawn = try await sql.raw(
                    """
                    UPDATE federation_sent SET withdrawn_at = \(bind: now)
                    WHERE group_id = \(bind: groupID) AND object_key = \(bind: row.objectKey) AND withdrawn_at IS NULL
                    RETURNING object_key
                    """
                ).first()
                guard withdrawn != nil else { continue }
                let kind = OutboxItem.Kind(rawValue: row.kind) ?? .post
                let activity =
                    switch kind {
                    case .post: Documents.delete(links.post(row.objectID), actor: actor, followers: followers, at: now)
                    case .event:
                        Documents.delete(links.event(row.objectID), actor: actor, followers: followers, at: now)
                    case .announce:
                        Documents.undoAnnounce(
                            row.origin ?? links.event(row.objectID),
                            actor: actor,
                            followers: followers
                        )
                    }
                try await deliveries.enqueue(
                    activity,
                    signer: Federator.owner(ofGroup: groupID),
                    inboxes: inboxes + (kind == .event ? try await Joins.inboxes(ofEvent: row.objectID, on: sql) : []),
                    on: sql
                )
                count += 1
            }
            return count
        }
    }
}

private struct SentRow: Decodable {
    let objectKey: String
    let digest: String?
}

private struct GoneRow: Decodable {
    let objectKey: String
    let kind: String
    let objectID: Int
    /// For a re-shared event copied from another server, its id there.
    let origin: String?
}
