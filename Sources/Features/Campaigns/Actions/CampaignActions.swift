import Events
import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A group taking part links its own events and posts to the campaign, and takes them off again. Each group speaks
/// only for itself: its organizers and editors link what it hosts or published, and only they remove it.
package struct CampaignActions: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Links event or post `item` for the group with `slug`. Refused unless the person speaks for that group and it
    /// takes part; an event must be hosted (accepted) by the group, a post published by it.
    package func link(_ id: Int, group slug: String, kind: ActionKind, item: Int, by person: CurrentPerson) async throws
    {
        _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
        guard
            let group = try await GroupAccess(sql).group(
                slug: slug,
                actingFor: person,
                roles: CampaignRules.speakingRoles
            )
        else { throw AppError.forbidden("Only the organizers and editors of that group can link its actions.") }
        let status = try await sql.select().column("status").from("campaign_participants")
            .where("campaign_id", .equal, id).where("group_id", .equal, group)
            .value("status", as: ParticipantStatus.self)
        guard status?.takesPart == true else {
            throw AppError.forbidden("Only a group taking part in the campaign can link actions to it.")
        }
        let owned: SQLQueryString =
            switch kind {
            case .event:
                """
                SELECT 1 AS one FROM events e WHERE e.id = \(bind: item) \
                AND \(bind: group) IN (\(EventAccess.hostGroupIDs(event: item)))
                """
            case .post:
                """
                SELECT 1 AS one FROM posts p WHERE p.id = \(bind: item) AND p.group_id = \(bind: group) \
                AND p.status = 'published'
                """
            }
        guard try await sql.raw(owned).first() != nil else {
            throw AppError.validation([
                "action": kind == .event
                    ? "Choose an event your group hosts." : "Choose a post your group published."
            ])
        }
        do {
            try await sql.insert(into: "campaign_actions")
                .columns("campaign_id", "group_id", "kind", "event_id", "post_id", "added_by", "created_at")
                .values(
                    SQLBind(id),
                    SQLBind(group),
                    SQLBind(kind.rawValue),
                    SQLBind(kind == .event ? item : nil),
                    SQLBind(kind == .post ? item : nil),
                    SQLBind(person.id),
                    SQLBind(services.clock())
                )
                .run()
        } catch  where error.isConstraintFailure {
            throw AppError.validation(["action": "That \(kind.rawValue) is already one of the campaign's actions."])
        }
    }

    /// Takes action `action` off the campaign; only those who speak for the group that linked it may.
    package func remove(_ id: Int, action: Int, by person: CurrentPerson) async throws {
        _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
        guard
            try await sql.select().column("id").from("campaign_actions").where("id", .equal, action)
                .where("campaign_id", .equal, id).first() != nil
        else { throw AppError.notFound }
        let removed = try await sql.raw(
            """
            DELETE FROM campaign_actions WHERE id = \(bind: action) AND campaign_id = \(bind: id) \
            AND group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: CampaignRules.speakingRoles))) \
            RETURNING id
            """
        ).all()
        guard !removed.isEmpty else {
            throw AppError.forbidden("Only the organizers and editors of the group that linked it can remove it.")
        }
    }
}
