import Events
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// The conference's pages and forms, under `/events/:id/conference`: the front page and its settings, the
/// call for proposals and its review. The schedule, agenda and action proposals are in `ScheduleRoutes`.
struct ConferenceRoutes {
    let services: AppServices
    var conferences: Conferences { Conferences(services: services) }
    var proposals: Proposals { Proposals(services: services) }
    var queries: ProposalQueries { ProposalQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(ConferencePaths.conference) { _, context in
            Reply.html(try await overview(context))
        }
        router.post(ConferencePaths.settings) { _, context in
            let (id, person) = try ids(context)
            let form = context.form
            var input = ConferenceSettingsInput()
            input.cfpOpen = form.checked("cfpOpen")
            input.cfpClosesAt = form["cfpClosesAt"]
            input.blindReview = form.checked("blindReview")
            input.cfpText = form.raw("cfpText")
            input.schedulePublished = form.checked("schedulePublished")
            return try await FormFlow.submit(context, page: { fields in try await overview(context, fields: fields) }) {
                try await conferences.updateSettings(id, input, by: person)
                return Reply.redirect(ConferencePaths.conference(id), flash: "The settings are saved.")
            }
        }
        for kind in [Conferences.PlaceKind.track, .room] {
            router.post(ConferencePaths.places(kind)) { _, context in
                let (id, person) = try ids(context)
                return try await FormFlow.submit(
                    context,
                    page: { fields in try await overview(context, fields: fields) }
                ) {
                    _ = try await conferences.addPlace(kind, to: id, name: context.form[kind.field], by: person)
                    return Reply.redirect(ConferencePaths.conference(id), flash: "The \(kind.rawValue) is added.")
                }
            }
            router.post(ConferencePaths.removePlace(kind)) { _, context in
                let (id, person) = try ids(context)
                let item = try context.parameters.require("item", as: Int.self)
                try await conferences.removePlace(kind, item, from: id, by: person)
                return Reply.redirect(ConferencePaths.conference(id), flash: "The \(kind.rawValue) is removed.")
            }
        }
        router.post(ConferencePaths.committee) { _, context in
            let (id, person) = try ids(context)
            return try await FormFlow.submit(context, page: { fields in try await overview(context, fields: fields) }) {
                let offered = try await ConferenceAccess.committeeChoices(id, person, services.store.sql)
                let typed = try await PersonChoices.handles(
                    context.form["handle"],
                    field: "handle",
                    offered: offered,
                    sql: services.store.sql
                )
                try await AppError.refining(typed.messages) {
                    try await conferences.addCommitteeMember(id, handle: typed.values.first ?? "", by: person)
                }
                return Reply.redirect(ConferencePaths.conference(id), flash: "The committee member is added.")
            }
        }
        router.post(ConferencePaths.removeCommitteeMember) { _, context in
            let (id, person) = try ids(context)
            try await conferences.removeCommitteeMember(id, handle: context.form["handle"], by: person)
            return Reply.redirect(ConferencePaths.conference(id), flash: "The committee member is removed.")
        }
        registerProposals(on: router)
        ScheduleRoutes(services: services).register(on: router)
        ConferenceFeeds(services: services).register(on: router)
        PlenaryRoutes(services: services).register(on: router)
    }

    private func registerProposals(on router: Router<AppContext>) {
        router.get(ConferencePaths.newProposal) { _, context in
            let (id, person) = try ids(context)
            let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
            let groups = try await ConferenceAccess.actedGroups(person, organizerOnly: false, services.store.sql)
            let people = try await PersonChoices.seen(by: person, includingViewer: false, sql: services.store.sql)
            return Reply.html(ProposalPages.form(context, conference, groups: groups, people: people))
        }
        router.post(ConferencePaths.proposals) { _, context in
            let (id, person) = try ids(context)
            let form = context.form
            var input = ProposalInput()
            input.kind = form["kind"]
            input.title = form["title"]
            input.abstract = form.raw("abstract")
            input.group = form["group"]
            input.track = Int(form["track"])
            let people = try await PersonChoices.seen(by: person, includingViewer: false, sql: services.store.sql)
            let typed = try await PersonChoices.handles(
                form["speakers"],
                field: "speakers",
                offered: people,
                several: true,
                sql: services.store.sql
            )
            input.speakers = typed.values
            return try await FormFlow.submit(
                context,
                page: { fields in
                    let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
                    let groups = try await ConferenceAccess.actedGroups(
                        person,
                        organizerOnly: false,
                        services.store.sql
                    )
                    return ProposalPages.form(context, conference, groups: groups, people: people, fields: fields)
                }
            ) {
                let proposal = try await AppError.refining(typed.messages) {
                    try await proposals.submit(to: id, input, by: person)
                }
                return Reply.redirect(
                    ConferencePaths.proposal(id, proposal),
                    flash: "Your proposal is sent to the committee."
                )
            }
        }
        router.get(ConferencePaths.proposals) { request, context in
            let (id, person) = try ids(context)
            let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
            let page = PageRequest(request.uri.queryParameters["page"].map(String.init), size: 100)
            let found = try await queries.forReview(conference, viewer: person, page: page)
            return Reply.html(ProposalPages.list(context, conference, page: found))
        }
        router.get(ConferencePaths.proposal) { _, context in
            Reply.html(try await proposalPage(context, fields: FieldSet()))
        }
        router.post(ConferencePaths.review) { _, context in
            let (id, person) = try ids(context)
            let proposal = try context.parameters.require("proposal", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: ConferencePaths.proposal(id, proposal),
                flash: "Your review is saved.",
                page: { fields in try await proposalPage(context, fields: fields) }
            ) {
                try await proposals.review(
                    proposal,
                    of: id,
                    score: Int(context.form["score"]),
                    comment: context.form.raw("comment"),
                    by: person
                )
            }
        }
        router.post(ConferencePaths.decision) { _, context in
            let (id, person) = try ids(context)
            let proposal = try context.parameters.require("proposal", as: Int.self)
            let decision = context.form["decision"]
            guard decision == "accept" || decision == "reject" else {
                throw AppError.badRequest("Choose to accept or to reject the proposal.")
            }
            try await proposals.decide(proposal, of: id, accept: decision == "accept", by: person)
            return Reply.redirect(
                ConferencePaths.proposal(id, proposal),
                flash: decision == "accept" ? "The proposal is accepted." : "The proposal is rejected."
            )
        }
        router.post(ConferencePaths.withdrawProposal) { _, context in
            let (id, person) = try ids(context)
            let proposal = try context.parameters.require("proposal", as: Int.self)
            try await proposals.withdraw(proposal, of: id, by: person)
            return Reply.redirect(ConferencePaths.conference(id), flash: "Your proposal is withdrawn.")
        }
        router.post(ConferencePaths.speaking) { _, context in
            let (id, person) = try ids(context)
            let proposal = try context.parameters.require("proposal", as: Int.self)
            let answer = context.form["answer"]
            guard answer == "accept" || answer == "decline" else {
                throw AppError.badRequest("Choose to accept or to decline the invitation.")
            }
            try await CoSpeaking(services: services).answer(proposal, of: id, accept: answer == "accept", by: person)
            return answer == "accept"
                ? Reply.redirect(
                    ConferencePaths.proposal(id, proposal),
                    flash: "You accepted: you are listed as a speaker of this session."
                )
                : Reply.redirect(
                    ConferencePaths.conference(id),
                    flash: "You declined: you will not be listed as a speaker of that session."
                )
        }
    }

    private func overview(_ context: AppContext, fields: FieldSet = FieldSet()) async throws -> HTML {
        let id = try context.parameters.require("id", as: Int.self)
        let conference = try await ConferenceAccess.load(id, viewer: context.person, services: services)
        var mine: [ProposalView] = []
        var invitations: [CoSpeakerInvitation] = []
        if let person = context.person {
            mine = try await queries.mine(conference, person: person)
            invitations = try await queries.invitations(for: person, in: conference.id)
        }
        let people =
            conference.roles.isOrganizer
            ? try await ConferenceAccess.committeeChoices(id, context.person, services.store.sql)
            : PersonChoices.named([])
        return ConferencePages.overview(
            context,
            conference,
            mine: mine,
            invitations: invitations,
            fields: fields,
            people: people
        )
    }

    private func proposalPage(_ context: AppContext, fields: FieldSet) async throws -> HTML {
        let (id, person) = try ids(context)
        let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
        let proposal = try await queries.proposal(
            try context.parameters.require("proposal", as: Int.self),
            in: conference,
            viewer: person
        )
        let header = try await proposals.header(proposal.id, of: id)
        return ProposalPages.show(
            context,
            conference,
            proposal,
            isProposer: header.proposer == person.id,
            isSpeaker: header.speakers.contains(person.id),
            isInvited: header.invited.contains(person.id),
            fields: fields
        )
    }

    /// The conference id from the path and the signed-in person.
    private func ids(_ context: AppContext) throws -> (Int, CurrentPerson) {
        (try context.parameters.require("id", as: Int.self), try context.requirePerson())
    }
}
