import Events
import FreshgroundCore
import FreshgroundWeb
import Groups
import HTTPTypes
import Hummingbird

/// The campaign's actions: their page with the form to link one, removing one (confirmed first), and the
/// calendar of the linked public events.
struct ActionRoutes {
    let services: AppServices
    var queries: ActionQueries { ActionQueries(services: services) }
    var writes: CampaignActions { CampaignActions(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.actions) { _, context in
            Reply.html(try await page(context, id: try campaignParam(context)))
        }
        router.post(CampaignPaths.actions) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.actions(id),
                flash: "Linked to the campaign.",
                page: { fields in try await page(context, id: id, fields: fields) }
            ) {
                let parts = context.form["action"].split(separator: ":", maxSplits: 2).map(String.init)
                guard parts.count == 3, let kind = ActionKind(rawValue: parts[0]), let item = Int(parts[1]) else {
                    throw AppError.validation(["action": "Choose one of your group's events or posts."])
                }
                try await writes.link(id, group: parts[2], kind: kind, item: item, by: person)
            }
        }
        router.get(CampaignPaths.removeAction) { _, context in
            let person = try context.requirePerson()
            let (campaign, action) = try await action(context, person)
            return Reply.html(ActionPages.confirmRemove(context, campaign: campaign, action: action))
        }
        router.post(CampaignPaths.removeAction) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            try await writes.remove(id, action: try context.parameters.require("action", as: Int.self), by: person)
            return Reply.redirect(CampaignPaths.actions(id), flash: "Removed from the campaign's actions.")
        }
        router.get(CampaignPaths.calendar) { request, context in
            let id = try campaignParam(context)
            let campaign = try await CampaignQueries(services: services).campaign(id, viewer: context.person)
            let events = try await queries.publicEvents(id).map { event in
                (id: event.id, note: "An action of the campaign “\(campaign.title)”, by \(event.group)")
            }
            let text = try await EventCalendar.text(name: campaign.title, events: events, services: services)
            // Only public events of groups everyone may see; a private campaign's list is still its groups' own.
            let cache: HTTPFields =
                campaign.isPublic ? [.cacheControl: "public, max-age=300"] : [.cacheControl: "private, max-age=300"]
            return FeedResponse.calendar(ByteBuffer(string: text), to: request, headers: cache)
        }
    }

    private func page(_ context: AppContext, id: Int, fields: FieldSet = FieldSet()) async throws -> HTML {
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: context.person)
        var speaksFor: Set<Int> = []
        var candidates: [ActionCandidate] = []
        if let person = context.person {
            let roles = try await CampaignQueries(services: services).viewerRoles(id, viewer: person)
            speaksFor = Set(roles.filter { CampaignRules.speakingRoles.contains($0.value) }.keys)
            candidates = try await queries.candidates(id, for: person)
        }
        return ActionPages.page(
            context,
            campaign: campaign,
            board: try await ActionBoard.load(id, viewer: context.person, services: services),
            speaksFor: speaksFor,
            candidates: candidates,
            fields: fields
        )
    }

    /// The campaign and the action of the address, when the viewer may see both; not found otherwise.
    private func action(_ context: AppContext, _ viewer: CurrentPerson) async throws -> (Campaign, CampaignAction) {
        let id = try campaignParam(context)
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: viewer)
        let action = try context.parameters.require("action", as: Int.self)
        guard let found = try await queries.actions(id, viewer: viewer, action: action).first else {
            throw AppError.notFound
        }
        return (campaign, found)
    }
}
