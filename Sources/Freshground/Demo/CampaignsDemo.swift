import Campaigns
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// The campaigns demo: one public campaign led by the first public group demo1 organizes, with another public
/// group that accepted and published its statement, a draft of its joint demands and a place in the lead's 2027
/// plan. Rows look as `CampaignWrites`, `Participation`, `Statements`, `Demands` and `PlanWrites` write them.
extension DemoData {
    func writeCampaigns(_ size: Size) async throws {
        let organizers = try await sql.raw(
            """
            SELECT m.group_id, m.person_id FROM memberships m JOIN groups g ON g.id = m.group_id \
            JOIN people p ON p.id = m.person_id \
            WHERE g.visibility = 'public' AND m.status = 'active' AND m.role = 'organizer' \
            ORDER BY CASE WHEN p.handle = 'demo1' THEN 0 ELSE 1 END, m.group_id LIMIT 50
            """
        ).rows(DemoOrganizer.self)
        guard let lead = organizers.first, let partner = organizers.first(where: { $0.groupID != lead.groupID })
        else { return }
        let started = now.addingTimeInterval(-6 * 86_400)
        let summary = "Rents frozen for two years, and *repairs* done within a month of being reported."
        let campaign = try await sql.insertReturningID(
            into: "campaigns",
            [
                "lead_group_id": lead.groupID, "title": "Homes for all", "summary": summary,
                "summary_html": Markdown.html(summary), "is_public": true, "adoption": "consent",
                "created_by": lead.personID, "created_at": started, "updated_at": started,
            ]
        )
        let answered = started.addingTimeInterval(86_400)
        try await batched(
            "campaign_participants",
            [
                "campaign_id", "group_id", "status", "invited_by", "invited_at", "decided_by", "decided_at",
                "withdrawal_note", "statement_version",
            ],
            [
                [campaign, lead.groupID, "lead", lead.personID, started, lead.personID, started, "", 0],
                [campaign, partner.groupID, "accepted", lead.personID, started, partner.personID, answered, "", 1],
            ]
        )
        let position = "We back the freeze and ask for a tenants' say in every repair plan."
        let reservations = "We do not endorse the call for a new housing company."
        try await batched(
            "campaign_statements",
            [
                "campaign_id", "group_id", "version", "position", "reservations", "slogans", "position_html",
                "reservations_html", "author_id", "created_at",
            ],
            [
                [
                    campaign, partner.groupID, 1, position, reservations, "Homes for all\nRepairs now",
                    Markdown.html(position), Markdown.html(reservations), partner.personID, answered,
                ]
            ]
        )
        // A petition of the lead, signed once through its page by the partner's organizer (signed in, no address).
        let text = "Every landlord repairs what tenants report within a week."
        let petition = try await sql.insertReturningID(
            into: "campaign_petitions",
            [
                "campaign_id": campaign, "group_id": lead.groupID, "kind": "petition", "title": "Repairs within a week",
                "text": text, "text_html": Markdown.html(text), "created_by": lead.personID, "created_at": answered,
            ]
        )
        try await batched(
            "campaign_signatures",
            [
                "petition_id", "via_group_id", "person_id", "name", "status", "token", "mail_token", "created_at",
                "confirmed_at",
            ],
            [
                [
                    petition, lead.groupID, partner.personID, "Demo signer", "confirmed",
                    Token.digest("demo-signature-\(petition)"), Token.digest("demo-mail-\(petition)"), answered,
                    answered,
                ]
            ]
        )
        try await SignatureCounts.rebuild(campaign: campaign, on: sql)
        // A draft of the joint demands, and the campaign in the lead's plan for 2027, as `Demands` and `PlanWrites`
        // write them.
        let demands = "Rents frozen for two years, and every reported repair done within a month."
        try await batched(
            "campaign_demands",
            ["campaign_id", "version", "text", "text_html", "created_by", "created_at"],
            [[campaign, 1, demands, Markdown.html(demands), lead.personID, answered]]
        )
        let plan = try await sql.insertReturningID(
            into: "plans",
            [
                "group_id": lead.groupID, "year": 2027, "priority_items": "", "created_by": lead.personID,
                "created_at": answered,
            ]
        )
        try await batched(
            "plan_items",
            [
                "plan_id", "campaign_id", "starts_on", "ends_on", "hours_needed", "priority", "created_by",
                "created_at",
            ],
            [[plan, campaign, "2027-03-01", "2027-03-28", 100, false, lead.personID, answered]]
        )
    }
}

/// A public group and one of its organizers.
private struct DemoOrganizer: Decodable {
    let groupID: Int
    let personID: Int
}
