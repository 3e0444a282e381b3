import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Where the builder puts an accepted proposal: a room, an optional track, and local wall times in the
/// conference's zone (`2026-05-02T10:00`).
package struct SessionInput: Decodable, Sendable {
    package var proposal: Int?
    package var room: Int?
    package var track: Int?
    package var start: String?
    package var end: String?

    package init() {}
}

/// A session on the schedule.
package struct ScheduledSession: Sendable, Encodable {
    package let id: Int
    package let proposalID: Int
    package let title: String
    package let kind: ProposalKind
    package let abstractHTML: String
    package let room: NamedItem
    package let track: NamedItem?
    package let startsAt: Date
    package let endsAt: Date
    package var speakers: [PersonRef]
    package let group: GroupRef?
    /// True when the signed-in viewer has starred it for their agenda.
    package let starred: Bool
}

/// The schedule builder: places accepted proposals in rooms and times, refusing a room used twice at once,
/// a speaker in two places at once, and anything outside the conference.
package struct Schedule: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Places (or moves) the proposal's session and returns its id.
    package func place(in id: Int, _ input: SessionInput, by person: CurrentPerson) async throws -> Int {
        let conference = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        let zone = conference.zone
        var errors: [String: String] = [:]
        let proposal = input.proposal ?? 0
        // nil when the proposal is not an accepted one of this conference; .some(nil) when it has no track.
        let accepted = try await sql.raw(
            """
            SELECT track_id FROM proposals WHERE id = \(bind: proposal) AND event_id = \(bind: id)
            AND status = \(bind: ProposalStatus.accepted.rawValue)
            """
        ).value("track_id", as: Int?.self)
        if accepted == nil { errors["proposal"] = "Only accepted proposals of this conference can be scheduled." }
        guard let room = conference.rooms.first(where: { $0.id == input.room }) else {
            errors["room"] = conference.rooms.isEmpty ? "Add a room to the conference first." : "Choose a room."
            throw AppError.validation(errors)
        }
        let track = input.track ?? accepted.flatMap { $0 }
        if let track, !conference.tracks.contains(where: { $0.id == track }) { errors["track"] = "Choose a track." }
        let starts = Self.time(input.start, "start", zone: zone, &errors)
        let ends = Self.time(input.end, "end", zone: zone, &errors)
        guard errors.isEmpty, let starts, let ends else { throw AppError.validation(errors) }
        let event = conference.event
        return try await services.store.transaction { sql in
            if !self.services.store.isSQLite {
                // Two organizers placing sessions at once must not both pass the checks.
                try await sql.raw("SELECT id FROM events WHERE id = \(bind: id) FOR UPDATE").run()
            }
            let others = try await Self.slots(in: id, sql)
            let speakers = try await sql.raw(
                "SELECT person_id FROM proposal_speakers WHERE proposal_id = \(bind: proposal) AND status = 'accepted'"
            ).column("person_id", as: Int.self)
            let current = others.first { $0.proposal == proposal }
            let slot = SessionSlot(
                id: current?.slot.id ?? 0,
                room: room.id,
                start: Int(starts.timeIntervalSince1970),
                end: Int(ends.timeIntervalSince1970),
                speakers: Set(speakers)
            )
            let problems = ScheduleRules.problems(
                placing: slot,
                among: others.map(\.slot),
                conferenceStart: Int(event.startsAt.timeIntervalSince1970),
                conferenceEnd: Int(event.endsAt.timeIntervalSince1970)
            )
            guard problems.isEmpty else {
                throw AppError.validation(Self.messages(problems, others, conference))
            }
            if let current {
                try await sql.update("conference_sessions").set("room_id", to: room.id).set("track_id", to: track)
                    .set("starts_at", to: starts).set("ends_at", to: ends).where("id", .equal, current.slot.id).run()
                return current.slot.id
            }
            return try await sql.insertReturningID(
                into: "conference_sessions",
                [
                    "event_id": id, "proposal_id": proposal, "room_id": room.id, "track_id": track,
                    "starts_at": starts, "ends_at": ends,
                ]
            )
        }
    }

    /// Takes a session off the schedule (the proposal stays accepted).
    package func unschedule(_ session: Int, in id: Int, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        let removed = try await sql.raw(
            "DELETE FROM conference_sessions WHERE id = \(bind: session) AND event_id = \(bind: id) RETURNING id"
        ).all()
        guard !removed.isEmpty else { throw AppError.notFound }
    }

    struct Placed {
        let slot: SessionSlot
        let proposal: Int
        let title: String
        let speakerNames: [Int: String]
    }

    /// The conference's sessions as the rule sees them, with titles and speaker names for the messages.
    static func slots(in id: Int, _ sql: any SQLDatabase) async throws -> [Placed] {
        let rows = try await sql.raw(
            """
            SELECT s.id, s.proposal_id, s.room_id, s.starts_at, s.ends_at, p.title, sp.person_id,
              a.handle AS a_handle, a.display_name AS a_name
            FROM conference_sessions s JOIN proposals p ON p.id = s.proposal_id
            LEFT JOIN proposal_speakers sp ON sp.proposal_id = p.id AND sp.status = 'accepted'
            LEFT JOIN people a ON a.id = sp.person_id
            WHERE s.event_id = \(bind: id) ORDER BY s.id, sp.position
            """
        ).rows(SlotRow.self)
        var placed: [Placed] = []
        var speakers: [Int: String] = [:]
        var current: (id: Int, proposal: Int, room: Int, start: Date, end: Date, title: String)?
        func flush() {
            guard let c = current else { return }
            let slot = SessionSlot(
                id: c.id,
                room: c.room,
                start: Int(c.start.timeIntervalSince1970),
                end: Int(c.end.timeIntervalSince1970),
                speakers: Set(speakers.keys)
            )
            placed.append(Placed(slot: slot, proposal: c.proposal, title: c.title, speakerNames: speakers))
            speakers = [:]
        }
        for row in rows {
            if current?.id != row.id {
                flush()
                current = (row.id, row.proposalId, row.roomId, row.startsAt, row.endsAt, row.title)
            }
            if let speaker = row.personId {
                speakers[speaker] = PersonRef.joined(handle: row.aHandle, name: row.aName)?.name ?? "a speaker"
            }
        }
        flush()
        return placed
    }

    /// One row of `slots`: a session with one of its speakers (none when it has no speakers).
    private struct SlotRow: Decodable {
        let id: Int
        let proposalId: Int
        let roomId: Int
        let startsAt: Date
        let endsAt: Date
        let title: String
        let personId: Int?
        let aHandle: String?
        let aName: String?
    }

    /// Field messages naming the other session for each problem.
    static func messages(
        _ problems: [ScheduleProblem],
        _ others: [Placed],
        _ conference: ConferenceView
    )
        -> [String: String]
    {
        let zone = conference.zone
        func when(_ slot: SessionSlot) -> String {
            let start = Date(timeIntervalSince1970: Double(slot.start))
            let end = Date(timeIntervalSince1970: Double(slot.end))
            return "\(ZonedTime.dateLabel(start, zone: zone)), \(ZonedTime.time(start, zone: zone))–"
                + ZonedTime.time(end, zone: zone)
        }
        func title(_ slot: SessionSlot) -> String { others.first { $0.slot.id == slot.id }?.title ?? "another session" }
        var errors: [String: String] = [:]
        var busy: [String] = []
        for problem in problems {
            switch problem {
            case .endsBeforeStart:
                errors["end"] = "The session must end after it starts."
            case .outsideConference:
                errors["start"] =
                    "The conference runs from \(ZonedTime.display(conference.event.startsAt, zone: zone)) to "
                    + "\(ZonedTime.display(conference.event.endsAt, zone: zone)); place the session within it."
            case .roomTaken(let other):
                let room = conference.rooms.first { $0.id == other.room }?.name ?? "The room"
                errors["room"] = "\(room) is taken then by “\(title(other))” (\(when(other)))."
            case .speakerBusy(let speaker, let other):
                let name = others.first { $0.slot.id == other.id }?.speakerNames[speaker] ?? "A speaker"
                busy.append("\(name) speaks in “\(title(other))” then (\(when(other))).")
            }
        }
        if !busy.isEmpty { errors["start"] = busy.joined(separator: " ") }
        return errors
    }

    static func time(_ text: String?, _ field: String, zone: String, _ errors: inout [String: String]) -> Date? {
        let text = (text ?? "").trimmingWhitespace()
        guard !text.isEmpty else {
            errors[field] = field == "start" ? "Say when the session starts." : "Say when the session ends."
            return nil
        }
        guard text.contains("T"), CivilTime(parsing: text) != nil else {
            errors[field] = "Give a date and time such as 2026-05-02T10:00."
            return nil
        }
        guard let date = ZonedTime.parse(text, zone: zone) else {
            errors[field] = "That time does not exist in \(zone): the clocks change then. Choose another."
            return nil
        }
        return date
    }
}
