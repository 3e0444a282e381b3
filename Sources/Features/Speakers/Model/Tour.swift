import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

package enum TourStatus: String, Codable, Sendable {
    case planning, scheduled
}

package struct TourHost: Sendable, Codable, Equatable {
    package let group: GroupRef
    package let status: HostStatus
}

package struct TourStopView: Sendable, Encodable {
    package let id: Int
    package let city: RosterCity
    @Nullable package private(set) var talk: SpeakerTalk?
    /// The dates the hosts can do, if they said.
    @Nullable package private(set) var hostsFrom: String?
    @Nullable package private(set) var hostsUntil: String?
    /// Local start time, 'HH:MM'.
    package let startTime: String
    package let address: String
    package let hosts: [TourHost]
    /// Filled once the tour is scheduled.
    @Nullable package private(set) var date: String?
    @Nullable package private(set) var position: Int?
    /// The stop's event (not part of the JSON; `event` carries its path).
    package let eventID: Int?
    @Nullable package private(set) var event: String?

    package var hasAcceptedHost: Bool { hosts.contains { $0.status == .accepted } }

    enum CodingKeys: String, CodingKey {
        case id, city, talk, hostsFrom, hostsUntil, startTime, address, hosts, date, position, event
    }

    /// The memberwise initializer, with `event` made from `eventID`.
    init(
        id: Int,
        city: RosterCity,
        talk: SpeakerTalk?,
        hostsFrom: String?,
        hostsUntil: String?,
        startTime: String,
        address: String,
        hosts: [TourHost],
        date: String?,
        position: Int?,
        eventID: Int?
    ) {
        self.id = id
        self.city = city
        self.talk = talk
        self.hostsFrom = hostsFrom
        self.hostsUntil = hostsUntil
        self.startTime = startTime
        self.address = address
        self.hosts = hosts
        self.date = date
        self.position = position
        self.eventID = eventID
        event = eventID.map { EventPaths.event($0) }
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
    package let group: GroupRef
    package var stops: [TourStopView]
    /// While planning: the proposed order and dates, or `problem` saying why none fits.
    @Nullable package var proposal: TourProposal?
    @Nullable package var problem: String?
    /// The viewer organizes the planning group (not part of the JSON).
    package var canPlan: Bool
    /// Slugs of the invited groups the viewer organizes (not part of the JSON).
    package var decides: Set<String>
    package let url: String

    enum CodingKeys: String, CodingKey {
        case id, title, startsOn, endsOn, status, speaker, group, stops, proposal, problem, url
    }

    /// The memberwise initializer, with `url` made from `id`.
    init(
        id: Int,
        title: String,
        startsOn: String,
        endsOn: String,
        status: TourStatus,
        speaker: SpeakerCard,
        group: GroupRef,
        stops: [TourStopView],
        proposal: TourProposal?,
        problem: String?,
        canPlan: Bool,
        decides: Set<String>
    ) {
        self.id = id
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.speaker = speaker
        self.group = group
        self.stops = stops
        self.proposal = proposal
        self.problem = problem
        self.canPlan = canPlan
        self.decides = decides
        url = SpeakerPaths.tour(id)
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
    package let group: GroupRef
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
