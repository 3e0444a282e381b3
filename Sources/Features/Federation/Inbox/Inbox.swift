import Events
import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit
import _CryptoExtras

/// Why an incoming activity was refused, with the status the inbox answers.
package enum InboxRefusal: Error, Equatable {
    case off, unsigned, badSignature, staleDate, badDigest, badActor, wrongHost, tooLarge, tooDeep, notJSON, blocked

    package var status: Int {
        switch self {
        case .off: 404
        case .unsigned, .badSignature, .staleDate, .badDigest: 401
        case .badActor, .wrongHost, .tooDeep, .notJSON: 400
        case .blocked: 403
        case .tooLarge: 413
        }
    }
}

/// Takes in what other servers post to a group's inbox or the shared one. Nothing is believed unsigned: the
/// request must carry a cavage signature over `(request-target)`, `host`, `date` and `digest` (or RFC 9530's
/// `content-digest`), or an RFC 9421 one over the method, the target and the digest; made within `dateWindow`;
/// with the digest of the body, and a key whose owner is the activity's actor. The activity's id must be on the
/// actor's host, and an id seen before is ignored.
package struct Inbox: Sendable {
    /// How far a request's `Date` may be from now, either way.
    static let dateWindow: TimeInterval = 3600
    /// The deepest JSON nesting taken in.
    static let maxDepth = 32

    let federation: Federator

    package init(federation: Federator) { self.federation = federation }

    /// Checks and acts on one posted activity; `headers` are keyed in lowercase.
    package func receive(method: String, target: String, headers: [String: String], body: Data) async throws {
        guard federation.enabled else { throw InboxRefusal.off }
        guard body.count <= RemoteHTTP.maxBody else { throw InboxRefusal.tooLarge }
        let scheme = federation.links.base.hasPrefix("https:") ? "https" : "http"
        let signature = try Self.signature(
            method: method,
            target: target,
            scheme: scheme,
            headers: headers,
            now: federation.clock()
        )
        guard Self.digestMatches(body, headers: headers, signed: signature.covered) else {
            throw InboxRefusal.badDigest
        }
        guard let keyHost = FederationHost.of(signature.keyID) else { throw InboxRefusal.badActor }
        if try await federation.isBlocked(host: keyHost, actor: nil) { throw InboxRefusal.blocked }
        let actor = try await verifiedActor(keyID: signature.keyID, signature.verify)
        guard Self.depth(of: body) <= Self.maxDepth else { throw InboxRefusal.tooDeep }
        guard let activity = try? JSONValue(parsing: body), activity.object != nil else { throw InboxRefusal.notJSON }
        guard activity["actor"]?.string ?? activity["actor"]?["id"]?.string == actor.uri else {
            throw InboxRefusal.badActor
        }
        guard let id = activity["id"]?.string, FederationHost.of(id) == actor.host else {
            throw InboxRefusal.wrongHost
        }
        if try await federation.isBlocked(host: actor.host, actor: actor.uri) { throw InboxRefusal.blocked }
        guard try await firstSighting(of: id) else { return }
        do {
            try await act(on: activity, from: actor)
        } catch {
            // Not taken after all: forget the id, so the sender's retry is not mistaken for a replay.
            try? await federation.sql.delete(from: "federation_seen").where("activity_id", .equal, id).run()
            throw error
        }
    }

    /// A request's signature, checked for everything but the key: what it covers, when it was made, and how to
    /// verify it once the key is known.
    struct CheckedSignature: Sendable {
        let keyID: String
        let covered: [String]
        let verify: @Sendable (_RSA.Signing.PublicKey) -> Bool
    }

    /// Reads the request's signature: RFC 9421 when it has a `Signature-Input`, else cavage. Either must cover the
    /// method, where the request went and the body's digest, and be made within `dateWindow` of now.
    static func signature(
        method: String,
        target: String,
        scheme: String,
        headers: [String: String],
        now: Date
    ) throws -> CheckedSignature {
        func recent(_ date: Date?) -> Bool { date.map { abs($0.timeIntervalSince(now)) <= dateWindow } ?? false }
        let date = headers["date"].flatMap(HTTPSignatures.parseHTTPDate)
        if let input = headers["signature-input"] {
            guard let parsed = MessageSignatures.parse(input: input, signature: headers["signature"] ?? ""),
                MessageSignatures.coversInbox(parsed)
            else { throw InboxRefusal.unsigned }
            let made = parsed.created ?? (parsed.components.contains("date") ? date : nil)
            guard recent(made), parsed.expires.map({ $0 > now }) ?? true else { throw InboxRefusal.staleDate }
            return CheckedSignature(keyID: parsed.keyID, covered: parsed.components) { key in
                MessageSignatures.isValid(
                    parsed,
                    method: method,
                    target: target,
                    scheme: scheme,
                    headers: headers,
                    key: key
                )
            }
        }
        guard let header = headers["signature"], let parsed = HTTPSignatures.parse(header),
            ["(request-target)", "host", "date"].allSatisfy(parsed.headers.contains),
            parsed.headers.contains("digest") || parsed.headers.contains("content-digest")
        else { throw InboxRefusal.unsigned }
        guard recent(date) else { throw InboxRefusal.staleDate }
        return CheckedSignature(keyID: parsed.keyID, covered: parsed.headers) { key in
            HTTPSignatures.isValid(parsed, method: method, target: target, headers: headers, key: key)
        }
    }

    /// The actor that signed the request, once the signature checks out with its key (fetched again once if it
    /// does not, in case the key changed).
    private func verifiedActor(keyID: String, _ verify: (_RSA.Signing.PublicKey) -> Bool) async throws -> RemoteActor {
        for refresh in [false, true] {
            let actor: RemoteActor
            do {
                actor = try await federation.actors.actor(forKey: keyID, refresh: refresh)
            } catch {
                throw InboxRefusal.badSignature
            }
            let key = try _RSA.Signing.PublicKey(unsafePEMRepresentation: actor.publicPem)
            if verify(key) { return actor }
        }
        throw InboxRefusal.badSignature
    }

    /// Records the activity's id; false when it was seen before (a replay, or a second delivery of it).
    private func firstSighting(of id: String) async throws -> Bool {
        let row = try await federation.sql.raw(
            """
            INSERT INTO federation_seen (activity_id, received_at) VALUES (\(bind: id), \(bind: federation.clock()))
            ON CONFLICT (activity_id) DO NOTHING RETURNING activity_id
            """
        ).first()
        return row != nil
    }

    private func act(on activity: JSONValue, from actor: RemoteActor) async throws {
        switch activity["type"]?.string {
        case "Follow":
            guard let groupID = federation.localGroup(activity["object"]?.string ?? activity["object"]?["id"]?.string)
            else { return }
            try await federation.followers.accept(activity, groupID: groupID, from: actor)
        case "Join":
            if let groupID = federation.localGroup(Self.objectID(activity)) {
                try await Affiliating(federation: federation).requested(activity, groupID: groupID, from: actor)
            } else {
                try await Joins(federation: federation).join(activity, from: actor)
            }
        case "Leave":
            try await leave(Self.objectID(activity), from: actor)
        case "Undo" where activity["object"]?["type"]?.string == "Join":
            guard activity["object"]?["actor"]?.string ?? actor.uri == actor.uri else { return }
            try await leave(activity["object"].flatMap(Self.objectID), from: actor)
        case "Undo" where activity["object"]?["type"]?.string == "Announce":
            try await RemoteContent(federation: federation).unannounce(
                activity["object"].flatMap(Self.objectID),
                from: actor
            )
        case "Undo":
            guard let inner = activity["object"], inner["type"]?.string == "Follow",
                inner["actor"]?.string ?? actor.uri == actor.uri,
                let groupID = federation.localGroup(inner["object"]?.string ?? inner["object"]?["id"]?.string)
            else { return }
            try await federation.followers.remove(actor.uri, from: groupID)
        case "Delete":
            // An account deleted on its server: forget that it followed anything here.
            if Self.objectID(activity) == actor.uri {
                try await federation.followers.forget(actor.uri)
                let copies = RemoteGroups(services: federation.services)
                if let copy = try await copies.id(origin: actor.uri) {
                    try await RemoteEvents(services: federation.services).deleteHosted(by: copy)
                    try await copies.delete(origin: actor.uri)
                }
            } else {
                try await RemoteContent(federation: federation).delete(Self.objectID(activity), from: actor)
                try await RemoteReplies(federation: federation).delete(Self.objectID(activity), from: actor)
            }
        case "Create":
            if try await RemoteReplies(federation: federation).take(activity["object"], from: actor) { return }
            try await RemoteContent(federation: federation).store(activity["object"], from: actor)
        case "Update":
            try await RemoteContent(federation: federation).store(activity["object"], from: actor)
        case "Announce":
            try await RemoteContent(federation: federation).announce(Self.objectID(activity), from: actor)
        case "Accept":
            // Each matches only the ids it sent: a follow's, or an affiliation request's.
            try await Following(federation: federation).accepted(Self.objectID(activity), by: actor)
            try await Affiliating(federation: federation).accepted(Self.objectID(activity), by: actor)
        case "Reject":
            try await Affiliating(federation: federation).ended(
                joinID: Self.objectID(activity),
                localGroup: nil,
                by: actor
            )
        default:
            return
        }
    }

    /// A `Leave` of a group here ends an affiliation; of an event, an RSVP.
    private func leave(_ objectID: String?, from actor: RemoteActor) async throws {
        if let groupID = federation.localGroup(objectID) {
            try await Affiliating(federation: federation).ended(joinID: nil, localGroup: groupID, by: actor)
        } else {
            try await Joins(federation: federation).leave(objectID, from: actor)
        }
    }

    /// The id of an activity's object, named or embedded.
    static func objectID(_ activity: JSONValue) -> String? {
        activity["object"]?.string ?? activity["object"]?["id"]?.string
    }

    /// Whether every signed digest header holds the body's SHA-256: `Digest` (`SHA-256=…`, the algorithm's name in
    /// any case, as bovine writes it) or RFC 9530's `Content-Digest` (`sha-256=:…:`).
    static func digestMatches(_ body: Data, headers: [String: String], signed: [String]) -> Bool {
        let expected = String(HTTPSignatures.digest(of: body).dropFirst("SHA-256=".count))
        func entries(_ name: String) -> [(algorithm: String, value: String)] {
            (headers[name] ?? "").split(separator: ",").compactMap { entry in
                guard let equals = entry.firstIndex(of: "=") else { return nil }
                return (
                    entry[..<equals].trimmingCharacters(in: .whitespaces).lowercased(),
                    entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                )
            }
        }
        var checked = false
        if signed.contains("digest") {
            guard entries("digest").contains(where: { $0 == ("sha-256", expected) }) else { return false }
            checked = true
        }
        if signed.contains("content-digest") {
            guard entries("content-digest").contains(where: { $0 == ("sha-256", ":\(expected):") }) else {
                return false
            }
            checked = true
        }
        return checked
    }

    /// How deeply the JSON text nests, read without parsing it (brackets inside strings do not count).
    static func depth(of body: Data) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in body {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
