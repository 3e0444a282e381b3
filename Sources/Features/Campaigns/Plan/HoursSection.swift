import FreshgroundWeb
import Groups
import SQLKit

/// The campaign page's part on work: the hours pledged to it in all, the way for members of the groups taking part
/// to pledge theirs, and the yearly plans it is in.
enum HoursSection {
    static func render(_ view: CampaignView, viewer: CurrentPerson?, services: AppServices) async throws -> HTML {
        let id = view.campaign.id
        let total = try await CampaignHours(services: services).total(id)
        let member = viewer != nil && view.takingPart.contains { view.roles[$0.groupID] != nil }
        let plans = try await services.store.sql.raw(
            """
            SELECT pl.year, g.slug, g.name FROM plan_items i JOIN plans pl ON pl.id = i.plan_id
            JOIN groups g ON g.id = pl.group_id
            WHERE i.campaign_id = \(bind: id) AND \(GroupAccess.visible("g", to: viewer)) ORDER BY pl.year, g.name
            """
        ).rows(PlanLink.self)
        let links = plans.map { plan -> HTML in
            "<a href=\"\(CampaignPaths.plan(plan.slug, plan.year))\">\(plan.name)’s plan for \(String(plan.year))</a>"
        }
        return """
            <section aria-labelledby="hours"><h2 id="hours">Hours</h2>
            <p>\(total) hour\(total == 1 ? "" : "s") pledged to the campaign by people of the groups taking part.\
            \(HTML.when(member) { " <a href=\"\(CampaignPaths.hours(id))\">Pledge your hours</a>" })</p>
            \(HTML.when(!links.isEmpty) { "<p>In \(links.joined(separator: ", ")).</p>" })</section>
            """
    }

    private struct PlanLink: Decodable {
        let year: Int
        let slug: String
        let name: String
    }
}
