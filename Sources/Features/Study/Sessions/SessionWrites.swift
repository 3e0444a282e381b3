import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// When and where a week's session meets: local start time, length, and a city with an address and/or an
/// online link (in the room, online, or both).
package struct SessionInput: Sendable, Decodable {
    package var start: String?
    package var minutes: Int?
    package var timeZone: String?
    package var city: String?
    package var address: String?
    package var onlineURL: String?

    init(form: FormData) {
        start = form["start"]
        minutes = Int(form["minutes"])
        timeZone = form["timeZone"]
        city = form["city"]
        address = form["address"]
        onlineURL = form["onlineURL"]
    }
}

/// Someone at a session, in the room or online; `mode` is nil for an enrolled person not (yet) there.
package struct Attendee: Sendable, Codable, Equatable {
    package let handle: String
    package let name: String
    package let mode: AttendanceMode?
}

package enum AttendanceMode: String, Sendable, Codable, CaseIterable {
    case room, online
}

/// Sessions: a week's session is an event hosted by the organizing groups; attendance is taken by organizers
/// or by each participant checking in from an hour before the session until it ends.
package struct SessionWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: SeriesQueries { SeriesQueries(services: services) }
    static let checkInOpensBefore: TimeInterval = 3_600

    /// Where places at a session are given: enrolling in its series. The session's event takes no RSVPs, so
    /// the events side cannot let in someone the series has not (and show them the online link).
    static func placesAt(_ seriesID: Int) -> String { StudyPaths.series(seriesID) }

    /// Schedules week `number`'s session as an event; returns the event's id.
    package func schedule(
        _ seriesID: Int,
        _ number: Int,
        _ input: SessionInput,
        by person: CurrentPerson
    ) async throws -> Int {
        let series = try await queries.organized(seriesID, by: person)
        let week = try queries.week(series, number)
        if week.session != nil {
            throw AppError.conflict("This week's session is scheduled; change it on its event's page.")
        }
        var hosts: [Int] = []
        var coHosts: [Int] = []
        let organizing = try await queries.organizers(of: seriesID, seenBy: person, everyone: true)
        for group in organizing.filter({ $0.status.organizes }).map(\.group) {
            if let id = try await EventAccess.organizedGroup(slug: group.slug, person, sql), hosts.isEmpty {
                hosts.append(id)
            } else if let id = try await groupID(group.slug) {
                coHosts.append(id)
            }
        }
        guard let host = hosts.first else {
            throw AppError.forbidden(SeriesQueries.organizerOnly)
        }
        let minutes = input.minutes ?? max(30, series.agenda.reduce(0) { $0 + $1.minutes })
        guard (15...600).contains(minutes) else {
            throw AppError.validation(["minutes": "A session lasts 15 to 600 minutes."])
        }
        var event = EventInput()
        event.kind = "class"
        event.title = "\(series.title): week \(number), \(week.topic)"
        event.description =
            "Week \(number) of [\(series.title)](/study/\(seriesID)/weeks/\(number)).\n\n\(week.introduction)"
        event.start = input.start
        if let start = CivilTime(parsing: (input.start ?? "").trimmingWhitespace()) {
            let end = CivilTime(epochSeconds: start.epochSeconds + minutes * 60)
            event.end = "\(end.isoDate)T\(end.clock)"
        }
        event.timeZone = input.timeZone
        event.city = input.city
        event.address = input.address
        event.onlineURL = input.onlineURL
        let draft: EventDraft
        do {
            (draft, _) = try await event.validate(cities: Cities(services: services))
        } catch AppError.validation(var errors) {
            // The end is worked out from the length; a problem with it is one with the length.
            if let end = errors.removeValue(forKey: "end") { errors["minutes"] = end }
            throw AppError.validation(errors)
        }
        let id = try await EventWrites(services: services).create(
            draft,
            host: host,
            coHosts: coHosts,
            preaccepted: Set(coHosts),
            placesAt: Self.placesAt(seriesID),
            by: person
        )
        try await sql.update("study_weeks").set("event_id", to: id).where("id", .equal, week.id).run()
        return id
    }

    /// Schedules every week still without a session, a week apart at the same local time, the first at
    /// `input.start`; returns how many were scheduled. Nothing is written when the first one is refused.
    package func scheduleWeekly(_ seriesID: Int, _ input: SessionInput, by person: CurrentPerson) async throws -> Int {
        let series = try await queries.organized(seriesID, by: person)
        let waiting = series.weeks.filter { $0.session == nil }
        guard !waiting.isEmpty else { throw AppError.conflict("Every week has its session already.") }
        guard let first = CivilTime(parsing: (input.start ?? "").trimmingWhitespace()) else {
            throw AppError.validation(["start": "Give the first session's date and time such as 2026-03-28T19:00."])
        }
        for (index, week) in waiting.enumerated() {
            let day = CivilTime(epochSeconds: first.epochSeconds + index * 7 * 86_400)
            var one = input
            one.start = "\(day.isoDate)T\(day.clock)"
            _ = try await schedule(seriesID, week.number, one, by: person)
        }
        return waiting.count
    }

    private func groupID(_ slug: String) async throws -> Int? {
        try await sql.select().column("id").from("groups").where("slug", .equal, slug).value("id", as: Int.self)
    }

    /// A participant says they are here, in the room or online.
    package func checkIn(_ seriesID: Int, _ number: Int, mode: AttendanceMode, by person: CurrentPerson) async throws {
        let series = try await queries.series(seriesID, viewer: person)
        guard series.viewer.isParticipant || series.viewer.isOrganizer else {
            throw AppError.forbidden("Enroll in the series to check in.")
        }
        let week = try queries.week(series, number)
        guard let session = week.session, !session.cancelled else {
            throw AppError.conflict("This week has no session to check in to.")
        }
        let now = services.clock()
        guard now >= session.startsAt.addingTimeInterval(-Self.checkInOpensBefore), now <= session.endsAt else {
            throw AppError.conflict("Check-in opens an hour before the session and closes when it ends.")
        }
        try await record(week: week.id, person: person.id, mode: mode, by: person)
    }

    /// An organizer records a person as here (in the room or online) or, with `mode` nil, not here.
    package func mark(
        _ seriesID: Int,
        _ number: Int,
        handle: String,
        mode: AttendanceMode?,
        by person: CurrentPerson
    ) async throws {
        let series = try await queries.organized(seriesID, by: person)
        let week = try queries.week(series, number)
        guard
            let id = try await sql.raw(
                """
                SELECT p.id FROM people p JOIN study_enrollments e ON e.person_id = p.id
                WHERE p.handle = \(bind: handle.lowercased()) AND e.series_id = \(bind: seriesID) AND e.status = 'enrolled'
                """
            ).value("id", as: Int.self)
        else { throw AppError.validation(["handle": "Nobody enrolled in this series has the handle @\(handle)."]) }
        if let mode {
            try await record(week: week.id, person: id, mode: mode, by: person)
        } else {
            try await sql.delete(from: "study_attendance").where("week_id", .equal, week.id).where(
                "person_id",
                .equal,
                id
            )
            .run()
        }
    }

    /// The roll call: each enrolled or recorded person whose mode `modeOf` gives ("room", "online" or
    /// "absent"; nil leaves them as they are) is recorded so; returns how many records changed.
    package func markAll(
        _ seriesID: Int,
        _ number: Int,
        modeOf: (String) -> String?,
        by person: CurrentPerson
    ) async throws -> Int {
        var changed = 0
        for attendee in try await attendance(seriesID, number, by: person) {
            guard let value = modeOf(attendee.handle) else { continue }
            let mode = AttendanceMode(rawValue: value)
            guard mode != attendee.mode else { continue }
            try await mark(seriesID, number, handle: attendee.handle, mode: mode, by: person)
            changed += 1
        }
        return changed
    }

    private func record(week: Int, person: Int, mode: AttendanceMode, by recorder: CurrentPerson) async throws {
        let now = services.clock()
        try await services.store.transaction { sql in
            try await sql.delete(from: "study_attendance").where("week_id", .equal, week).where(
                "person_id",
                .equal,
                person
            )
            .run()
            _ = try await sql.insertReturningID(
                into: "study_attendance",
                [
                    "week_id": week, "person_id": person, "mode": mode.rawValue, "recorded_by": recorder.id,
                    "created_at": now,
                ]
            )
        }
    }

    /// Everyone enrolled and everyone recorded at week `number`'s session, for organizers.
    package func attendance(_ seriesID: Int, _ number: Int, by person: CurrentPerson) async throws -> [Attendee] {
        let series = try await queries.organized(seriesID, by: person)
        return try await attendance(in: series, week: try queries.week(series, number))
    }

    /// The same for a series its organizer has already read.
    func attendance(in series: StudySeries, week: Week) async throws -> [Attendee] {
        guard series.viewer.isOrganizer else { throw AppError.forbidden(SeriesQueries.organizerOnly) }
        return try await sql.raw(
            """
            SELECT p.handle, p.display_name, a.mode FROM people p
            LEFT JOIN study_attendance a ON a.person_id = p.id AND a.week_id = \(bind: week.id)
            WHERE p.id IN (SELECT person_id FROM study_enrollments WHERE series_id = \(bind: series.id) AND status = 'enrolled')
            OR a.id IS NOT NULL
            ORDER BY lower(p.display_name), p.handle
            """
        ).rows(AttendeeRow.self).map {
            Attendee(handle: $0.handle, name: $0.displayName.isEmpty ? $0.handle : $0.displayName, mode: $0.mode)
        }
    }
}

/// An enrolled participant or someone recorded at the session, and how they attended (nil: not recorded).
private struct AttendeeRow: Decodable {
    let handle: String
    let displayName: String
    let mode: AttendanceMode?
}
