import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A starred session in a person's agenda, with its conference.
package struct AgendaEntry: Sendable, Encodable {
    package let conferenceID: Int
    package let conference: String
    package let timeZone: String
    package let session: ScheduledSession
}

/// Reading the schedule and agendas. The schedule is one query (sessions, rooms, tracks, proposals, speakers
/// and the viewer's stars joined), grouped in Swift, so a large conference costs no more round trips.
package struct ScheduleQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// The conference's sessions in time order (then room), with `starred` for the viewer.
    package func sessions(_ id: Int, viewer: Int?, starredOnly: Bool = false) async throws -> [ScheduledSession] {
        let filter: SQLQueryString = starredOnly ? "AND ai.id IS NOT NULL" : ""
        let rows = try await sql.raw(
            """
            \(Self.columns) LEFT JOIN agenda_items ai ON ai.session_id = s.id AND ai.person_id = \(bind: viewer ?? 0)
            WHERE s.event_id = \(bind: id) \(filter) ORDER BY s.starts_at, r.name, s.id, sp.position
            """
        ).rows(SessionRow.self)
        return Self.group(rows)
    }

    /// Every session the person starred in conferences whose schedule is published, in time order.
    package func agenda(person: Int) async throws -> [AgendaEntry] {
        let rows = try await sql.raw(
            """
            \(Self.columns) JOIN agenda_items ai ON ai.session_id = s.id AND ai.person_id = \(bind: person)
            JOIN conference_settings cs ON cs.event_id = s.event_id
            WHERE cs.schedule_published = \(bind: true) AND ev.status = 'scheduled'
            ORDER BY s.starts_at, r.name, s.id, sp.position LIMIT 5000
            """
        ).rows(SessionRow.self)
        var conferences: [Int: (id: Int, title: String, zone: String)] = [:]
        for row in rows { conferences[row.id] = (row.eventId, row.eTitle, row.eZone) }
        return Self.group(rows).map { session in
            let conference = conferences[session.id] ?? (0, "", "UTC")
            return AgendaEntry(
                conferenceID: conference.id,
                conference: conference.title,
                timeZone: conference.zone,
                session: session
            )
        }
    }

    /// Stars or unstars a session for the person's agenda; only sessions of a conference they may see.
    package func star(_ session: Int, in id: Int, on: Bool, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        guard
            try await sql.raw(
                "SELECT id FROM conference_sessions WHERE id = \(bind: session) AND event_id = \(bind: id)"
            ).first() != nil
        else { throw AppError.notFound }
        if on {
            do {
                try await sql.insert(into: "agenda_items").columns("person_id", "session_id", "created_at")
                    .values(SQLBind(person.id), SQLBind(session), SQLBind(services.clock())).run()
            } catch  where error.isConstraintFailure {}
        } else {
            try await sql.raw(
                "DELETE FROM agenda_items WHERE person_id = \(bind: person.id) AND session_id = \(bind: session)"
            ).run()
        }
    }

    /// The person's secret agenda address token, made on first use; `renew` replaces it (the old link dies).
    package func agendaToken(for person: CurrentPerson, renew: Bool = false) async throws -> String {
        if !renew,
            let token = try await sql.raw("SELECT token FROM agenda_keys WHERE person_id = \(bind: person.id)")
                .value("token", as: String.self)
        {
            return token
        }
        let token = Token.random(bytes: 24)
        let now = services.clock()
        try await services.store.transaction { sql in
            try await sql.raw("DELETE FROM agenda_keys WHERE person_id = \(bind: person.id)").run()
            try await sql.insert(into: "agenda_keys").columns("person_id", "token", "created_at")
                .values(SQLBind(person.id), SQLBind(token), SQLBind(now)).run()
        }
        return token
    }

    /// Whose agenda a token opens, if anyone's.
    package func person(token: String) async throws -> Int? {
        guard token.count <= 64 else { return nil }
        return try await sql.raw("SELECT person_id FROM agenda_keys WHERE token = \(bind: token)")
            .value("person_id", as: Int.self)
    }

    static let columns: SQLQueryString = """
        SELECT s.id, s.event_id, s.proposal_id, s.starts_at, s.ends_at, s.room_id, r.name AS room_name, s.track_id,
          t.name AS track_name, p.title, p.kind, p.abstract_html, g.slug AS g_slug, g.name AS g_name,
          a.handle AS a_handle, a.display_name AS a_name, ai.id AS agenda_id, ev.title AS e_title,
          ev.time_zone AS e_zone
        FROM conference_sessions s JOIN proposals p ON p.id = s.proposal_id
        JOIN conference_rooms r ON r.id = s.room_id JOIN events ev ON ev.id = s.event_id
        LEFT JOIN conference_tracks t ON t.id = s.track_id LEFT JOIN groups g ON g.id = p.group_id
          AND \(GroupAccess.visible("g", to: nil))
        LEFT JOIN proposal_speakers sp ON sp.proposal_id = p.id AND sp.status = 'accepted'
          LEFT JOIN people a ON a.id = sp.person_id
        """

    /// One row of `columns`: a session with one of its speakers (none when it has no speakers).
    struct SessionRow: Decodable {
        let id: Int
        let eventId: Int
        let proposalId: Int
        let startsAt: Date
        let endsAt: Date
        let roomId: Int
        let roomName: String
        let trackId: Int?
        let trackName: String?
        let title: String
        let kind: ProposalKind
        let abstractHtml: String
        let gSlug: String?
        let gName: String?
        let aHandle: String?
        let aName: String?
        let agendaId: Int?
        let eTitle: String
        let eZone: String

        var speaker: PersonRef? { PersonRef.joined(handle: aHandle, name: aName) }

        /// The session with this row's speaker.
        var session: ScheduledSession {
            ScheduledSession(
                id: id,
                proposalID: proposalId,
                title: title,
                kind: kind,
                abstractHTML: abstractHtml,
                room: NamedItem(id: roomId, name: roomName),
                track: trackId.map { NamedItem(id: $0, name: trackName ?? "") },
                startsAt: startsAt,
                endsAt: endsAt,
                speakers: speaker.map { [$0] } ?? [],
                group: GroupRef.joined(slug: gSlug, name: gName),
                starred: agendaId != nil
            )
        }
    }

    /// One `ScheduledSession` per run of rows with the same session id (one row per speaker).
    static func group(_ rows: [SessionRow]) -> [ScheduledSession] {
        var sessions: [ScheduledSession] = []
        for row in rows {
            if let last = sessions.last, last.id == row.id {
                if let speaker = row.speaker { sessions[sessions.count - 1].speakers.append(speaker) }
                continue
            }
            sessions.append(row.session)
        }
        return sessions
    }
}

extension ScheduleQueries {
    /// The accepted proposals of the conference with their sessions, for the builder.
    func placeable(_ id: Int) async throws -> [Placeable] {
        let sessions = try await self.sessions(id, viewer: nil)
        let byProposal = Dictionary(sessions.map { ($0.proposalID, $0) }, uniquingKeysWith: { first, _ in first })
        return try await sql.raw(
            """
            SELECT id, title FROM proposals WHERE event_id = \(bind: id) AND status = \(bind: ProposalStatus.accepted.rawValue)
            ORDER BY title, id
            """
        ).rows(TitleRow.self).map { Placeable(id: $0.id, title: $0.title, session: byProposal[$0.id]) }
    }

    private struct TitleRow: Decodable {
        let id: Int
        let title: String
    }

    /// The sessions the viewer may see: all of them once published, or for organizers; none otherwise.
    func visibleSessions(_ conference: ConferenceView, viewer: CurrentPerson?) async throws -> [ScheduledSession] {
        guard conference.settings.schedulePublished || conference.roles.isOrganizer else { return [] }
        return try await sessions(conference.id, viewer: viewer?.id)
    }
}
