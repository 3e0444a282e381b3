import FreshgroundWeb

/// Federation's addresses. Actors and objects live under `/ap/` and are named by id, which never changes (a
/// group's slug is only its `preferredUsername`), so other servers' copies keep pointing at the right thing.
package enum FederationPaths {
    package static let webfinger = Path("/.well-known/webfinger")
    package static let hostMeta = Path("/.well-known/host-meta")
    package static let nodeinfoIndex = Path("/.well-known/nodeinfo")
    package static let nodeinfo = Path("/nodeinfo/2.1")
    /// The instance actor, which signs the server's own fetches.
    package static let instance = Path("/ap/actor")
    /// Every local actor's shared inbox.
    package static let sharedInbox = Path("/ap/inbox")
    package static let group = Path("/ap/groups/:id")
    package static let inbox = Path("/ap/groups/:id/inbox")
    package static let outbox = Path("/ap/groups/:id/outbox")
    package static let followers = Path("/ap/groups/:id/followers")
    package static let post = Path("/ap/posts/:id")
    package static let event = Path("/ap/events/:id")
    /// The author of a public post, and a byline of a published piece, as actors.
    package static let person = Path("/ap/people/:id")
    package static let byline = Path("/ap/bylines/:id")
    /// A debate, its positions and replies, as objects other servers reply to.
    package static let debate = Path("/ap/debates/:id")
    package static let position = Path("/ap/positions/:id")
    package static let reply = Path("/ap/replies/:id")
    /// Finding a group on another server to follow.
    package static let find = Path("/groups-elsewhere")
    /// The administrator's view of federation: remote servers, their queues and failures, and blocks.
    package static let admin = Path("/admin/federation")
    package static let block = Path("/admin/federation/blocks")
    package static let unblock = Path("/admin/federation/blocks/delete")
}

/// Absolute ActivityPub ids on this server.
package struct FederationLinks: Sendable {
    package let base: String

    package init(base: String) { self.base = base }

    package var instance: String { base + FederationPaths.instance() }
    package var sharedInbox: String { base + FederationPaths.sharedInbox() }
    package func group(_ id: Int) -> String { base + FederationPaths.group(id) }
    package func inbox(_ id: Int) -> String { base + FederationPaths.inbox(id) }
    package func outbox(_ id: Int) -> String { base + FederationPaths.outbox(id) }
    package func followers(_ id: Int) -> String { base + FederationPaths.followers(id) }
    package func post(_ id: Int) -> String { base + FederationPaths.post(id) }
    package func event(_ id: Int) -> String { base + FederationPaths.event(id) }
    package func debate(_ id: Int) -> String { base + FederationPaths.debate(id) }
    package func position(_ id: Int) -> String { base + FederationPaths.position(id) }
    package func reply(_ id: Int) -> String { base + FederationPaths.reply(id) }

    /// The id in a local object address of a kind (`…/ap/events/7` under "events"); nil for any other address.
    package func localID(_ address: String?, under kind: String) -> Int? {
        let prefix = base + "/ap/\(kind)/"
        guard let address, address.hasPrefix(prefix) else { return nil }
        return Int(address.dropFirst(prefix.count))
    }
    /// The key id of a local actor, as its documents and signatures name it.
    package func key(ofActor actor: String) -> String { actor + "#main-key" }
    /// The host (with its port, when not the default) that `acct:` handles end in.
    package var host: String {
        let rest = base.split(separator: "://", maxSplits: 1).last.map(String.init) ?? base
        return String(rest.prefix { $0 != "/" })
    }
}
