import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Schedules a planned tour: once every stop has a host that accepted and the planner's proposal fits, each stop
/// becomes a public talk on its proposed date, at its local start time in its city's time zone, hosted by the
/// planning group and co-hosted (already accepted) by the stop's accepted groups. A stop that already has its
/// event is skipped, so a scheduling interrupted half-way can simply be run again.
package struct TourScheduling: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    package func schedule(_ tourID: Int, by person: CurrentPerson) async throws {
        try await Tours(services: services).requirePlanner(tourID, person)
        let tour = try await TourQueries(services: services).tour(tourID, viewer: person)
        guard !tour.stops.isEmpty else { throw AppError.conflict("Add at least one stop before scheduling.") }
        let waiting = tour.stops.filter { !$0.hasAcceptedHost }.map(\.city.name)
        guard waiting.isEmpty else {
            throw AppError.conflict(
                "Every stop needs a host group that accepted. Still waiting: \(waiting.joined(separator: ", "))."
            )
        }
        guard let proposal = tour.proposal else {
            throw AppError.conflict(tour.problem ?? "No dates fit the tour.")
        }
        let groupID = try await sql.select().column("group_id").from("tours").where("id", .equal, tourID)
            .value("group_id", as: Int.self)
        guard let groupID else { throw AppError.notFound }
        let cities = Cities(services: services)
        for (position, planned) in proposal.stops.enumerated() {
            guard let stop = tour.stops.first(where: { $0.id == planned.stop }), stop.eventID == nil else { continue }
            guard let city = try await cities.find(stop.city.id) else { throw AppError.notFound }
            guard let startsAt = ZonedTime.parse("\(planned.date)T\(stop.startTime)", zone: city.timeZone) else {
                throw AppError.conflict(
                    "\(stop.startTime) does not exist on \(planned.date) in \(city.name) (the clocks change); choose another start time."
                )
            }
            let minutes = stop.talk?.minutes ?? 90
            let hosts = try await acceptedHosts(stop.id)
            let talk = stop.talk.map { "\n\n**\($0.title)**\n\n\($0.abstract)" } ?? ""
            let draft = EventDraft(
                kind: .talk,
                title: stop.talk.map { "\(tour.speaker.name): \($0.title)" } ?? "\(tour.speaker.name) in \(city.name)",
                description: "\(tour.speaker.name) in \(city.name), part of [\(tour.title)](/tours/\(tour.id)).\(talk)",
                startsAt: startsAt,
                endsAt: startsAt.addingTimeInterval(Double(minutes + 30) * 60),
                timeZone: city.timeZone,
                cityID: city.id,
                address: stop.address,
                isPublic: true
            )
            let event = try await EventWrites(services: services).create(
                draft,
                host: groupID,
                coHosts: hosts,
                preaccepted: Set(hosts),
                by: person
            )
            try await sql.update("tour_stops").set("event_id", to: event).set("local_date", to: planned.date)
                .set("position", to: position + 1).where("id", .equal, stop.id).run()
        }
        try await sql.update("tours").set("status", to: TourStatus.scheduled.rawValue).where("id", .equal, tourID)
            .run()
    }

    private func acceptedHosts(_ stop: Int) async throws -> [Int] {
        try await sql.select().column("group_id").from("tour_stop_hosts").where("stop_id", .equal, stop)
            .where("status", .equal, HostStatus.accepted.rawValue).orderBy("id")
            .column("group_id", as: Int.self)
    }
}
