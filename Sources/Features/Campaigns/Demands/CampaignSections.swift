import FreshgroundWeb

extension CampaignView {
    /// Draws the joint demands' and the actions' sections of the campaign's page for `viewer`.
    mutating func drawSections(viewer: CurrentPerson?, services: AppServices) async throws {
        demands = DemandSection.render(
            try await DemandBoard.load(campaign.id, viewer: viewer, services: services),
            campaign: campaign.id,
            manages: manages
        )
        actions = ActionSection.render(
            try await ActionBoard.load(campaign.id, viewer: viewer, services: services),
            campaign: campaign,
            canLink: takingPart.contains { speaksFor($0) }
        )
    }
}
