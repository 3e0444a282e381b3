import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of decisions: the caller's and a group's lists, a decision with its rules, turnout and (when they
/// may be seen) results, opening one, voting and closing early; and counting a ballot file, as the page does. Every answer comes from the pages' own queries,
/// views and writes, so the API shows, refuses and counts exactly as the pages do. Nothing is public: an
/// anonymous caller is asked to log in, and a decision the caller may not see is "not found".
struct DecisionsAPI {
    let services: AppServices
    var queries: DecisionQueries { DecisionQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/decisions") { request, context in
            let person = try context.requirePerson()
            let page = try await queries.forPerson(person, page: DecisionRoutes.page(request))
            let now = services.clock()
            return try Reply.json(ListBody(page.map { DecisionItemBody($0, now: now) }))
        }
        router.get("/api/v1/groups/:slug/decisions") { request, context in
            let (group, _) = try await member(context)
            let page = try await queries.list(of: group, viewer: context.person, page: DecisionRoutes.page(request))
            let now = services.clock()
            return try Reply.json(ListBody(page.map { DecisionItemBody($0, now: now) }))
        }
        router.post("/api/v1/groups/:slug/decisions") { request, context in
            let person = try context.requirePerson()
            let (group, standing) = try await member(context)
            let input = try await decodeJSON(DecisionInputBody.self, request, context).input
            let id = try await DecisionWrites(services: services).create(
                in: group,
                standing: standing,
                input: input,
                electorate: try await UnitsField.electorate(input, viewer: person, services: services),
                by: person
            )
            var response = try await decision(id, context, status: .created)
            response.headers[.location] = "/api/v1/decisions/\(id)"
            return response
        }
        router.get("/api/v1/decisions/:id") { _, context in
            _ = try context.requirePerson()
            return try await decision(try DecisionRoutes.id(context), context)
        }
        router.post("/api/v1/decisions/:id/ballot") { request, context in
            let person = try context.requirePerson()
            let id = try DecisionRoutes.id(context)
            let (decision, _, standing) = try await queries.decision(id, viewer: person)
            let body = try await decodeJSON(BallotInputBody.self, request, context)
            var form = FormData()
            form.set("unit", body.unit ?? "")
            do {
                let tracker = try await Ballots(services: services).cast(
                    decision,
                    standing: standing,
                    ballot: DecisionBallot(marks: body.marks),
                    reason: body.reason ?? "",
                    entitled: try await queries.turnout(of: decision).entitled,
                    unit: try BallotForm.unit(standing, form: form),
                    by: person
                )
                return try Reply.json(BallotReceiptBody(tracker: tracker), status: .created)
            } catch AppError.validation(let errors) {
                // The form's "ballot" is the body's `marks`.
                throw AppError.validation(
                    Dictionary(uniqueKeysWithValues: errors.map { ($0.key == "ballot" ? "marks" : $0.key, $0.value) })
                )
            }
        }
        router.post("/api/v1/count") { request, context in
            _ = try context.requirePerson()
            let body = try await decodeJSON(CountInputBody.self, request, context)
            return try Reply.json(CountFileBody(try CountFile(blt: body.blt, rule: body.rule ?? "", seats: body.seats)))
        }
        router.post("/api/v1/decisions/:id/close") { _, context in
            let person = try context.requirePerson()
            let (decision, _, standing) = try await queries.decision(try DecisionRoutes.id(context), viewer: person)
            try await DecisionWrites(services: services).close(decision, standing: standing)
            return Response(status: .noContent)
        }
    }

    /// The group in the address, for its active members only, as on the group's decisions page: "not found" for
    /// anyone else. Whether the member may open a decision is the write's to say.
    private func member(_ context: AppContext) async throws -> (Group, Standing) {
        try await queries.memberGroup(slug: try context.parameters.require("slug"), viewer: try context.requirePerson())
    }

    /// The decision as the caller may see it.
    private func decision(
        _ id: Int,
        _ context: AppContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try Reply.json(DecisionBody(try await DecisionView(services: services).model(context, id: id)), status: status)
    }
}
