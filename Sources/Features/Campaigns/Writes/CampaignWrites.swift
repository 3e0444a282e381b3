import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Starting and changing a campaign: only the lead group's organizers may.
package struct CampaignWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Starts a campaign led by the group with `slug`; the lead takes part at once. Returns its id.
    package func create(in slug: String, _ input: CampaignInput, by person: CurrentPerson) async throws -> Int {
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        guard CampaignRules.canManage(leadStanding: standing) else {
            throw AppError.forbidden("Only the organizers of \(group.name) can start a campaign for it.")
        }
        let input = try input.checked()
        try Self.checkVisibility(input, lead: group)
        let now = services.clock()
        return try await services.store.transaction { sql in
            let id = try await sql.insertReturningID(
                into: "campaigns",
                [
                    "lead_group_id": group.id, "title": input.title, "summary": input.summary,
                    "summary_html": Markdown.html(input.summary), "is_public": input.isPublic,
                    "adoption": input.adoption.rawValue, "created_by": person.id, "created_at": now, "updated_at": now,
                ]
            )
            try await Participation.insert(
                campaign: id,
                group: group.id,
                status: .lead,
                by: person.id,
                at: now,
                on: sql
            )
            return id
        }
    }

    /// Changes the campaign's text, visibility and how its demands are adopted.
    package func update(_ id: Int, _ input: CampaignInput, by person: CurrentPerson) async throws {
        let lead = try await requireManager(id, person)
        let input = try input.checked()
        try Self.checkVisibility(input, lead: lead)
        try await services.store.sql.update("campaigns")
            .set("title", to: input.title).set("summary", to: input.summary)
            .set("summary_html", to: Markdown.html(input.summary)).set("is_public", to: input.isPublic)
            .set("adoption", to: input.adoption.rawValue).set("updated_at", to: services.clock())
            .where("id", .equal, id).run()
    }

    /// The lead group if `person` organizes it; not found when they may not see the campaign, refused otherwise
    /// (also when they see the campaign but not its private lead group).
    func requireManager(_ id: Int, _ person: CurrentPerson) async throws -> Group {
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: person)
        let refusal = AppError.forbidden("Only the organizers of \(campaign.leadName) can run this campaign.")
        let lead: Group
        let standing: Standing
        do {
            (lead, standing) = try await GroupQueries(services: services).visibleGroup(
                slug: campaign.leadSlug,
                viewer: person
            )
        } catch AppError.notFound {
            // A group taking part in a private group's campaign sees the campaign, not the group: it runs nothing.
            throw refusal
        }
        guard CampaignRules.canManage(leadStanding: standing) else { throw refusal }
        return lead
    }

    /// A private group's campaign cannot be public: that would name the group to everyone.
    private static func checkVisibility(_ input: CampaignInput, lead: Group) throws {
        if input.isPublic && lead.visibility != .public {
            throw AppError.validation([
                "visibility": "\(lead.name) is a private group, so its campaigns are private too."
            ])
        }
    }
}
