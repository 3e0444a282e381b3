import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Reading petitions, signatures and contacts, always as a viewer. Counts are shown to whoever sees the
/// campaign; names and addresses only through `contacts`, to the organizers of the group they belong to.
package struct PetitionQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Signatures that count: confirmed, or confirmed and later emptied with the signer's account.
    static let counted: SQLQueryString = "s.status IN ('confirmed', 'erased')"

    /// The ids of the campaign's petitions, for `c.petition_id IN (…)`, read through the counts' key.
    private static func petitions(_ campaign: Int) -> SQLQueryString {
        "SELECT p.id FROM campaign_petitions p WHERE p.campaign_id = \(bind: campaign)"
    }

    /// The campaign's petitions the viewer may see (those of groups they may see), newest first, each with its
    /// signatures that count, summed from `campaign_signature_counts` (kept by `SignatureCounts`).
    package func cards(_ campaign: Int, viewer: CurrentPerson?) async throws -> [PetitionCard] {
        try await sql.raw(
            """
            SELECT p.id, p.kind, p.title,
            COALESCE((SELECT CAST(SUM(c.signatures) AS BIGINT) FROM campaign_signature_counts c
             WHERE c.petition_id = p.id), 0) AS signatures
            FROM campaign_petitions p JOIN groups g ON g.id = p.group_id
            WHERE p.campaign_id = \(bind: campaign) AND \(GroupAccess.visible("g", to: viewer))
            ORDER BY p.id DESC LIMIT 200
            """
        ).rows(PetitionCard.self)
    }

    /// The petition of the campaign (which the caller checked the viewer may see), when the viewer may see the group
    /// whose petition it is; not found otherwise (a private group's petition is its members' alone).
    package func petition(_ id: Int, campaign: Int, viewer: CurrentPerson?) async throws -> Petition {
        guard
            let petition = try await sql.raw(
                """
                SELECT p.id, p.campaign_id, p.kind, p.title, p.text, p.text_html, p.created_at,
                \(GroupAccess.shownColumns("g", to: viewer))
                FROM campaign_petitions p JOIN groups g ON g.id = p.group_id
                WHERE p.id = \(bind: id) AND p.campaign_id = \(bind: campaign) AND \(GroupAccess.visible("g", to: viewer))
                """
            ).row(Petition.self)
        else { throw AppError.notFound }
        return petition
    }

    /// Signatures counted per group they came through, for one petition or (nil) the whole campaign; groups the
    /// viewer may not see are "a private group".
    package func counts(campaign: Int, petition: Int?, viewer: CurrentPerson?) async throws -> [GroupCount] {
        let one: SQLQueryString = petition.map { " AND p.id = \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT g.id AS group_id, \(GroupAccess.shownColumns("g", to: viewer)), n.signatures
            FROM (SELECT c.via_group_id, CAST(SUM(c.signatures) AS BIGINT) AS signatures FROM campaign_signature_counts c
             WHERE c.petition_id IN (\(Self.petitions(campaign))\(one)) AND c.signatures > 0 GROUP BY c.via_group_id) n
            JOIN groups g ON g.id = n.via_group_id
            ORDER BY n.signatures DESC, g.id
            """
        ).rows(GroupCount.self)
    }

    /// `counts` for each of the campaign's petitions at once (the API's list), by petition id; one query.
    package func countsByPetition(campaign: Int, viewer: CurrentPerson?) async throws -> [Int: [GroupCount]] {
        let rows = try await sql.raw(
            """
            SELECT c.petition_id, g.id AS group_id, \(GroupAccess.shownColumns("g", to: viewer)),
            CAST(c.signatures AS BIGINT) AS signatures
            FROM campaign_signature_counts c JOIN groups g ON g.id = c.via_group_id
            WHERE c.petition_id IN (\(Self.petitions(campaign))) AND c.signatures > 0
            ORDER BY c.petition_id, c.signatures DESC, g.id
            """
        ).rows(PetitionGroupCount.self)
        return Dictionary(grouping: rows, by: \.petitionID).mapValues { $0.map(\.count) }
    }

    /// A row of `countsByPetition`.
    private struct PetitionGroupCount: Decodable {
        let petitionID: Int
        let groupID: Int
        let slug: String
        let name: String
        let signatures: Int

        var count: GroupCount { GroupCount(groupID: groupID, slug: slug, name: name, signatures: signatures) }
    }

    /// The groups taking part now (lead and accepted) that the viewer may see: one signing page each.
    package func signingGroups(_ campaign: Int, viewer: CurrentPerson?) async throws -> [TakingPart] {
        try await takingPart(campaign, GroupAccess.visible("g", to: viewer))
    }

    /// The groups a signer through `via` is asked about, one unticked box each: every other group taking part
    /// that is public. A private group is never offered, whoever signs: that would name it.
    package func optInOffers(_ campaign: Int, via: Int) async throws -> [TakingPart] {
        try await takingPart(campaign, "g.visibility = 'public' AND g.id <> \(bind: via)")
    }

    private func takingPart(_ campaign: Int, _ filter: SQLQueryString) async throws -> [TakingPart] {
        try await sql.raw(
            """
            SELECT g.id, g.slug, g.name FROM campaign_participants cp JOIN groups g ON g.id = cp.group_id
            WHERE cp.campaign_id = \(bind: campaign) AND cp.status IN ('lead', 'accepted') AND \(filter)
            ORDER BY cp.id
            """
        ).rows(TakingPart.self)
    }

    /// The group's own contacts in the campaign (signed through its page, confirmed, not unsubscribed), then
    /// those who ticked its box on another group's page, each with the label and the moment. Only for the
    /// group's organizers: the caller checks with `ContactAccess`.
    package func contacts(
        _ campaign: Int,
        group: Int,
        viewer: CurrentPerson
    ) async throws -> (
        own: [Contact], optedIn: [Contact]
    ) {
        let own = try await sql.raw(
            """
            SELECT s.name, s.email, p.title AS petition, s.created_at AS since, NULL AS via_name, NULL AS wording
            FROM campaign_signatures s JOIN campaign_petitions p ON p.id = s.petition_id
            WHERE p.campaign_id = \(bind: campaign) AND s.via_group_id = \(bind: group) AND s.status = 'confirmed'
            AND s.unsubscribed_at IS NULL ORDER BY s.id LIMIT 2000
            """
        ).rows(Contact.self)
        let optedIn = try await sql.raw(
            """
            SELECT s.name, s.email, p.title AS petition, o.consented_at AS since,
            CASE WHEN \(GroupAccess.visible("g", to: viewer)) THEN g.name ELSE 'a private group' END AS via_name,
            o.wording
            FROM campaign_contact_optins o JOIN campaign_signatures s ON s.id = o.signature_id
            JOIN campaign_petitions p ON p.id = s.petition_id JOIN groups g ON g.id = s.via_group_id
            WHERE p.campaign_id = \(bind: campaign) AND o.group_id = \(bind: group) AND o.withdrawn_at IS NULL
            AND s.status = 'confirmed' ORDER BY o.id LIMIT 2000
            """
        ).rows(Contact.self)
        return (own, optedIn)
    }

    /// The agreement in force: its newest version, or nil when none was written.
    package func sharing(_ campaign: Int) async throws -> SharingAgreement? {
        try await Self.agreement(campaign, on: sql)
    }

    /// The agreement in force, read on `sql` (the caller's transaction when it sends).
    static func agreement(_ campaign: Int, on sql: any SQLDatabase) async throws -> SharingAgreement? {
        try await sql.raw(
            """
            SELECT version, mailings_per_year, notice, set_at FROM campaign_sharing
            WHERE campaign_id = \(bind: campaign) ORDER BY version DESC LIMIT 1
            """
        ).row(SharingAgreement.self)
    }

    /// The mailings the group sent in the campaign, newest first.
    package func mailings(_ campaign: Int, group: Int) async throws -> [CampaignMailing] {
        try await sql.raw(
            """
            SELECT id, subject, reaches_others, own_recipients, other_recipients, sent_at FROM campaign_mailings
            WHERE campaign_id = \(bind: campaign) AND group_id = \(bind: group) ORDER BY id DESC LIMIT 100
            """
        ).rows(CampaignMailing.self)
    }
}

/// Who may read a group's contacts and write to them: its organizers only (not its editors, not the lead's
/// organizers, not site admins). Not found when the viewer may not see the campaign or the group, refused when
/// they may see the group but do not organize it.
enum ContactAccess {
    /// A group that took part keeps its contacts after withdrawing.
    static let keepsContacts: Set<ParticipantStatus> = [.lead, .accepted, .withdrawn]

    static func group(
        _ campaign: Int,
        slug: String,
        person: CurrentPerson,
        services: AppServices
    ) async throws -> (Campaign, Participant) {
        let queries = CampaignQueries(services: services)
        let found = try await queries.campaign(campaign, viewer: person)
        guard
            let group = try await queries.participants(campaign, viewer: person)
                .first(where: { $0.isShown && $0.slug == slug.lowercased() && Self.keepsContacts.contains($0.status) })
        else { throw AppError.notFound }
        guard
            try await GroupAccess(services.store.sql).group(
                slug: group.slug,
                actingFor: person,
                roles: CampaignRules.answeringRoles
            ) != nil
        else { throw AppError.forbidden("Only the organizers of \(group.name) see its contacts and write to them.") }
        return (found, group)
    }
}
