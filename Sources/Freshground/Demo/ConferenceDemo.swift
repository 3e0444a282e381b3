import Foundation
import FreshgroundCore
import FreshgroundStore
import SQLKit

/// The conference demo: a three-day regional conference hosted by the first coalition, with tracks and rooms,
/// a program committee, accepted proposals placed in a published schedule (300 sessions for `large`, 30 for
/// `small`), proposals still under review, and action proposals with supporting groups. Rows look as
/// `Conferences`, `Proposals` and `Schedule` write them; each room holds one session at a time and no speaker
/// is in two places at once.
extension DemoData {
    func writeConference(_ size: Size) async throws {
        let now = self.now
        guard
            let host = try await sql.raw(
                """
                SELECT g.id, MIN(m.person_id) AS organizer FROM groups g JOIN memberships m ON m.group_id = g.id
                AND m.role = 'organizer' WHERE g.kind = 'coalition' GROUP BY g.id ORDER BY g.id LIMIT 1
                """
            ).row(ConferenceHost.self),
            let leeds = try await sql.raw("SELECT id FROM cities WHERE name_key = 'leeds'").value("id", as: Int.self)
        else { return }
        let group = host.id
        let organizer = host.organizer
        let people = try await sql.raw("SELECT id FROM people WHERE handle <> 'admin' ORDER BY id LIMIT 2000")
            .column("id", as: Int.self)
        // Three days, a month ahead, from 09:00 UTC (10:00 in Leeds in summer, 09:00 in winter).
        let day0 = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 + 30 * 86_400
        let start = Date(timeIntervalSince1970: day0 + 9 * 3_600)
        let end = Date(timeIntervalSince1970: day0 + 2 * 86_400 + 19 * 3_600)
        let description = "Three days of talks, workshops and panels from every current, and a day of joint plans."
        let event = try await sql.insertReturningID(
            into: "events",
            [
                "kind": "conference", "title": "Northern Left Conference", "description": description,
                "description_html": Markdown.html(description), "starts_at": start, "ends_at": end,
                "time_zone": "Europe/London", "city_id": leeds,
                "address": "Civic Hall", "capacity": 1_500, "is_public": true, "status": "scheduled",
                "created_by": organizer, "created_at": now, "updated_at": now, "sequence": 0,
            ]
        )
        try await batched(
            "event_hosts",
            ["event_id", "group_id", "status", "invited_by", "decided_by", "created_at", "decided_at"],
            [[event, group, "accepted", organizer, organizer, now, now]]
        )
        try await batched(
            "conference_settings",
            ["event_id", "cfp_open", "blind_review", "cfp_text", "schedule_published"],
            [[event, true, true, "Propose a talk, a workshop or a panel.", true]]
        )
        let rooms = size == .small ? 2 : 10
        let trackNames = ["Workplaces", "Housing", "Climate", "Theory", "International"]
        try await batched(
            "conference_tracks",
            ["event_id", "name", "name_key"],
            trackNames.map { [event, $0, $0.lowercased()] }
        )
        try await batched(
            "conference_rooms",
            ["event_id", "name", "name_key"],
            (1...rooms).map { [event, "Room \($0)", "room \($0)"] }
        )
        let trackIDs = try await ids(of: "conference_tracks", event: event)
        let roomIDs = try await ids(of: "conference_rooms", event: event)
        try await batched(
            "committee_members",
            ["event_id", "person_id", "added_by", "created_at"],
            people.prefix(5).map { [event, $0, organizer, now] }
        )
        // Ten hour-long slots a day in every room: 300 sessions with ten rooms.
        let sessions = rooms * 10 * 3
        let submitted = sessions / 10
        let firstProposal = try await nextID("proposals")
        var proposals: Rows = []
        var speakers: Rows = []
        for index in 0..<(sessions + submitted) {
            let title = "\(Self.eventTitles[index % Self.eventTitles.count]) (\(index + 1))"
            let abstract = "What we learned, what failed, and what we propose to do together next."
            let accepted = index < sessions
            proposals.append([
                event, people[(index * 3) % people.count], trackIDs[index % trackIDs.count],
                ["talk", "workshop", "panel"][index % 3], title, abstract, Markdown.html(abstract),
                accepted ? "accepted" : "submitted", now, accepted ? now : nil, accepted ? organizer : nil,
            ])
            // Speakers differ between sessions of the same slot: index and slot never share a person.
            speakers.append([firstProposal + index, people[(index * 3) % people.count], 0])
        }
        try await batched(
            "proposals",
            [
                "event_id", "person_id", "track_id", "kind", "title", "abstract", "abstract_html", "status",
                "created_at", "decided_at", "decided_by",
            ],
            proposals
        )
        try await batched(
            "proposal_speakers",
            ["proposal_id", "person_id", "position"],
            speakers
        )
        var placed: Rows = []
        for index in 0..<sessions {
            let slot = index / rooms
            let day = slot / 10
            let begins = Date(timeIntervalSince1970: day0 + Double(day) * 86_400 + Double(9 + slot % 10) * 3_600)
            placed.append([
                event, firstProposal + index, roomIDs[index % rooms], trackIDs[index % trackIDs.count], begins,
                begins.addingTimeInterval(3_000),
            ])
        }
        try await batched(
            "conference_sessions",
            ["event_id", "proposal_id", "room_id", "track_id", "starts_at", "ends_at"],
            placed
        )
        let actionText = "Every group in the region backs one week of action on rents, with shared leaflets."
        let action = try await sql.insertReturningID(
            into: "action_proposals",
            [
                "event_id": event, "person_id": organizer, "title": "A joint week of action on rents",
                "text": actionText, "text_html": Markdown.html(actionText), "created_at": now,
            ]
        )
        try await batched(
            "action_supports",
            ["action_id", "group_id", "added_by", "created_at"],
            [[action, group, organizer, now]]
        )
    }

    private func ids(of table: String, event: Int) async throws -> [Int] {
        try await sql.select().column("id").from(table).where("event_id", .equal, event).orderBy("id")
            .column("id", as: Int.self)
    }
}

/// The coalition hosting the demo conference and its first organizer.
private struct ConferenceHost: Decodable {
    let id: Int
    let organizer: Int
}
