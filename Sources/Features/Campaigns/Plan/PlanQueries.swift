import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Reading a group's yearly plan as one viewer: the plan is seen by whoever may see the group, and each campaign in
/// it only by those who may see the campaign (its hours count in the totals only for them).
struct PlanQueries: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    func plan(slug: String, year: Int, viewer: CurrentPerson?) async throws -> PlanView {
        guard (2000...2100).contains(year) else { throw AppError.notFound }
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: viewer)
        let header = try await sql.raw(
            """
            SELECT id, priority_cap, priorities_decision_id FROM plans
            WHERE group_id = \(bind: group.id) AND year = \(bind: year)
            """
        ).row(PlanRow.self)
        let items = try await sql.raw(
            """
            SELECT i.id, i.campaign_id, c.title, i.starts_on, i.ends_on, i.hours_needed, i.priority,
            CAST(COALESCE((SELECT SUM(h.hours) FROM campaign_hours h WHERE h.campaign_id = i.campaign_id), 0) AS BIGINT)
            AS hours_pledged
            FROM plan_items i JOIN campaigns c ON c.id = i.campaign_id
            WHERE i.plan_id = \(bind: header?.id ?? 0) AND \(CampaignRules.visible("c", to: viewer))
            ORDER BY i.starts_on, i.id
            """
        ).rows(PlanItem.self)
        var groupIDs: [Int: Set<Int>] = [:]
        var refs: [Int: GroupRef] = [:]
        if !items.isEmpty {
            let byCampaign = Dictionary(grouping: items, by: \.campaignId)
            let rows = try await sql.raw(
                """
                SELECT p.campaign_id, p.group_id, \(GroupAccess.shownColumns("g", to: viewer))
                FROM campaign_participants p JOIN groups g ON g.id = p.group_id
                WHERE p.campaign_id IN (\(binds: Array(byCampaign.keys))) AND p.status IN ('lead', 'accepted')
                """
            ).rows(TakingPart.self)
            for row in rows {
                refs[row.groupId] = GroupRef(slug: row.slug, name: row.name)
                for item in byCampaign[row.campaignId] ?? [] { groupIDs[item.id, default: []].insert(row.groupId) }
            }
        }
        return PlanView(
            group: group,
            standing: standing,
            year: year,
            priorityCap: header?.priorityCap,
            prioritiesDecision: header?.prioritiesDecisionId,
            items: items,
            groupIDs: groupIDs,
            groupRefs: refs
        )
    }

    /// The campaigns the group leads or takes part in that the viewer may see and that are not in the year's plan
    /// yet, by title, for the form that adds them.
    func addable(_ plan: PlanView, viewer: CurrentPerson) async throws -> [(id: Int, title: String)] {
        try await sql.raw(
            """
            SELECT c.id, c.title FROM campaigns c
            WHERE EXISTS (SELECT 1 FROM campaign_participants p WHERE p.campaign_id = c.id
             AND p.group_id = \(bind: plan.group.id) AND p.status IN ('lead', 'accepted'))
            AND \(CampaignRules.visible("c", to: viewer))
            AND NOT EXISTS (SELECT 1 FROM plan_items i JOIN plans pl ON pl.id = i.plan_id
             WHERE i.campaign_id = c.id AND pl.group_id = \(bind: plan.group.id) AND pl.year = \(bind: plan.year))
            ORDER BY c.id DESC LIMIT 200
            """
        ).rows(Choice.self).map { ($0.id, $0.title) }
    }

    private struct PlanRow: Decodable {
        let id: Int
        let priorityCap: Int?
        let prioritiesDecisionId: Int?
    }

    private struct TakingPart: Decodable {
        let campaignId: Int
        let groupId: Int
        let slug: String
        let name: String
    }

    private struct Choice: Decodable {
        let id: Int
        let title: String
    }
}
