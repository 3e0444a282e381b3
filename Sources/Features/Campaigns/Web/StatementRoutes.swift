import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// A group's own statement in a campaign (its form and history) and its withdrawal.
struct StatementRoutes {
    let services: AppServices
    var queries: CampaignQueries { CampaignQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.statement) { _, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await participant(context, person)
            let current = try await queries.statements(campaign.id, viewer: person)[group.groupID]
            let values = FormData([
                ("position", current?.position ?? ""), ("reservations", current?.reservations ?? ""),
                ("slogans", current?.slogans ?? ""),
            ])
            return Reply.html(
                CampaignFormPages.statement(
                    context,
                    FieldSet(values: values),
                    campaign: campaign,
                    group: group.group,
                    current: current
                )
            )
        }
        router.post(CampaignPaths.statement) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            let slug = try context.parameters.require("slug")
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.campaign(id),
                flash: "Statement published.",
                page: { fields in
                    let (campaign, group) = try await participant(context, person)
                    return CampaignFormPages.statement(
                        context,
                        fields,
                        campaign: campaign,
                        group: group.group,
                        current: try await queries.statements(id, viewer: person)[group.groupID]
                    )
                }
            ) {
                _ = try await Statements(services: services).save(
                    id,
                    group: slug,
                    StatementInput(form: context.form),
                    by: person
                )
            }
        }
        router.get(CampaignPaths.statements) { _, context in
            let (campaign, group) = try await participant(context, context.person)
            let versions = try await queries.history(campaign.id, group: group.groupID, viewer: context.person)
            return Reply.html(CampaignFormPages.history(context, campaign: campaign, group: group, versions: versions))
        }
        router.get(CampaignPaths.withdraw) { _, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await participant(context, person)
            return Reply.html(CampaignFormPages.withdraw(context, FieldSet(), campaign: campaign, group: group))
        }
        router.post(CampaignPaths.withdraw) { _, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await participant(context, person)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.campaign(campaign.id),
                flash: "\(group.name) has withdrawn. Its statements stay on the page.",
                page: { fields in CampaignFormPages.withdraw(context, fields, campaign: campaign, group: group) }
            ) {
                try await Participation(services: services).withdraw(
                    campaign.id,
                    group: group.slug,
                    note: context.form.raw("note"),
                    by: person
                )
            }
        }
    }

    /// The campaign and the group of the address, when the viewer may see both; not found otherwise.
    private func participant(_ context: AppContext, _ viewer: CurrentPerson?) async throws -> (Campaign, Participant) {
        let id = try campaignParam(context)
        let slug = try context.parameters.require("slug").lowercased()
        let campaign = try await queries.campaign(id, viewer: viewer)
        guard let group = try await queries.participants(id, viewer: viewer).first(where: { $0.slug == slug }) else {
            throw AppError.notFound
        }
        return (campaign, group)
    }
}
