import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// People on other servers RSVPing to public events (Mobilizon's `Join`, `Leave`, and `Undo` of a `Join`). A
/// `Join` becomes an RSVP like any other, so capacity and the wait list hold. The group that leads the event
/// answers: `Accept` once the person has a place (at once, or when one frees up), `Reject` when the event takes
/// no RSVPs. Who is coming is never sent anywhere; each server hears only about its own person's RSVP.
struct Joins: Sendable {
    let federation: Federator

    /// Takes a `Join` of a local public event; one of a private or unknown event is dropped without an answer.
    func join(_ activity: JSONValue, from actor: RemoteActor) async throws {
        guard let joinID = activity["id"]?.string,
            let eventID = localEvent(activity["object"]?.string ?? activity["object"]?["id"]?.string),
            let (_, leadID) = try await GroupOutbox(federation: federation).event(eventID)
        else { return }
        let rsvp: (rsvp: Int, status: RSVPStatus)
        do {
            rsvp = try await RSVPs(services: federation.services).join(
                event: eventID,
                actor: actor.uri,
                name: actor.shownName
            )
        } catch AppError.conflict {
            try await answer("Reject", joinID: joinID, actor: actor.uri, inbox: actor.inbox, event: eventID, leadID)
            return
        }
        let answered = rsvp.status == .going ? RSVPStatus.going : .waitlisted
        try await federation.sql.raw(
            """
            INSERT INTO federation_joins (rsvp_id, join_id, actor_uri, inbox, event_id, group_id, answered)
            VALUES (\(bind: rsvp.rsvp), \(bind: joinID), \(bind: actor.uri), \(bind: actor.inbox), \(bind: eventID),
            \(bind: leadID), \(bind: answered.rawValue))
            ON CONFLICT (rsvp_id) DO UPDATE SET join_id = excluded.join_id, answered = excluded.answered
            """
        ).run()
        if answered == .going {
            try await answer("Accept", joinID: joinID, actor: actor.uri, inbox: actor.inbox, event: eventID, leadID)
        }
    }

    /// Takes a `Leave` (or an `Undo` of a `Join`): the RSVP is cancelled and its place given to the next in line.
    func leave(_ event: String?, from actor: RemoteActor) async throws {
        guard let eventID = localEvent(event) else { return }
        try await RSVPs(services: federation.services).leave(event: eventID, actor: actor.uri)
        try await federation.sql.delete(from: "federation_joins").where("event_id", .equal, eventID)
            .where("actor_uri", .equal, actor.uri).run()
    }

    /// Tells remote people what changed about their RSVP since they were last told: a place freed for someone
    /// waiting (`Accept`), or an RSVP the event no longer holds (`Reject`). Returns how many were told.
    func answerDue() async throws -> Int {
        guard federation.enabled else { return 0 }
        let changed = try await federation.sql.raw(
            """
            SELECT j.rsvp_id, j.join_id, j.actor_uri, j.inbox, j.event_id, j.group_id, j.answered, r.status
            FROM federation_joins j JOIN rsvps r ON r.id = j.rsvp_id WHERE r.status <> j.answered
            """
        ).rows(JoinRow.self)
        var told = 0
        for row in changed {
            let updated = try await federation.sql.raw(
                """
                UPDATE federation_joins SET answered = \(bind: row.status) WHERE rsvp_id = \(bind: row.rsvpID)
                AND answered = \(bind: row.answered) RETURNING rsvp_id
                """
            ).first()
            guard updated != nil else { continue }
            let type: String
            switch RSVPStatus(rawValue: row.status) {
            case .going: type = "Accept"
            case .cancelled: type = "Reject"
            default: continue
            }
            try await answer(
                type,
                joinID: row.joinID,
                actor: row.actorURI,
                inbox: row.inbox,
                event: row.eventID,
                row.groupID
            )
            told += 1
        }
        if told > 0 { federation.deliveries.soon() }
        return told
    }

    private func answer(
        _ type: String,
        joinID: String,
        actor: String,
        inbox: String,
        event: Int,
        _ groupID: Int
    )
        async throws
    {
        let join = JSONValue.object([
            "id": .string(joinID), "type": "Join", "actor": .string(actor),
            "object": .string(federation.links.event(event)),
        ])
        let group = federation.links.group(groupID)
        let document = Documents.answer(
            type,
            to: join,
            actor: group,
            id: group + "#\(type.lowercased())s/" + UUID().uuidString
        )
        try await federation.deliveries.enqueue(
            document,
            signer: Federator.owner(ofGroup: groupID),
            inboxes: [inbox],
            on: federation.sql
        )
        federation.deliveries.soon()
    }

    /// The inboxes of the remote people who RSVPed to the event, who hear of its edits and its withdrawal as
    /// its followers do; blocked servers and actors are left out.
    static func inboxes(ofEvent eventID: Int, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw(
            """
            SELECT DISTINCT j.inbox FROM federation_joins j WHERE j.event_id = \(bind: eventID)
            AND j.actor_uri NOT IN (SELECT target FROM federation_blocks)
            AND NOT EXISTS (SELECT 1 FROM federation_actors a WHERE a.uri = j.actor_uri
              AND a.host IN (SELECT target FROM federation_blocks))
            """
        ).column("inbox", as: String.self)
    }

    /// The local event an object id names (`…/ap/events/7`).
    private func localEvent(_ uri: String?) -> Int? {
        federation.links.localID(uri, under: "events")
    }
}

private struct JoinRow: Decodable {
    let rsvpID: Int
    let joinID: String
    let actorURI: String
    let inbox: String
    let eventID: Int
    let groupID: Int
    let answered: String
    let status: String
}
