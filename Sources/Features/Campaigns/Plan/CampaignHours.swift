import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// The hours a person pledges to a campaign, through one of their groups taking part. A pledge is seen by the
/// person and by that group's organizers; everyone else reads totals only.
struct CampaignHours: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    static let maximum = 2_000

    struct Pledge: Sendable, Decodable {
        let hours: Int
        let slug: String
        let name: String
    }

    struct Pledger: Sendable, Decodable {
        let displayName: String
        let hours: Int
        let groupName: String
    }

    /// The person's own pledge to the campaign, if any.
    func own(_ campaign: Int, by person: CurrentPerson) async throws -> Pledge? {
        try await sql.raw(
            """
            SELECT h.hours, g.slug, g.name FROM campaign_hours h JOIN groups g ON g.id = h.via_group_id
            WHERE h.campaign_id = \(bind: campaign) AND h.person_id = \(bind: person.id)
            """
        ).row(Pledge.self)
    }

    /// The pledges made through groups the person organizes, for planning their group's part.
    func throughOrganizedGroups(_ campaign: Int, by person: CurrentPerson) async throws -> [Pledger] {
        try await sql.raw(
            """
            SELECT CASE WHEN p.display_name = '' THEN p.handle ELSE p.display_name END AS display_name, h.hours, g.name AS group_name FROM campaign_hours h
            JOIN people p ON p.id = h.person_id JOIN groups g ON g.id = h.via_group_id
            WHERE h.campaign_id = \(bind: campaign)
            AND h.via_group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: Role.organizing)))
            ORDER BY g.name, p.display_name, h.id
            """
        ).rows(Pledger.self)
    }

    /// The hours pledged to the campaign in all.
    func total(_ campaign: Int) async throws -> Int {
        try await sql.raw(
            "SELECT CAST(COALESCE(SUM(hours), 0) AS BIGINT) AS total FROM campaign_hours WHERE campaign_id = \(bind: campaign)"
        ).value("total", as: Int.self) ?? 0
    }

    /// The groups through which the person may pledge: those they are active in that take part.
    func groups(_ campaign: Int, for person: CurrentPerson) async throws -> [GroupRef] {
        try await sql.raw(
            """
            SELECT g.slug, g.name FROM campaign_participants p JOIN groups g ON g.id = p.group_id
            WHERE p.campaign_id = \(bind: campaign) AND p.status IN ('lead', 'accepted')
            AND \(GroupAccess.actsFor("p.group_id", person)) ORDER BY g.name
            """
        ).rows(GroupRef.self)
    }

    /// Pledges (or changes) the person's hours through the group with `slug`.
    func pledge(_ campaign: Int, group slug: String, hours typed: String, by person: CurrentPerson) async throws {
        _ = try await CampaignQueries(services: services).campaign(campaign, viewer: person)
        var errors: [String: String] = [:]
        let groups = try await groups(campaign, for: person)
        let group = groups.first { $0.slug == slug.lowercased() }
        if group == nil { errors["group"] = "Choose one of your groups taking part in the campaign." }
        let hours = Int(typed)
        if hours == nil || !(1...Self.maximum).contains(hours!) {
            errors["hours"] = "Give the hours you can give in all, a whole number from 1 to \(Self.maximum)."
        }
        guard errors.isEmpty, let group, let hours else { throw AppError.validation(errors) }
        guard
            let groupID = try await sql.select().column("id").from("groups").where("slug", .equal, group.slug)
                .value("id", as: Int.self)
        else { throw AppError.notFound }
        let now = services.clock()
        try await sql.raw(
            """
            INSERT INTO campaign_hours (campaign_id, person_id, via_group_id, hours, created_at, updated_at)
            VALUES (\(bind: campaign), \(bind: person.id), \(bind: groupID), \(bind: hours), \(bind: now), \(bind: now))
            ON CONFLICT (campaign_id, person_id) DO UPDATE SET via_group_id = excluded.via_group_id,
            hours = excluded.hours, updated_at = excluded.updated_at
            """
        ).run()
    }

    func withdraw(_ campaign: Int, by person: CurrentPerson) async throws {
        try await sql.delete(from: "campaign_hours").where("campaign_id", .equal, campaign)
            .where("person_id", .equal, person.id).run()
    }
}
