import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Reads of tours and who may see them: while planning, the planning group's organizers, the organizers of
/// every invited group and the speaker; once scheduled, everyone (its stops are public events).
package struct TourQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// The groups among `ids` the person organizes (active).
    func organized(_ ids: [Int], by person: CurrentPerson?) async throws -> Set<Int> {
        try await GroupAccess(sql).acted(ids, by: person, roles: Role.organizing)
    }

    /// The groups the person organizes (active), by name: the ones that may plan a tour.
    package func organizedGroups(of person: CurrentPerson) async throws -> [GroupRef] {
        try await GroupAccess(sql).groups(actingFor: person, roles: Role.organizing)
    }

    /// The tour if the viewer may see it, with the planner's proposal while it is being planned.
    package func tour(_ id: Int, viewer: CurrentPerson?) async throws -> Tour {
        guard
            let row = try await sql.raw(
                """
                SELECT t.*, \(GroupAccess.shownColumns("g", to: viewer)), s.person_id AS speaker_person
                FROM tours t JOIN groups g ON g.id = t.group_id JOIN speakers s ON s.id = t.speaker_id
                WHERE t.id = \(bind: id)
                """
            ).row(TourRow.self)
        else { throw AppError.notFound }
        let groupID = row.groupId
        let status = row.status
        let stops = try await stops(of: id, viewer: viewer)
        let hostIDs = try await sql.raw(
            """
            SELECT DISTINCT h.group_id, g.slug FROM tour_stop_hosts h JOIN tour_stops st ON st.id = h.stop_id
            JOIN groups g ON g.id = h.group_id WHERE st.tour_id = \(bind: id)
            """
        ).rows(HostGroupRow.self)
        let organized = try await organized([groupID] + hostIDs.map(\.groupId), by: viewer)
        let isSpeaker = viewer != nil && row.speakerPerson == viewer?.id
        guard status == .scheduled || !organized.isEmpty || isSpeaker else { throw AppError.notFound }
        let speakerID = row.speakerId
        let speaker = try await SpeakerQueries(services: services).speaker(speakerID, viewer: nil)
        var tour = Tour(
            id: id,
            title: row.title,
            startsOn: row.startsOn,
            endsOn: row.endsOn,
            status: status,
            speaker: SpeakerCard(
                id: speaker.id,
                name: speaker.name,
                handle: speaker.handle,
                city: speaker.city,
                topics: speaker.topics,
                recommendations: speaker.recommendedBy.count
            ),
            group: GroupRef(slug: row.slug, name: row.name),
            stops: stops,
            proposal: nil,
            problem: nil,
            canPlan: organized.contains(groupID),
            decides: Set(hostIDs.filter { organized.contains($0.groupId) }.map(\.slug))
        )
        if status == .planning, !stops.isEmpty {
            switch try await propose(tour, speakerID: speakerID) {
            case .success(let proposal): tour.proposal = proposal
            case .failure(let problem): tour.problem = problem.explained(stops)
            }
        }
        return tour
    }

    /// The least-travel order of the stops and their dates (see `TourDates`), from the speaker's home city.
    func propose(_ tour: Tour, speakerID: Int) async throws -> Result<TourProposal, TourDatesProblem> {
        let places = try await sql.raw(
            """
            SELECT c.id, c.name, c.latitude, c.longitude FROM cities c
            WHERE c.id IN (SELECT home_city_id FROM speakers WHERE id = \(bind: speakerID))
              OR c.id IN (SELECT city_id FROM tour_stops WHERE tour_id = \(bind: tour.id))
            """
        ).rows(PlaceRow.self).reduce(into: [Int: (name: String, place: Coordinates)]()) { result, row in
            result[row.id] = (row.name, Coordinates(latitude: row.latitude, longitude: row.longitude))
        }
        let windows = try await sql.raw(
            "SELECT starts_on, ends_on FROM speaker_availability WHERE speaker_id = \(bind: speakerID)"
        ).rows(WindowRow.self).compactMap { row -> DayWindow? in
            guard let first = LocalDay(row.startsOn), let last = LocalDay(row.endsOn) else { return nil }
            return DayWindow(first, last)
        }
        guard let first = LocalDay(tour.startsOn), let last = LocalDay(tour.endsOn),
            let home = places[tour.speaker.city.id]?.place
        else { return .failure(.rangeReversed) }
        let requests = tour.stops.map { stop in
            let hostWindow: DayWindow? =
                switch (stop.hostsFrom.flatMap(LocalDay.init), stop.hostsUntil.flatMap(LocalDay.init)) {
                case (nil, nil): nil
                case (let from, let until): DayWindow(from ?? first, until ?? last)
                }
            return TourStopRequest(id: stop.id, place: places[stop.city.id]!.place, hostWindow: hostWindow)
        }
        return TourDates.plan(from: home, stops: requests, first: first, last: last, windows: windows).map { dated in
            TourProposal(
                stops: dated.stops.map { stop in
                    .init(
                        stop: stop.id,
                        city: tour.stops.first { $0.id == stop.id }?.city.name ?? "",
                        date: stop.day.description,
                        kilometres: Int(stop.kilometres.rounded()),
                        afterRestDay: stop.afterRestDay
                    )
                },
                kilometres: Int(dated.distance.rounded())
            )
        }
    }

    func stops(of id: Int, viewer: CurrentPerson?) async throws -> [TourStopView] {
        let rows = try await sql.raw(
            """
            SELECT st.*, c.slug AS city_slug, c.name AS city_name, k.title AS talk_title, k.abstract AS talk_abstract,
              k.minutes AS talk_minutes
            FROM tour_stops st JOIN cities c ON c.id = st.city_id LEFT JOIN speaker_talks k ON k.id = st.talk_id
            WHERE st.tour_id = \(bind: id) ORDER BY COALESCE(st.position, 0), st.id
            """
        ).all()
        let hosts = try await sql.raw(
            """
            SELECT h.stop_id, h.status, g.slug, g.name FROM tour_stop_hosts h JOIN groups g ON g.id = h.group_id
            JOIN tour_stops st ON st.id = h.stop_id WHERE st.tour_id = \(bind: id) AND \(GroupAccess.visible("g", to: viewer))
            ORDER BY g.name
            """
        ).rows(HostRow.self).reduce(into: [Int: [TourHost]]()) { result, row in
            result[row.stopId, default: []].append(
                TourHost(group: GroupRef(slug: row.slug, name: row.name), status: row.status)
            )
        }
        return try rows.map { row in
            let stop = try row.decode(StopRow.self)
            return TourStopView(
                id: stop.id,
                city: try SpeakerQueries.city(row),
                talk: try stop.talkId.map { _ in try row.decode(SpeakerTalk.self, prefix: "talk_") },
                hostsFrom: stop.hostsFrom,
                hostsUntil: stop.hostsUntil,
                startTime: stop.startTime,
                address: stop.address,
                hosts: hosts[stop.id] ?? [],
                date: stop.localDate,
                position: stop.position,
                eventID: stop.eventId
            )
        }
    }

    /// Tours the person plans, tours asking their groups to host, and scheduled tours, newest first.
    package func lists(
        for person: CurrentPerson?
    ) async throws -> (mine: [TourCard], asked: [TourCard], scheduled: [TourCard]) {
        let base: SQLQueryString = """
            SELECT DISTINCT t.id, t.title, t.starts_on, t.ends_on, t.status, s.name AS speaker,
              \(GroupAccess.shownColumns("g", to: person))
            FROM tours t JOIN speakers s ON s.id = t.speaker_id JOIN groups g ON g.id = t.group_id
            """
        func cards(_ query: SQLQueryString) async throws -> [TourCard] {
            try await sql.raw(query).rows(CardRow.self).map(\.card)
        }
        let scheduled = try await cards(
            "\(base) WHERE t.status = 'scheduled' ORDER BY t.starts_on DESC, t.id DESC LIMIT 50"
        )
        guard let person else { return ([], [], scheduled) }
        let organizes = GroupAccess.groupIDs(actedForBy: person, roles: Role.organizing)
        let mine = try await cards(
            "\(base) WHERE t.group_id IN (\(organizes)) ORDER BY t.starts_on DESC, t.id DESC LIMIT 100"
        )
        let asked = try await cards(
            """
            \(base) JOIN tour_stops st ON st.tour_id = t.id JOIN tour_stop_hosts h ON h.stop_id = st.id
            WHERE t.status = 'planning' AND h.status = 'invited' AND h.group_id IN (\(organizes))
            ORDER BY t.starts_on DESC, t.id DESC LIMIT 100
            """
        )
        return (mine, asked, scheduled)
    }

    /// A tour as `tour(_:viewer:)` selects it: its own columns, its planning group's shown slug and name, and
    /// the speaker's person.
    private struct TourRow: Decodable {
        let groupId: Int
        let speakerId: Int
        let title: String
        let startsOn: String
        let endsOn: String
        let status: TourStatus
        let slug: String
        let name: String
        let speakerPerson: Int?
    }

    private struct HostGroupRow: Decodable {
        let groupId: Int
        let slug: String
    }

    private struct PlaceRow: Decodable {
        let id: Int
        let name: String
        let latitude: Double
        let longitude: Double
    }

    private struct WindowRow: Decodable {
        let startsOn: String
        let endsOn: String
    }

    /// A stop's own columns; its city (`city_`) and talk (`talk_`) are read with their prefixes.
    private struct StopRow: Decodable {
        let id: Int
        let talkId: Int?
        let hostsFrom: String?
        let hostsUntil: String?
        let startTime: String
        let address: String
        let localDate: String?
        let position: Int?
        let eventId: Int?
    }

    private struct HostRow: Decodable {
        let stopId: Int
        let status: HostStatus
        let slug: String
        let name: String
    }

    private struct CardRow: Decodable {
        let id: Int
        let title: String
        let speaker: String
        let startsOn: String
        let endsOn: String
        let status: TourStatus
        let slug: String
        let name: String

        var card: TourCard {
            TourCard(
                id: id,
                title: title,
                speaker: speaker,
                startsOn: startsOn,
                endsOn: endsOn,
                status: status,
                group: GroupRef(slug: slug, name: name)
            )
        }
    }
}
