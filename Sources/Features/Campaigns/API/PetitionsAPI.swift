import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of petitions and contacts (no pooling of people): a campaign's petitions with their signatures
/// counted per group, starting one, signing through one group's page as the form does, taking one's own
/// signature back, a group's contacts (its organizers only), mailing them, and the sharing agreement. Every
/// answer and refusal comes from the pages' own queries and writes (`PetitionQueries`, `ContactAccess`,
/// `Petitions`, `Signatures`, `Mailings`), so the API shows and refuses exactly as the pages do.
struct PetitionsAPI {
    let services: AppServices
    var queries: PetitionQueries { PetitionQueries(services: services) }
    var campaigns: CampaignQueries { CampaignQueries(services: services) }
    var signatures: Signatures { Signatures(services: services) }
    var petitions: Petitions { Petitions(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/campaigns/:id/petitions") { _, context in
            let campaign = try await campaigns.campaign(try campaignParam(context), viewer: context.person)
            let cards = try await queries.cards(campaign.id, viewer: context.person)
            let counts = try await queries.countsByPetition(campaign: campaign.id, viewer: context.person)
            return try Reply.json(["items": cards.map { PetitionItemBody($0, counts: counts[$0.id] ?? []) }])
        }
        router.post("/api/v1/campaigns/:id/petitions") { request, context in
            let person = try context.requirePerson()
            let campaign = try await campaigns.campaign(try campaignParam(context), viewer: person)
            // Who may act before what they sent: a stranger's bad input is refused as theirs to send at all.
            _ = try await petitions.requireSpeaker(campaign.id, person)
            let input = try await decodeJSON(PetitionInputBody.self, request, context).input
            let id = try await petitions.create(campaign.id, input, by: person)
            var response = try await petition(campaign, id, context, status: .created)
            response.headers[.location] = "/api/v1/campaigns/\(campaign.id)/petitions/\(id)"
            return response
        }
        router.get("/api/v1/campaigns/:id/petitions/:petition") { _, context in
            let (campaign, petition) = try await petitions.found(context)
            return try await self.petition(campaign, petition.id, context)
        }
        router.post("/api/v1/campaigns/:id/petitions/:petition/signatures") { request, context in
            let (campaign, petition) = try await petitions.found(context)
            let body = try await decodeJSON(SignatureInputBody.self, request, context)
            let via = try await sign(campaign, petition, body, context)
            let counted = context.person != nil
            return try Reply.json(
                SignatureReceiptBody(
                    through: GroupRef(slug: via.slug, name: via.name),
                    counted: counted,
                    message: counted
                        ? "Signed. \(via.name) keeps your name and email; you can withdraw your signature."
                        : "Check your email: we sent a link to confirm your signature. It counts once you confirm."
                ),
                status: .accepted
            )
        }
        router.delete("/api/v1/campaigns/:id/petitions/:petition/signature") { _, context in
            let person = try context.requirePerson()
            let (_, petition) = try await petitions.found(context)
            try await signatures.withdraw(petition: petition.id, by: person)
            return Response(status: .noContent)
        }
        registerContacts(on: router)
    }

    /// A group's contacts and mailings, and the campaign's sharing agreement.
    private func registerContacts(on router: Router<AppContext>) {
        let group = "/api/v1/campaigns/:id/groups/:slug"
        router.get("\(group)/contacts") { _, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await contactGroup(context, person)
            let contacts = try await queries.contacts(campaign.id, group: group.groupID, viewer: person)
            let others = try await queries.counts(campaign: campaign.id, petition: nil, viewer: person)
                .filter { $0.groupID != group.groupID }
            return try Reply.json(
                ContactsBody(
                    group: group.group,
                    own: contacts.own.map { ContactBody($0, optedIn: false) },
                    optedIn: contacts.optedIn.map { ContactBody($0, optedIn: true) },
                    otherGroups: others.map(GroupCountBody.init)
                )
            )
        }
        router.post("\(group)/mailings") { request, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await contactGroup(context, person)
            let input = try await decodeJSON(MailingInputBody.self, request, context).input
            try await Mailings(services: services).send(campaign, group: group, input, by: person)
            return try await lastMailing(campaign, group)
        }
        router.post("\(group)/mailing-notices") { request, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await contactGroup(context, person)
            let input = try await decodeJSON(MailingInputBody.self, request, context).input
            let id = try await MailingNotices(services: services).announce(campaign, group: group, input, by: person)
            var response = try await notice(campaign.id, id, person, status: .created)
            response.headers[.location] = "/api/v1/campaigns/\(campaign.id)/mailing-notices/\(id)"
            return response
        }
        router.post("\(group)/mailing-notices/:notice/send") { _, context in
            let person = try context.requirePerson()
            let (campaign, group) = try await contactGroup(context, person)
            let id = try context.parameters.require("notice", as: Int.self)
            try await MailingNotices(services: services).send(campaign, group: group, id, by: person)
            return try await lastMailing(campaign, group)
        }
        router.get("/api/v1/campaigns/:id/mailing-notices/:notice") { _, context in
            let person = try context.requirePerson()
            let campaign = try await campaigns.campaign(try campaignParam(context), viewer: person)
            return try await notice(campaign.id, try context.parameters.require("notice", as: Int.self), person)
        }
        router.get("/api/v1/campaigns/:id/sharing") { _, context in
            let campaign = try await campaigns.campaign(try campaignParam(context), viewer: context.person)
            return try await sharing(campaign.id)
        }
        router.put("/api/v1/campaigns/:id/sharing") { request, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await CampaignWrites(services: services).requireManager(id, person)
            let body = try await decodeJSON(SharingInputBody.self, request, context)
            try await Sharing(services: services).set(
                id,
                limit: body.mailingsPerYear.map(String.init) ?? "",
                noticeDays: String(body.noticeDays ?? Sharing.defaultNoticeDays),
                notice: body.notice ?? "",
                by: person
            )
            return try await sharing(id)
        }
    }

    /// Signs through the group named by `through`, ticking the boxes of `optIns`, as the signing form does:
    /// only a group taking part the caller may see can be signed through, and only the boxes that form offers
    /// (the other public groups taking part; never a private group) can be ticked, each unticked unless named.
    private func sign(
        _ campaign: Campaign,
        _ petition: Petition,
        _ body: SignatureInputBody,
        _ context: AppContext
    ) async throws -> TakingPart {
        let through = (body.through ?? "").lowercased()
        guard
            let via = try await queries.signingGroups(campaign.id, viewer: context.person)
                .first(where: { $0.slug == through })
        else {
            throw AppError.validation(["through": "Name the group taking part whose page you sign through."])
        }
        let offers = try await queries.optInOffers(campaign.id, via: via.id)
        let optIns = Set((body.optIns ?? []).map { $0.lowercased() })
        guard optIns.isSubset(of: offers.map(\.slug)) else {
            let names = offers.map(\.name).joined(separator: ", ")
            throw AppError.validation([
                "optIns": offers.isEmpty
                    ? "No other group can be chosen when signing through \(via.name)."
                    : "Only these groups can be chosen when signing through \(via.name): \(names)."
            ])
        }
        var input = Signatures.Input()
        input.name = body.name ?? ""
        input.email = body.email ?? ""
        input.optIns = optIns
        try await RateLimit.mail.take(for: context, services: services)
        try await signatures.sign(petition, via: via, offers: offers, input, by: context.person)
        return via
    }

    /// The group's mailing just sent.
    private func lastMailing(_ campaign: Campaign, _ group: Participant) async throws -> Response {
        guard let sent = try await queries.mailings(campaign.id, group: group.groupID).first else {
            throw AppError.notFound
        }
        return try Reply.json(sent, status: .created)
    }

    /// An announced mailing as its page shows it to the caller (its group's or a partner's organizer).
    private func notice(
        _ campaign: Int,
        _ id: Int,
        _ person: CurrentPerson,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view = try await MailingNotices(services: services).notice(id, campaign: campaign, viewer: person)
        return try Reply.json(MailingNoticeBody(view), status: status)
    }

    /// The agreement in force, as the campaign page shows it.
    private func sharing(_ campaign: Int) async throws -> Response {
        try Reply.json(
            SharingBody(
                try await queries.sharing(campaign),
                noticeDays: try await Sharing(services: services).noticeDays(campaign)
            )
        )
    }

    /// The petition as its page shows it to the caller.
    private func petition(
        _ campaign: Campaign,
        _ id: Int,
        _ context: AppContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let viewer = context.person
        let petition = try await queries.petition(id, campaign: campaign.id, viewer: viewer)
        return try Reply.json(
            PetitionBody(
                petition,
                counts: try await queries.counts(campaign: campaign.id, petition: petition.id, viewer: viewer),
                signingGroups: try await queries.signingGroups(campaign.id, viewer: viewer),
                own: try await signatures.own(petition.id, by: viewer)
            ),
            status: status
        )
    }

    /// The campaign and the group of the address, for that group's organizers only.
    private func contactGroup(_ context: AppContext, _ person: CurrentPerson) async throws -> (Campaign, Participant) {
        try await ContactAccess.group(
            try campaignParam(context),
            slug: try context.parameters.require("slug"),
            person: person,
            services: services
        )
    }
}
