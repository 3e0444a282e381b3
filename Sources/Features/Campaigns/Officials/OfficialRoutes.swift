import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The officials' pages and the organizers' forms. Who may read and write is `OfficialQueries`.
struct OfficialRoutes {
    let services: AppServices
    var queries: OfficialQueries { OfficialQueries(services: services) }
    var writes: OfficialWrites { OfficialWrites(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.officials) { _, context in
            let (group, standing, officials) = try await queries.list(
                slug: try context.parameters.require("slug"),
                viewer: context.person
            )
            return Reply.html(OfficialPages.list(context, group: group, standing: standing, officials: officials))
        }
        router.post(CampaignPaths.officials) { _, context in
            let person = try context.requirePerson()
            let slug = try context.parameters.require("slug")
            return try await FormFlow.submit(
                context,
                page: { fields in
                    let (group, standing, officials) = try await queries.list(slug: slug, viewer: person)
                    return OfficialPages.list(
                        context,
                        group: group,
                        standing: standing,
                        officials: officials,
                        fields: fields
                    )
                }
            ) {
                let id = try await writes.create(slug: slug, form: context.form, by: person)
                return Reply.redirect(CampaignPaths.official(id), flash: "The official is recorded.")
            }
        }
        // Anonymous visitors share a copy for two seconds, as of a campaign's page: the scorecard reads every vote.
        router.get(CampaignPaths.official) { request, context in
            let paging = PageRequest(
                request.uri.queryParameters["page"].map(String.init),
                size: OfficialQueries.votesPage
            )
            return try await services.publicPages.page(request, context) {
                OfficialPages.page(
                    context,
                    try await queries.record(try id(context), viewer: context.person, votes: paging)
                )
            }
        }
        post(router, CampaignPaths.officialPledges, flash: "The pledge is recorded.") { id, context, person in
            try await writes.addPledge(id, form: context.form, by: person)
        }
        post(router, CampaignPaths.officialCriteria, flash: "The criteria are published.") { id, context, person in
            try await writes.publishCriteria(id, form: context.form, by: person)
        }
        post(router, CampaignPaths.officialVotes, flash: "The vote is recorded.") { id, context, person in
            try await writes.addVote(id, form: context.form, by: person)
        }
        post(router, CampaignPaths.linkVote, flash: "Saved.") { id, context, person in
            let vote = try context.parameters.require("vote", as: Int.self)
            try await writes.linkVote(id, vote: vote, form: context.form, by: person)
        }
        post(router, CampaignPaths.endorsements, flash: "Asked. The group's organizers will answer.") {
            id,
            context,
            person in
            try await Endorsements(services: services).invite(id, group: context.form["group"], by: person)
        }
        post(router, CampaignPaths.officialContact, flash: "Saved.") { id, context, person in
            try await writes.setContact(id, form: context.form, by: person)
        }
        post(router, CampaignPaths.reviews, flash: "The review is open: the official is mailed the questions.") {
            id,
            context,
            person in
            _ = try await Reviews(services: services).open(id, form: context.form, by: person)
        }
        ReviewRoutes(services: services).register(on: router)
        router.post(CampaignPaths.answerEndorsement) { _, context in
            let accept = context.form["answer"] == "accept"
            guard accept || context.form["answer"] == "decline" else {
                throw AppError.badRequest("Answer accept or decline.")
            }
            let id = try id(context)
            let slug = try context.parameters.require("slug")
            try await Endorsements(services: services).answer(
                id,
                group: slug,
                accept: accept,
                by: try context.requirePerson()
            )
            return Reply.redirect(
                CampaignPaths.endorsementInvitations(),
                flash: accept ? "Your group now endorses the official." : "Declined."
            )
        }
        router.get(CampaignPaths.endorsementInvitations) { _, context in
            let invitations = try await Endorsements(services: services).invitations(for: try context.requirePerson())
            return Reply.html(EndorsementPages.invitations(context, invitations))
        }
        router.get(CampaignPaths.importVotes) { _, context in
            let record = try await queries.requireManager(try id(context), try context.requirePerson())
            return Reply.html(OfficialForms.importPage(context, record))
        }
        router.post(CampaignPaths.importVotes) { _, context in
            let person = try context.requirePerson()
            let id = try id(context)
            return try await FormFlow.submit(
                context,
                page: { fields in
                    OfficialForms.importPage(context, try await queries.requireManager(id, person), fields: fields)
                }
            ) {
                let outcome = try await VoteImports(services: services).run(id, form: context.form, by: person)
                let skipped = outcome.skipped == 0 ? "" : " \(outcome.skipped) were recorded before and skipped."
                return Reply.redirect(
                    CampaignPaths.official(id),
                    flash: "\(outcome.imported) votes imported.\(skipped)"
                )
            }
        }
    }

    /// A form on the official's page: refused, the page is drawn again with the input kept.
    private func post(
        _ router: Router<AppContext>,
        _ path: Path,
        flash: String,
        _ write: @escaping @Sendable (Int, AppContext, CurrentPerson) async throws -> Void
    ) {
        router.post(path) { _, context in
            let person = try context.requirePerson()
            let id = try id(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.official(id),
                flash: flash,
                page: { fields in
                    OfficialPages.page(context, try await queries.record(id, viewer: person), fields: fields)
                }
            ) { try await write(id, context, person) }
        }
    }

    private func id(_ context: AppContext) throws -> Int { try context.parameters.require("id", as: Int.self) }
}
