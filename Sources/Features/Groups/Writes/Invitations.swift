import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A live invitation link as the members page lists it (the secret itself is never stored).
package struct LiveInvite: Sendable, Decodable {
    package let id: Int
    package let createdAt: Date
    package let expiresAt: Date
    package let uses: Int
    package let maxUses: Int?
    /// The handle of the organizer who made it; nil once their account is gone.
    package let creatorHandle: String?
}

/// Invitation links: an organizer makes one (with an expiry and an optional use limit), lists the live ones and
/// revokes them; a person opens one and joins. A link is live while it is neither expired, used up nor revoked,
/// and a dead link answers exactly like one that never existed.
package struct Invitations: Sendable {
    let services: AppServices
    /// The lifetimes an organizer may choose, in days.
    package static let lifetimes = [1, 7, 14, 30]
    package static let defaultLifetime = 14
    package static let usesRange = 1...1000

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// The secret of a new link for the group and what the organizer chose, checked; only its digest is kept.
    package func create(
        _ group: Group,
        standing: Standing,
        person: CurrentPerson,
        days daysText: String,
        maxUses usesText: String
    ) async throws -> (token: String, days: Int, maxUses: Int?) {
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        var errors: [String: String] = [:]
        let chosen = daysText.trimmingWhitespace()
        let days =
            chosen.isEmpty ? Self.defaultLifetime : Int(chosen).flatMap { Self.lifetimes.contains($0) ? $0 : nil }
        if days == nil { errors["expires_in"] = "Choose 1, 7, 14 or 30 days." }
        let limit = usesText.trimmingWhitespace()
        let maxUses = Int(limit).flatMap { Self.usesRange.contains($0) ? $0 : nil }
        if !limit.isEmpty && maxUses == nil {
            errors["max_uses"] = "Give a whole number from 1 to 1000, or leave it empty for no limit."
        }
        guard let days, errors.isEmpty else { throw AppError.validation(errors) }
        let token = Token.random()
        let now = services.clock()
        _ = try await sql.insertReturningID(
            into: "invites",
            [
                "group_id": group.id, "token_digest": Token.digest(token), "created_by": person.id, "created_at": now,
                "expires_at": now.addingTimeInterval(TimeInterval(days) * 24 * 3600), "uses": 0, "max_uses": maxUses,
            ]
        )
        return (token, days, maxUses)
    }

    /// The group's live links, newest first. Organizers only.
    package func live(of group: Group, standing: Standing) async throws -> [LiveInvite] {
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        let query = sql.select()
            .columns(
                SQLColumn("id", table: "i"),
                SQLColumn("created_at", table: "i"),
                SQLColumn("expires_at", table: "i"),
                SQLColumn("uses", table: "i"),
                SQLColumn("max_uses", table: "i")
            )
            .column(SQLColumn("handle", table: "p"), as: "creator_handle")
            .from(SQLAlias(SQLIdentifier("invites"), as: SQLIdentifier("i")))
            .join(
                SQLAlias(SQLIdentifier("people"), as: SQLIdentifier("p")),
                method: SQLJoinMethod.left,
                on: SQLColumn("id", table: "p"),
                .equal,
                SQLColumn("created_by", table: "i")
            )
            .where(SQLColumn("group_id", table: "i"), .equal, SQLBind(group.id))
        return try await Self.whereLive(query, table: "i", now: services.clock())
            .orderBy(SQLColumn("created_at", table: "i"), SQLDirection.descending)
            .orderBy(SQLColumn("id", table: "i"), SQLDirection.descending)
            .rows(LiveInvite.self)
    }

    /// Revokes one of the group's live links; anything else is not found. Organizers only.
    package func revoke(_ group: Group, standing: Standing, inviteID: Int) async throws {
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        let update = sql.update("invites").set("revoked_at", to: services.clock())
            .where("id", .equal, inviteID).where("group_id", .equal, group.id)
        guard try await Self.whereLive(update, table: nil, now: services.clock()).returning("id").first() != nil
        else { throw AppError.notFound }
    }

    /// The group a live link leads to, or nil for a link that is unknown, expired, used up or revoked.
    package func invitedGroup(token: String) async throws -> Group? {
        guard let invite = try await liveInvite(token) else { return nil }
        return try await GroupQueries(services: services).group(id: invite.groupID)
    }

    /// Accepting a live link makes the person an active member, whatever the join policy, and counts one use;
    /// a person who already is a member uses nothing (`false`). The use is claimed in the same transaction as
    /// the membership, and only while the link is live, so two people cannot both take a link's last use.
    package func accept(token: String, person: CurrentPerson) async throws -> (group: Group, joined: Bool) {
        guard let invite = try await liveInvite(token),
            let group = try await GroupQueries(services: services).group(id: invite.groupID)
        else { throw AppError.notFound }
        let members = MembershipWrites(services: services)
        let status = try await members.membership(group.id, person.id)
        if status == .active { return (group, false) }
        let now = services.clock()
        try await services.store.transaction { sql in
            let claim = sql.update("invites").set(SQLIdentifier("uses"), to: SQLRaw("uses + 1"))
                .where("id", .equal, invite.id)
            guard try await Self.whereLive(claim, table: nil, now: now).returning("id").first() != nil else {
                throw AppError.notFound
            }
            try await members.admit(group: group.id, person: person.id, pending: status == .pending, on: sql)
        }
        return (group, true)
    }

    private struct InviteKey: Decodable {
        let id: Int
        let groupID: Int
    }

    private func liveInvite(_ token: String) async throws -> InviteKey? {
        guard Token.isWellFormed(token) else { return nil }
        let query = sql.select().column("id").column("group_id").from("invites")
            .where("token_digest", .equal, Token.digest(token))
        return try await Self.whereLive(query, table: nil, now: services.clock()).row(InviteKey.self)
    }

    /// The one rule of a live link: not revoked, not expired, and under its use limit if it has one.
    private static func whereLive<Builder: SQLPredicateBuilder>(
        _ builder: Builder,
        table: String?,
        now: Date
    )
        -> Builder
    {
        builder.where(SQLColumn("revoked_at", table: table), .is, SQLLiteral.null)
            .where(SQLColumn("expires_at", table: table), .greaterThan, SQLBind(now))
            .where(group: {
                $0.where(SQLColumn("max_uses", table: table), .is, SQLLiteral.null)
                    .orWhere(SQLColumn("uses", table: table), .lessThan, SQLColumn("max_uses", table: table))
            })
    }
}
