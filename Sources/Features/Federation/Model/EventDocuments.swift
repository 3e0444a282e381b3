import Events
import Foundation
import FreshgroundWeb

extension Documents {
    /// The terms Mobilizon adds for events, so its servers read start, end, zone, place and how to join.
    static let eventTerms: JSONValue = .object([
        "mz": "https://joinmobilizon.org/ns#",
        "ical": "http://www.w3.org/2002/12/cal/ical#",
        "schema": "http://schema.org#",
        "timezone": .object(["@id": "mz:timezone", "@type": "schema:Text"]),
        "isOnline": .object(["@id": "mz:isOnline", "@type": "schema:Boolean"]),
        "joinMode": .object(["@id": "mz:joinMode", "@type": "mz:joinModeType"]),
        "maximumAttendeeCapacity": "schema:maximumAttendeeCapacity",
        "commentsEnabled": "pt:commentsEnabled",
        "pt": "https://joinpeertube.org/ns#",
        "anonymousParticipationEnabled": "mz:anonymousParticipationEnabled",
    ])

    /// A public event as a Mobilizon `Event`, attributed to the public group that leads it. Anyone may `Join` it
    /// (`joinMode` free), which is an RSVP here. The online link is never in it, nor who is going: only the
    /// capacity, which the event's page shows to anyone.
    static func event(
        _ detail: EventDetail,
        groupID: Int,
        published: Date,
        links: FederationLinks,
        page: String
    ) -> JSONValue {
        let event = detail.event
        let group = links.group(groupID)
        var fields: [String: JSONValue] = [
            "id": .string(links.event(event.id)),
            "type": "Event",
            "name": .string(event.title),
            "content": .string(absolute(detail.descriptionHTML, base: links.base)),
            "mediaType": "text/html",
            "source": .object(["content": .string(detail.description), "mediaType": "text/markdown"]),
            "startTime": .string(iso(event.startsAt)),
            "endTime": .string(iso(event.endsAt)),
            "timezone": .string(event.timeZone),
            "isOnline": .bool(event.isOnline),
            "joinMode": "free",
            "ical:status": event.status == .cancelled ? "CANCELLED" : "CONFIRMED",
            "commentsEnabled": false,
            "anonymousParticipationEnabled": false,
            "url": .string(page),
            "attributedTo": .string(group),
            "audience": .string(group),
            "to": .array([.string(publicAudience)]),
            "cc": .array([.string(links.followers(groupID))]),
            "published": .string(iso(published)),
            "updated": .string(iso(detail.updatedAt)),
        ]
        if !event.address.isEmpty || event.city != nil {
            var address: [String: JSONValue] = ["type": "PostalAddress"]
            if !event.address.isEmpty { address["streetAddress"] = .string(event.address) }
            if let city = event.city { address["addressLocality"] = .string(city) }
            fields["location"] = .object([
                "type": "Place", "name": .string(event.whereLabel), "address": .object(address),
            ])
        }
        if let capacity = detail.capacity { fields["maximumAttendeeCapacity"] = .int(capacity) }
        return .object(fields)
    }

    /// A group's re-share of an object it did not publish itself (FEP-1b12), which Mastodon shows as a boost.
    static func announce(_ object: String, actor: String, followers: String) -> JSONValue {
        .object([
            "@context": context,
            "id": .string(actor + "#announce/" + object),
            "type": "Announce",
            "actor": .string(actor),
            "object": .string(object),
            "to": .array([.string(publicAudience)]),
            "cc": .array([.string(followers)]),
        ])
    }

    /// `Update` of an object that went out and was edited since, the whole object again.
    static func update(_ object: JSONValue, actor: String, at time: Date) -> JSONValue {
        guard case .object(var fields) = object, case .string(let id) = fields["id"] else { return object }
        fields["@context"] = nil
        return .object([
            "@context": context,
            "id": .string(id + "#update-\(Int(time.timeIntervalSince1970))"),
            "type": "Update",
            "actor": .string(actor),
            "to": fields["to"] ?? .array([]),
            "cc": fields["cc"] ?? .array([]),
            "object": .object(fields),
        ])
    }

    /// `Undo` of a group's earlier `Announce`, when it stops re-sharing the object.
    static func undoAnnounce(_ object: String, actor: String, followers: String) -> JSONValue {
        guard case .object(var announce) = Self.announce(object, actor: actor, followers: followers) else {
            return .null
        }
        announce["@context"] = nil
        return .object([
            "@context": context,
            "id": .string(actor + "#undo-announce/" + object),
            "type": "Undo",
            "actor": .string(actor),
            "to": .array([.string(publicAudience)]),
            "cc": .array([.string(followers)]),
            "object": .object(announce),
        ])
    }
}
