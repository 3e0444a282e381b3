import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Library

/// What groups on other servers send to the groups here that follow them: their public posts (`Article`, `Page`,
/// `Note`) and events (`Event`), edits (`Update`), withdrawals (`Delete`), and events they re-share (`Announce`).
/// Only a group that a group here follows is listened to; an object must be the sender's own (attributed to it,
/// or addressed to it as its `audience`, with its id on the sender's server), and its HTML is brought down to the
/// safe Markdown subset before it is stored.
struct RemoteContent: Sendable {
    let federation: Federator

    var groups: RemoteGroups { RemoteGroups(services: federation.services) }
    var events: RemoteEvents { RemoteEvents(services: federation.services) }

    /// A `Create` or `Update` of a post or an event.
    func store(_ object: JSONValue?, from actor: RemoteActor) async throws {
        guard let object, let groupID = try await Following(federation: federation).followedGroup(actor),
            let id = object["id"]?.string, FederationHost.of(id) == actor.host, Self.belongs(object, to: actor.uri)
        else { return }
        try await store(object, id: id, hostID: groupID)
    }

    private func store(_ object: JSONValue, id: String, hostID: Int) async throws {
        switch object["type"]?.string {
        case "Article", "Page", "Note":
            let title = RemoteHTML.text(object["name"]?.string ?? object["summary"]?.string ?? "", limit: 200)
            // The HTML, not the Markdown source: its links were made absolute, where the source's site paths would
            // point at other things on this server.
            var body = RemoteHTML.markdown(object["content"]?.string ?? "")
            let words = RemoteHTML.text(object["content"]?.string ?? "", limit: 80)
            let published = min(Self.date(object["published"]) ?? federation.clock(), federation.clock())
            if let kind = object["pieceKind"]?.string.flatMap(PublicationKind.init(rawValue:)) {
                let byline = RemoteHTML.text(object["byline"]?.string ?? "", limit: 300)
                // The byline printed at the top of the text, for other software, is shown apart here.
                let printed = RemoteHTML.markdown("<p>By \(HTMLEscape.text(byline))</p>")
                if !byline.isEmpty, body.hasPrefix(printed) {
                    body = String(body.dropFirst(printed.count)).trimmingCharacters(in: .whitespacesAndNewlines)
                }
                try await RemotePieces(services: federation.services).store(
                    RemotePieceInput(
                        origin: id,
                        kind: kind,
                        title: title.isEmpty ? words : title,
                        summary: RemoteHTML.text(object["summary"]?.string ?? "", limit: 1_000),
                        body: body,
                        byline: byline.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                        publishedAt: published
                    ),
                    groupID: hostID
                )
                return
            }
            try await groups.storePost(
                origin: id,
                groupID: hostID,
                title: title.isEmpty ? words : title,
                body: body.isEmpty ? "(no text)" : body,
                // Never dated ahead of now, where it would stay at the top of every feed.
                published: published
            )
        case "Event":
            guard let event = Self.event(object, id: id) else { return }
            try await events.store(event, hostID: hostID)
        default:
            return
        }
    }

    /// A `Delete` of a post or event the sender published.
    func delete(_ objectID: String?, from actor: RemoteActor) async throws {
        guard let objectID, FederationHost.of(objectID) == actor.host,
            let groupID = try await groups.id(origin: actor.uri)
        else { return }
        try await groups.deletePost(origin: objectID, groupID: groupID)
        try await events.delete(origin: objectID, hostID: groupID)
    }

    /// An `Announce` of an event: the event is fetched from its own server (an embedded copy is not believed),
    /// stored under the group that leads it, and shown as promoted by the sender.
    func announce(_ objectID: String?, from actor: RemoteActor) async throws {
        guard let objectID, let groupID = try await Following(federation: federation).followedGroup(actor),
            let host = FederationHost.of(objectID)
        else { return }
        if try await federation.isBlocked(host: host, actor: nil) { return }
        let eventID: Int
        if let stored = try await events.id(origin: objectID) {
            eventID = stored
        } else {
            let signer = try await federation.signer(for: "instance")
            guard let object = try? await federation.http.fetchDocument(objectID, signer: signer),
                object["id"]?.string == objectID, object["type"]?.string == "Event",
                let leadURI = Self.owner(of: object), FederationHost.of(leadURI) == host
            else { return }
            let leadID: Int
            if let known = try await groups.id(origin: leadURI) {
                leadID = known
            } else {
                guard let lead = try? await federation.http.fetchDocument(leadURI, signer: signer),
                    let id = try? await Following(federation: federation).store(lead, fetchedFrom: host)
                else { return }
                leadID = id
            }
            guard let event = Self.event(object, id: objectID),
                let stored = try await events.store(event, hostID: leadID)
            else { return }
            eventID = stored
        }
        try await events.promote(eventID, by: groupID)
    }

    /// An `Undo` of an `Announce`: the sender no longer promotes the event.
    func unannounce(_ objectID: String?, from actor: RemoteActor) async throws {
        guard let objectID, let groupID = try await groups.id(origin: actor.uri),
            let eventID = try await events.id(origin: objectID)
        else { return }
        try await events.unpromote(eventID, by: groupID)
    }

    /// The actor an object names as its author or its group.
    static func owner(of object: JSONValue) -> String? {
        func first(_ value: JSONValue?) -> String? {
            value?.string ?? value?["id"]?.string ?? value?.array?.first.flatMap { first($0) }
        }
        return first(object["attributedTo"]) ?? first(object["audience"])
    }

    /// Whether an object is the actor's: attributed to it, or published in it as its audience (as Lemmy and
    /// other group servers do for their members' posts).
    static func belongs(_ object: JSONValue, to actor: String) -> Bool {
        for key in ["attributedTo", "audience"] {
            let value = object[key]
            let names = (value?.array ?? [value].compactMap { $0 }).compactMap { $0.string ?? $0["id"]?.string }
            if names.contains(actor) { return true }
        }
        return false
    }

    /// A Mobilizon `Event` read as a remote event; nil without a start.
    static func event(_ object: JSONValue, id: String) -> RemoteEventInput? {
        guard let starts = date(object["startTime"]) else { return nil }
        let address = object["location"]?["address"]
        let page = object["url"]?.string.flatMap { RemoteHTML.isWebLink($0) ? $0 : nil } ?? id
        return RemoteEventInput(
            origin: id,
            page: page,
            title: RemoteHTML.text(object["name"]?.string ?? "", limit: 200),
            description: RemoteHTML.markdown(object["content"]?.string ?? "", limit: 20_000),
            startsAt: starts,
            endsAt: date(object["endTime"]) ?? starts.addingTimeInterval(3600),
            timeZone: object["timezone"]?.string ?? "UTC",
            city: RemoteHTML.text(address?["addressLocality"]?.string ?? "", limit: 80),
            address: RemoteHTML.text(
                address?["streetAddress"]?.string ?? object["location"]?["name"]?.string ?? "",
                limit: 300
            ),
            capacity: object["maximumAttendeeCapacity"]?.int,
            cancelled: object["ical:status"]?.string == "CANCELLED"
        )
    }

    static func date(_ value: JSONValue?) -> Date? {
        guard let text = value?.string else { return nil }
        return (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}
