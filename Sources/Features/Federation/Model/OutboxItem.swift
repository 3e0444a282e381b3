import Crypto
import Foundation
import FreshgroundCore
import FreshgroundWeb

/// One thing a group publishes: a post or piece (`Article`), an event it leads (`Event`), or an event it co-hosts
/// or promotes, which it re-shares (`Announce`, after FEP-1b12) since the event belongs to the group that leads it.
struct OutboxItem: Sendable {
    enum Kind: String, Sendable {
        case post, event, announce

        /// The key under which `federation_sent` remembers the object for a group; one event is either led or
        /// re-shared by a group, so both share the event's key.
        func key(_ id: Int) -> String { "\(self == .post ? "post" : "event"):\(id)" }
    }

    let kind: Kind
    let objectID: Int
    /// The object itself (the event for an `Announce`), without `@context`.
    let object: JSONValue
    /// A fingerprint of the object as published, so an edit is noticed and sent as `Update`; computed once, as
    /// the publisher compares and records it on every pass.
    let digest: String
    var key: String { kind.key(objectID) }

    init(kind: Kind, objectID: Int, object: JSONValue) {
        self.kind = kind
        self.objectID = objectID
        self.object = object
        let data = (try? object.serialized()) ?? Data()
        self.digest = SHA256.hash(data: data).hex
    }

    /// The activity that first sends the item on behalf of the group `actor`.
    func activity(actor: String, followers: String) -> JSONValue {
        switch kind {
        case .post, .event: Documents.create(object, actor: actor)
        case .announce: Documents.announce(object["id"]?.string ?? "", actor: actor, followers: followers)
        }
    }
}
