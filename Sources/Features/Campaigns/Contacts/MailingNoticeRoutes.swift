import FreshgroundWeb
import Hummingbird

/// A mailing announced to partner groups: its page (the announcing group's and the partners' organizers), and
/// sending it once the notice has passed (the announcing group's organizers, after a confirmation).
struct MailingNoticeRoutes {
    let services: AppServices
    var notices: MailingNotices { MailingNotices(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.mailingNotice) { _, context in
            let person = try context.requirePerson()
            let campaign = try await CampaignQueries(services: services).campaign(
                try campaignParam(context),
                viewer: person
            )
            let id = try context.parameters.require("notice", as: Int.self)
            let view = try await notices.notice(id, campaign: campaign.id, viewer: person)
            return Reply.html(MailingNoticePages.show(context, view, campaign: campaign))
        }
        router.get(CampaignPaths.sendMailingNotice) { _, context in
            let (campaign, group, mailing) = try await announced(context)
            return Reply.html(MailingNoticePages.send(context, mailing, campaign: campaign.id, group: group))
        }
        router.post(CampaignPaths.sendMailingNotice) { _, context in
            let person = try context.requirePerson()
            let (campaign, group, mailing) = try await announced(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.contacts(campaign.id, group.slug),
                flash: "Sent. Each copy goes out through the mail queue.",
                page: { fields in
                    MailingNoticePages.send(
                        context,
                        mailing,
                        campaign: campaign.id,
                        group: group,
                        summary: fields.summary
                    )
                }
            ) {
                try await notices.send(campaign, group: group, mailing.id, by: person)
            }
        }
    }

    /// The campaign, the group of the address (for its organizers only) and its announced mailing.
    private func announced(_ context: AppContext) async throws -> (Campaign, Participant, AnnouncedMailing) {
        let (campaign, group) = try await ContactAccess.group(
            try campaignParam(context),
            slug: try context.parameters.require("slug"),
            person: try context.requirePerson(),
            services: services
        )
        let id = try context.parameters.require("notice", as: Int.self)
        return (campaign, group, try await notices.mailing(campaign.id, group: group.groupID, id: id))
    }
}
