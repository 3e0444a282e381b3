import Foundation
import FreshgroundCore
import FreshgroundWeb

package enum TourStatus: String, Codable, Sendable {
    case planning, scheduled
}

package struct TourHost: Sendable, Codable, Equatable {
    package let group: RosterGroup
    package let status: HostStatus
}

package struct TourStopView: Sendable, Encodable {
    package let id: Int
    package let city: RosterCity
    package let talk: SpeakerTalk?
    /// The dates the hosts can do, if they said.
    package let hostsFrom: String?
    package let hostsUntil: String?
    /// Local start time, 'HH:MM'.
    package let startTime: String
    package let address: String
    package let hosts: [TourHost]
    /// Filled once the tour is scheduled.
    package let date: String?
    package let position: Int?
    package let eventID: Int?

    package var hasAcceptedHost: Bool { hosts.contains { $0.status == .accepted } }

    enum CodingKeys: String, CodingKey {
        case id, city, talk, hostsFrom, hostsUntil, startTime, address, hosts, date, position, event
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(city, forKey: .city)
        try c.encode(talk, forKey: .talk)
        try c.encode(hostsFrom, forKey: .hostsFrom)
        try c.encode(hostsUntil, forKey: .hostsUntil)
        try c.encode(startTime, forKey: .startTime)
        try c.encode(address, forKey: .address)
        try c.encode(hosts, forKey: .hosts)
        try c.encode(date, forKey: .date)
        try c.encode(position, forKey: .position)
        try c.encode(eventID.map { "/events/\($0)" }, forKey: .event)
    }
}

/// The planner's proposal: the stops in travel order with their dates.
package struct TourProposal: Sendable, Encodable {
    package struct Stop: Sendable, Encodable {
        package let stop: Int
        package let city: String
        package let date: String
        package let kilometres: Int
        package let afterRestDay: Bool
    }

    package let stops: [Stop]
    package let kilometres: Int
}

package struct Tour: Sendable, Encodable {
    package let id: Int
    package let title: String
    package let startsOn: String
    package let endsOn: String
    package let status: TourStatus
    package let speaker: SpeakerCard
    package let group: RosterGroup
    package var stops: [TourStopView]
    /// While planning: the proposed order and dates, or `problem` saying why none fits.
    package var proposal: TourProposal?
    package var problem: String?
    /// The viewer organizes the planning group (not part of the JSON).
    package var canPlan: Bool
    /// Slugs of the invited groups the viewer organizes (not part of the JSON).
    package var decides: Set<String>
    package var url: String { "/tours/\(id)" }

    enum CodingKeys: String, CodingKey {
        case id, title, startsOn, endsOn, status, speaker, group, stops, proposal, problem, url
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(startsOn, forKey: .startsOn)
        try c.encode(endsOn, forKey: .endsOn)
        try c.encode(status, forKey: .status)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(group, forKey: .group)
        try c.encode(stops, forKey: .stops)
        try c.encode(proposal, forKey: .proposal)
        try c.encode(problem, forKey: .problem)
        try c.encode(url, forKey: .url)
    }
}

/// A tour in a list.
package struct TourCard: Sendable, Codable, Equatable {
    package let id: Int
    package let title: String
    package let speaker: String
    package let startsOn: String
    package let endsOn: String
    package let status: TourStatus
    package let group: RosterGroup
}

extension TourDatesProblem {
    /// The problem in words, with the stops named by city.
    func explained(_ stops: [TourStopView]) -> String {
        switch self {
        case .rangeReversed: return "The tour ends before it starts."
        case .speakerUnavailable:
            return
                "The speaker has no available dates inside the tour’s range. Add their dates on the speaker’s page, or change the range."
        case .tooFewDays(let free, let count):
            return
                "The speaker is available on only \(free) \(free == 1 ? "day" : "days") of the tour’s range, fewer than its \(count) stops (one stop a day)."
        case .noDayFor(let ids):
            let names = stops.filter { ids.contains($0.id) }.map(\.city.name).joined(separator: ", ")
            return
                "No day fits \(names): its hosts’ dates fall outside the speaker’s available days in the tour’s range."
        case .noOrder:
            return "No order of the stops fits: the hosts’ dates leave fewer days than stops (one stop a day)."
        }
    }
}
