import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// Petitions and pledges, signing through a group's page, the signer's link, a group's contacts and mailings,
/// and the sharing agreement (HTML).
struct PetitionRoutes {
    let services: AppServices
    var queries: PetitionQueries { PetitionQueries(services: services) }
    var campaigns: CampaignQueries { CampaignQueries(services: services) }
    var signatures: Signatures { Signatures(services: services) }
    var petitions: Petitions { Petitions(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.newPetition) { _, context in
            let person = try context.requirePerson()
            let campaign = try await campaigns.campaign(try campaignParam(context), viewer: person)
            let groups = try await petitions.requireSpeaker(campaign.id, person)
            let fields = FieldSet(values: FormData([("kind", PetitionKind.petition.rawValue)]))
            return Reply.html(PetitionPages.new(context, fields, campaign: campaign, groups: groups))
        }
        router.post(CampaignPaths.petitions) { _, context in
            let person = try context.requirePerson()
            let campaign = try await campaigns.campaign(try campaignParam(context), viewer: person)
            return try await FormFlow.submit(
                context,
                page: { fields in
                    PetitionPages.new(
                        context,
                        fields,
                        campaign: campaign,
                        groups: try await petitions.groups(campaign.id, for: person)
                    )
                }
            ) {
                let id = try await petitions.create(campaign.id, PetitionInput(form: context.form), by: person)
                return Reply.redirect(
                    CampaignPaths.petition(campaign.id, id),
                    flash: "Published. Share its signing pages."
                )
            }
        }
        // Anonymous visitors share a copy for two seconds, as of the campaign's page: nothing on it is theirs (no own
        // signature; the layout's forms get each visitor's CSRF token from the cache).
        router.get(CampaignPaths.petition) { request, context in
            try await services.publicPages.page(request, context) {
                let (campaign, petition) = try await petitions.found(context)
                return PetitionPages.show(
                    context,
                    campaign: campaign,
                    petition: petition,
                    groups: try await queries.signingGroups(campaign.id, viewer: context.person),
                    counts: try await queries.counts(
                        campaign: campaign.id,
                        petition: petition.id,
                        viewer: context.person
                    ),
                    mine: try await signatures.own(petition.id, by: context.person)
                )
            }
        }
        router.get(CampaignPaths.withdrawOwnSignature) { _, context in
            let person = try context.requirePerson()
            let (campaign, petition) = try await petitions.found(context)
            guard try await signatures.own(petition.id, by: person) != nil else { throw AppError.notFound }
            return Reply.html(
                SignaturePages.withdraw(
                    context,
                    title: petition.title,
                    action: CampaignPaths.withdrawOwnSignature(campaign.id, petition.id),
                    back: CampaignPaths.petition(campaign.id, petition.id)
                )
            )
        }
        router.post(CampaignPaths.withdrawOwnSignature) { _, context in
            let person = try context.requirePerson()
            let (campaign, petition) = try await petitions.found(context)
            try await signatures.withdraw(petition: petition.id, by: person)
            return Reply.redirect(
                CampaignPaths.petition(campaign.id, petition.id),
                flash: "Withdrawn. Your name and email are deleted."
            )
        }
        router.get(CampaignPaths.sign) { _, context in
            let (campaign, petition, via, offers) = try await signing(context)
            let fields = FieldSet(values: FormData([("name", context.person?.shownName ?? "")]))
            return Reply.html(
                PetitionPages.sign(context, fields, campaign: campaign, petition: petition, via: via, offers: offers)
            )
        }
        router.post(CampaignPaths.sign) { _, context in
            let (campaign, petition, via, offers) = try await signing(context)
            let anonymous = context.person == nil
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.petition(campaign.id, petition.id),
                flash: anonymous
                    ? "Check your email: we sent a link to confirm your signature. It counts once you confirm."
                    : "Signed. \(via.name) keeps your name and email; you can withdraw your signature on this page.",
                page: { fields in
                    PetitionPages.sign(
                        context,
                        fields,
                        campaign: campaign,
                        petition: petition,
                        via: via,
                        offers: offers
                    )
                }
            ) {
                var input = Signatures.Input()
                input.name = context.form["name"]
                input.email = context.form["email"]
                input.optIns = Set(offers.map(\.slug).filter { context.form.checked("optin-\($0)") })
                try await RateLimit.mail.take(for: context, services: services)
                try await signatures.sign(petition, via: via, offers: offers, input, by: context.person)
            }
        }
        SignatureRoutes(services: services).register(on: router)
        ContactRoutes(services: services).register(on: router)
        MailingNoticeRoutes(services: services).register(on: router)
    }

    /// The signing page's campaign, petition, group (taking part and seen by the viewer) and the boxes offered.
    private func signing(_ context: AppContext) async throws -> (Campaign, Petition, TakingPart, [TakingPart]) {
        let (campaign, petition) = try await petitions.found(context)
        let slug = try context.parameters.require("slug").lowercased()
        guard
            let via = try await queries.signingGroups(campaign.id, viewer: context.person).first(where: {
                $0.slug == slug
            })
        else { throw AppError.notFound }
        return (campaign, petition, via, try await queries.optInOffers(campaign.id, via: via.id))
    }
}
