import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of campaigns: the list, starting and changing a campaign, inviting groups and their answers,
/// withdrawing, and each group's statement with its history. Every answer and refusal comes from the pages' own
/// queries, rules and writes (`CampaignQueries`, `CampaignView`, `CampaignWrites`, `Participation`,
/// `Statements`), so the API shows and refuses exactly as the pages do: an anonymous write is asked to log in, a
/// campaign or group the caller may not see is "not found", a private group is "a private group".
struct CampaignsAPI {
    let services: AppServices
    var queries: CampaignQueries { CampaignQueries(services: services) }
    var writes: CampaignWrites { CampaignWrites(services: services) }
    var participation: Participation { Participation(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/campaigns") { request, context in
            let page = try await queries.cards(
                page: PageRequest(request.uri.queryParameters["page"].map(String.init)),
                viewer: context.person
            )
            return try Reply.json(ListBody(page.map(CampaignItemBody.init)))
        }
        router.post("/api/v1/groups/:slug/campaigns") { request, context in
            let person = try context.requirePerson()
            let slug = try context.parameters.require("slug")
            _ = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
            let input = try await decodeJSON(CampaignInputBody.self, request, context).input(over: CampaignInput())
            let id = try await writes.create(in: slug, input, by: person)
            var response = try await campaign(id, context, status: .created)
            response.headers[.location] = "/api/v1/campaigns/\(id)"
            return response
        }
        router.get("/api/v1/campaigns/:id") { _, context in try await campaign(try campaignParam(context), context) }
        router.patch("/api/v1/campaigns/:id") { request, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await writes.requireManager(id, person)
            let current = try await queries.campaign(id, viewer: person)
            var base = CampaignInput()
            base.title = current.title
            base.summary = current.summary
            base.isPublic = current.isPublic
            base.adoption = current.adoption
            let input = try await decodeJSON(CampaignInputBody.self, request, context).input(over: base)
            try await writes.update(id, input, by: person)
            return try await campaign(id, context)
        }
        router.post("/api/v1/campaigns/:id/invitations") { request, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await writes.requireManager(id, person)
            let group = try await decodeJSON(InvitationBody.self, request, context).group ?? ""
            guard !group.isEmpty else { throw AppError.validation(["group": "Name the group to invite by its slug."]) }
            try await participation.invite(id, group: group, by: person)
            return try await campaign(id, context, status: .created)
        }
        registerGroups(on: router)
    }

    /// What each group does in a campaign: answer, withdraw, and its statement.
    private func registerGroups(on router: Router<AppContext>) {
        let base = "/api/v1/campaigns/:id/groups/:slug"
        router.post("\(base)/answer") { request, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await participant(context, person)
            let accept = try await decodeJSON(AnswerBody.self, request, context).accepted()
            try await participation.answer(campaign.id, group: group.slug, accept: accept, by: person)
            return Response(status: .noContent)
        }
        router.post("\(base)/withdrawal") { request, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await participant(context, person)
            let note = try await decodeJSON(WithdrawalBody.self, request, context).note ?? ""
            try await participation.withdraw(campaign.id, group: group.slug, note: note, by: person)
            return try await self.campaign(campaign.id, context)
        }
        router.get("\(base)/statements") { _, context in
            let (campaign, group) = try await participant(context, context.person)
            let versions = try await queries.history(campaign.id, group: group.groupID, viewer: context.person)
            return try Reply.json(StatementHistoryBody(group: group.group, items: versions.map(StatementBody.init)))
        }
        router.post("\(base)/statements") { request, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await participant(context, person)
            let input = try await decodeJSON(StatementInputBody.self, request, context).input
            let version = try await Statements(services: services).save(
                campaign.id,
                group: group.slug,
                input,
                by: person
            )
            guard
                let saved = try await queries.history(campaign.id, group: group.groupID, viewer: person)
                    .first(where: { $0.version == version })
            else { throw AppError.notFound }
            return try Reply.json(StatementBody(saved), status: .created)
        }
    }

    /// The campaign as its page shows it to the caller; not found when they may not see it.
    private func campaign(
        _ id: Int,
        _ context: AppContext,
        status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        // The page's view without its HTML sections: the groups, their statements and the caller's roles.
        let viewer = context.person
        let view = CampaignView(
            campaign: try await queries.campaign(id, viewer: viewer),
            participants: try await queries.participants(id, viewer: viewer),
            statements: try await queries.statements(id, viewer: viewer),
            roles: try await queries.viewerRoles(id, viewer: viewer),
            choices: nil
        )
        return try Reply.json(CampaignBody(view), status: status)
    }

    /// The campaign and the group of the address, when the caller may see both; not found otherwise.
    private func participant(
        _ context: AppContext,
        _ viewer: CurrentPerson?
    ) async throws -> (Campaign, Participant) {
        let campaign = try await queries.campaign(try campaignParam(context), viewer: viewer)
        let slug = try context.parameters.require("slug").lowercased()
        let participants = try await queries.participants(campaign.id, viewer: viewer)
        guard let group = participants.first(where: { $0.isShown && $0.slug == slug }) else {
            throw AppError.notFound
        }
        return (campaign, group)
    }
}
