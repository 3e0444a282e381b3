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
            ).first()
        else { throw AppError.notFound }
        let groupID = try row.decode(column: "group_id", as: Int.self)
        let status = try row.decode(column: "status", as: TourStatus.self)
        let stops = try await stops(of: id, viewer: viewer)
        let hostIDs = try await sql.raw(
            """
            SELECT DISTINCT h.group_id, g.slug FROM tour_stop_hosts h JOIN tour_stops st ON st.id = h.stop_id
            JOIN groups g ON g.id = h.group_id WHERE st.tour_id = \(bind: id)
            """
        ).all().map {
            (try $0.decode(column: "group_id", as: Int.self), try $0.decode(column: "slug", as: String.self))
        }
        let organized = try await organized([groupID] + hostIDs.map(\.0), by: viewer)
        let speakerPerson = try row.decode(column: "speaker_person", as: Int?.self)
        let isSpeaker = viewer != nil && speakerPerson == viewer?.id
        guard status == .scheduled || !organized.isEmpty || isSpeaker else { throw AppError.notFound }
        let speakerID = try row.decode(column: "speaker_id", as: Int.self)
        let speaker = try await SpeakerQueries(services: services).speaker(speakerID, viewer: nil)
        var tour = Tour(
            id: id,
            title: try row.decode(column: "title", as: String.self),
            startsOn: try row.decode(column: "starts_on", as: String.self),
            endsOn: try row.decode(column: "ends_on", as: String.self),
            status: status,
            speaker: SpeakerCard(
                id: speaker.id,
                name: speaker.name,
                handle: speaker.handle,
                city: speaker.city,
                topics: speaker.topics,
                recommendations: speaker.recommendedBy.count
            ),
            group: GroupRef(
                slug: try row.decode(column: "slug", as: String.self),
                name: try row.decode(column: "name", as: String.self)
            ),
            stops: stops,
            proposal: nil,
            problem: nil,
            canPlan: organized.contains(groupID),
            decides: Set(hostIDs.filter { organized.contains($0.0) }.map(\.1))
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
        ).all().reduce(into: [Int: (name: String, place: Coordinates)]()) { result, row in
            result[try row.decode(column: "id", as: Int.self)] = (
                try row.decode(column: "name", as: String.self),
                Coordinates(
                    latitude: try row.decode(column: "latitude", as: Double.self),
                    longitude: try row.decode(column: "longitude", as: Double.self)
                )
            )
        }
        let windows = try await sql.raw(
            "SELECT starts_on, ends_on FROM speaker_availability WHERE speaker_id = \(bind: speakerID)"
        ).all().compactMap { row -> DayWindow? in
            guard let first = LocalDay(try row.decode(column: "starts_on", as: String.self)),
                let last = LocalDay(try row.decode(column: "ends_on", as: String.self))
            else { return nil }
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
        ).all().reduce(into: [Int: [TourHost]]()) { result, row in
            result[try row.decode(column: "stop_id", as: Int.self), default: []].append(
                TourHost(
                    group: try GroupRef(row: row),
                    status: try row.decode(column: "status", as: HostStatus.self)
                )
            )
        }
        return try rows.map { row in
            let stopID = try row.decode(column: "id", as: Int.self)
            let talkID = try row.decode(column: "talk_id", as: Int?.self)
            return TourStopView(
                id: stopID,
                city: RosterCity(
                    id: try row.decode(column: "city_id", as: Int.self),
                    slug: try row.decode(column: "city_slug", as: String.self),
                    name: try row.decode(column: "city_name", as: String.self)
                ),
                talk: try talkID.map {
                    SpeakerTalk(
                        id: $0,
                        title: try row.decode(column: "talk_title", as: String.self),
                        abstract: try row.decode(column: "talk_abstract", as: String.self),
                        minutes: try row.decode(column: "talk_minutes", as: Int.self)
                    )
                },
                hostsFrom: try row.decode(column: "hosts_from", as: String?.self),
                hostsUntil: try row.decode(column: "hosts_until", as: String?.self),
                startTime: try row.decode(column: "start_time", as: String.self),
                address: try row.decode(column: "address", as: String.self),
                hosts: hosts[stopID] ?? [],
                date: try row.decode(column: "local_date", as: String?.self),
                position: try row.decode(column: "position", as: Int?.self),
                eventID: try row.decode(column: "event_id", as: Int?.self)
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
            try await sql.raw(query).all().map {
                TourCard(
                    id: try $0.decode(column: "id", as: Int.self),
                    title: try $0.decode(column: "title", as: String.self),
                    speaker: try $0.decode(column: "speaker", as: String.self),
                    startsOn: try $0.decode(column: "starts_on", as: String.self),
                    endsOn: try $0.decode(column: "ends_on", as: String.self),
                    status: try $0.decode(column: "status", as: TourStatus.self),
                    group: GroupRef(
                        slug: try $0.decode(column: "slug", as: String.self),
                        name: try $0.decode(column: "name", as: String.self)
                    )
                )
            }
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
}
