import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Notifications
import SQLKit

/// One row of a group's member list (organizers' view).
package struct MemberRow: Sendable, Encodable {
    package let personID: Int
    package let handle: String
    package let displayName: String
    package let role: Role
    package let status: MembershipStatus
    package let pledgeHours: Double?
    /// When they joined or asked to join.
    package let joinedAt: Date
}

/// Joining, leaving, pledging, and the organizers' decisions about members (invitation links are `Invitations`).
package struct MembershipWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    package enum JoinOutcome: Sendable, Equatable {
        case joined
        case requested
    }

    package func join(_ group: Group, standing: Standing, person: CurrentPerson) async throws -> JoinOutcome {
        if standing.isActiveMember { throw AppError.conflict("You are already a member of \(group.name).") }
        if standing.isPending {
            throw AppError.conflict("Your request to join \(group.name) is waiting for an organizer.")
        }
        let status: MembershipStatus
        switch group.joinPolicy {
        case .open: status = .active
        case .approval: status = .pending
        case .invite:
            throw AppError.forbidden("\(group.name) takes new members by invitation only; ask an organizer for a link.")
        }
        guard status == .pending else {
            try await insertMembership(group: group.id, person: person.id, status: status)
            return .joined
        }
        // The organizers learn of the request where they answer it, in the same transaction.
        try await services.store.transaction { sql in
            try await insertMembership(group: group.id, person: person.id, status: status, on: sql)
            try await Notifications.notify(
                try await GroupAccess(sql).organizerIDs(of: group.id),
                Notice(
                    kind: .joinRequest,
                    title: "\(person.shownName) asked to join \(group.name)",
                    path: GroupPaths.members(group.slug)
                ),
                except: person.id,
                services: services,
                on: sql
            )
        }
        services.deliverMailSoon()
        return .requested
    }

    package func leave(_ group: Group, standing: Standing, person: CurrentPerson) async throws {
        guard standing.status != nil else { throw AppError.conflict("You are not a member of \(group.name).") }
        if standing.isOrganizer, try await organizerCount(group.id) == 1 {
            throw AppError.conflict("You are the only organizer. Make another member an organizer before you leave.")
        }
        try await sql.delete(from: "memberships").where("group_id", .equal, group.id)
            .where("person_id", .equal, person.id).run()
    }

    /// Records the weekly hours a member offers the group; zero or `clear` clears the pledge. An empty field is
    /// refused unless `clear` says so, so a pledge is never cleared by a slip.
    package func pledge(
        _ group: Group,
        standing: Standing,
        person: CurrentPerson,
        hours text: String,
        clear: Bool = false
    ) async throws {
        guard standing.isActiveMember else { throw AppError.forbidden("Only members can pledge hours to a group.") }
        let trimmed = text.trimmingWhitespace().replacingOccurrences(of: ",", with: ".")
        var hours: Double? = nil
        if trimmed.isEmpty && !clear {
            throw AppError.validation(["hours": "Give a number of hours, or clear your pledge with its button."])
        }
        if !trimmed.isEmpty && !clear {
            guard let value = Double(trimmed), value.isFinite, (0...80).contains(value) else {
                throw AppError.validation(["hours": "Give a number of hours from 0 to 80, such as 2 or 1.5."])
            }
            hours = value == 0 ? nil : (value * 4).rounded() / 4
        }
        try await sql.update("memberships").set("pledge_hours", to: hours).where("group_id", .equal, group.id)
            .where("person_id", .equal, person.id).run()
    }

    package func members(of group: Group) async throws -> [MemberRow] {
        try await sql.raw(
            """
            SELECT p.id, p.handle, p.display_name, m.role, m.status, m.pledge_hours, m.created_at
            FROM memberships m JOIN people p ON p.id = m.person_id
            WHERE m.group_id = \(bind: group.id) ORDER BY m.status DESC, p.handle
            """
        ).rows(MemberColumns.self).map(\.view)
    }

    /// Approves a pending request. Organizers only.
    package func approve(_ group: Group, standing: Standing, personID: Int) async throws {
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        let target = try await membership(group.id, personID)
        guard target == .pending else { throw AppError.notFound }
        try await sql.update("memberships").set("status", to: MembershipStatus.active.rawValue)
            .where("group_id", .equal, group.id).where("person_id", .equal, personID).run()
    }

    /// Removes a member or declines a request. The last organizer cannot be removed.
    package func remove(_ group: Group, standing: Standing, personID: Int) async throws {
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        guard try await membership(group.id, personID) != nil else { throw AppError.notFound }
        if try await role(group.id, personID) == .organizer, try await organizerCount(group.id) == 1 {
            throw AppError.conflict("A group needs at least one organizer; name another before removing this one.")
        }
        try await sql.delete(from: "memberships").where("group_id", .equal, group.id)
            .where("person_id", .equal, personID).run()
    }

    package func setRole(_ group: Group, standing: Standing, personID: Int, role text: String) async throws {
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        guard let role = Role(rawValue: text) else {
            throw AppError.validation(["role": "Choose member, editor or organizer."])
        }
        guard try await membership(group.id, personID) == .active else { throw AppError.notFound }
        if role != .organizer, try await self.role(group.id, personID) == .organizer,
            try await organizerCount(group.id) == 1
        {
            throw AppError.conflict("A group needs at least one organizer; name another before changing this role.")
        }
        try await sql.update("memberships").set("role", to: role.rawValue).where("group_id", .equal, group.id)
            .where("person_id", .equal, personID).run()
    }

    /// Makes the person an active member (their pending request, if they have one, is granted), on `database`
    /// (a transaction of `Invitations.accept`).
    func admit(group: Int, person: Int, pending: Bool, on database: any SQLDatabase) async throws {
        if pending {
            try await database.update("memberships").set("status", to: MembershipStatus.active.rawValue)
                .where("group_id", .equal, group).where("person_id", .equal, person).run()
        } else {
            try await insertMembership(group: group, person: person, status: .active, on: database)
        }
    }

    private func insertMembership(
        group: Int,
        person: Int,
        status: MembershipStatus,
        on database: (any SQLDatabase)? = nil
    ) async throws {
        do {
            _ = try await (database ?? sql).insertReturningID(
                into: "memberships",
                [
                    "group_id": group, "person_id": person, "role": Role.member.rawValue, "status": status.rawValue,
                    "created_at": services.clock(),
                ]
            )
        } catch  where error.isConstraintFailure {
            throw AppError.conflict("You already belong to this group or asked to join it.")
        }
    }

    func membership(_ group: Int, _ person: Int) async throws -> MembershipStatus? {
        try await sql.select().column("status").from("memberships").where("group_id", .equal, group)
            .where("person_id", .equal, person).value("status", as: MembershipStatus.self)
    }

    private func role(_ group: Int, _ person: Int) async throws -> Role? {
        try await sql.select().column("role").from("memberships").where("group_id", .equal, group)
            .where("person_id", .equal, person).value("role", as: Role.self)
    }

    private func organizerCount(_ group: Int) async throws -> Int {
        try await sql.count(
            {
                $0.where("group_id", .equal, group).where("role", .equal, Role.organizer.rawValue)
                    .where("status", .equal, MembershipStatus.active.rawValue)
            },
            from: "memberships"
        )
    }
}

/// A member as `MembershipWrites.members(of:)` reads them.
private struct MemberColumns: Decodable {
    let id: Int
    let handle: String
    let displayName: String
    let role: Role
    let status: MembershipStatus
    let pledgeHours: Double?
    let createdAt: Date

    var view: MemberRow {
        MemberRow(
            personID: id,
            handle: handle,
            displayName: displayName,
            role: role,
            status: status,
            pledgeHours: pledgeHours,
            joinedAt: createdAt
        )
    }
}
