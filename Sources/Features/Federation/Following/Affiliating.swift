import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Affiliations between a group here and a group on another server. A public group here that asks to be listed
/// as affiliated with a remote group sends it a `Join`; the remote side's organizers decide, and its `Accept`
/// lists the affiliation here too, its `Reject` or `Leave` ends it. A `Join` of a group here by a remote group is
/// a request its organizers answer on the group's page, as any other. Like every affiliation, it grants no right.
struct Affiliating: Sendable {
    let federation: Federator

    /// A remote group's `Join` of the public group `groupID`: a pending request for its organizers.
    func requested(_ join: JSONValue, groupID: Int, from actor: RemoteActor) async throws {
        guard let joinID = join["id"]?.string,
            let target = try await GroupOutbox(federation: federation).publicGroup(groupID),
            let remote = try await remoteGroup(actor)
        else { return }
        guard
            let affiliationID = try await AffiliationWrites(services: federation.services).requestFromRemote(
                remote,
                to: target
            )
        else { return }
        try await federation.sql.raw(
            """
            INSERT INTO federation_affiliations (affiliation_id, direction, join_id, local_id, remote_id, answered)
            VALUES (\(bind: affiliationID), 'in', \(bind: joinID), \(bind: groupID), \(bind: remote.id), 'pending')
            """
        ).run()
    }

    /// The remote group that sent something, copied here (fetched when first seen); nil unless it is a group.
    private func remoteGroup(_ actor: RemoteActor) async throws -> Group? {
        var id = try await RemoteGroups(services: federation.services).id(origin: actor.uri)
        if id == nil {
            guard
                let document = try? await federation.http.fetchDocument(
                    actor.uri,
                    signer: try await federation.signer(for: "instance")
                )
            else { return nil }
            id = try? await Following(federation: federation).store(document, fetchedFrom: actor.host)
        }
        guard let id else { return nil }
        return try await GroupQueries(services: federation.services).group(id: id)
    }

    /// The remote group's `Accept` of a request sent from here: the affiliation is listed.
    func accepted(_ joinID: String?, by actor: RemoteActor) async throws {
        guard let joinID else { return }
        try await federation.sql.raw(
            """
            UPDATE affiliations SET status = 'accepted' WHERE id IN (SELECT f.affiliation_id FROM federation_affiliations f
            JOIN groups g ON g.id = f.remote_id WHERE f.join_id = \(bind: joinID) AND f.direction = 'out'
            AND g.origin = \(bind: actor.uri))
            """
        ).run()
    }

    /// The remote group's `Reject` of a request from here, or its `Leave` of a group here: the affiliation ends,
    /// with nothing sent back.
    func ended(joinID: String?, localGroup: Int?, by actor: RemoteActor) async throws {
        let rows = try await federation.sql.raw(
            """
            SELECT f.affiliation_id FROM federation_affiliations f JOIN groups g ON g.id = f.remote_id
            WHERE g.origin = \(bind: actor.uri) AND (f.join_id = \(bind: joinID ?? "") OR f.local_id = \(bind: localGroup ?? 0))
            """
        ).column("affiliation_id", as: Int.self)
        guard !rows.isEmpty else { return }
        try await federation.services.store.transaction { sql in
            try await sql.delete(from: "federation_affiliations").where("affiliation_id", .in, rows).run()
            try await sql.delete(from: "affiliations").where("id", .in, rows).run()
        }
    }

    /// Sends a `Join` for each new request from a public group here to a remote group, an `Accept` for each
    /// remote request accepted here, and a `Reject` or `Leave` for each that ended here; returns how many. Passes
    /// may run at once, in one process or several: each item is claimed by one conditional write in the
    /// transaction that queues its activity, so it goes out once.
    func sendDue() async throws -> Int {
        guard federation.enabled else { return 0 }
        let asked = try await federation.sql.raw(
            """
            SELECT a.id, a.group_id AS local_id, a.other_id AS remote_id, g.origin FROM affiliations a
            JOIN groups g ON g.id = a.other_id JOIN groups l ON l.id = a.group_id
            WHERE g.origin IS NOT NULL AND l.origin IS NULL AND l.visibility = 'public' AND a.status = 'pending'
            AND NOT EXISTS (SELECT 1 FROM federation_affiliations f WHERE f.affiliation_id = a.id)
            """
        ).rows(Asked.self)
        let changed = try await federation.sql.raw(
            """
            SELECT f.affiliation_id, f.direction, f.join_id, f.local_id, g.origin, a.status FROM federation_affiliations f
            JOIN groups g ON g.id = f.remote_id LEFT JOIN affiliations a ON a.id = f.affiliation_id
            WHERE a.id IS NULL OR (f.direction = 'in' AND a.status = 'accepted' AND f.answered = 'pending')
            """
        ).rows(Changed.self)
        var count = 0
        for request in asked {
            guard let inbox = try await federation.actors.stored(request.origin)?.inbox else { continue }
            let actor = federation.links.group(request.localID)
            let join = Documents.join(
                id: actor + "#affiliations/" + UUID().uuidString,
                actor: actor,
                object: request.origin
            )
            let joinID = join["id"]?.string ?? ""
            // The insert claims the request: another pass (this process's loop beside a request's, or another
            // process) that wrote the row first, or a request withdrawn (or a group made private) since it was
            // read, inserts nothing, and then nothing is sent.
            let claim: SQLQueryString = """
                INSERT INTO federation_affiliations (affiliation_id, direction, join_id, local_id, remote_id, answered)
                SELECT a.id, 'out', \(bind: joinID), a.group_id, a.other_id, 'pending' FROM affiliations a
                WHERE a.id = \(bind: request.id) AND a.status = 'pending'
                AND EXISTS (SELECT 1 FROM groups l WHERE l.id = a.group_id AND l.visibility = 'public')
                ON CONFLICT (affiliation_id) DO NOTHING RETURNING affiliation_id
                """
            let sent = try await queue(join, claimedBy: claim, group: request.localID, inbox: inbox)
            if sent { count += 1 }
        }
        for row in changed {
            let inbox = try await federation.actors.stored(row.origin)?.inbox
            let actor = federation.links.group(row.localID)
            let join = Documents.join(
                id: row.joinID,
                actor: row.direction == "in" ? row.origin : actor,
                object: row.direction == "in" ? actor : row.origin
            )
            // An answer's id is on this server, as the receiving inbox requires; the request's may be on the other.
            let answer: JSONValue
            let answerID = actor + "#affiliations/" + UUID().uuidString
            if row.status == "accepted" {
                answer = Documents.answer("Accept", to: join, actor: actor, id: answerID)
            } else if row.direction == "in" {
                answer = Documents.answer("Reject", to: join, actor: actor, id: answerID)
            } else {
                answer = Documents.leave(id: row.joinID + "#leave", actor: actor, object: row.origin)
            }
            // The answer is claimed by a conditional write, as the request is: of two passes that read the same
            // row, one marks or removes it and sends; the other changes nothing and sends nothing.
            let claim: SQLQueryString =
                row.status == "accepted"
                ? """
                UPDATE federation_affiliations SET answered = 'accepted'
                WHERE affiliation_id = \(bind: row.affiliationID) AND answered = 'pending' RETURNING affiliation_id
                """
                : """
                DELETE FROM federation_affiliations WHERE affiliation_id = \(bind: row.affiliationID)
                RETURNING affiliation_id
                """
            let sent = try await queue(answer, claimedBy: claim, group: row.localID, inbox: inbox)
            if sent { count += 1 }
        }
        if count > 0 { federation.deliveries.soon() }
        return count
    }

    /// Queues `activity` of the group `group` for `inbox` if `claim` (a write returning a row when this pass wins
    /// the item) takes effect, in one transaction; whether it was queued.
    private func queue(
        _ activity: JSONValue,
        claimedBy claim: SQLQueryString,
        group: Int,
        inbox: String?
    )
        async throws -> Bool
    {
        let deliveries = federation.deliveries
        return try await federation.services.store.transaction { sql in
            guard try await sql.raw(claim).first() != nil, let inbox else { return false }
            try await deliveries.enqueue(activity, signer: Federator.owner(ofGroup: group), inboxes: [inbox], on: sql)
            return true
        }
    }
}

private struct Asked: Decodable {
    let id: Int
    let localID: Int
    let remoteID: Int
    let origin: String
}

private struct Changed: Decodable {
    let affiliationID: Int
    let direction: String
    let joinID: String
    let localID: Int
    let origin: String
    let status: String?
}
