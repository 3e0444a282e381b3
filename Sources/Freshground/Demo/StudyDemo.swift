import Foundation
import FreshgroundCore
import FreshgroundStore
import SQLKit

/// The study demo: a weekly series on the revolutions of 1848 led by one circle and co-organized by another,
/// with a three-week syllabus (readings of both kinds, a film, lead questions), 46 participants from several
/// groups, a first session held last week with attendance, breakouts formed by `Breakouts`, note-takers' notes
/// and a report, and two sessions to come; plus more series with a syllabus and participants (99 for `large`).
extension DemoData {
    func writeStudy(_ size: Size) async throws {
        let now = self.now
        let circles = try await sql.raw(
            """
            SELECT g.id, MIN(m.person_id) AS organizer FROM groups g JOIN memberships m ON m.group_id = g.id
            AND m.role = 'organizer' WHERE g.kind = 'circle' GROUP BY g.id ORDER BY g.id LIMIT 200
            """
        ).rows(Journal.self).map { ($0.id, $0.organizer) }
        guard circles.count >= 2,
            let city = try await sql.raw("SELECT id FROM cities WHERE name_key = 'leeds'").value("id", as: Int.self)
        else { return }
        let members = try await sql.raw(
            "SELECT person_id, group_id FROM memberships WHERE status = 'active' AND role = 'member' ORDER BY id LIMIT 4000"
        ).rows(MemberRow.self).map { ($0.personId, $0.groupId) }
        let count = size == .small ? 2 : 100
        var random = SeededRandom(seed: 1848)
        for index in 0..<count {
            let (lead, organizer) = circles[(index * 2) % circles.count]
            let (partner, _) = circles[(index * 2 + 1) % circles.count]
            let topic = DemoWords.studyTopics[index % DemoWords.studyTopics.count]
            let series = try await sql.insertReturningID(
                into: "study_series",
                [
                    "title": index == 0 ? "Revolutions of 1848" : "\(topic.title) (\(index + 1))",
                    "description":
                        "A weekly reading and discussion series, open to all. Readings of two kinds: critical "
                        + "reviews for the overall picture and texts from the archive.",
                    "enrollment": "open", "reading_kinds": "critical review\nfrom the archive",
                    "agenda": "30 Presentations\n30 Small-group discussion\n30 Report back", "publish_reports": true,
                    "created_by": organizer, "created_at": now.addingTimeInterval(-30 * 86_400),
                ]
            )
            try await batched(
                "study_organizers",
                ["series_id", "group_id", "status", "invited_by", "created_at"],
                [[series, lead, "lead", organizer, now], [series, partner, "accepted", organizer, now]]
            )
            // A participant list drawn from members of many groups; the first series has 46.
            let wanted = index == 0 ? 46 : 10 + random.next(20)
            var enrolled: [(person: Int, group: Int)] = []
            var seen = Set<Int>()
            while enrolled.count < min(wanted, members.count) {
                let pick = members[random.next(members.count)]
                if seen.insert(pick.0).inserted { enrolled.append((pick.0, pick.1)) }
            }
            try await batched(
                "study_enrollments",
                [
                    "series_id", "person_id", "status", "newcomer", "online", "subscribed", "digest",
                    "unsubscribe_token", "created_at",
                ],
                enrolled.enumerated().map { number, person in
                    [
                        series, person.person, "enrolled", number % 4 == 0, number % 6 == 0, true, number % 5 == 0,
                        "demo-\(series)-\(person.person)-\(random.next(1_000_000_000))", now,
                    ]
                }
            )
            var weeks: [Int] = []
            for (position, week) in topic.weeks.enumerated() {
                // Weekly on the same evening: the first a week ago, the next two still to come.
                let starts = now.addingTimeInterval(
                    Double(position - 1) * 7 * 86_400 - 86_400 + Double(index % 7) * 3_600
                )
                let event = try await sql.insertReturningID(
                    into: "events",
                    [
                        "kind": "class", "title": "Week \(position + 1): \(week.topic)",
                        "description": week.introduction, "description_html": Markdown.html(week.introduction),
                        "starts_at": starts, "ends_at": starts.addingTimeInterval(90 * 60),
                        "time_zone": "Europe/London",
                        "city_id": city, "address": "Community Hall",
                        "online_url": "https://meet.example.org/study-\(series)",
                        "is_public": true, "status": "scheduled", "created_by": organizer, "created_at": now,
                        "updated_at": now, "sequence": 0,
                    ]
                )
                try await batched(
                    "event_hosts",
                    ["event_id", "group_id", "status", "invited_by", "decided_by", "created_at", "decided_at"],
                    [
                        [event, lead, "accepted", organizer, organizer, now, now],
                        [event, partner, "accepted", organizer, organizer, now, now],
                    ]
                )
                let id = try await sql.insertReturningID(
                    into: "study_weeks",
                    [
                        "series_id": series, "position": position + 1, "topic": week.topic,
                        "introduction": week.introduction,
                        "questions": week.questions.joined(separator: "\n"), "event_id": event,
                    ]
                )
                weeks.append(id)
                try await batched(
                    "study_readings",
                    ["week_id", "kind", "position", "url", "title", "note"],
                    week.readings.enumerated().map { number, reading in
                        [id, reading.kind, number + 1, reading.url, reading.title, reading.note]
                    }
                )
                if position == 0 {
                    try await batched(
                        "study_media",
                        ["week_id", "kind", "title", "url", "size_bytes"],
                        [
                            [
                                id, "film", "The long film of the week", "https://films.example.org/\(series).mp4",
                                Int64(2_100_000_000),
                            ]
                        ]
                    )
                }
            }
            guard index == 0, let first = weeks.first else { continue }
            try await writeFirstSession(week: first, people: enrolled, organizer: organizer, seed: UInt64(series))
        }
    }

    /// The first session of the first series: who came, breakouts of six formed by the real algorithm, a
    /// note-taker and notes in each, and the report.
    private func writeFirstSession(
        week: Int,
        people: [(person: Int, group: Int)],
        organizer: Int,
        seed: UInt64
    ) async throws {
        let present = people.enumerated().filter { $0.offset % 9 != 8 }.map(\.element)
        try await batched(
            "study_attendance",
            ["week_id", "person_id", "mode", "recorded_by", "created_at"],
            present.enumerated().map { [week, $1.person, $0 % 6 == 0 ? "online" : "room", organizer, now] }
        )
        let plan = Breakouts.form(
            Breakouts.Request(
                people: present.enumerated().map {
                    Breakouts.Person(
                        id: $1.person,
                        groups: [$1.group],
                        currents: [],
                        isNewcomer: $0 % 4 == 0,
                        isOnline: $0 % 6 == 0
                    )
                },
                size: 6,
                keepOnlineTogether: true,
                metBefore: [],
                seed: seed
            )
        )
        for (number, members) in plan.groups.enumerated() {
            let breakout = try await sql.insertReturningID(
                into: "study_breakouts",
                [
                    "week_id": week, "number": number + 1, "online": false, "note_taker_id": members.first,
                    "notes": DemoWords.breakoutNotes[number % DemoWords.breakoutNotes.count], "notes_at": now,
                ]
            )
            try await batched("study_breakout_members", ["breakout_id", "person_id"], members.map { [breakout, $0] })
        }
        let report = DemoWords.sessionReport
        try await sql.update("study_weeks").set("breakout_size", to: 6).set("mixing_score", to: plan.mixingScore)
            .set("report", to: report).set("report_html", to: Markdown.html(report)).set("report_at", to: now)
            .where("id", .equal, week).run()
    }
}

/// An active member of a group.
private struct MemberRow: Decodable {
    let personId: Int
    let groupId: Int
}
