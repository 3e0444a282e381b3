import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What a group writes to start a petition or pledge.
package struct PetitionInput: Sendable, Equatable {
    package var group = ""
    package var kind = PetitionKind.petition
    package var title = ""
    package var text = ""

    package init() {}

    init(form: FormData) {
        group = form["group"]
        kind = PetitionKind(rawValue: form["kind"]) ?? .petition
        title = form["title"]
        text = form.raw("text")
    }

    func checked() throws -> PetitionInput {
        var errors: [String: String] = [:]
        var input = self
        input.title = FieldRules.line(title, "title", "Give it a title.", max: 150, &errors)
        input.text = FieldRules.text(text, "text", max: 20_000, &errors).trimmingWhitespace()
        if input.text.isEmpty, errors["text"] == nil { errors["text"] = "Write what people sign." }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return input
    }
}

/// Starting petitions and pledges: the lead or any group taking part, by its organizers and editors.
package struct Petitions: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// The groups taking part the person speaks for: those they may start a petition for.
    package func groups(_ campaign: Int, for person: CurrentPerson) async throws -> [TakingPart] {
        try await services.store.sql.raw(
            """
            SELECT g.id, g.slug, g.name FROM campaign_participants cp JOIN groups g ON g.id = cp.group_id
            WHERE cp.campaign_id = \(bind: campaign) AND cp.status IN ('lead', 'accepted')
            AND \(GroupAccess.actsFor("g.id", person, roles: CampaignRules.speakingRoles)) ORDER BY cp.id
            """
        ).rows(TakingPart.self)
    }

    /// The groups taking part the person speaks for; refused (forbidden) when there is none, since only their
    /// organizers and editors start petitions.
    package func requireSpeaker(_ campaign: Int, _ person: CurrentPerson) async throws -> [TakingPart] {
        let mine = try await groups(campaign, for: person)
        guard !mine.isEmpty else {
            throw AppError.forbidden("Only organizers and editors of a group taking part start petitions in it.")
        }
        return mine
    }

    /// The campaign and its petition of the address (`:id`, `:petition`), when the viewer may see both; not found
    /// otherwise. The pages and the API read their address through it.
    package func found(_ context: AppContext) async throws -> (Campaign, Petition) {
        let campaign = try await CampaignQueries(services: services).campaign(
            try campaignParam(context),
            viewer: context.person
        )
        let petition = try await PetitionQueries(services: services).petition(
            try context.parameters.require("petition", as: Int.self),
            campaign: campaign.id,
            viewer: context.person
        )
        return (campaign, petition)
    }

    /// Starts a petition or pledge for the group with the slug `input.group`; returns its id.
    package func create(_ campaign: Int, _ input: PetitionInput, by person: CurrentPerson) async throws -> Int {
        _ = try await CampaignQueries(services: services).campaign(campaign, viewer: person)
        let mine = try await requireSpeaker(campaign, person)
        guard let group = mine.first(where: { $0.slug == input.group.lowercased() }) else {
            throw AppError.validation(["group": "Choose one of your groups taking part in the campaign."])
        }
        let input = try input.checked()
        return try await services.store.sql.insertReturningID(
            into: "campaign_petitions",
            [
                "campaign_id": campaign, "group_id": group.id, "kind": input.kind.rawValue, "title": input.title,
                "text": input.text, "text_html": Markdown.html(input.text), "created_by": person.id,
                "created_at": services.clock(),
            ]
        )
    }
}
