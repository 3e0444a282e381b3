import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// How a group is linked to others.
package struct GroupLinks: Sendable {
    package var follows: [Group] = []
    package var followers: [Group] = []
    package var affiliations: [AffiliationView] = []
}

/// One affiliation seen from a group's page.
package struct AffiliationView: Sendable {
    package let id: Int
    package let partner: Group
    package let accepted: Bool
    /// True when this group asked; the partner's organizers then accept.
    package let requestedByThisGroup: Bool
}

/// A group as its page shows it: the group, where the viewer stands, its links, and the viewer's own pledge
/// and follow.
package struct LinkedGroup: Sendable {
    package let group: Group
    package let standing: Standing
    package let links: GroupLinks
    /// The weekly hours the viewer pledged to the group, if they are a member with a pledge.
    package let viewerPledge: Double?
    /// Whether the viewer follows the group in their own feed.
    package let viewerFollows: Bool
}

extension GroupQueries {
    /// The group at `slug` with everything that links it to others, in one statement: the groups it follows, the
    /// groups following it (each list capped at `limit`), and its affiliations in either direction; "not found"
    /// unless the viewer may see the group, whether it exists or not. Private partners are left out unless the
    /// viewer belongs to them.
    ///
    /// The group is read first, then its follows (`MATERIALIZED`), which are then named and sorted. Left to
    /// itself, PostgreSQL's plan for every group at once (a prepared statement's generic plan, which assumes a
    /// typical group's nine followers) walked all public groups by name looking for followers: 80 ms for a circle
    /// that has none. The group page read the group and its links in two statements until this one.
    package func linkedGroup(slug: String, viewer: CurrentPerson?, limit: Int = 100) async throws -> LinkedGroup {
        let visible = GroupAccess.visible("g", to: viewer)
        let id: SQLQueryString = "(SELECT id FROM target)"
        // Typed: PostgreSQL reads a bare NULL in a subquery as text, which a pledge's number cannot join.
        let partner: SQLQueryString = """
            \(unsafeRaw: Group.prefixedColumnList), CAST(NULL AS TEXT), CAST(NULL AS TEXT), \
            CAST(NULL AS DOUBLE PRECISION), FALSE
            """
        let rows = try await sql.raw(
            """
            WITH target AS MATERIALIZED (SELECT \(unsafeRaw: Group.prefixedColumnList), \
            \(GroupAccess.standingColumns), sm.pledge_hours AS viewer_pledge, EXISTS (SELECT 1 FROM person_follows pf \
            WHERE pf.person_id = \(bind: viewer?.id ?? 0) AND pf.group_id = g.id) AS viewer_follows \
            FROM groups g \(GroupAccess.standingJoin("g.id", viewer: viewer)) WHERE g.slug = \(bind: slug.lowercased())),
            followed AS MATERIALIZED (SELECT target_id AS other_id FROM follows WHERE follower_id = \(id)),
            following AS MATERIALIZED (SELECT follower_id AS other_id FROM follows WHERE target_id = \(id))
            SELECT 'self' AS relation, 0 AS link_id, 0 AS requester_id, '' AS link_status, t.* FROM target t
            UNION ALL
            SELECT * FROM (SELECT 'follows' AS relation, 0 AS link_id, 0 AS requester_id, '' AS link_status, \
            \(partner) FROM followed f JOIN groups g ON g.id = f.other_id
            WHERE \(visible) ORDER BY g.name LIMIT \(bind: limit)) follows_part
            UNION ALL
            SELECT * FROM (SELECT 'followers' AS relation, 0 AS link_id, 0 AS requester_id, '' AS link_status, \
            \(partner) FROM following f JOIN groups g ON g.id = f.other_id
            WHERE \(visible) ORDER BY g.name LIMIT \(bind: limit)) followers_part
            UNION ALL
            SELECT 'affiliation' AS relation, a.id AS link_id, a.group_id AS requester_id, a.status AS link_status, \
            \(partner) FROM affiliations a JOIN groups g ON g.id = CASE WHEN a.group_id = \(id) THEN a.other_id \
            ELSE a.group_id END
            WHERE (a.group_id = \(id) OR a.other_id = \(id)) AND \(visible)
            """
        ).all()
        var found: (Group, Standing, ViewerColumns)?
        var partners: [(LinkRow, Group)] = []
        for row in rows {
            let link = try row.decode(LinkRow.self)
            if link.relation == "self" {
                found = (
                    try Group(row: row), try GroupAccess.standing(row: row, viewer: viewer),
                    try row.decode(ViewerColumns.self)
                )
            } else {
                partners.append((link, try Group(row: row)))
            }
        }
        guard let (group, standing, viewerColumns) = found, GroupRules.canSee(group, standing) else {
            throw AppError.notFound
        }
        var links = GroupLinks()
        for (link, partner) in partners {
            switch link.relation {
            case "follows": links.follows.append(partner)
            case "followers": links.followers.append(partner)
            default:
                links.affiliations.append(
                    AffiliationView(
                        id: link.linkId,
                        partner: partner,
                        accepted: link.linkStatus == "accepted",
                        requestedByThisGroup: link.requesterId == group.id
                    )
                )
            }
        }
        links.follows.sort { $0.name < $1.name }
        links.followers.sort { $0.name < $1.name }
        links.affiliations.sort { $0.partner.name < $1.partner.name }
        return LinkedGroup(
            group: group,
            standing: standing,
            links: links,
            viewerPledge: viewer == nil ? nil : viewerColumns.viewerPledge,
            viewerFollows: viewer != nil && viewerColumns.viewerFollows
        )
    }
}

/// How a row of `GroupQueries.linkedGroup` relates to the group: `self` (the group itself), `follows`,
/// `followers` or `affiliation` (with its id, the group that asked and its status).
private struct LinkRow: Decodable {
    let relation: String
    let linkId: Int
    let requesterId: Int
    let linkStatus: String
}

/// The viewer's own pledge and follow, read with the group itself.
private struct ViewerColumns: Decodable {
    let viewerPledge: Double?
    let viewerFollows: Bool
}
