import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// What the form or the API gives to add a stop.
package struct StopInput: Sendable, Decodable {
    package var city: String
    /// The host groups' addresses.
    package var hosts: [String]
    package var talk: Int?
    package var hostsFrom: String
    package var hostsUntil: String
    package var startTime: String
    package var address: String

    enum CodingKeys: String, CodingKey { case city, hosts, talk, hostsFrom, hostsUntil, startTime, address }

    package init(form: FormData) {
        city = form["city"]
        hosts = form["hosts"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        talk = Int(form["talk"])
        hostsFrom = form["hostsFrom"]
        hostsUntil = form["hostsUntil"]
        startTime = form["startTime"]
        address = form["address"]
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        city = try c.decodeIfPresent(String.self, forKey: .city) ?? ""
        hosts = try c.decodeIfPresent([String].self, forKey: .hosts) ?? []
        talk = try c.decodeIfPresent(Int.self, forKey: .talk)
        hostsFrom = try c.decodeIfPresent(String.self, forKey: .hostsFrom) ?? ""
        hostsUntil = try c.decodeIfPresent(String.self, forKey: .hostsUntil) ?? ""
        startTime = try c.decodeIfPresent(String.self, forKey: .startTime) ?? ""
        address = try c.decodeIfPresent(String.self, forKey: .address) ?? ""
    }
}

/// Planning tours: the planning group's organizers create the tour and its stops and invite host groups; each
/// host group's organizers accept or decline; scheduling (`TourScheduling`) turns the stops into events.
package struct Tours: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: TourQueries { TourQueries(services: services) }
    static let maxStops = 12

    package func create(
        speaker: String,
        title: String,
        from: String,
        until: String,
        group slug: String,
        by person: CurrentPerson
    ) async throws -> Int {
        var errors: [String: String] = [:]
        let speakerID = Int(speaker.trimmingCharacters(in: .whitespaces).split(separator: "/").last ?? "")
        var speakerName: String?
        if let speakerID {
            speakerName = try await sql.select().column("name").from("speakers").where("id", .equal, speakerID)
                .value("name", as: String.self)
        }
        if speakerName == nil { errors["speaker"] = "Choose a speaker from the roster." }
        var title = RosterRules.line(title, "title", nil, max: 200, &errors)
        if title.isEmpty, let speakerName { title = "\(speakerName) on tour" }
        let first = RosterRules.day(from, "from", &errors)
        let last = RosterRules.day(until, "until", &errors)
        if let first, let last {
            if last < first {
                errors["until"] = "The last day comes before the first."
            } else if last.number - first.number > 92 {
                errors["until"] = "Plan at most three months at a time."
            }
        }
        let group = try await organizedGroup(slug, person, &errors)
        guard errors.isEmpty, let speakerID, let first, let last, let group else { throw AppError.validation(errors) }
        return try await sql.insertReturningID(
            into: "tours",
            [
                "speaker_id": speakerID, "group_id": group, "title": title, "starts_on": first.description,
                "ends_on": last.description, "status": TourStatus.planning.rawValue, "created_by": person.id,
                "created_at": services.clock(),
            ]
        )
    }

    /// Adds a stop and invites its host groups; a group the planner organizes accepts at once.
    package func addStop(_ tourID: Int, _ input: StopInput, by person: CurrentPerson) async throws -> Int {
        let tour = try await requirePlanner(tourID, person)
        var errors: [String: String] = [:]
        let city = try await sql.select().column("id").from("cities")
            .where("slug", .equal, input.city.trimmingCharacters(in: .whitespaces).lowercased())
            .value("id", as: Int.self)
        if city == nil { errors["city"] = "Choose the stop's city from the list." }
        var hosts: [Int] = []
        for slug in input.hosts where !slug.isEmpty {
            guard let found = try? await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
            else {
                errors["hosts"] = "There is no group at /groups/\(slug)."
                continue
            }
            if !hosts.contains(found.0.id) { hosts.append(found.0.id) }
        }
        if hosts.isEmpty && errors["hosts"] == nil { errors["hosts"] = "Give at least one host group's address." }
        if hosts.count > 6 { errors["hosts"] = "Invite at most six groups to host one stop." }
        if let talk = input.talk, !tour.speakerTalks.contains(talk) {
            errors["talk"] = "Choose one of the speaker's talks."
        }
        let hostsFrom = input.hostsFrom.isEmpty ? nil : RosterRules.day(input.hostsFrom, "hostsFrom", &errors)
        let hostsUntil = input.hostsUntil.isEmpty ? nil : RosterRules.day(input.hostsUntil, "hostsUntil", &errors)
        if let hostsFrom, let hostsUntil, hostsUntil < hostsFrom {
            errors["hostsUntil"] = "The last day comes before the first."
        }
        let time = input.startTime.trimmingCharacters(in: .whitespaces)
        let startTime = time.isEmpty ? "19:00" : time
        if !Self.isClock(startTime) { errors["startTime"] = "Give the start time as HH:MM, for example 19:00." }
        let address = RosterRules.line(input.address, "address", nil, max: 300, &errors)
        if tour.stopCount >= Self.maxStops { errors["city"] = "A tour has at most \(Self.maxStops) stops." }
        guard errors.isEmpty, let city else { throw AppError.validation(errors) }
        let organized = try await queries.organized(hosts, by: person)
        let now = services.clock()
        let invited = hosts
        let stop = try await services.store.transaction { sql in
            let stop = try await sql.insertReturningID(
                into: "tour_stops",
                [
                    "tour_id": tourID, "city_id": city, "talk_id": input.talk, "hosts_from": hostsFrom?.description,
                    "hosts_until": hostsUntil?.description, "start_time": startTime, "address": address,
                    "created_at": now,
                ]
            )
            for group in invited {
                let accepted = organized.contains(group)
                try await sql.insert(into: "tour_stop_hosts")
                    .columns("stop_id", "group_id", "status", "invited_by", "decided_by", "created_at", "decided_at")
                    .values(
                        SQLBind(stop),
                        SQLBind(group),
                        SQLBind(accepted ? HostStatus.accepted.rawValue : HostStatus.invited.rawValue),
                        SQLBind(person.id),
                        SQLBind(accepted ? person.id : nil),
                        SQLBind(now),
                        SQLBind(accepted ? now : nil)
                    ).run()
            }
            try await tellHosts(invited.filter { !organized.contains($0) }, tour: tourID, by: person, on: sql)
            return stop
        }
        services.deliverMailSoon()
        return stop
    }

    /// Asks the organizers of each invited group, on the tour's page where they answer, in the stop's transaction.
    private func tellHosts(_ groups: [Int], tour: Int, by person: CurrentPerson, on sql: any SQLDatabase) async throws {
        guard !groups.isEmpty else { return }
        let title =
            try await sql.select().column("title").from("tours").where("id", .equal, tour)
            .value("title", as: String.self) ?? "a speaking tour"
        let names = try await sql.select().columns("id", "name").from("groups").where("id", .in, groups)
            .rows(NamedGroup.self)
        for group in names {
            try await Notifications.notify(
                try await GroupAccess(sql).organizerIDs(of: group.id),
                Notice(
                    kind: .tourInvitation,
                    title: "\(group.name) is asked to host a stop of “\(title)”",
                    path: SpeakerPaths.tour(tour)
                ),
                except: person.id,
                services: services,
                on: sql
            )
        }
    }

    private struct NamedGroup: Decodable {
        let id: Int
        let name: String
    }

    package func removeStop(_ tourID: Int, stop: Int, by person: CurrentPerson) async throws {
        _ = try await requirePlanner(tourID, person)
        try await sql.delete(from: "tour_stops").where("id", .equal, stop).where("tour_id", .equal, tourID).run()
    }

    /// A host group's organizer accepts or declines hosting a stop.
    package func answer(
        _ tourID: Int,
        stop: Int,
        group slug: String,
        accept: Bool,
        by person: CurrentPerson
    )
        async throws
    {
        let tour = try await queries.tour(tourID, viewer: person)
        guard tour.decides.contains(slug.lowercased()) else {
            throw AppError.forbidden("Only the organizers of \(slug) answer for it.")
        }
        guard tour.status == .planning else { throw AppError.conflict("The tour is scheduled already.") }
        guard
            let host = try await sql.raw(
                """
                SELECT h.id FROM tour_stop_hosts h JOIN tour_stops st ON st.id = h.stop_id JOIN groups g ON g.id = h.group_id
                WHERE st.tour_id = \(bind: tourID) AND h.stop_id = \(bind: stop) AND g.slug = \(bind: slug.lowercased())
                """
            ).value("id", as: Int.self)
        else { throw AppError.notFound }
        try await sql.update("tour_stop_hosts")
            .set("status", to: accept ? HostStatus.accepted.rawValue : HostStatus.declined.rawValue)
            .set("decided_by", to: person.id).set("decided_at", to: services.clock())
            .where("id", .equal, host).run()
    }

    struct PlannerView {
        let speakerTalks: Set<Int>
        let stopCount: Int
    }

    /// Refuses anyone but the planning group's organizers, and any change once the tour is scheduled.
    @discardableResult
    func requirePlanner(_ tourID: Int, _ person: CurrentPerson) async throws -> PlannerView {
        let tour = try await queries.tour(tourID, viewer: person)
        guard tour.canPlan else {
            throw AppError.forbidden("Only the organizers of \(tour.group.name) plan this tour.")
        }
        guard tour.status == .planning else {
            throw AppError.conflict("The tour is scheduled; change its events instead.")
        }
        let talks = try await SpeakerQueries(services: services).talks(of: tour.speaker.id)
        return PlannerView(speakerTalks: Set(talks.map(\.id)), stopCount: tour.stops.count)
    }

    private func organizedGroup(
        _ slug: String,
        _ person: CurrentPerson,
        _ errors: inout [String: String]
    ) async throws
        -> Int?
    {
        let slug = slug.trimmingCharacters(in: .whitespaces)
        guard !slug.isEmpty,
            let found = try? await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        else {
            errors["group"] = "Choose a group you organize to plan the tour."
            return nil
        }
        let (group, standing) = found
        guard standing.isOrganizer else {
            errors["group"] = "Only organizers of \(group.name) plan tours for it."
            return nil
        }
        return group.id
    }

    static func isClock(_ text: String) -> Bool {
        let parts = text.split(separator: ":")
        guard text.count == 5, parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else {
            return false
        }
        return (0...23).contains(hour) && (0...59).contains(minute)
    }
}
