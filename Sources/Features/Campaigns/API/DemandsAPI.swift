import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of a campaign's joint demands and its actions: the versions with their status, a new version, the
/// groups' vote on one, and the events and posts the groups taking part link. Every answer and refusal comes from
/// the pages' own reads and writes (`DemandBoard`, `Demands`, `ActionBoard`, `ActionQueries`, `CampaignActions`),
/// so the API shows and refuses exactly as the pages do.
struct DemandsAPI {
    let services: AppServices
    var demands: Demands { Demands(services: services) }
    var actions: CampaignActions { CampaignActions(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/campaigns/:id/demands") { _, context in
            try Reply.json(try await board(try campaignParam(context), context.person))
        }
        router.post("/api/v1/campaigns/:id/demands") { request, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            // Who may write is checked before the input, as the page does: a stranger's bad input is still 403.
            _ = try await CampaignWrites(services: services).requireManager(id, person)
            let body = try await decodeJSON(DemandInputBody.self, request, context)
            let saved = try await demands.save(
                id,
                text: body.text ?? "",
                baseVersion: body.baseVersion ?? 0,
                by: person
            )
            return try Reply.json(try await version(id, saved, person), status: .created)
        }
        router.post("/api/v1/campaigns/:id/demands/:version/decision") { request, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            let number = try context.parameters.require("version", as: Int.self)
            _ = try await CampaignWrites(services: services).requireManager(id, person)
            let closesAt = try await decodeJSON(DemandVoteBody.self, request, context).closesAt ?? ""
            let decision: Int
            do {
                decision = try await demands.putToVote(id, version: number, closesAt: closesAt, by: person)
            } catch AppError.validation(let errors) {
                throw AppError.validation(DemandRoutes.voteFields(errors))
            }
            var response = try Reply.json(try await version(id, number, person), status: .created)
            response.headers[.location] = "/api/v1/decisions/\(decision)"
            return response
        }
        registerActions(on: router)
    }

    /// The campaign's actions: the list, linking one, removing one.
    private func registerActions(on router: Router<AppContext>) {
        router.get("/api/v1/campaigns/:id/actions") { _, context in
            let id = try campaignParam(context)
            _ = try await CampaignQueries(services: services).campaign(id, viewer: context.person)
            return try Reply.json(
                ActionsBody(try await ActionBoard.load(id, viewer: context.person, services: services))
            )
        }
        router.post("/api/v1/campaigns/:id/actions") { request, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
            let (group, kind, item) = try await decodeJSON(ActionInputBody.self, request, context).checked()
            do {
                try await actions.link(id, group: group, kind: kind, item: item, by: person)
            } catch AppError.validation(let errors) {
                // The page's one field, `action`, is the body's `event` or `post`.
                throw AppError.validation(
                    Dictionary(errors.map { ($0.key == "action" ? kind.rawValue : $0.key, $0.value) }) { a, _ in a }
                )
            }
            let linked = try await ActionQueries(services: services).actions(id, viewer: person).first {
                $0.kind == kind && (kind == .event ? $0.eventID : $0.postID) == item
            }
            guard let linked else { throw AppError.notFound }
            return try Reply.json(ActionBody(linked), status: .created)
        }
        router.delete("/api/v1/campaigns/:id/actions/:action") { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            try await actions.remove(id, action: try context.parameters.require("action", as: Int.self), by: person)
            return Response(status: .noContent)
        }
    }

    /// The joint demands as the campaign's page shows them to the viewer; not found when they may not see it.
    private func board(_ id: Int, _ viewer: CurrentPerson?) async throws -> DemandsBody {
        let queries = CampaignQueries(services: services)
        // The page's view without its sections: whether the viewer organizes the lead group.
        let view = CampaignView(
            campaign: try await queries.campaign(id, viewer: viewer),
            participants: try await queries.participants(id, viewer: viewer),
            statements: [:],
            roles: try await queries.viewerRoles(id, viewer: viewer),
            choices: nil
        )
        return DemandsBody(
            try await DemandBoard.load(id, viewer: viewer, services: services),
            canManage: view.manages
        )
    }

    /// One version as the board shows it to the viewer.
    private func version(_ id: Int, _ number: Int, _ viewer: CurrentPerson) async throws -> DemandVersionBody {
        let board = try await DemandBoard.load(id, viewer: viewer, services: services)
        guard let version = board.versions.first(where: { $0.version == number }) else { throw AppError.notFound }
        return DemandVersionBody(version, board: board)
    }
}
