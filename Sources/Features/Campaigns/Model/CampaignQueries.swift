import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Reading campaigns, always as a viewer: what they may not see is not found, and groups they may not see are
/// "a private group" with no statement.
package struct CampaignQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    static let columns: SQLQueryString = """
        c.id, c.title, c.summary, c.summary_html, c.is_public, c.adoption, lg.slug AS lead_slug, lg.name AS lead_name, \
        c.created_at, c.updated_at
        """

    /// The campaign if the viewer may see it, else `AppError.notFound`.
    package func campaign(_ id: Int, viewer: CurrentPerson?) async throws -> Campaign {
        guard
            let campaign = try await sql.raw(
                """
                SELECT \(Self.columns) FROM campaigns c JOIN groups lg ON lg.id = c.lead_group_id
                WHERE c.id = \(bind: id) AND \(CampaignRules.visible("c", to: viewer))
                """
            ).row(Campaign.self)
        else { throw AppError.notFound }
        return campaign
    }

    /// The campaigns the viewer may see, newest first, with the number of groups taking part.
    package func cards(page: PageRequest, viewer: CurrentPerson?, group: Int? = nil) async throws -> Page<CampaignCard>
    {
        let lead: SQLQueryString =
            group.map {
                """
                 AND EXISTS (SELECT 1 FROM campaign_participants gp WHERE gp.campaign_id = c.id \
                AND gp.group_id = \(bind: $0) AND gp.status IN ('lead', 'accepted'))
                """
            } ?? ""
        let rows = try await sql.raw(
            """
            SELECT c.id, c.title, c.is_public, lg.slug AS lead_slug, lg.name AS lead_name,
            (SELECT COUNT(*) FROM campaign_participants p WHERE p.campaign_id = c.id
             AND p.status IN ('lead', 'accepted')) AS groups
            FROM campaigns c JOIN groups lg ON lg.id = c.lead_group_id
            WHERE \(CampaignRules.visible("c", to: viewer))\(lead)
            ORDER BY c.id DESC LIMIT \(unsafeRaw: String(page.probeLimit)) OFFSET \(unsafeRaw: String(page.offset))
            """
        ).rows(CampaignCard.self)
        return Page(probed: rows, request: page)
    }

    /// Every group asked to the campaign, in the order they were asked, named as the viewer may see them.
    package func participants(_ campaign: Int, viewer: CurrentPerson?) async throws -> [Participant] {
        try await sql.raw(
            """
            SELECT p.group_id, \(GroupAccess.shownColumns("g", to: viewer)), p.status, p.decided_at, p.withdrawn_at,
            p.withdrawal_note, p.statement_version
            FROM campaign_participants p JOIN groups g ON g.id = p.group_id
            WHERE p.campaign_id = \(bind: campaign) ORDER BY p.id
            """
        ).rows(Participant.self)
    }

    /// The newest statement of each group the viewer may see; the author is named to the group's own members.
    package func statements(_ campaign: Int, viewer: CurrentPerson?) async throws -> [Int: Statement] {
        let rows = try await sql.raw(
            """
            SELECT \(Self.statementColumns(viewer)) FROM campaign_participants p
            JOIN groups g ON g.id = p.group_id
            JOIN campaign_statements s ON s.campaign_id = p.campaign_id AND s.group_id = p.group_id
             AND s.version = p.statement_version
            LEFT JOIN people a ON a.id = s.author_id
            WHERE p.campaign_id = \(bind: campaign) AND \(GroupAccess.visible("g", to: viewer))
            """
        ).rows(Statement.self)
        return Dictionary(rows.map { ($0.groupID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every version of one group's statement, newest first; not found when the viewer may not see the group.
    package func history(_ campaign: Int, group: Int, viewer: CurrentPerson?) async throws -> [Statement] {
        try await sql.raw(
            """
            SELECT \(Self.statementColumns(viewer)) FROM campaign_statements s JOIN groups g ON g.id = s.group_id
            LEFT JOIN people a ON a.id = s.author_id
            WHERE s.campaign_id = \(bind: campaign) AND s.group_id = \(bind: group)
            AND \(GroupAccess.visible("g", to: viewer))
            ORDER BY s.version DESC
            """
        ).rows(Statement.self)
    }

    private static func statementColumns(_ viewer: CurrentPerson?) -> SQLQueryString {
        """
        s.group_id, s.version, s.position, s.reservations, s.slogans, s.position_html, s.reservations_html,
        s.created_at, CASE WHEN \(GroupAccess.actsFor("s.group_id", viewer))
        THEN CASE WHEN a.display_name = '' THEN a.handle ELSE a.display_name END ELSE NULL END AS author
        """
    }

    /// Campaigns asking groups the person organizes to take part.
    package func invitations(for person: CurrentPerson) async throws -> [(campaign: CampaignCard, group: GroupRef)] {
        try await sql.raw(
            """
            SELECT c.id, c.title, c.is_public, lg.slug AS lead_slug, lg.name AS lead_name, g.slug AS group_slug, g.name AS group_name
            FROM campaign_participants p JOIN campaigns c ON c.id = p.campaign_id
            JOIN groups lg ON lg.id = c.lead_group_id JOIN groups g ON g.id = p.group_id
            WHERE p.status = 'invited'
            AND p.group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: CampaignRules.answeringRoles)))
            ORDER BY c.id LIMIT 200
            """
        ).rows(InvitationRow.self).map {
            (
                CampaignCard(
                    id: $0.id,
                    title: $0.title,
                    isPublic: $0.isPublic,
                    leadSlug: $0.leadSlug,
                    leadName: $0.leadName,
                    groups: 0
                ),
                GroupRef(slug: $0.groupSlug, name: $0.groupName)
            )
        }
    }

    /// The viewer's standing in the lead group and in each group taking part, for the page's forms.
    package func viewerRoles(_ campaign: Int, viewer: CurrentPerson?) async throws -> [Int: Role] {
        guard let viewer else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT p.group_id, m.role FROM campaign_participants p
            JOIN \(GroupAccess.activeMemberships) m ON m.group_id = p.group_id
            WHERE p.campaign_id = \(bind: campaign) AND m.person_id = \(bind: viewer.id)
            """
        ).rows(RoleRow.self)
        return Dictionary(rows.compactMap { row in Role(rawValue: row.role).map { (row.groupID, $0) } }) { a, _ in a }
    }

    private struct RoleRow: Decodable {
        let groupID: Int
        let role: String
    }

    private struct InvitationRow: Decodable {
        let id: Int
        let title: String
        let isPublic: Bool
        let leadSlug: String
        let leadName: String
        let groupSlug: String
        let groupName: String
    }
}
