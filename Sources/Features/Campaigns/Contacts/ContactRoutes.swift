import FreshgroundWeb
import Hummingbird

/// A group's contacts and its mailings (its organizers only), and the campaign's sharing agreement (written by
/// the lead's organizers).
struct ContactRoutes {
    let services: AppServices
    var queries: PetitionQueries { PetitionQueries(services: services) }
    var sharing: Sharing { Sharing(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.contacts) { _, context in
            Reply.html(ContactPages.show(context, try await data(context)))
        }
        router.post(CampaignPaths.mailings) { _, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await ContactAccess.group(
                try campaignParam(context),
                slug: try context.parameters.require("slug"),
                person: person,
                services: services
            )
            let input = Mailings.Input(form: context.form)
            return try await FormFlow.submit(
                context,
                page: { fields in ContactPages.show(context, try await data(context), fields: fields) }
            ) {
                guard context.form["step"] == "announce" else {
                    try await Mailings(services: services).send(campaign, group: group, input, by: person)
                    return Reply.redirect(
                        CampaignPaths.contacts(campaign.id, group.slug),
                        flash: "Sent. Each copy goes out through the mail queue."
                    )
                }
                let id = try await MailingNotices(services: services).announce(
                    campaign,
                    group: group,
                    input,
                    by: person
                )
                return Reply.redirect(
                    CampaignPaths.mailingNotice(campaign.id, id),
                    flash: "Announced: the groups whose signers it reaches are told. Send it from your contacts page "
                        + "once the notice has passed."
                )
            }
        }
        router.get(CampaignPaths.sharing) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await CampaignWrites(services: services).requireManager(id, person)
            let current = try await queries.sharing(id)
            let days = try await sharing.noticeDays(id)
            let values = FormData([
                ("limit", current?.mailingsPerYear.map(String.init) ?? ""),
                ("notice_days", String(days ?? Sharing.defaultNoticeDays)), ("notice", current?.notice ?? ""),
            ])
            return Reply.html(
                ContactPages.sharing(
                    context,
                    FieldSet(values: values),
                    campaign: try await CampaignQueries(services: services).campaign(id, viewer: person),
                    current: current,
                    noticeDays: days
                )
            )
        }
        router.post(CampaignPaths.sharing) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.campaign(id) + "#petitions",
                flash: "Sharing agreement saved. It holds for every mailing sent from now.",
                page: { fields in
                    ContactPages.sharing(
                        context,
                        fields,
                        campaign: try await CampaignQueries(services: services).campaign(id, viewer: person),
                        current: try await queries.sharing(id),
                        noticeDays: try await sharing.noticeDays(id)
                    )
                }
            ) {
                try await sharing.set(
                    id,
                    limit: context.form["limit"],
                    noticeDays: context.form["notice_days"],
                    notice: context.form.raw("notice"),
                    by: person
                )
            }
        }
    }

    /// Everything the contacts page shows, for an organizer of the group of the address.
    private func data(_ context: AppContext) async throws -> ContactPages.Data {
        let person = try context.requirePerson()
        let (campaign, group) = try await ContactAccess.group(
            try campaignParam(context),
            slug: try context.parameters.require("slug"),
            person: person,
            services: services
        )
        let contacts = try await queries.contacts(campaign.id, group: group.groupID, viewer: person)
        return ContactPages.Data(
            campaign: campaign,
            group: group,
            own: contacts.own,
            optedIn: contacts.optedIn,
            others: try await queries.counts(campaign: campaign.id, petition: nil, viewer: person)
                .filter { $0.groupID != group.groupID },
            agreement: try await queries.sharing(campaign.id),
            noticeDays: try await sharing.noticeDays(campaign.id),
            mailings: try await queries.mailings(campaign.id, group: group.groupID),
            announced: try await MailingNotices(services: services).announced(campaign.id, group: group.groupID)
        )
    }
}
