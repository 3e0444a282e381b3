import Foundation
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of a group's elected bodies, their elections and recall petitions, and of dissent statements on
/// decisions. Every answer comes from the pages' own queries, rules and writes (`BodyQueries`, `BodyRules`,
/// `BodyWrites`, `BodyElections`, `Recalls`, `Dissents`, and `BodyRoutes`' look-ups of what is in the address), so
/// the API shows and refuses exactly as the pages do. Nothing is public: an anonymous caller is asked to log in, and
/// what the caller may not see is "not found".
struct BodiesAPI {
    let services: AppServices
    var queries: BodyQueries { BodyQueries(services: services) }
    var routes: BodyRoutes { BodyRoutes(services: services) }

    func register(on router: Router<AppContext>) {
        registerBodies(on: router)
        registerRecalls(on: router)
        registerDissent(on: router)
    }

    private func registerBodies(on router: Router<AppContext>) {
        router.get("/api/v1/groups/:slug/bodies") { _, context in
            let person = try context.requirePerson()
            let (group, standing) = try await GroupQueries(services: services)
                .visibleGroup(slug: try context.parameters.require("slug"), viewer: person)
            var items: [ElectedBody] = []
            for view in try await queries.views(of: group, standing: standing) {
                items.append(try await electedBody(view, group: group, standing: standing, viewer: person))
            }
            return try Reply.json(
                BodyListBody(
                    group: GroupRef(slug: group.slug, name: group.name),
                    canManage: BodyRules.canManage(standing),
                    canPetition: BodyRules.canPetition(standing),
                    items: items
                )
            )
        }
        router.post("/api/v1/groups/:slug/bodies") { request, context in
            let (group, standing) = try await routes.managed(context)
            let input = try await decodeJSON(BodyInputBody.self, request, context).input(over: BodyInput())
            let id = try await BodyWrites(services: services).create(in: group, standing: standing, input: input)
            var response = try await body(id, context, status: .created)
            response.headers[.location] = "/api/v1/bodies/\(id)"
            return response
        }
        router.get("/api/v1/bodies/:id") { _, context in
            _ = try context.requirePerson()
            return try await body(try BodyRoutes.id(context), context)
        }
        router.patch("/api/v1/bodies/:id") { request, context in
            let (body, group, standing) = try await routes.managedBody(context)
            let input = try await decodeJSON(BodyInputBody.self, request, context).input(over: BodyInput(body))
            try await BodyWrites(services: services).update(body, in: group, standing: standing, input: input)
            return try await self.body(body.id, context)
        }
        router.delete("/api/v1/bodies/:id") { _, context in
            let (body, group, standing) = try await routes.managedBody(context)
            try await BodyWrites(services: services).delete(body, in: group, standing: standing)
            return Response(status: .noContent)
        }
        router.post("/api/v1/bodies/:id/election") { request, context in
            let person = try context.requirePerson()
            let (body, group, standing) = try await routes.managedBody(context)
            let input = try await decodeJSON(ElectionInputBody.self, request, context).input
            let id = try await BodyElections(services: services)
                .start(body, in: group, standing: standing, input: input, by: person)
            var response = try Reply.json(
                DecisionBody(try await DecisionView(services: services).model(context, id: id)),
                status: .created
            )
            response.headers[.location] = "/api/v1/decisions/\(id)"
            return response
        }
    }

    /// Body `id` as its group's page shows it to the caller; "not found" unless they may see the group.
    private func body(_ id: Int, _ context: AppContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let person = try context.requirePerson()
        let (body, group, standing) = try await queries.body(id, viewer: person)
        guard let view = try await queries.views(of: group, standing: standing).first(where: { $0.body.id == body.id })
        else { throw AppError.notFound }
        return try Reply.json(
            try await electedBody(view, group: group, standing: standing, viewer: person),
            status: status
        )
    }

    private func electedBody(
        _ view: BodyView,
        group: Group,
        standing: Standing,
        viewer: CurrentPerson
    ) async throws -> ElectedBody {
        var recalls: [RecallBody]?
        if BodyRules.canPetition(standing) {
            let needed = try await queries.signaturesNeeded(in: group)
            var list: [RecallBody] = []
            for recall in view.recalls {
                list.append(
                    RecallBody(
                        recall,
                        body: view.body,
                        group: group,
                        signers: try await queries.recallSigners(recall.id),
                        needed: needed,
                        viewer: viewer
                    )
                )
            }
            recalls = list
        }
        return ElectedBody(view, group: group, now: services.clock(), recalls: recalls)
    }
}
