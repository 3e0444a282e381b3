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
            .where("id", .equal, week.id).row(BreakoutSettings.self)
        let rows = try await sql.raw(
            """
            SELECT b.id, b.number, b.online, b.notes, b.notes_at, t.handle AS taker, p.id AS person, p.handle,
            p.display_name FROM study_breakouts b JOIN study_breakout_members m ON m.breakout_id = b.id
            JOIN people p ON p.id = m.person_id LEFT JOIN people t ON t.id = b.note_taker_id
            WHERE b.week_id = \(bind: week.id) ORDER BY b.number, lower(p.display_name), p.handle
            """
        ).rows(RoomMemberRow.self)
        var rooms: [BreakoutRoom] = []
        var members: [BreakoutRoom.Member] = []
        var includesViewer = false
        for (index, row) in rows.enumerated() {
            members.append(
                BreakoutRoom.Member(handle: row.handle, name: row.displayName.isEmpty ? row.handle : row.displayName)
            )
            if row.person == person.id { includesViewer = true }
            let next = index + 1 < rows.count ? rows[index + 1].id : nil
            guard next != row.id else { continue }
            if series.viewer.isOrganizer || includesViewer {
                rooms.append(
                    BreakoutRoom(
                        number: row.number,
                        online: row.online,
                        members: members,
                        noteTaker: row.taker,
                        notes: row.notes,
                        notesAt: row.notesAt
                    )
                )
            }
            members = []
            includesViewer = false
        }
        return BreakoutSet(
            size: settings?.breakoutSize,
            mixingScore: series.viewer.isOrganizer ? settings?.mixingScore : nil,
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
            ).row(BreakoutRow.self)
        else { throw AppError.notFound }
        let isMember = row.mine > 0
        guard isMember || series.viewer.isOrganizer else { throw AppError.notFound }
        return (row.id, row.noteTakerId, isMember, series.viewer.isOrganizer)
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
            ).value("id", as: Int.self)
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

/// A week's breakout settings.
private struct BreakoutSettings: Decodable {
    let breakoutSize: Int?
    let mixingScore: Int?
}

/// A member of a breakout, with the breakout's own columns.
private struct RoomMemberRow: Decodable {
    let id: Int
    let number: Int
    let online: Bool
    let notes: String
    let notesAt: Date?
    let taker: String?
    let person: Int
    let handle: String
    let displayName: String
}

/// A breakout, its note-taker and whether the person is in it (`mine` above 0).
private struct BreakoutRow: Decodable {
    let id: Int
    let noteTakerId: Int?
    let mine: Int
}
