import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// Where a group asked to co-endorse an official stands.
enum EndorsementStatus: String, Sendable, Decodable {
    case invited, accepted, declined
}

/// A group asked to co-endorse an official, as one viewer is shown it: named only when they may see it.
struct OfficialEndorsement: Sendable, Decodable {
    let groupId: Int
    /// Empty, and the name "a private group", when the viewer may not see the group.
    let slug: String
    let name: String
    let status: EndorsementStatus
    /// Whether the viewer answers for the group (organizes it).
    let answers: Bool

    var group: GroupRef { GroupRef(slug: slug, name: name) }
}

/// An invitation waiting for one of a person's groups: the official, who asks, and the group asked.
struct EndorsementInvitation: Sendable, Decodable {
    let officialId: Int
    let officialName: String
    let office: String
    let jurisdiction: String
    /// The recording group, "a private group" when the person may not see it.
    let byName: String
    /// The recording group's address, empty when the person may not see it (nor then the official's page).
    let bySlug: String
    let slug: String
    let name: String
}

/// Groups co-endorsing an official by consent, by the rules of groups joining a campaign (`Participation`): the
/// recording group's organizers invite a group they may see, by name; its organizers (`CampaignRules.answeringRoles`)
/// are told and accept or decline; a group that declined may be asked again. Only accepted groups are listed as
/// endorsing, each named only to those who may see it.
struct Endorsements: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// Asks the group named `typed` (its name, or its address) to co-endorse the official.
    func invite(_ id: Int, group typed: String, by person: CurrentPerson) async throws {
        let record = try await OfficialQueries(services: services).requireManager(id, person)
        let slug = try await GroupChoices.chosen(typed, by: person, in: sql)
        let (group, _) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        if group.id == record.group.id {
            throw AppError.validation(["group": "\(group.name) records this official: it endorses them already."])
        }
        let asked = AppError.validation(["group": "\(group.name) is already asked or endorses this official."])
        let existing = try await sql.select().column("status").from("official_endorsements")
            .where("official_id", .equal, id).where("group_id", .equal, group.id)
            .value("status", as: EndorsementStatus.self)
        if let existing, existing != .declined { throw asked }
        let now = services.clock()
        try await services.store.transaction { sql in
            try await sql.delete(from: "official_endorsements").where("official_id", .equal, id)
                .where("group_id", .equal, group.id).where("status", .equal, EndorsementStatus.declined.rawValue).run()
            do {
                try await sql.insert(into: "official_endorsements")
                    .columns("official_id", "group_id", "status", "invited_by", "invited_at")
                    .values(
                        SQLBind(id),
                        SQLBind(group.id),
                        SQLBind(EndorsementStatus.invited.rawValue),
                        SQLBind(person.id),
                        SQLBind(now)
                    )
                    .run()
            } catch  where error.isConstraintFailure {
                throw asked
            }
            try await Notifications.notify(
                try await GroupAccess(sql).organizerIDs(of: group.id),
                Notice(
                    kind: .endorsementInvitation,
                    title: "\(group.name) is asked to co-endorse \(record.official.name), \(record.official.office)",
                    path: CampaignPaths.endorsementInvitations()
                ),
                except: person.id,
                services: services,
                on: sql
            )
        }
        services.deliverMailSoon()
    }

    /// The asked group's organizers accept or decline.
    func answer(_ id: Int, group slug: String, accept: Bool, by person: CurrentPerson) async throws {
        guard
            let group = try await GroupAccess(sql).group(
                slug: slug,
                actingFor: person,
                roles: CampaignRules.answeringRoles
            )
        else { throw AppError.forbidden("Only the organizers of that group can answer for it.") }
        let changed = try await sql.update("official_endorsements")
            .set("status", to: (accept ? EndorsementStatus.accepted : .declined).rawValue)
            .set("decided_by", to: person.id).set("decided_at", to: services.clock())
            .where("official_id", .equal, id).where("group_id", .equal, group)
            .where("status", .equal, EndorsementStatus.invited.rawValue)
            .returning("id").all()
        guard !changed.isEmpty else {
            throw AppError.conflict("There is no open invitation for that group to co-endorse this official.")
        }
    }

    /// Every group asked about the official, in the order asked, named for `viewer`.
    static func all(of id: Int, viewer: CurrentPerson?, on sql: any SQLDatabase) async throws -> [OfficialEndorsement] {
        try await sql.raw(
            """
            SELECT e.group_id, \(GroupAccess.shownColumns("g", to: viewer)), e.status,
            \(GroupAccess.actsFor("e.group_id", viewer, roles: CampaignRules.answeringRoles)) AS answers
            FROM official_endorsements e JOIN groups g ON g.id = e.group_id
            WHERE e.official_id = \(bind: id) ORDER BY e.id
            """
        ).rows(OfficialEndorsement.self)
    }

    /// The invitations waiting for the groups `person` answers for.
    func invitations(for person: CurrentPerson) async throws -> [EndorsementInvitation] {
        try await sql.raw(
            """
            SELECT o.id AS official_id, o.name AS official_name, o.office, o.jurisdiction,
            CASE WHEN \(GroupAccess.visible("og", to: person)) THEN og.name ELSE 'a private group' END AS by_name,
            CASE WHEN \(GroupAccess.visible("og", to: person)) THEN og.slug ELSE '' END AS by_slug,
            g.slug, g.name FROM official_endorsements e JOIN officials o ON o.id = e.official_id
            JOIN groups og ON og.id = o.group_id JOIN groups g ON g.id = e.group_id
            WHERE e.status = 'invited'
            AND e.group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: CampaignRules.answeringRoles)))
            ORDER BY e.id
            """
        ).rows(EndorsementInvitation.self)
    }
}
