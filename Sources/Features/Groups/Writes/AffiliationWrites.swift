import Foundation
import FreshgroundStore
import FreshgroundWeb
import Notifications
import SQLKit

/// Hang-loose links between groups. Following needs no approval; being listed as affiliated needs the other
/// side's acceptance; either side can end either at any time. None of this grants any right over the other.
package struct AffiliationWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: GroupQueries { GroupQueries(services: services) }

    /// Resolves the group the person acts for, which they must organize.
    private func actingGroup(slug: String, person: CurrentPerson) async throws -> Group {
        let (group, standing) = try await queries.visibleGroup(slug: slug, viewer: person)
        guard GroupRules.canManage(standing) else {
            throw AppError.validation(["group": "Choose a group you organize."])
        }
        return group
    }

    private func checkTarget(_ target: Group, from follower: Group) throws {
        guard target.kind.canBeFollowed else {
            throw AppError.validation(["group": "Only centers and coalitions can be followed or affiliated with."])
        }
        guard target.id != follower.id else {
            throw AppError.validation(["group": "A group cannot follow or affiliate with itself."])
        }
    }

    package func follow(target: Group, withSlug followerSlug: String, person: CurrentPerson) async throws -> Group {
        let follower = try await actingGroup(slug: followerSlug, person: person)
        try checkTarget(target, from: follower)
        do {
            _ = try await sql.insertReturningID(
                into: "follows",
                ["follower_id": follower.id, "target_id": target.id, "created_at": services.clock()]
            )
        } catch  where error.isConstraintFailure {
            throw AppError.conflict("\(follower.name) already follows \(target.name).")
        }
        return follower
    }

    /// Ends a follow; the organizers of either side may do it.
    package func unfollow(target: Group, followerSlug: String, person: CurrentPerson) async throws {
        guard let follower = try await queries.group(slug: followerSlug) else { throw AppError.notFound }
        let targetSide = try await queries.standing(of: person, in: target.id)
        let followerSide = try await queries.standing(of: person, in: follower.id)
        guard GroupRules.canManage(targetSide) || GroupRules.canManage(followerSide) else { throw AppError.notFound }
        try await sql.delete(from: "follows").where("follower_id", .equal, follower.id)
            .where("target_id", .equal, target.id).run()
    }

    package func requestAffiliation(
        with target: Group,
        fromSlug slug: String,
        person: CurrentPerson
    ) async throws
        -> Group
    {
        let group = try await actingGroup(slug: slug, person: person)
        try checkTarget(target, from: group)
        if let host = target.originHost, group.visibility == .private {
            // Asking would name the private group on the other server, and its organizers there could not decide
            // on a group they cannot see.
            throw AppError.validation([
                "group": "\(group.name) is private: it cannot ask a group on \(host) to list it as affiliated."
            ])
        }
        guard try await request(from: group, to: target, by: person.id) != nil else {
            throw AppError.conflict("\(group.name) and \(target.name) are already linked or asked.")
        }
        services.deliverMailSoon()
        return group
    }

    /// A request from a group on another server (copied here) to be listed as affiliated with `target`; its id,
    /// or nil when the two are already linked or asked.
    package func requestFromRemote(_ remote: Group, to target: Group) async throws -> Int? {
        guard remote.origin != nil, target.origin == nil, target.kind.canBeFollowed else { return nil }
        let id = try await request(from: remote, to: target, by: nil)
        services.deliverMailSoon()
        return id
    }

    /// Records a pending request and tells the target's organizers; nil when the two are already linked or asked.
    private func request(from group: Group, to target: Group, by person: Int?) async throws -> Int? {
        do {
            return try await recordRequest(from: group, to: target, by: person)
        } catch  where error.isConstraintFailure {
            // Asked twice at once (a second click, on PostgreSQL where both read "not asked yet"): the unique pair
            // refused the second, which is "already asked", not a failure.
            return nil
        }
    }

    private func recordRequest(from group: Group, to target: Group, by person: Int?) async throws -> Int? {
        try await services.store.transaction { sql in
            let existing = try await sql.raw(
                """
                SELECT id FROM affiliations WHERE (group_id = \(bind: group.id) AND other_id = \(bind: target.id))
                OR (group_id = \(bind: target.id) AND other_id = \(bind: group.id))
                """
            ).first()
            guard existing == nil else { return nil }
            // The other group's organizers are asked where they answer: its page's affiliations.
            let id = try await sql.insertReturningID(
                into: "affiliations",
                [
                    "group_id": group.id, "other_id": target.id, "status": "pending", "requested_by": person,
                    "created_at": services.clock(),
                ]
            )
            try await Notifications.notify(
                try await GroupAccess(sql).organizerIDs(of: target.id),
                Notice(
                    kind: .invitation,
                    title: "\(group.name) asked to be listed as affiliated with \(target.name)",
                    path: GroupPaths.group(target.slug) + "#affiliations"
                ),
                except: person,
                services: services,
                on: sql
            )
            return id
        }
    }

    /// Accepts a request made to `group`; only its organizers may.
    package func accept(affiliationID: Int, group: Group, standing: Standing) async throws {
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        guard
            try await sql.select().column("id").from("affiliations").where("id", .equal, affiliationID)
                .where("other_id", .equal, group.id).where("status", .equal, "pending").first() != nil
        else { throw AppError.notFound }
        try await sql.update("affiliations").set("status", to: "accepted").where("id", .equal, affiliationID).run()
    }

    /// Ends (or withdraws, or declines) an affiliation; organizers of either side may.
    package func end(affiliationID: Int, group: Group, standing: Standing) async throws {
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        let row = try await sql.raw(
            """
            SELECT id FROM affiliations WHERE id = \(bind: affiliationID)
            AND (group_id = \(bind: group.id) OR other_id = \(bind: group.id))
            """
        ).first()
        guard row != nil else { throw AppError.notFound }
        try await sql.delete(from: "affiliations").where("id", .equal, affiliationID).run()
    }
}
