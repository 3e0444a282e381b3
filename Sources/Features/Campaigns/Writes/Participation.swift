import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// Groups joining a campaign by consent: the lead's organizers invite, the invited group's organizers accept or
/// decline, and a group taking part may withdraw, keeping its dated statements on the page.
package struct Participation: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Invites the group with `slug`; its organizers are told. A group that declined may be asked again.
    package func invite(_ id: Int, group slug: String, by person: CurrentPerson) async throws {
        _ = try await CampaignWrites(services: services).requireManager(id, person)
        let group: Group
        do {
            (group, _) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        } catch AppError.notFound {
            throw AppError.validation(["group": "There is no group at /groups/\(slug) you can see."])
        }
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: person)
        let existing = try await sql.select().column("status").from("campaign_participants")
            .where("campaign_id", .equal, id).where("group_id", .equal, group.id)
            .value("status", as: ParticipantStatus.self)
        if let existing, existing != .declined {
            throw AppError.conflict("\(group.name) is already asked or taking part.")
        }
        let now = services.clock()
        try await services.store.transaction { sql in
            try await sql.delete(from: "campaign_participants").where("campaign_id", .equal, id)
                .where("group_id", .equal, group.id).where("status", .equal, ParticipantStatus.declined.rawValue).run()
            do {
                try await Self.insert(
                    campaign: id,
                    group: group.id,
                    status: .invited,
                    by: person.id,
                    at: now,
                    on: sql
                )
            } catch  where error.isConstraintFailure {
                throw AppError.conflict("\(group.name) is already asked or taking part.")
            }
            try await Notifications.notify(
                try await GroupAccess(sql).organizerIDs(of: group.id),
                Notice(
                    kind: .campaignInvitation,
                    title: "\(group.name) is asked to join the campaign “\(campaign.title)”",
                    path: CampaignPaths.invitations()
                ),
                except: person.id,
                services: services,
                on: sql
            )
        }
        services.deliverMailSoon()
    }

    /// The invited group's organizers accept or decline. Only accepted groups take part.
    package func answer(_ id: Int, group slug: String, accept: Bool, by person: CurrentPerson) async throws {
        let group = try await answeringGroup(
            id,
            slug,
            person,
            refusal: "Only the organizers of that group can answer for it."
        )
        try await move(
            id,
            group,
            from: .invited,
            to: accept ? .accepted : .declined,
            refused: "There is no open invitation for that group to join this campaign."
        ) { $0.set("decided_by", to: person.id).set("decided_at", to: services.clock()) }
    }

    /// A group taking part withdraws, with an optional note shown beside its last statement. The lead cannot:
    /// it runs the campaign.
    package func withdraw(_ id: Int, group slug: String, note: String, by person: CurrentPerson) async throws {
        var errors: [String: String] = [:]
        let note = FieldRules.text(note, "note", max: 2_000, &errors).trimmingWhitespace()
        if !errors.isEmpty { throw AppError.validation(errors) }
        let group = try await answeringGroup(
            id,
            slug,
            person,
            refusal: "Only the organizers of that group can withdraw it."
        )
        try await move(
            id,
            group,
            from: .accepted,
            to: .withdrawn,
            refused: "Only a group taking part (not the lead) can withdraw from the campaign."
        ) {
            $0.set("withdrawn_by", to: person.id).set("withdrawn_at", to: services.clock())
                .set("withdrawal_note", to: note)
        }
    }

    /// The id of the group with `slug` when `person` answers for it, in a campaign they may see.
    private func answeringGroup(_ id: Int, _ slug: String, _ person: CurrentPerson, refusal: String) async throws -> Int
    {
        _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
        guard
            let group = try await GroupAccess(sql).group(
                slug: slug,
                actingFor: person,
                roles: CampaignRules.answeringRoles
            )
        else { throw AppError.forbidden(refusal) }
        return group
    }

    /// Moves the group's participation from one status to another, recording who and when with `stamp`; a
    /// conflict naming `refused` when it is not in `from`.
    private func move(
        _ id: Int,
        _ group: Int,
        from: ParticipantStatus,
        to: ParticipantStatus,
        refused: String,
        stamp: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws {
        let changed = try await stamp(sql.update("campaign_participants").set("status", to: to.rawValue))
            .where("campaign_id", .equal, id).where("group_id", .equal, group)
            .where("status", .equal, from.rawValue)
            .returning("id").all()
        guard !changed.isEmpty else { throw AppError.conflict(refused) }
    }

    /// A group's row in a campaign: the lead (which decided when it started the campaign) or an invited group.
    static func insert(
        campaign: Int,
        group: Int,
        status: ParticipantStatus,
        by person: Int,
        at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        let decided = status == .lead
        try await sql.insert(into: "campaign_participants")
            .columns(
                "campaign_id",
                "group_id",
                "status",
                "invited_by",
                "invited_at",
                "decided_by",
                "decided_at",
                "withdrawal_note",
                "statement_version"
            )
            .values(
                SQLBind(campaign),
                SQLBind(group),
                SQLBind(status.rawValue),
                SQLBind(person),
                SQLBind(now),
                SQLBind(decided ? person : nil),
                SQLBind(decided ? now : nil),
                SQLBind(""),
                SQLBind(0)
            )
            .run()
    }
}
