import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Who may read and write a coalition's monthly reports, built only from the rules of Groups and Campaigns.
///
/// The groups taking part in a lead group C's campaigns in a month (lead or accepted, and not withdrawn before the
/// month ended) each report to C. C's reports are read by C's active members and by the organizers and editors
/// (`CampaignRules.speakingRoles`) of the groups taking part that month; a group's report is written by its own
/// organizers and editors. Anyone who may not see C (`GroupRules.canSee`, or speaking for a group that took part
/// in one of its campaigns) is told "not found"; anyone else who may not act is refused.
struct ReportAccess: Sendable {
    let coalition: Group
    /// The person's standing in the coalition.
    let standing: Standing
    /// The groups taking part in the month (in any month, when none was given) that the person writes for.
    let speaksFor: Set<Int>

    var coalitionRef: GroupRef { GroupRef(slug: coalition.slug, name: coalition.name) }
    /// The coalition's organizers send the digest.
    var manages: Bool { CampaignRules.canManage(leadStanding: standing) }
    var canRead: Bool { standing.isActiveMember || !speaksFor.isEmpty }

    /// The person's access to the reports of the coalition with `slug` in `month` (any month when nil); not found
    /// when they may not see the coalition at all.
    static func load(
        _ slug: String,
        month: ReportMonth?,
        person: CurrentPerson,
        services: AppServices
    ) async throws -> ReportAccess {
        let groups = GroupQueries(services: services)
        guard let coalition = try await groups.group(slug: slug) else { throw AppError.notFound }
        let standing = try await groups.standing(of: person, in: coalition.id)
        let sql = services.store.sql
        let ever = try await speaking(person, coalition: coalition.id, month: nil, on: sql)
        guard GroupRules.canSee(coalition, standing) || !ever.isEmpty else { throw AppError.notFound }
        let speaksFor = month == nil ? ever : try await speaking(person, coalition: coalition.id, month: month, on: sql)
        return ReportAccess(coalition: coalition, standing: standing, speaksFor: speaksFor)
    }

    /// For a page or API route under `/groups/:slug/reports/:month`: the signed-in person, their access to the
    /// coalition's reports of that month, and the month; not found for a month that is not `YYYY-MM` or has not
    /// begun.
    static func load(
        _ context: AppContext,
        services: AppServices
    ) async throws -> (CurrentPerson, ReportAccess, ReportMonth) {
        let person = try context.requirePerson()
        guard let month = ReportMonth(try context.parameters.require("month")),
            month <= ReportMonth(containing: services.clock())
        else { throw AppError.notFound }
        let access = try await load(
            try context.parameters.require("slug"),
            month: month,
            person: person,
            services: services
        )
        return (person, access, month)
    }

    /// Refuses anyone but the coalition's members and the organizers and editors of the groups reporting to it.
    func requireReader() throws {
        guard canRead else {
            throw AppError.forbidden(
                "Only the members of \(coalition.name) and the organizers and editors of the groups reporting to it read these reports."
            )
        }
    }

    /// The id of the group with `slug` when the person writes its report for the month; refused otherwise.
    func requireSpeaker(for slug: String, person: CurrentPerson, on sql: any SQLDatabase) async throws -> Int {
        guard
            let group = try await GroupAccess(sql).group(
                slug: slug,
                actingFor: person,
                roles: CampaignRules.speakingRoles
            ),
            speaksFor.contains(group)
        else {
            throw AppError.forbidden(
                "Only the organizers and editors of a group taking part in a campaign of \(coalition.name) that month write its report."
            )
        }
        return group
    }

    /// `(coalition_id, group_id)` of the groups taking part in `month` in the campaigns each coalition leads (of
    /// `coalition` only, when given); in any month when `month` is nil.
    static func takingPart(in month: ReportMonth?, coalition: Int? = nil) -> SQLQueryString {
        let during: SQLQueryString =
            month.map {
                """
                 AND p.decided_at < \(bind: $0.end) AND (p.withdrawn_at IS NULL OR p.withdrawn_at >= \(bind: $0.end))
                """
            } ?? ""
        let lead: SQLQueryString = coalition.map { " AND c.lead_group_id = \(bind: $0)" } ?? ""
        return """
            SELECT DISTINCT c.lead_group_id AS coalition_id, p.group_id FROM campaigns c \
            JOIN campaign_participants p ON p.campaign_id = c.id \
            WHERE p.status IN ('lead', 'accepted', 'withdrawn') AND p.decided_at IS NOT NULL\(lead)\(during)
            """
    }

    private static func speaking(
        _ person: CurrentPerson,
        coalition: Int,
        month: ReportMonth?,
        on sql: any SQLDatabase
    ) async throws -> Set<Int> {
        let ids = try await sql.raw(
            """
            SELECT t.group_id FROM (\(takingPart(in: month, coalition: coalition))) t
            WHERE t.group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: CampaignRules.speakingRoles)))
            """
        ).column("group_id", as: Int.self)
        return Set(ids)
    }
}
