import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What every part of federation shares: the settings, the links to this server's actors, the client for other
/// servers and the tables. Built from the app's services wherever it is needed.
package struct Federator: Sendable {
    package let services: AppServices
    package let links: FederationLinks

    package init(services: AppServices) {
        self.services = services
        self.links = FederationLinks(base: services.site.base)
    }

    var sql: any SQLDatabase { services.store.sql }
    var clock: @Sendable () -> Date { services.clock }
    package var enabled: Bool { services.site.federation.enabled }
    var http: RemoteHTTP { RemoteHTTP(allowLoopback: services.site.federation.allowLoopback, clock: clock) }
    var keys: ActorKeys { ActorKeys(services: services) }
    var actors: RemoteActors {
        let federation = self
        return RemoteActors(sql: sql, http: http, clock: clock) { try await federation.signer(for: "instance") }
    }
    package var followers: Followers { Followers(federation: self) }
    package var deliveries: Deliveries { Deliveries(federation: self) }

    /// The key owner name of a local group.
    static func owner(ofGroup id: Int) -> String { "group:\(id)" }

    /// The actor id of a key owner (`group:12`, `instance`).
    func actor(of owner: String) -> String {
        if owner.hasPrefix("group:"), let id = Int(owner.dropFirst(6)) { return links.group(id) }
        return links.instance
    }

    /// The signer for a local actor's requests.
    func signer(for owner: String) async throws -> Signer {
        Signer(keyID: links.key(ofActor: actor(of: owner)), key: try await keys.signingKey(of: owner))
    }

    /// The local group an actor id names, if it is one of this server's.
    func localGroup(_ uri: String?) -> Int? { links.localID(uri, under: "groups") }

    /// Whether an administrator blocked the server `host` or the actor.
    func isBlocked(host: String, actor: String?) async throws -> Bool {
        var targets = [host]
        if let actor { targets.append(actor) }
        return try await sql.select().column("target").from("federation_blocks").where("target", .in, targets)
            .first() != nil
    }
}
