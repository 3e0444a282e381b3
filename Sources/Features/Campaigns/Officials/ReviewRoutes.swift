import FreshgroundWeb
import Hummingbird

/// A review's record, its vote, and the official's answer page from the mailed link.
struct ReviewRoutes {
    let services: AppServices
    var queries: ReviewQueries { ReviewQueries(services: services) }
    var reviews: Reviews { Reviews(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.review) { _, context in
            let (record, review) = try await queries.review(
                try context.parameters.require("review", as: Int.self),
                of: try context.parameters.require("id", as: Int.self),
                viewer: context.person
            )
            return Reply.html(ReviewPages.page(context, record, review))
        }
        router.post(CampaignPaths.reviewVote) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let review = try context.parameters.require("review", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.review(id, review),
                flash: "The outcome is put to the members' vote.",
                page: { fields in
                    let (record, row) = try await queries.review(review, of: id, viewer: person)
                    return ReviewPages.page(context, record, row, fields: fields)
                }
            ) { _ = try await reviews.putToVote(id, review: review, closesAt: context.form["closesAt"], by: person) }
        }
        router.get(CampaignPaths.reviewReply) { _, context in
            let token = try context.parameters.require("token")
            return Reply.html(try await replyPage(context, token))
        }
        router.post(CampaignPaths.reviewReply) { _, context in
            let token = try context.parameters.require("token")
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.reviewReply(token),
                flash: "Your answer is stored and published. Thank you.",
                page: { fields in try await replyPage(context, token, fields: fields) }
            ) { try await reviews.reply(token: token, answer: context.form.raw("answer")) }
        }
    }

    private func replyPage(_ context: AppContext, _ token: String, fields: FieldSet = FieldSet()) async throws -> HTML {
        guard let (review, official) = try await reviews.find(token: token) else { throw AppError.notFound }
        return ReviewPages.reply(
            context,
            token: token,
            review: review,
            official: official,
            today: OfficialQueries.day(services.clock()),
            fields: fields
        )
    }
}
