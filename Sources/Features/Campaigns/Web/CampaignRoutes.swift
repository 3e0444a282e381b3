import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The campaigns' pages and forms: the list, starting and changing a campaign, invitations and answers,
/// each group's statement and its history, and withdrawing.
struct CampaignRoutes {
    let services: AppServices
    var queries: CampaignQueries { CampaignQueries(services: services) }
    var writes: CampaignWrites { CampaignWrites(services: services) }
    var participation: Participation { Participation(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.campaigns) { request, context in
            let page = try await queries.cards(
                page: PageRequest(request.uri.queryParameters["page"].map(String.init)),
                viewer: context.person
            )
            var invitations: [(campaign: CampaignCard, group: GroupRef)] = []
            if let person = context.person { invitations = try await queries.invitations(for: person) }
            return Reply.html(CampaignPages.index(context, page, invitations: invitations))
        }
        router.get(CampaignPaths.invitations) { _, context in
            let person = try context.requirePerson()
            return Reply.html(CampaignPages.invitations(context, try await queries.invitations(for: person)))
        }
        router.get(CampaignPaths.new) { _, context in
            let person = try context.requirePerson()
            let fields = FieldSet(
                values: FormData([("visibility", "public"), ("adoption", Adoption.consent.rawValue)])
            )
            return Reply.html(CampaignFormPages.form(context, fields, groups: try await leadable(person)))
        }
        router.post(CampaignPaths.campaigns) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                page: { fields in CampaignFormPages.form(context, fields, groups: try await leadable(person)) }
            ) {
                let id = try await writes.create(
                    in: context.form["group"],
                    CampaignInput(form: context.form),
                    by: person
                )
                return Reply.redirect(CampaignPaths.campaign(id), flash: "Campaign started. Invite the groups to join.")
            }
        }
        // Anonymous visitors share a copy for two seconds, as of a group's or an event's page: the page counts every
        // signature of the campaign.
        router.get(CampaignPaths.campaign) { request, context in
            try await services.publicPages.page(request, context) {
                CampaignPages.show(
                    context,
                    try await CampaignView.load(try campaignParam(context), viewer: context.person, services: services)
                )
            }
        }
        router.get(CampaignPaths.edit) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await writes.requireManager(id, person)
            let campaign = try await queries.campaign(id, viewer: person)
            let values = FormData([
                ("title", campaign.title), ("summary", campaign.summary),
                ("visibility", campaign.isPublic ? "public" : "private"), ("adoption", campaign.adoption.rawValue),
            ])
            return Reply.html(CampaignFormPages.form(context, FieldSet(values: values), groups: [], editing: campaign))
        }
        router.post(CampaignPaths.campaign) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.campaign(id),
                flash: "Saved.",
                page: { fields in
                    CampaignFormPages.form(
                        context,
                        fields,
                        groups: [],
                        editing: try await queries.campaign(id, viewer: person)
                    )
                }
            ) { try await writes.update(id, CampaignInput(form: context.form), by: person) }
        }
        router.post(CampaignPaths.invite) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.campaign(id),
                flash: "Invited. The group's organizers will answer.",
                page: { fields in
                    CampaignPages.show(
                        context,
                        try await CampaignView.load(id, viewer: person, services: services),
                        fields: fields
                    )
                }
            ) {
                let group = try await GroupChoices.chosen(context.form["group"], by: person, in: services.store.sql)
                try await participation.invite(id, group: group, by: person)
            }
        }
        router.post(CampaignPaths.answer) { _, context in
            let accept = context.form["answer"] == "accept"
            guard accept || context.form["answer"] == "decline" else {
                throw AppError.badRequest("Answer accept or decline.")
            }
            let id = try campaignParam(context)
            try await participation.answer(
                id,
                group: try context.parameters.require("slug"),
                accept: accept,
                by: try context.requirePerson()
            )
            return Reply.redirect(
                CampaignPaths.campaign(id),
                flash: accept ? "Your group now takes part. Publish its statement." : "Declined."
            )
        }
        StatementRoutes(services: services).register(on: router)
    }

    /// The groups the person may start a campaign for: those they organize.
    private func leadable(_ person: CurrentPerson) async throws -> [GroupRef] {
        try await GroupAccess(services.store.sql).groups(actingFor: person, roles: Role.organizing)
    }
}

func campaignParam(_ context: AppContext) throws -> Int { try context.parameters.require("id", as: Int.self) }
