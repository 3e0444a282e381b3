import Foundation
import FreshgroundCore
import FreshgroundStore
import SQLKit

/// The rest of the campaigns benchmark's data (`CampaignsBenchDemo.swift`): the lead coalition's plan for this year
/// with the big campaign and seven smaller ones it leads, hours pledged by members of the groups taking part, and
/// an official the coalition records with pledges in versions, two published criteria and 2,000 imported votes.
/// Rows look as `PlanWrites`, `CampaignHours` and `OfficialWrites` write them.
extension DemoData {
    /// Seven campaigns besides `campaign`, each led by the lead with three of the groups, all in the lead's plan for
    /// this year with hours needed (three of them priorities); hours pledged to each by members of its groups.
    func writePlanBench(
        _ campaign: Int,
        _ groups: [BenchGroup],
        _ random: inout SeededRandom
    ) async throws -> (year: Int, items: Int, pledges: Int) {
        let lead = groups[0]
        let created = now.addingTimeInterval(-60 * 86_400)
        var campaigns: [(id: Int, groups: [BenchGroup])] = [(campaign, groups)]
        var participants: Rows = []
        for (index, title) in Self.smallCampaigns.enumerated() {
            let partners = (0..<3).map { groups[1 + (index * 3 + $0) % (groups.count - 1)] }
            let summary = "\(title): a campaign of \(lead.name) with \(partners.map(\.name).joined(separator: ", "))."
            let id = try await sql.insertReturningID(
                into: "campaigns",
                [
                    "lead_group_id": lead.groupID, "title": title, "summary": summary,
                    "summary_html": Markdown.html(summary), "is_public": true, "adoption": "majority",
                    "created_by": lead.personID, "created_at": created, "updated_at": created,
                ]
            )
            for (number, group) in ([lead] + partners).enumerated() {
                participants.append([
                    id, group.groupID, number == 0 ? "lead" : "accepted", lead.personID, created, group.personID,
                    created.addingTimeInterval(Double(number) * 3_600), "", 0,
                ])
            }
            campaigns.append((id, [lead] + partners))
        }
        try await batched(
            "campaign_participants",
            [
                "campaign_id", "group_id", "status", "invited_by", "invited_at", "decided_by", "decided_at",
                "withdrawal_note", "statement_version",
            ],
            participants
        )
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let year = calendar.component(.year, from: now)
        let plan = try await sql.insertReturningID(
            into: "plans",
            [
                "group_id": lead.groupID, "year": year, "priority_cap": 3, "priority_items": "",
                "created_by": lead.personID, "created_at": created,
            ]
        )
        var items: Rows = []
        for (index, entry) in campaigns.enumerated() {
            let month = 1 + index * 11 / campaigns.count
            let weeks = 3 + index % 5
            let starts = calendar.date(from: DateComponents(year: year, month: month, day: 1 + index % 20))!
            let ends = starts.addingTimeInterval(Double(weeks * 7) * 86_400)
            items.append([
                plan, entry.id, Self.day(starts), Self.day(min(ends, Self.endOfYear(year, calendar))),
                index == 0 ? 6_000 : 300 + 100 * (index % 6), index < 3, lead.personID, created,
            ])
        }
        try await batched(
            "plan_items",
            [
                "plan_id", "campaign_id", "starts_on", "ends_on", "hours_needed", "priority", "created_by",
                "created_at",
            ],
            items
        )
        let members = try await sql.raw(
            """
            SELECT group_id, person_id FROM memberships WHERE status = 'active' \
            AND group_id IN (\(binds: groups.map(\.groupID))) ORDER BY group_id, person_id
            """
        ).rows(BenchMember.self)
        let byGroup = Dictionary(grouping: members, by: \.groupID)
        var hours: Rows = []
        for (index, entry) in campaigns.enumerated() {
            var pledged: Set<Int> = []
            let limit = index == 0 ? 2_000 : 150
            // Round-robin over the groups, so every group's members pledge.
            let lists = entry.groups.map { byGroup[$0.groupID] ?? [] }
            var depth = 0
            while pledged.count < limit && lists.contains(where: { $0.count > depth }) {
                for list in lists where list.count > depth && pledged.count < limit {
                    let member = list[depth]
                    guard pledged.insert(member.personID).inserted else { continue }
                    let at = created.addingTimeInterval(Double(random.next(50 * 86_400)))
                    hours.append([entry.id, member.personID, member.groupID, 1 + random.next(6), at, at])
                }
                depth += 1
            }
        }
        try await batched(
            "campaign_hours",
            ["campaign_id", "person_id", "via_group_id", "hours", "created_at", "updated_at"],
            hours
        )
        return (year, campaigns.count, hours.count)
    }

    private static let smallCampaigns = [
        "Free buses for under-25s", "Keep the libraries open", "Council workers' pay", "Save the Lido",
        "No outsourcing of care", "Clean air round the schools", "Winter fuel for every tenant",
    ]

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    private static func endOfYear(_ year: Int, _ calendar: Calendar) -> Date {
        calendar.date(from: DateComponents(year: year, month: 12, day: 31))!
    }
}

/// An active member of a group taking part.
private struct BenchMember: Decodable {
    let groupID: Int
    let personID: Int
}
