import Foundation
import FreshgroundCore
import FreshgroundStore
import SQLKit

/// The volunteering demo, in the first public group demo1 organizes: a shift next week with places left, a task,
/// a treasurer's role held past its six-month term (so the rotation board has something due), and two years of
/// joins and logged hours among its members, some of whom went quiet (so the figures show a revolving door).
/// Rows look as `WorkWrites`, `Assignments` and `HoursLog` write them.
extension DemoData {
    func writeVolunteering(_ size: Size) async throws {
        guard
            let lead = try await sql.raw(
                """
                SELECT m.group_id, m.person_id FROM memberships m JOIN groups g ON g.id = m.group_id \
                JOIN people p ON p.id = m.person_id WHERE g.visibility = 'public' AND m.status = 'active' \
                AND m.role = 'organizer' ORDER BY CASE WHEN p.handle = 'demo1' THEN 0 ELSE 1 END, m.group_id LIMIT 1
                """
            ).row(VolunteerDemoLead.self)
        else { return }
        let members = try await sql.raw(
            """
            SELECT person_id FROM memberships WHERE group_id = \(bind: lead.groupId) AND status = 'active' \
            ORDER BY person_id
            """
        ).column("person_id", as: Int.self)
        let today = IsoDay.day(of: now)
        // Joins spread over two years; each active for a while, a third still active today.
        var hours: [[any Encodable & Sendable]] = []
        for (index, person) in members.enumerated() where person != lead.personId {
            let joined = today - 720 + (index * 37) % 700
            try await sql.update("memberships").set("created_at", to: Self.instant(joined))
                .where("group_id", .equal, lead.groupId).where("person_id", .equal, person).run()
            let stays = index % 3 == 0 ? today - joined : 30 + (index * 53) % 240
            for day in stride(from: joined + 3, through: min(today, joined + stays), by: 21) {
                hours.append([person, lead.groupId, 60 + (index % 4) * 30, IsoDay.format(day), "", Self.instant(day)])
            }
        }
        // A few long-standing members keep the accounts, so the treasurer's role has successors to name.
        let keepers = members.enumerated().filter { $0.offset % 3 == 0 && $0.element != lead.personId }.prefix(4)
        try await batched(
            "volunteer_skills",
            ["person_id", "skill", "wants", "created_at"],
            keepers.map { [$0.element, "accounts", false, now] as [any Encodable & Sendable] }
        )
        try await batched(
            "volunteer_hours",
            ["person_id", "group_id", "minutes", "on_day", "note", "created_at"],
            hours
        )
        let start = Self.instant(today + 7).addingTimeInterval(10 * 3600)
        let work = [
            (
                "shift", "Food bank door", "door", Optional(start), Optional(start.addingTimeInterval(3 * 3600)),
                Int?(3), Int?.none, Double?.none, Int?.none
            ),
            ("task", "Write the spring leaflet", "", nil, nil, nil, Optional(120), nil, nil),
            ("role", "Treasurer", "", nil, nil, nil, nil, Optional(1.5), Optional(6)),
        ]
        for (kind, title, role, starts, ends, places, minutes, weekly, term) in work {
            let id = try await sql.insertReturningID(
                into: "volunteer_work",
                [
                    "group_id": lead.groupId, "kind": kind, "title": title, "details": "",
                    "skills": kind == "role" ? "accounts" : "",
                    "minutes": minutes, "due_on": kind == "task" ? IsoDay.format(today + 14) : nil, "starts_at": starts,
                    "ends_at": ends, "zone": "UTC", "places": places, "shift_role": role, "weekly_hours": weekly,
                    "term_months": term, "status": "open", "created_by": lead.personId, "created_at": now,
                ]
            )
            guard kind == "role" else { continue }
            let since = Self.instant(today - 200)
            try await batched(
                "volunteer_assignments",
                ["work_id", "person_id", "state", "offered_by", "over_pledge", "asked_at", "answered_at", "starts_on"],
                [[id, lead.personId, "accepted", lead.personId, false, since, since, IsoDay.format(today - 200)]]
            )
        }
    }

    private static func instant(_ day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400 + 12 * 3600) }
}

private struct VolunteerDemoLead: Decodable {
    let groupId: Int
    let personId: Int
}
