import Foundation
import FreshgroundStore
import FreshgroundWeb
import Library
import SQLKit

/// Replies from people on other servers to the debates here: a `Create` of a `Note` in reply to a position
/// (`/ap/positions/ID`) or a reply (`/ap/replies/ID`) becomes a reply in that thread, shown under the person's
/// name and handle, without a side, and moderated like any other. Its HTML is brought down to the safe Markdown
/// subset; its author's `Delete` removes it. Anyone may reply, as on their own server; blocks hold.
struct RemoteReplies: Sendable {
    let federation: Federator

    /// Whether the object replies to a debate here; then it is taken (or dropped when it cannot be).
    func take(_ object: JSONValue?, from actor: RemoteActor) async throws -> Bool {
        guard let object, let target = object["inReplyTo"]?.string ?? object["inReplyTo"]?["id"]?.string,
            let place = try await place(of: target)
        else { return false }
        guard let id = object["id"]?.string, FederationHost.of(id) == actor.host,
            RemoteContent.owner(of: object) ?? actor.uri == actor.uri
        else { return true }
        _ = try await Debates(services: federation.services).remoteReply(
            origin: id,
            actor: actor.uri,
            name: actor.shownName,
            debate: place.debateID,
            position: place.positionID,
            parent: place.parentID,
            body: RemoteHTML.markdown(object["content"]?.string ?? "", limit: 20_000)
        )
        return true
    }

    /// A `Delete` of a reply its author sent here.
    func delete(_ objectID: String?, from actor: RemoteActor) async throws {
        guard let objectID else { return }
        try await Debates(services: federation.services).deleteRemoteReply(origin: objectID, actor: actor.uri)
    }

    /// The thread a local position or reply id names.
    private func place(of target: String) async throws -> ThreadPlace? {
        let links = federation.links
        if let id = links.localID(target, under: "positions") {
            return try await federation.sql.raw(
                "SELECT debate_id, id AS position_id, NULL AS parent_id FROM positions WHERE id = \(bind: id)"
            ).row(ThreadPlace.self)
        }
        // A reply here, or one that came from elsewhere, named by its own address.
        let byID: SQLQueryString =
            links.localID(target, under: "replies").map { "id = \(bind: $0)" } ?? "origin = \(bind: target)"
        return try await federation.sql.raw(
            "SELECT debate_id, position_id, id AS parent_id FROM replies WHERE \(byID)"
        ).row(ThreadPlace.self)
    }
}

private struct ThreadPlace: Decodable {
    let debateID: Int
    let positionID: Int
    let parentID: Int?
}
