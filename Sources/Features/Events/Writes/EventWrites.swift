import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Scheduling events: creating them (one or a series), changing and cancelling them, and the hosts' side.
package struct EventWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// What saving an event from its form came to: saved, or not saved because it clashes with other events and
    /// the organizer has not said to go ahead (`ignoreClashes`). Refused input is `AppError.validation`.
    package enum Outcome: Sendable, Equatable {
        /// Saved; the event's id (the first occurrence's for a series).
        case saved(Int)
        /// Nothing written: the events it would compete with, to show the organizer before they confirm.
        case clashes([ClashView])
    }

    /// Validates the input, stops at clashes unless told to ignore them, and creates the event (or every
    /// occurrence of its series).
    package func create(_ input: EventInput, by person: CurrentPerson) async throws -> Outcome {
        var errors: [String: String] = [:]
        let host = try await EventAccess.organizedGroup(slug: input.host ?? "", person, sql)
        if host == nil { errors["host"] = "Choose a group you organize to host the event." }
        var coHosts: [Int] = []
        for slug in input.coHosts ?? [] where !slug.trimmingWhitespace().isEmpty {
            guard let id = try await groupID(slug: slug.trimmingWhitespace(), seenBy: person) else {
                errors["coHosts"] = "There is no group called \(slug.trimmingWhitespace())."
                continue
            }
            if id != host && !coHosts.contains(id) { coHosts.append(id) }
        }
        let (draft, series): (EventDraft, EventInput.Series?)
        do {
            (draft, series) = try await input.validate(cities: Cities(services: services))
        } catch AppError.validation(let more) {
            throw AppError.validation(errors.merging(more) { a, _ in a })
        }
        guard errors.isEmpty, let host else { throw AppError.validation(errors) }
        let occurrences = Self.occurrences(of: draft, series: series)
        if input.ignoreClashes != true && draft.isPublic {
            let clashes = try await ClashCheck(sql: sql).clashes(
                for: occurrences,
                city: draft.cityID,
                hosts: [host] + coHosts
            )
            if !clashes.isEmpty { return .clashes(clashes) }
        }
        let id = try await insert(
            draft,
            occurrences: occurrences,
            series: series,
            host: host,
            coHosts: coHosts,
            by: person
        )
        return .saved(id)
    }

    /// Changes one event (one occurrence of a series): only its hosts' organizers may. Hosts and repeats are not
    /// changed here. A new time or place is emailed to everyone coming, and calendars pick up the change. Stops at
    /// clashes like `create`.
    package func update(_ id: Int, _ input: EventInput, by person: CurrentPerson) async throws -> Outcome {
        try await Hosting(services: services).requireOrganizer(id, person)
        guard let before = try await EventQueries(services: services).summary(id) else { throw AppError.notFound }
        var input = input
        input.repeats = nil
        let (draft, _) = try await input.validate(cities: Cities(services: services))
        if input.ignoreClashes != true && draft.isPublic {
            let hosts = try await sql.select().column("group_id").from("event_hosts").where("event_id", .equal, id)
                .where("status", .equal, HostStatus.accepted.rawValue).column("group_id", as: Int.self)
            let clashes = try await ClashCheck(sql: sql).clashes(
                for: [(draft.startsAt, draft.endsAt)],
                city: draft.cityID,
                hosts: hosts,
                except: [id]
            )
            if !clashes.isEmpty { return .clashes(clashes) }
        }
        let now = services.clock()
        try await services.store.transaction { sql in
            try await sql.update("events").set("kind", to: draft.kind.rawValue).set("title", to: draft.title)
                .set("description", to: draft.description)
                .set("description_html", to: Markdown.html(draft.description)).set("starts_at", to: draft.startsAt)
                .set("ends_at", to: draft.endsAt).set("time_zone", to: draft.timeZone).set("city_id", to: draft.cityID)
                .set("address", to: draft.address).set("online_url", to: draft.onlineURL)
                .set("capacity", to: draft.capacity).set("is_public", to: draft.isPublic).set("updated_at", to: now)
                .set(SQLIdentifier("sequence"), to: SQLRaw("sequence + 1")).where("id", .equal, id).run()
            if !draft.isPublic {
                // Only public events are promoted: the groups' notices and listings go with the change.
                try await sql.raw(
                    """
                    DELETE FROM posts WHERE id IN (SELECT announcement_id FROM event_promotions WHERE event_id = \(bind: id))
                    """
                ).run()
                try await sql.delete(from: "event_promotions").where("event_id", .equal, id).run()
            }
            guard let after = try await EventQueries.summary(id, on: sql) else { return }
            if after.startsAt != before.startsAt || after.endsAt != before.endsAt
                || after.whereLabel != before.whereLabel
            {
                try await RSVPMail(services: services).changed(after, on: sql)
            }
        }
        services.deliverMailSoon()
        return .saved(id)
    }

    /// Creates an event for code that has checked its own rights (tours, conferences, study sessions): `host` is
    /// accepted at once, `coHosts` are invited, and those in `preaccepted` are accepted already. When the calling
    /// feature gives the places itself, `placesAt` is where (a path on this site): the event then takes no RSVPs,
    /// and its page points there. Clashes are not checked: the calling feature plans its own dates.
    package func create(
        _ draft: EventDraft,
        host: Int,
        coHosts: [Int] = [],
        preaccepted: Set<Int> = [],
        placesAt: String? = nil,
        by person: CurrentPerson
    ) async throws -> Int {
        if let placesAt, !placesAt.hasPrefix("/") || placesAt.hasPrefix("//") {
            throw AppError.badRequest("Places are given at a path on this site, such as /study/1.")
        }
        return try await insert(
            draft,
            occurrences: [(draft.startsAt, draft.endsAt)],
            series: nil,
            host: host,
            coHosts: coHosts.filter { $0 != host },
            preaccepted: preaccepted,
            placesAt: placesAt,
            by: person
        )
    }

    /// The start and end instants of every occurrence, keeping the local wall times across clock changes.
    static func occurrences(of draft: EventDraft, series: EventInput.Series?) -> [(Date, Date)] {
        guard let series else { return [(draft.startsAt, draft.endsAt)] }
        let zone = draft.timeZone
        let start = ZonedTime.civil(draft.startsAt, zone: zone)
        let length = Int(draft.endsAt.timeIntervalSince(draft.startsAt))
        return Recurrence.days(
            first: start,
            frequency: series.frequency,
            until: series.until,
            exceptions: series.exceptions
        )
        .compactMap { day in
            let wall = CivilTime(year: day.year, month: day.month, day: day.day, hour: start.hour, minute: start.minute)
            // A start that falls into a skipped hour moves an hour later.
            guard
                let begins = ZonedTime.parse("\(wall.isoDate)T\(wall.clock)", zone: zone)
                    ?? ZonedTime.parse(
                        "\(wall.isoDate)T\(CivilTime.pad(min(23, wall.hour + 1))):\(CivilTime.pad(wall.minute))",
                        zone: zone
                    )
            else { return nil }
            return (begins, begins.addingTimeInterval(Double(length)))
        }
    }

    private func insert(
        _ draft: EventDraft,
        occurrences: [(Date, Date)],
        series: EventInput.Series?,
        host: Int,
        coHosts: [Int],
        preaccepted: Set<Int> = [],
        placesAt: String? = nil,
        by person: CurrentPerson
    ) async throws -> Int {
        let now = services.clock()
        return try await services.store.transaction { sql in
            var seriesID: Int?
            if let series {
                seriesID = try await sql.insertReturningID(
                    into: "event_series",
                    [
                        "frequency": series.frequency.rawValue, "until_day": series.until.isoDate,
                        "exceptions": series.exceptions.sorted().joined(separator: ","), "created_at": now,
                    ]
                )
            }
            var first: Int?
            for (starts, ends) in occurrences {
                let id = try await sql.insertReturningID(
                    into: "events",
                    [
                        "kind": draft.kind.rawValue, "title": draft.title, "description": draft.description,
                        "description_html": Markdown.html(draft.description), "starts_at": starts, "ends_at": ends,
                        "time_zone": draft.timeZone, "city_id": draft.cityID, "address": draft.address,
                        "online_url": draft.onlineURL, "capacity": draft.capacity, "is_public": draft.isPublic,
                        "status": EventStatus.scheduled.rawValue, "series_id": seriesID, "created_by": person.id,
                        "created_at": now, "updated_at": now, "sequence": 0, "places_at": placesAt,
                    ]
                )
                first = first ?? id
                var rows: [[any Encodable & Sendable]] = [
                    [id, host, HostStatus.accepted.rawValue, person.id, person.id, now, now]
                ]
                for group in coHosts {
                    let accepted = preaccepted.contains(group)
                    rows.append([
                        id, group, (accepted ? HostStatus.accepted : .invited).rawValue, person.id,
                        accepted ? person.id : nil, now, accepted ? now : nil,
                    ])
                }
                try await sql.insertRows(
                    into: "event_hosts",
                    columns: [
                        "event_id", "group_id", "status", "invited_by", "decided_by", "created_at", "decided_at",
                    ],
                    rows: rows
                )
            }
            guard let first else {
                throw AppError.validation(["until": "No day of this series is left once the skipped days are out."])
            }
            return first
        }
    }

    /// The id of the group at `slug` if the person may see it; a private group they are not in is "no group",
    /// so inviting does not reveal that it exists.
    func groupID(slug: String, seenBy person: CurrentPerson) async throws -> Int? {
        do {
            return try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person).0.id
        } catch AppError.notFound {
            return nil
        }
    }
}

/// A clash as pages and the API show it.
package struct ClashView: Sendable, Codable, Equatable {
    package let event: EventSummary
    package let hosts: [String]
    /// Minutes the two events overlap.
    package let overlapMinutes: Int
    /// People and groups the hosts share.
    package let sharedAudience: Int
}
