import Foundation
import FreshgroundWeb
import Groups

/// Everything a campaign's page shows one viewer, read once by the route.
struct CampaignView: Sendable {
    let campaign: Campaign
    let participants: [Participant]
    /// The newest statement of each group the viewer may see, by group id.
    let statements: [Int: Statement]
    /// The viewer's role in each group asked to the campaign, by group id.
    let roles: [Int: Role]
    /// The groups the lead's organizers may invite, by name; nil for everyone else.
    let choices: NamedChoices?
    /// The joint demands' and the actions' sections, drawn by their own code (`Demands/`, `Actions/`).
    var demands: HTML = .empty
    var actions: HTML = .empty
    /// The petitions' and pledges' section, drawn by `Contacts/PetitionSection`.
    var petitions: HTML = .empty
    /// The hours pledged and the plan, drawn by `Plan/HoursSection`.
    var hours: HTML = .empty

    static func load(_ id: Int, viewer: CurrentPerson?, services: AppServices) async throws -> CampaignView {
        var view = try await loadGroups(id, viewer: viewer, services: services)
        try await view.drawSections(viewer: viewer, services: services)
        view.petitions = try await PetitionSection.render(view, viewer: viewer, services: services)
        view.hours = try await HoursSection.render(view, viewer: viewer, services: services)
        return view
    }

    private static func loadGroups(
        _ id: Int,
        viewer: CurrentPerson?,
        services: AppServices
    ) async throws
        -> CampaignView
    {
        let queries = CampaignQueries(services: services)
        let campaign = try await queries.campaign(id, viewer: viewer)
        let participants = try await queries.participants(id, viewer: viewer)
        let roles = try await queries.viewerRoles(id, viewer: viewer)
        let view = CampaignView(
            campaign: campaign,
            participants: participants,
            statements: try await queries.statements(id, viewer: viewer),
            roles: roles,
            choices: nil
        )
        guard view.manages, let viewer else { return view }
        return CampaignView(
            campaign: campaign,
            participants: participants,
            statements: view.statements,
            roles: roles,
            choices: try await GroupChoices.named(visibleTo: viewer, naming: "", in: services.store.sql)
        )
    }

    var lead: Participant? { participants.first { $0.status == .lead } }
    /// True when the viewer organizes the lead group.
    var manages: Bool { lead.map { CampaignRules.canManage(leadRole: roles[$0.groupID]) } ?? false }

    func speaksFor(_ participant: Participant) -> Bool {
        roles[participant.groupID].map { CampaignRules.speakingRoles.contains($0) } ?? false
    }

    func answersFor(_ participant: Participant) -> Bool {
        roles[participant.groupID].map { CampaignRules.answeringRoles.contains($0) } ?? false
    }

    var takingPart: [Participant] { participants.filter { $0.status.takesPart } }
    var withdrawn: [Participant] { participants.filter { $0.status == .withdrawn } }
}
