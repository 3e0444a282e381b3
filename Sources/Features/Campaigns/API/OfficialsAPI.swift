import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of officials a group endorsed: a group's officials, one official with the scorecard, the pledge
/// statuses, a page of votes and the reviews; for the recording group's organizers recording an official, adding a
/// vote and importing Popolo or OCD vote events; for an endorsing group's organizers opening a review. Every answer
/// and refusal comes from the pages' own reads and writes (`OfficialQueries`, `OfficialWrites`, `VoteImports`,
/// `Reviews`; the organizers' other actions are in `OfficialActionsAPI.swift`), so a private group's official is
/// "not found" to anyone who may not see the group.
struct OfficialsAPI {
    let services: AppServices
    var queries: OfficialQueries { OfficialQueries(services: services) }
    var writes: OfficialWrites { OfficialWrites(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/groups/:slug/officials") { _, context in
            let (group, _, officials) = try await queries.list(
                slug: try context.parameters.require("slug"),
                viewer: context.person
            )
            return try Reply.json(
                OfficialListBody(
                    group: GroupRef(slug: group.slug, name: group.name),
                    items: officials.map(OfficialItemBody.init)
                )
            )
        }
        router.post("/api/v1/groups/:slug/officials") { request, context in
            let person = try context.requirePerson()
            let slug = try context.parameters.require("slug")
            let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
            guard GroupRules.canManage(standing) else {
                throw AppError.forbidden("Only the organizers of \(group.name) can record its officials.")
            }
            let body = try await decodeJSON(OfficialInputBody.self, request, context)
            let id = try await writes.create(slug: slug, form: body.form, by: person)
            return try await official(id, person, status: .created)
        }
        router.get("/api/v1/officials/:id") { request, context in
            let paging = PageRequest(
                request.uri.queryParameters["page"].map(String.init),
                size: OfficialQueries.votesPage
            )
            return try await official(try id(context), context.person, paging: paging)
        }
        router.post("/api/v1/officials/:id/votes") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            _ = try await queries.requireManager(id, person)
            let body = try await decodeJSON(VoteInputBody.self, request, context)
            try await Self.renaming(["voteTopic": "pledgeTopic"]) {
                try await writes.addVote(id, form: body.form, by: person)
            }
            return try await official(id, person, status: .created)
        }
        router.post("/api/v1/officials/:id/votes/import") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            _ = try await queries.requireManager(id, person)
            let body = try await decodeJSON(VoteImportInputBody.self, request, context)
            let outcome = try await VoteImports(services: services).run(id, form: body.form, by: person)
            return try Reply.json(VoteImportBody(imported: outcome.imported, skipped: outcome.skipped))
        }
        router.get("/api/v1/officials/:id/reviews") { _, context in
            let record = try await queries.record(try id(context), viewer: context.person)
            return try Reply.json(
                ReviewListBody(
                    items: record.reviews.map { ReviewBody($0, official: record.official.id, today: record.today) }
                )
            )
        }
        router.post("/api/v1/officials/:id/reviews") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            let record = try await queries.record(id, viewer: person)
            guard !record.reviewers.isEmpty else {
                throw AppError.forbidden(
                    "Only the organizers of a group endorsing \(record.official.name) can open a review."
                )
            }
            let body = try await decodeJSON(ReviewInputBody.self, request, context)
            let review = try await Reviews(services: services).open(id, form: body.form, by: person)
            let (after, row) = try await ReviewQueries(services: services).review(review, of: id, viewer: person)
            var response = try Reply.json(ReviewBody(row, official: id, today: after.today), status: .created)
            response.headers[.location] = CampaignPaths.review(id, review)
            return response
        }
        registerActions(on: router)
    }

    func official(
        _ id: Int,
        _ viewer: CurrentPerson?,
        paging: PageRequest = PageRequest(number: 1, size: OfficialQueries.votesPage),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try Reply.json(OfficialBody(try await queries.record(id, viewer: viewer, votes: paging)), status: status)
    }

    func id(_ context: AppContext) throws -> Int { try context.parameters.require("id", as: Int.self) }
}
