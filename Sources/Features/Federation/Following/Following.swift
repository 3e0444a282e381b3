import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// This server's groups following groups on other servers. A group on another server is first copied here as a
/// group row (`find`); a follow of that copy, made with the usual follow button, then goes out as a `Follow`
/// from the following group's actor, or from the instance actor when the group is private, so a private group is
/// never named outside. Ending the follow sends `Undo`. What the remote group then sends is taken in by
/// `RemoteContent`.
package struct Following: Sendable {
    let federation: Federator

    package init(federation: Federator) { self.federation = federation }

    /// Finds a group on another server by its handle (`@name@server`) or its actor's address, copies it here, and
    /// returns its id here. Refused with a message for the `handle` field when it cannot be found.
    package func find(_ handle: String) async throws -> Int {
        guard federation.enabled else { throw Self.refusal("Federation is off on this server.") }
        let typed = handle.trimmingWhitespace()
        let address: String
        if typed.hasPrefix("https://") || typed.hasPrefix("http://") {
            address = typed
        } else {
            let parts = (typed.hasPrefix("@") ? String(typed.dropFirst()) : typed).split(separator: "@")
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw Self.refusal("Write the group's handle as @name@server, or paste its address.")
            }
            address = try await webfinger(name: String(parts[0]), host: String(parts[1]))
        }
        guard let host = FederationHost.of(address) else { throw Self.refusal("That is not a web address.") }
        guard host != federation.links.host.lowercased() else {
            throw Self.refusal("That group is on this server: find it in the directory.")
        }
        if try await federation.isBlocked(host: host, actor: address) {
            throw Self.refusal("This server does not take anything from \(host).")
        }
        let document: JSONValue
        do {
            document = try await federation.http.fetchDocument(address, signer: try await instanceSigner())
        } catch {
            throw Self.refusal("\(host) did not answer with a group at that address.")
        }
        return try await store(document, fetchedFrom: host)
    }

    /// Copies a fetched `Group` actor document as a remote group and stores its key; refused unless the document
    /// is a group whose id is on the server it came from.
    func store(_ document: JSONValue, fetchedFrom host: String) async throws -> Int {
        guard document["type"]?.string == "Group", let uri = document["id"]?.string, FederationHost.of(uri) == host,
            let keyID = document["publicKey"]?["id"]?.string,
            let actor = try? RemoteActors.read(document, keyID: keyID, now: federation.clock())
        else { throw Self.refusal("That address is not a group this server can follow.") }
        try await federation.actors.store(actor)
        let username = document["preferredUsername"]?.string ?? "group"
        return try await RemoteGroups(services: federation.services).store(
            RemoteGroupInput(
                origin: uri,
                host: host,
                username: RemoteHTML.text(username, limit: 60),
                name: RemoteHTML.text(document["name"]?.string ?? username, limit: 120),
                description: RemoteHTML.markdown(document["summary"]?.string ?? "", limit: 10_000),
                kind: document["groupKind"]?.string.flatMap(GroupKind.init(rawValue:)) ?? .center,
                city: RemoteHTML.text(document["location"]?["name"]?.string ?? "", limit: 80)
            )
        )
    }

    /// The actor address a WebFinger lookup of `name@host` gives.
    private func webfinger(name: String, host: String) async throws -> String {
        let scheme = federation.services.site.federation.allowLoopback ? "http" : "https"
        var parts = URLComponents()
        parts.scheme = scheme
        parts.percentEncodedHost = host.split(separator: ":").first.map(String.init)
        parts.port = host.split(separator: ":").dropFirst().first.flatMap { Int($0) }
        parts.path = "/.well-known/webfinger"
        parts.queryItems = [URLQueryItem(name: "resource", value: "acct:\(name)@\(host)")]
        guard let url = parts.string else { throw Self.refusal("That server's name is not valid.") }
        let answer: JSONValue
        do {
            answer = try await federation.http.fetchDocument(url, signer: nil)
        } catch {
            throw Self.refusal("\(host) does not know @\(name).")
        }
        let links = answer["links"]?.array ?? []
        guard
            let link = links.first(where: {
                $0["rel"]?.string == "self" && ($0["type"]?.string ?? "").contains("json")
            }), let href = link["href"]?.string
        else { throw Self.refusal("\(host) gave no ActivityPub address for @\(name).") }
        return href
    }

    /// Sends a `Follow` for each new follow of a remote group and an `Undo` for each that ended; returns how many.
    /// Passes may run at once, in one process or several: each is claimed by a conditional write in the
    /// transaction that queues it, so it goes out once.
    package func sendDue() async throws -> Int {
        guard federation.enabled else { return 0 }
        let started = try await federation.sql.raw(
            """
            SELECT f.follower_id, f.target_id AS remote_id, g.origin, l.visibility FROM follows f
            JOIN groups g ON g.id = f.target_id JOIN groups l ON l.id = f.follower_id
            WHERE g.origin IS NOT NULL AND l.origin IS NULL AND NOT EXISTS (SELECT 1 FROM federation_following x
            WHERE x.follower_id = f.follower_id AND x.remote_id = f.target_id)
            """
        ).rows(NewFollow.self)
        let ended = try await federation.sql.raw(
            """
            SELECT x.follower_id, x.remote_id, x.follow_id, x.signer, g.origin FROM federation_following x
            JOIN groups g ON g.id = x.remote_id WHERE NOT EXISTS (SELECT 1 FROM follows f
            WHERE f.follower_id = x.follower_id AND f.target_id = x.remote_id)
            """
        ).rows(EndedFollow.self)
        guard !started.isEmpty || !ended.isEmpty else { return 0 }
        let now = federation.clock()
        let deliveries = federation.deliveries
        var count = 0
        for follow in started {
            guard let inbox = try await federation.actors.stored(follow.origin)?.inbox else { continue }
            let signer =
                follow.visibility == Visibility.public.rawValue
                ? Federator.owner(ofGroup: follow.followerID) : "instance"
            let actor = federation.actor(of: signer)
            let id = actor + "#follows/" + UUID().uuidString
            let sent: Bool = try await federation.services.store.transaction { sql in
                let inserted = try await sql.raw(
                    """
                    INSERT INTO federation_following (follower_id, remote_id, follow_id, signer, accepted, created_at)
                    VALUES (\(bind: follow.followerID), \(bind: follow.remoteID), \(bind: id), \(bind: signer),
                    \(bind: false), \(bind: now)) ON CONFLICT (follower_id, remote_id) DO NOTHING RETURNING follow_id
                    """
                ).first()
                guard inserted != nil else { return false }
                try await deliveries.enqueue(
                    Documents.follow(id: id, actor: actor, object: follow.origin),
                    signer: signer,
                    inboxes: [inbox],
                    on: sql
                )
                return true
            }
            if sent { count += 1 }
        }
        for follow in ended {
            let inbox = try await federation.actors.stored(follow.origin)?.inbox
            let actor = federation.actor(of: follow.signer)
            let sent: Bool = try await federation.services.store.transaction { sql in
                // Claimed by the delete, as a new follow is by its insert: of two passes that read the same ended
                // follow, one removes the row and sends the `Undo`, the other removes nothing and sends nothing. A
                // follow made again since it was read keeps its row.
                let claimed = try await sql.raw(
                    """
                    DELETE FROM federation_following WHERE follower_id = \(bind: follow.followerID)
                    AND remote_id = \(bind: follow.remoteID) AND follow_id = \(bind: follow.followID)
                    AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = \(bind: follow.followerID)
                    AND f.target_id = \(bind: follow.remoteID)) RETURNING follow_id
                    """
                ).first()
                guard claimed != nil, let inbox else { return false }
                let undo = Documents.undo(
                    Documents.follow(id: follow.followID, actor: actor, object: follow.origin),
                    actor: actor,
                    id: follow.followID + "#undo"
                )
                try await deliveries.enqueue(undo, signer: follow.signer, inboxes: [inbox], on: sql)
                return true
            }
            if sent { count += 1 }
        }
        if count > 0 { deliveries.soon() }
        return count
    }

    /// Takes a remote group's `Accept` of a follow sent from here.
    func accepted(_ followID: String?, by actor: RemoteActor) async throws {
        guard let followID else { return }
        try await federation.sql.raw(
            """
            UPDATE federation_following SET accepted = \(bind: true) WHERE follow_id = \(bind: followID)
            AND remote_id IN (SELECT id FROM groups WHERE origin = \(bind: actor.uri))
            """
        ).run()
    }

    /// The id here of the remote group that sent something, when a group here follows it; nil otherwise, and
    /// what it sends is then not taken.
    func followedGroup(_ actor: RemoteActor) async throws -> Int? {
        try await federation.sql.raw(
            """
            SELECT g.id FROM groups g WHERE g.origin = \(bind: actor.uri)
            AND EXISTS (SELECT 1 FROM federation_following x WHERE x.remote_id = g.id)
            """
        ).value("id", as: Int.self)
    }

    private func instanceSigner() async throws -> Signer { try await federation.signer(for: "instance") }

    static func refusal(_ message: String) -> AppError { .validation(["handle": message]) }
}

private struct NewFollow: Decodable {
    let followerID: Int
    let remoteID: Int
    let origin: String
    let visibility: String
}

private struct EndedFollow: Decodable {
    let followerID: Int
    let remoteID: Int
    let followID: String
    let signer: String
    let origin: String
}
