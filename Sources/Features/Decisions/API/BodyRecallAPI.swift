import Foundation
import FreshgroundWeb
import Groups
import Hummingbird

/// Recall petitions (the group's active members only) and dissent statements (for those who may see the decision)
/// through the API, with the pages' look-ups and writes.
extension BodiesAPI {
    func registerRecalls(on router: Router<AppContext>) {
        router.post("/api/v1/bodies/:id/recalls") { request, context in
            let person = try context.requirePerson()
            let (body, group, standing) = try await routes.petitioning(context)
            let input = try await decodeJSON(RecallInputBody.self, request, context)
            let id = try await Recalls(services: services).start(
                body,
                in: group,
                standing: standing,
                holder: input.holder ?? "",
                reason: input.reason ?? "",
                by: person
            )
            guard let recall = try await queries.recall(id) else { throw AppError.notFound }
            var response = try await recallReply(recall, body, group, person, status: .created)
            response.headers[.location] = "/api/v1/recalls/\(id)"
            return response
        }
        router.get("/api/v1/recalls/:id") { _, context in
            let person = try context.requirePerson()
            let (recall, body, group, _) = try await routes.petition(context)
            return try await recallReply(recall, body, group, person)
        }
        router.post("/api/v1/recalls/:id/signature") { _, context in
            let person = try context.requirePerson()
            let (recall, body, group, standing) = try await routes.petition(context)
            _ = try await Recalls(services: services).sign(recall, in: group, standing: standing, by: person)
            return try await recallReply(try await queries.recall(recall.id) ?? recall, body, group, person)
        }
        router.delete("/api/v1/recalls/:id/signature") { _, context in
            let person = try context.requirePerson()
            let (recall, body, group, standing) = try await routes.petition(context)
            try await Recalls(services: services).withdraw(recall, in: group, standing: standing, by: person)
            return try await recallReply(try await queries.recall(recall.id) ?? recall, body, group, person)
        }
    }

    private func recallReply(
        _ recall: RecallSummary,
        _ body: Body,
        _ group: Group,
        _ viewer: CurrentPerson,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try Reply.json(
            RecallBody(
                recall,
                body: body,
                group: group,
                signers: try await queries.recallSigners(recall.id),
                needed: try await queries.signaturesNeeded(in: group),
                viewer: viewer
            ),
            status: status
        )
    }

    func registerDissent(on router: Router<AppContext>) {
        let decisions = DecisionQueries(services: services)
        let dissents = Dissents(services: services)
        router.get("/api/v1/decisions/:id/dissents") { _, context in
            let person = try context.requirePerson()
            let (decision, _, standing) = try await decisions.decision(try BodyRoutes.id(context), viewer: person)
            let now = services.clock()
            // As the decision page: statements only under a closed decision.
            let closed = decision.status(at: now) == .closed
            return try Reply.json(
                DissentListBody(
                    canDissent: Dissents.canDissent(decision, standing, now: now),
                    items: closed ? try await dissents.statements(of: decision.id).map(DissentBody.init) : []
                )
            )
        }
        router.post("/api/v1/decisions/:id/dissents") { request, context in
            let person = try context.requirePerson()
            let (decision, _, standing) = try await decisions.decision(try BodyRoutes.id(context), viewer: person)
            let input = try await decodeJSON(DissentInputBody.self, request, context)
            let id = try await dissents.attach(
                to: decision,
                standing: standing,
                text: input.statement ?? "",
                by: person
            )
            guard let statement = try await dissents.statement(id) else { throw AppError.notFound }
            return try Reply.json(DissentBody(statement), status: .created)
        }
        router.post("/api/v1/dissents/:id/signature") { _, context in
            let person = try context.requirePerson()
            let (statement, decision, standing) = try await routes.dissent(context)
            try await dissents.cosign(statement, on: decision, standing: standing, by: person)
            return try Reply.json(DissentBody(try await dissents.statement(statement.id) ?? statement))
        }
        router.delete("/api/v1/dissents/:id") { _, context in
            let person = try context.requirePerson()
            let (statement, _, _) = try await routes.dissent(context)
            try await dissents.withdraw(statement, by: person)
            return Response(status: .noContent)
        }
    }
}
