import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit
import _CryptoExtras

/// A remote actor as this server knows it: where to deliver to it and the key it signs with.
package struct RemoteActor: Sendable, Equatable, Decodable {
    package let uri: String
    package let host: String
    package let inbox: String
    package let sharedInbox: String?
    package let keyId: String
    package let publicPem: String
    package let name: String
    package let fetchedAt: Date

    /// Where to deliver to it: its server's shared inbox when it offers one.
    package var deliveryInbox: String { sharedInbox ?? inbox }

    /// How it is shown here, as no account stands for it: "Name (@user@host)".
    var shownName: String {
        let user = uri.split(separator: "/").last.map(String.init) ?? uri
        return "\(name.prefix(80)) (\("@\(user)@\(host)".prefix(120)))"
    }
}

/// Finds remote actors by key id, fetching and storing their documents. A document only counts when its key
/// names the actor as its owner and the actor's inbox is on the actor's own host.
struct RemoteActors: Sendable {
    /// A stored actor older than this is fetched again before its key is believed.
    static let freshness: TimeInterval = 24 * 3600
    /// The least time between two fetches of one actor's key.
    static let refetchPause: TimeInterval = 300

    let sql: any SQLDatabase
    let http: RemoteHTTP
    let clock: @Sendable () -> Date
    let signer: @Sendable () async throws -> Signer

    /// The actor whose key `keyID` is; `refresh` fetches it again even when stored and fresh (after a signature
    /// failed, in case the key was changed).
    func actor(forKey keyID: String, refresh: Bool = false) async throws -> RemoteActor {
        if let stored = try await sql.select().columns(Self.columns).from("federation_actors")
            .where("key_id", .equal, keyID).row(RemoteActor.self)
        {
            let age = clock().timeIntervalSince(stored.fetchedAt)
            // A refresh asked for after a failed signature happens at most once in `refetchPause`, so a flood of
            // badly signed posts cannot make this server hammer the key's host.
            if age < (refresh ? Self.refetchPause : Self.freshness) { return stored }
        }
        let address = String(keyID.prefix { $0 != "#" })
        var document = try await http.fetchDocument(address, signer: try await signer())
        if document["publicKey"] == nil, let owner = document["owner"]?.string {
            document = try await http.fetchDocument(owner, signer: try await signer())
        }
        let actor = try Self.read(document, keyID: keyID, now: clock())
        try await store(actor)
        return actor
    }

    /// The stored actor with this id, if any.
    func stored(_ uri: String) async throws -> RemoteActor? {
        try await sql.select().columns(Self.columns).from("federation_actors").where("uri", .equal, uri)
            .row(RemoteActor.self)
    }

    /// Reads an actor document; refused when the key is not the one asked for, is not owned by the actor, or the
    /// inbox is on another host.
    static func read(_ document: JSONValue, keyID: String, now: Date) throws -> RemoteActor {
        guard let uri = document["id"]?.string, let host = FederationHost.of(uri),
            let inbox = document["inbox"]?.string, FederationHost.of(inbox) == host,
            let key = document["publicKey"], key["id"]?.string == keyID, key["owner"]?.string == uri,
            let pem = key["publicKeyPem"]?.string, (try? _RSA.Signing.PublicKey(unsafePEMRepresentation: pem)) != nil
        else { throw InboxRefusal.badActor }
        let shared = document["endpoints"]?["sharedInbox"]?.string.flatMap { FederationHost.of($0) == host ? $0 : nil }
        let name = document["name"]?.string ?? document["preferredUsername"]?.string ?? uri
        return RemoteActor(
            uri: uri,
            host: host,
            inbox: inbox,
            sharedInbox: shared,
            keyId: keyID,
            publicPem: pem,
            name: String(name.prefix(200)),
            fetchedAt: now
        )
    }

    func store(_ actor: RemoteActor) async throws {
        try await sql.raw(
            """
            INSERT INTO federation_actors (uri, host, inbox, shared_inbox, key_id, public_pem, name, fetched_at)
            VALUES (\(bind: actor.uri), \(bind: actor.host), \(bind: actor.inbox), \(bind: actor.sharedInbox),
            \(bind: actor.keyId), \(bind: actor.publicPem), \(bind: actor.name), \(bind: actor.fetchedAt))
            ON CONFLICT (uri) DO UPDATE SET host = excluded.host, inbox = excluded.inbox,
            shared_inbox = excluded.shared_inbox, key_id = excluded.key_id, public_pem = excluded.public_pem,
            name = excluded.name, fetched_at = excluded.fetched_at
            """
        ).run()
    }

    static let columns = ["uri", "host", "inbox", "shared_inbox", "key_id", "public_pem", "name", "fetched_at"]
}

/// The host part that decides which server an id belongs to: lowercased, with the port when one is given.
package enum FederationHost {
    package static func of(_ address: String) -> String? {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http",
            let host = url.host?.lowercased(), !host.isEmpty
        else { return nil }
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
