import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Reading breakouts and writing their notes. Organizers see every breakout and all notes together for the
/// report back; a participant sees only their own breakout. Each breakout's note-taker writes its notes.
package struct BreakoutNotes: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: SeriesQueries { SeriesQueries(services: services) }

    /// The breakouts of week `number` the person may see: all for organizers, their own for a participant.
    package func rooms(_ seriesID: Int, _ number: Int, viewer person: CurrentPerson?) async throws -> BreakoutSet {
        let series = try await queries.series(seriesID, viewer: person)
        return try await rooms(in: series, week: try queries.week(series, number), viewer: person)
    }

    /// The same for a series already read as `person` sees it.
    func rooms(in series: StudySeries, week: Week, viewer person: CurrentPerson?) async throws -> BreakoutSet {
        guard let person, series.viewer.isOrganizer || series.viewer.isParticipant else {
            throw AppError.forbidden("Breakouts are shown to the series' participants and organizers.")
        }
        let settings = try await sql.select().columns("breakout_size", "mixing_score").from("study_weeks")
            .where("id", .equal, week.id).first()
        let rows = try await sql.raw(
            """
            SELECT b.id, b.number, b.online, b.notes, b.notes_at, t.handle AS taker, p.id AS person, p.handle,
            p.display_name FROM study_breakouts b JOIN study_breakout_members m ON m.breakout_id = b.id
            JOIN people p ON p.id = m.person_id LEFT JOIN people t ON t.id = b.note_taker_id
            WHERE b.week_id = \(bind: week.id) ORDER BY b.number, lower(p.display_name), p.handle
            """
        ).all()
        var rooms: [BreakoutRoom] = []
        var members: [BreakoutRoom.Member] = []
        var includesViewer = false
        func close(_ row: any SQLRow) throws {
            if series.viewer.isOrganizer || includesViewer {
                rooms.append(
                    BreakoutRoom(
                        number: try row.decode(column: "number", as: Int.self),
                        online: try row.decode(column: "online", as: Bool.self),
                        members: members,
                        noteTaker: try row.decode(column: "taker", as: String?.self),
                        notes: try row.decode(column: "notes", as: String.self),
                        notesAt: try row.decode(column: "notes_at", as: Date?.self)
                    )
                )
            }
            members = []
            includesViewer = false
        }
        for (index, row) in rows.enumerated() {
            let name = try row.decode(column: "display_name", as: String.self)
            let handle = try row.decode(column: "handle", as: String.self)
            members.append(BreakoutRoom.Member(handle: handle, name: name.isEmpty ? handle : name))
            if try row.decode(column: "person", as: Int.self) == person.id { includesViewer = true }
            let next = index + 1 < rows.count ? try rows[index + 1].decode(column: "id", as: Int.self) : nil
            if try next != row.decode(column: "id", as: Int.self) { try close(row) }
        }
        return BreakoutSet(
            size: try settings?.decode(column: "breakout_size", as: Int?.self),
            mixingScore: series.viewer.isOrganizer ? try settings?.decode(column: "mixing_score", as: Int?.self) : nil,
            rooms: rooms
        )
    }

    private func breakout(
        _ seriesID: Int,
        _ number: Int,
        _ room: Int,
        _ person: CurrentPerson
    ) async throws
        -> (id: Int, taker: Int?, isMember: Bool, isOrganizer: Bool)
    {
        let series = try await queries.series(seriesID, viewer: person)
        let week = try queries.week(series, number)
        guard
            let row = try await sql.raw(
                """
                SELECT b.id, b.note_taker_id, (SELECT COUNT(*) FROM study_breakout_members m
                WHERE m.breakout_id = b.id AND m.person_id = \(bind: person.id)) AS mine
                FROM study_breakouts b WHERE b.week_id = \(bind: week.id) AND b.number = \(bind: room)
                """
            ).first()
        else { throw AppError.notFound }
        let isMember = try row.decode(column: "mine", as: Int.self) > 0
        guard isMember || series.viewer.isOrganizer else { throw AppError.notFound }
        return (
            try row.decode(column: "id", as: Int.self), try row.decode(column: "note_taker_id", as: Int?.self),
            isMember,
            series.viewer.isOrganizer
        )
    }

    /// Names the breakout's note-taker: organizers name any member; a member may take it on when nobody has.
    package func setNoteTaker(
        _ seriesID: Int,
        _ number: Int,
        room: Int,
        handle: String,
        by person: CurrentPerson
    ) async throws {
        let found = try await breakout(seriesID, number, room, person)
        let handle = handle.trimmingWhitespace().trimmingPrefix("@").lowercased()
        guard
            let taker = try await sql.raw(
                """
                SELECT p.id FROM people p JOIN study_breakout_members m ON m.person_id = p.id
                WHERE m.breakout_id = \(bind: found.id) AND p.handle = \(bind: String(handle))
                """
            ).first()?.decode(column: "id", as: Int.self)
        else { throw AppError.validation(["noteTaker": "Choose someone in this breakout."]) }
        guard found.isOrganizer || (taker == person.id && (found.taker == nil || found.taker == person.id)) else {
            throw AppError.forbidden("This breakout has a note-taker; an organizer can change it.")
        }
        try await sql.update("study_breakouts").set("note_taker_id", to: taker).where("id", .equal, found.id).run()
    }

    /// Saves the breakout's notes: its note-taker or an organizer may.
    package func saveNotes(
        _ seriesID: Int,
        _ number: Int,
        room: Int,
        notes: String,
        by person: CurrentPerson
    ) async throws {
        let found = try await breakout(seriesID, number, room, person)
        guard found.isOrganizer || found.taker == person.id else {
            throw AppError.forbidden("Only the breakout's note-taker writes its notes.")
        }
        var errors: [String: String] = [:]
        let text = FieldRules.text(notes, "notes", max: 20_000, &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        try await sql.update("study_breakouts").set("notes", to: text).set("notes_at", to: services.clock())
            .where("id", .equal, found.id).run()
    }
}
