import Foundation
import FreshgroundCore
import FreshgroundWeb

package enum EventKind: String, CaseIterable, Codable, Sendable {
    case talk, meeting, action, `class`, social, conference

    package var label: String {
        switch self {
        case .talk: "Talk or forum"
        case .meeting: "Meeting"
        case .action: "Action or protest"
        case .class: "Class"
        case .social: "Social"
        case .conference: "Conference"
        }
    }
}

package enum EventStatus: String, Codable, Sendable {
    case scheduled, cancelled
}

package enum HostStatus: String, Codable, Sendable {
    case invited, accepted, declined
}

/// What a form or the API gives to create or change an event.
package struct EventDraft: Sendable {
    package var kind: EventKind
    package var title: String
    package var description: String
    package var startsAt: Date
    package var endsAt: Date
    /// IANA identifier, such as `Europe/London`.
    package var timeZone: String
    package var cityID: Int?
    package var address: String
    /// Shown only to people who RSVPed (and the hosts' organizers).
    package var onlineURL: String?
    package var capacity: Int?
    package var isPublic: Bool

    package init(
        kind: EventKind,
        title: String,
        description: String = "",
        startsAt: Date,
        endsAt: Date,
        timeZone: String,
        cityID: Int?,
        address: String = "",
        onlineURL: String? = nil,
        capacity: Int? = nil,
        isPublic: Bool = true
    ) {
        self.kind = kind
        self.title = title
        self.description = description
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.cityID = cityID
        self.address = address
        self.onlineURL = onlineURL
        self.capacity = capacity
        self.isPublic = isPublic
    }
}

/// An event's header: enough for lists, calendars and access checks.
package struct EventSummary: Sendable, Codable, Equatable {
    package let id: Int
    package let kind: EventKind
    package let title: String
    package let startsAt: Date
    package let endsAt: Date
    package let timeZone: String
    package let cityID: Int?
    package let city: String?
    package let address: String
    package let isOnline: Bool
    package let isPublic: Bool
    package let status: EventStatus
    package let seriesID: Int?
    /// Raised on every change calendar clients should pick up.
    package let sequence: Int

    /// "Sat 28 Mar 2026, 19:00 GMT+1 – 21:00".
    package var whenLabel: String {
        let sameDay = ZonedTime.day(startsAt, zone: timeZone) == ZonedTime.day(endsAt, zone: timeZone)
        return "\(ZonedTime.display(startsAt, zone: timeZone)) – "
            + (sameDay ? ZonedTime.time(endsAt, zone: timeZone) : ZonedTime.display(endsAt, zone: timeZone))
    }

    /// Where: the address and city, "Online", or both.
    package var whereLabel: String {
        let place = [address, city ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        if isOnline { return place.isEmpty ? "Online" : "\(place), and online" }
        return place.isEmpty ? "Place to be announced" : place
    }
}

/// A group hosting or promoting an event.
package struct EventGroup: Sendable, Codable, Equatable {
    package let slug: String
    package let name: String
    package let status: HostStatus
}

/// Everything the event page shows. The online link is filled only for people who may see it.
package struct EventDetail: Sendable, Codable {
    package let event: EventSummary
    package let description: String
    package let descriptionHTML: String
    package let capacity: Int?
    package let going: Int
    package let waitlisted: Int
    package let hosts: [EventGroup]
    package let promotedBy: [EventGroup]
    package private(set) var onlineURL: String?
    /// Where places are given when another feature gives them (a path on this site, such as a study series'
    /// page); such an event takes no RSVPs.
    package let placesAt: String?
    package let sequence: Int
    package let updatedAt: Date

    package var spacesLeft: Int? { capacity.map { max(0, $0 - going) } }

    /// The same event without its online link, for someone who may not have it.
    package var withoutLink: EventDetail {
        var copy = self
        copy.onlineURL = nil
        return copy
    }
}

package struct City: Sendable, Codable, Equatable {
    package let id: Int
    package let slug: String
    package let name: String
    package let country: String
    package let latitude: Double
    package let longitude: Double
    package let timeZone: String
}
