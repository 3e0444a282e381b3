import Events
import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What a group taking part links to a campaign: one of the events it hosts, or one of its published posts.
package enum ActionKind: String, Sendable, Codable {
    case event, post
}

/// A campaign action as one viewer is shown it.
package struct CampaignAction: Sendable, Decodable {
    package let id: Int
    package let kind: ActionKind
    package let groupID: Int
    package let groupSlug: String
    package let groupName: String
    package let eventID: Int?
    package let postID: Int?
    /// A post's kind: `post` for a group's post, else a publication of the library.
    package let postKind: String?
    package let title: String
    package let startsAt: Date?
    package let timeZone: String?
}

/// What a group contributed, counting only what the viewer may see: the events and posts it linked, the
/// petitions and pledges it started, and the signatures given through its own page (counts, never names).
package struct Contribution: Sendable, Decodable {
    package let groupID: Int
    package let groupSlug: String
    package let groupName: String
    package let events: Int
    package let posts: Int
    package let petitions: Int
    package let signatures: Int
}

/// An event or post a person may link for one of the groups they speak for.
struct ActionCandidate: Sendable, Decodable {
    let kind: ActionKind
    let id: Int
    let title: String
    let startsAt: Date?
    let timeZone: String?
    let groupSlug: String
    let groupName: String

    /// The select's value: kind, id and the group it is linked for.
    var value: String { "\(kind.rawValue):\(id):\(groupSlug)" }
}

/// Reading a campaign's actions, always as a viewer: an action is shown only when the viewer may see its group
/// (a private group is never named to outsiders) and the event (Events' rule) or the post (published) itself.
struct ActionQueries: Sendable {
    let services: AppServices
    private var sql: any SQLDatabase { services.store.sql }

    private static let from: SQLQueryString = """
        FROM campaign_actions a JOIN groups g ON g.id = a.group_id
        LEFT JOIN events e ON e.id = a.event_id LEFT JOIN posts p ON p.id = a.post_id
        """

    private static func shown(_ viewer: CurrentPerson?) -> SQLQueryString {
        """
        \(GroupAccess.visible("g", to: viewer)) AND ((a.kind = 'event' AND \(EventAccess.visible("e", to: viewer))) \
        OR (a.kind = 'post' AND p.status = 'published'))
        """
    }

    /// The actions the viewer may see: events by their start, then posts, newest first; `action` picks one.
    func actions(
        _ campaign: Int,
        viewer: CurrentPerson?,
        action: Int? = nil,
        limit: Int = 500
    ) async throws
        -> [CampaignAction]
    {
        let one: SQLQueryString = action.map { " AND a.id = \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT a.id, a.kind, a.group_id, g.slug AS group_slug, g.name AS group_name, a.event_id, a.post_id,
            p.kind AS post_kind, COALESCE(e.title, p.title) AS title, e.starts_at, e.time_zone \(Self.from)
            WHERE a.campaign_id = \(bind: campaign) AND \(Self.shown(viewer))\(one)
            ORDER BY a.kind, e.starts_at, a.id DESC LIMIT \(bind: limit)
            """
        ).rows(CampaignAction.self)
    }

    /// Each group's contribution the viewer may see, by kind, in one pass: the actions it linked (each shown by
    /// the actions' rule), the petitions it started and the signatures that count given through its page (from the
    /// table `SignatureCounts` keeps).
    func contributions(_ campaign: Int, viewer: CurrentPerson?) async throws -> [Contribution] {
        try await sql.raw(
            """
            SELECT x.group_id, g.slug AS group_slug, g.name AS group_name, SUM(x.events) AS events,
            SUM(x.posts) AS posts, SUM(x.petitions) AS petitions, SUM(x.signatures) AS signatures FROM (
            SELECT a.group_id, CASE WHEN a.kind = 'event' THEN 1 ELSE 0 END AS events,
            CASE WHEN a.kind = 'post' THEN 1 ELSE 0 END AS posts, 0 AS petitions, 0 AS signatures \(Self.from)
            WHERE a.campaign_id = \(bind: campaign) AND \(Self.shown(viewer))
            UNION ALL SELECT p.group_id, 0, 0, 1, 0 FROM campaign_petitions p WHERE p.campaign_id = \(bind: campaign)
            UNION ALL SELECT c.via_group_id, 0, 0, 0, CAST(c.signatures AS INTEGER) FROM campaign_signature_counts c
            JOIN campaign_petitions p ON p.id = c.petition_id WHERE p.campaign_id = \(bind: campaign) AND c.signatures > 0
            ) x JOIN groups g ON g.id = x.group_id WHERE \(GroupAccess.visible("g", to: viewer))
            GROUP BY x.group_id, g.slug, g.name ORDER BY g.name, x.group_id
            """
        ).rows(Contribution.self)
    }

    /// The linked events everyone may see, for the campaign's calendar, with the group that linked each.
    func publicEvents(_ campaign: Int) async throws -> [(id: Int, group: String)] {
        try await actions(campaign, viewer: nil).compactMap { action in
            action.eventID.map { ($0, action.groupName) }
        }
    }

    /// The events the groups `person` speaks for host (ended at most 90 days ago) and their published posts, not
    /// yet linked to the campaign, for the groups taking part now.
    func candidates(_ campaign: Int, for person: CurrentPerson) async throws -> [ActionCandidate] {
        let groups: SQLQueryString = """
            SELECT cp.group_id FROM campaign_participants cp WHERE cp.campaign_id = \(bind: campaign) \
            AND cp.status IN ('lead', 'accepted') \
            AND cp.group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: CampaignRules.speakingRoles)))
            """
        let since = services.clock().addingTimeInterval(-90 * 86_400)
        let events = try await sql.raw(
            """
            SELECT 'event' AS kind, e.id, e.title, e.starts_at, e.time_zone, g.slug AS group_slug, g.name AS group_name
            FROM event_hosts h JOIN events e ON e.id = h.event_id JOIN groups g ON g.id = h.group_id
            WHERE h.status = 'accepted' AND h.group_id IN (\(groups)) AND e.ends_at >= \(bind: since)
            AND NOT EXISTS (SELECT 1 FROM campaign_actions x WHERE x.campaign_id = \(bind: campaign) AND x.event_id = e.id)
            ORDER BY e.starts_at, e.id LIMIT 200
            """
        ).rows(ActionCandidate.self)
        let posts = try await sql.raw(
            """
            SELECT 'post' AS kind, p.id, p.title, NULL AS starts_at, NULL AS time_zone, g.slug AS group_slug,
            g.name AS group_name FROM posts p JOIN groups g ON g.id = p.group_id
            WHERE p.status = 'published' AND p.group_id IN (\(groups))
            AND NOT EXISTS (SELECT 1 FROM campaign_actions x WHERE x.campaign_id = \(bind: campaign) AND x.post_id = p.id)
            ORDER BY p.created_at DESC, p.id DESC LIMIT 100
            """
        ).rows(ActionCandidate.self)
        return events + posts
    }
}
