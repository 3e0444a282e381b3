import Decisions
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// The joint demands of a campaign: the lead's organizers write them in versions and put a version to a vote of the
/// groups taking part (one voice each, consent or majority as the campaign says), through the Decisions feature.
/// Its final outcome is stored on the first read after the vote closed.
package struct Demands: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    static let textMax = 20_000

    /// Saves a new version written from version `baseVersion` (0 for the first); returns its number. A version saved
    /// since refuses the save with the text kept, so two organizers never overwrite each other.
    package func save(_ id: Int, text: String, baseVersion: Int, by person: CurrentPerson) async throws -> Int {
        _ = try await CampaignWrites(services: services).requireManager(id, person)
        var errors: [String: String] = [:]
        let text = FieldRules.text(text, "text", max: Self.textMax, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if text.isEmpty { errors["text"] = "Write the joint demands." }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let current =
            try await sql.raw(
                "SELECT COALESCE(MAX(version), 0) AS current FROM campaign_demands WHERE campaign_id = \(bind: id)"
            ).value("current", as: Int.self) ?? 0
        guard current == baseVersion else { throw AppError.validation([FieldSet.formMessage: Self.newerVersion]) }
        do {
            try await sql.insert(into: "campaign_demands")
                .columns("campaign_id", "version", "text", "text_html", "created_by", "created_at")
                .values(
                    SQLBind(id),
                    SQLBind(current + 1),
                    SQLBind(text),
                    SQLBind(Markdown.html(text)),
                    SQLBind(person.id),
                    SQLBind(services.clock())
                )
                .run()
        } catch  where error.isConstraintFailure {
            throw AppError.validation([FieldSet.formMessage: Self.newerVersion])
        }
        return current + 1
    }

    private static let newerVersion =
        "Another organizer saved a newer version meanwhile. Yours is kept below: read theirs, then save again."

    /// Puts `version` to the vote of the groups taking part now (the lead and the accepted groups, one voice each),
    /// closing at `closesAt` (UTC, `YYYY-MM-DDTHH:MM`); returns the decision's id. Only the lead's organizers may,
    /// once per version, and while no other version is being voted on (a conflict otherwise).
    package func putToVote(_ id: Int, version: Int, closesAt: String, by person: CurrentPerson) async throws -> Int {
        let lead = try await CampaignWrites(services: services).requireManager(id, person)
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: person)
        let row = try await DemandQueries(services: services).version(id, version)
        guard row.voteOpenedAt == nil else {
            throw AppError.conflict("Version \(version) of the joint demands was already put to the vote.")
        }
        let open = try await settled(try await DemandQueries(services: services).versions(id))
        if open.contains(where: { $0.state == .voting }) {
            throw AppError.conflict("The groups are already voting on the joint demands: wait for that vote to close.")
        }
        try await claim(row, campaign: id, version: version)
        do {
            let (_, standing) = try await GroupQueries(services: services).visibleGroup(slug: lead.slug, viewer: person)
            let decision = try await DecisionWrites(services: services).create(
                in: lead,
                standing: standing,
                input: input(campaign, row, closesAt: closesAt, leadIsPublic: lead.visibility == .public),
                electorate: .groups(try await units(id)),
                origin: DecisionOrigin(
                    path: CampaignPaths.campaign(id),
                    label: "The joint demands of \(campaign.title)"
                ),
                by: person
            )
            try await sql.update("campaign_demands").set("decision_id", to: decision).where("id", .equal, row.id).run()
            return decision
        } catch {
            try await sql.update("campaign_demands").set("vote_opened_at", to: SQLLiteral.null)
                .where("id", .equal, row.id).where("decision_id", .is, SQLLiteral.null).run()
            throw error
        }
    }

    /// Marks the version as put to the vote; the partial unique index refuses a second open vote in the campaign.
    private func claim(_ row: DemandVersion, campaign: Int, version: Int) async throws {
        do {
            let claimed = try await sql.update("campaign_demands").set("vote_opened_at", to: services.clock())
                .where("id", .equal, row.id).where("vote_opened_at", .is, SQLLiteral.null).returning("id").all()
            guard !claimed.isEmpty else {
                throw AppError.conflict("Version \(version) of the joint demands was already put to the vote.")
            }
        } catch  where error.isConstraintFailure {
            throw AppError.conflict("The groups are already voting on the joint demands: wait for that vote to close.")
        }
    }

    /// The decision's input: consent of the groups, or a motion carried by a simple majority of them (the input's
    /// default majority); an open vote.
    private func input(
        _ campaign: Campaign,
        _ row: DemandVersion,
        closesAt: String,
        leadIsPublic: Bool
    )
        -> DecisionInput
    {
        var input = DecisionInput()
        input.title = String("Joint demands of “\(campaign.title)” (version \(row.version))".prefix(150))
        input.body = row.text
        input.kind = (campaign.adoption == .consent ? DecisionKind.consent : .motion).rawValue
        input.secret = false
        input.resultsHidden = false
        input.publicResults = campaign.isPublic && leadIsPublic
        input.remind = true
        input.reasons = ReasonRule.optional.rawValue
        input.zone = "UTC"
        input.electorate = ElectorateKind.groups.rawValue
        input.closesAt = closesAt
        return input
    }

    /// The groups taking part now, one voice each.
    private func units(_ id: Int) async throws -> [UnitVoices] {
        try await sql.select().column("group_id").from("campaign_participants").where("campaign_id", .equal, id)
            .where("status", .in, [ParticipantStatus.lead.rawValue, ParticipantStatus.accepted.rawValue])
            .orderBy("id").column("group_id", as: Int.self).map { UnitVoices(group: $0, voices: 1) }
    }

    /// The versions with the outcome of every vote that has closed since the last read stored (once: a version
    /// whose outcome is stored is not counted again).
    func settled(_ versions: [DemandVersion]) async throws -> [DemandVersion] {
        var result = versions
        for index in result.indices {
            guard result[index].outcome == nil, let decision = result[index].decisionID,
                let (_, final) = try await DecisionCount(services: services).finalOutcome(of: decision)
            else { continue }
            let outcome: DemandOutcome = final.passed == true ? .adopted : .rejected
            try await sql.update("campaign_demands").set("outcome", to: outcome.rawValue)
                .where("id", .equal, result[index].id).where("outcome", .is, SQLLiteral.null).run()
            result[index].outcome =
                try await sql.select().column("outcome").from("campaign_demands")
                .where("id", .equal, result[index].id).value("outcome", as: DemandOutcome.self) ?? outcome
        }
        return result
    }
}
