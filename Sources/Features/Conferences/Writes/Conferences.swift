import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What organizers send to change a conference's settings. Times are local wall times in the conference's
/// zone (`2026-05-02T18:00`); an empty close time means the call stays open until closed by hand.
package struct ConferenceSettingsInput: Decodable, Sendable {
    package var cfpOpen: Bool?
    package var cfpClosesAt: String?
    package var blindReview: Bool?
    package var cfpText: String?
    package var schedulePublished: Bool?

    package init() {}
}

/// Running a conference: its settings, tracks, rooms and program committee. Only organizers of the
/// conference's host groups do these.
package struct Conferences: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    package func updateSettings(_ id: Int, _ input: ConferenceSettingsInput, by person: CurrentPerson) async throws {
        let conference = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        var errors: [String: String] = [:]
        let text = FieldRules.text(input.cfpText, "cfpText", max: 20_000, &errors)
        var closes: Date?
        let closesText = (input.cfpClosesAt ?? "").trimmingWhitespace()
        if !closesText.isEmpty {
            closes = closesText.contains("T") ? ZonedTime.parse(closesText, zone: conference.zone) : nil
            if closes == nil {
                errors["cfpClosesAt"] =
                    "Give a date and time such as 2026-05-02T18:00 (in \(conference.zone)), or leave it empty."
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let old = conference.settings
        let settings = ConferenceSettings(
            cfpOpen: input.cfpOpen ?? old.cfpOpen,
            cfpClosesAt: closes,
            blindReview: input.blindReview ?? old.blindReview,
            cfpText: text.replacingOccurrences(of: "\r\n", with: "\n"),
            schedulePublished: input.schedulePublished ?? old.schedulePublished
        )
        try await save(id, settings)
    }

    /// Writes the settings row, creating it the first time.
    func save(_ id: Int, _ settings: ConferenceSettings) async throws {
        try await services.store.transaction { sql in
            try await sql.raw("DELETE FROM conference_settings WHERE event_id = \(bind: id)").run()
            try await sql.insert(into: "conference_settings")
                .columns("event_id", "cfp_open", "cfp_closes_at", "blind_review", "cfp_text", "schedule_published")
                .values(
                    SQLBind(id),
                    SQLBind(settings.cfpOpen),
                    SQLBind(settings.cfpClosesAt),
                    SQLBind(settings.blindReview),
                    SQLBind(settings.cfpText),
                    SQLBind(settings.schedulePublished)
                ).run()
        }
    }

    /// Adds a track or a room (`table` is `conference_tracks` or `conference_rooms`) and returns its id.
    package func addPlace(_ kind: PlaceKind, to id: Int, name: String, by person: CurrentPerson) async throws -> Int {
        _ = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        var errors: [String: String] = [:]
        let name = FieldRules.line(name, kind.field, "Give the \(kind.noun) a name.", max: 100, &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        do {
            return try await sql.insertReturningID(
                into: kind.table,
                ["event_id": id, "name": name, "name_key": name.lowercased()]
            )
        } catch  where error.isConstraintFailure {
            throw AppError.validation([kind.field: "This conference already has a \(kind.noun) called \(name)."])
        }
    }

    /// Removes a track (its sessions stay, without a track) or an empty room.
    package func removePlace(_ kind: PlaceKind, _ item: Int, from id: Int, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        if kind == .room {
            let used =
                try await sql.raw(
                    "SELECT COUNT(*) AS n FROM conference_sessions WHERE room_id = \(bind: item) AND event_id = \(bind: id)"
                ).value("n", as: Int.self) ?? 0
            guard used == 0 else {
                throw AppError.conflict("Sessions are scheduled in this room; move them to another room first.")
            }
        }
        let removed = try await sql.raw(
            "DELETE FROM \(unsafeRaw: kind.table) WHERE id = \(bind: item) AND event_id = \(bind: id) RETURNING id"
        ).all()
        guard !removed.isEmpty else { throw AppError.notFound }
    }

    /// Names a member of the program committee by handle.
    package func addCommitteeMember(_ id: Int, handle: String, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        let member = try await ConferenceAccess.person(handle: handle, field: "handle", sql)
        do {
            try await sql.insert(into: "committee_members")
                .columns("event_id", "person_id", "added_by", "created_at")
                .values(SQLBind(id), SQLBind(member), SQLBind(person.id), SQLBind(services.clock())).run()
        } catch  where error.isConstraintFailure {}
    }

    package func removeCommitteeMember(_ id: Int, handle: String, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        let member = try await ConferenceAccess.person(handle: handle, field: "handle", sql)
        try await sql.raw(
            "DELETE FROM committee_members WHERE event_id = \(bind: id) AND person_id = \(bind: member)"
        ).run()
    }

    package enum PlaceKind: String, Sendable {
        case track, room

        var table: String { self == .track ? "conference_tracks" : "conference_rooms" }
        var field: String { self == .track ? "trackName" : "roomName" }
        var noun: String { rawValue }
    }
}
