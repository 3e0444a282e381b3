import Foundation
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of the plenary, under `/api/v1/conferences/{id}`: an action proposal with its amendments, votes and
/// tracker; proposing amendments and opening votes; casting a vote one holds by proxy; giving and revoking one's
/// proxy; the tracker's responsible groups and updates; and a group's adopted actions. Every route runs the
/// action page's writes and reads, so it refuses and shows exactly what the pages do. Writes ask for a caller
/// (401), and a conference or action the caller may not see is not found (404) before the body is read.
struct PlenaryAPI {
    let services: AppServices
    var plenary: Plenary { Plenary(services: services) }
    var proxies: Proxies { Proxies(services: services) }
    var tracker: OutcomeTracker { OutcomeTracker(services: services) }

    func register(on router: Router<AppContext>) {
        let base = "/api/v1/conferences/:id"
        router.get("\(base)/actions/:action") { _, context in
            try await actionBody(context)
        }
        router.post("\(base)/actions/:action/amendments") { request, context in
            let (id, action, person) = try await actionCaller(context)
            let input = try await decodeJSON(AmendmentInput.self, request, context)
            _ = try await Self.renaming(["amendmentMode": "mode", "amendmentText": "text"]) {
                try await plenary.amend(action, of: id, mode: input.mode, text: input.text, by: person)
            }
            return try await actionBody(context, status: .created)
        }
        router.post("\(base)/actions/:action/amendments/:amendment/vote") { request, context in
            let (id, action, person) = try await actionCaller(context)
            let amendment = try context.parameters.require("amendment", as: Int.self)
            let input = try await decodeJSON(PlenaryVoteRequest.self, request, context)
            _ = try await Self.refusals({ PlenaryRoutes.prefixed($0, "") }) {
                try await plenary.putAmendment(amendment, of: action, in: id, input.input, by: person)
            }
            return try await actionBody(context, status: .created)
        }
        router.post("\(base)/actions/:action/vote") { request, context in
            let (id, action, person) = try await actionCaller(context)
            let input = try await decodeJSON(PlenaryVoteRequest.self, request, context)
            _ = try await Self.refusals({ PlenaryRoutes.prefixed($0, "") }) {
                try await plenary.putProposal(action, in: id, input.input, by: person)
            }
            return try await actionBody(context, status: .created)
        }
        router.post("\(base)/decisions/:decision/proxy-ballot") { request, context in
            let (id, person) = try await caller(context)
            let decision = try context.parameters.require("decision", as: Int.self)
            _ = try await plenary.actionOf(decision: decision, in: id)
            let input = try await decodeJSON(ProxyBallotInput.self, request, context)
            let giver = try await ConferenceAccess.person(handle: input.for, field: "for", services.store.sql)
            var form = FormData()
            form.set("position", input.position)
            form.set("reason", input.reason ?? "")
            try await Self.renaming(["ballot": "position"]) {
                try await proxies.cast(for: giver, in: decision, of: id, form: form, by: person)
            }
            return Response(status: .noContent)
        }
        registerTracker(on: router, base: base)
        registerProxies(on: router, base: base)
    }

    private func registerTracker(on router: Router<AppContext>, base: String) {
        router.post("\(base)/actions/:action/responsible") { request, context in
            let (id, action, person) = try await actionCaller(context)
            let input = try await decodeJSON(ResponsibleInput.self, request, context)
            try await tracker.setResponsible(action, of: id, groups: input.groups, by: person)
            return try await actionBody(context)
        }
        router.post("\(base)/actions/:action/updates") { request, context in
            let (id, action, person) = try await actionCaller(context)
            let input = try await decodeJSON(TrackerUpdateInput.self, request, context)
            try await Self.renaming(["update": "text"]) {
                try await tracker.update(
                    action,
                    of: id,
                    status: input.status,
                    progress: String(input.progress),
                    text: input.text,
                    by: person
                )
            }
            return try await actionBody(context, status: .created)
        }
        router.get("/api/v1/groups/:slug/conference-actions") { _, context in
            let (group, _) = try await GroupQueries(services: services)
                .visibleGroup(slug: try context.parameters.require("slug"), viewer: context.person)
            let actions = try await tracker.actions(of: group.id, viewer: context.person)
            return try Reply.json(GroupActionsBody(items: actions.map(GroupActionBody.init)))
        }
    }

    private func registerProxies(on router: Router<AppContext>, base: String) {
        router.get("\(base)/proxies") { _, context in
            try await proxiesBody(context)
        }
        router.post("\(base)/proxies") { request, context in
            let (id, person) = try await caller(context)
            let input = try await decodeJSON(ProxyInput.self, request, context)
            let holder = try await ConferenceAccess.person(handle: input.holder, field: "holder", services.store.sql)
            try await proxies.give(in: id, to: holder, by: person)
            return try await proxiesBody(context, status: .created)
        }
        router.post("\(base)/proxies/revoke") { _, context in
            let (id, person) = try await caller(context)
            try await proxies.revoke(in: id, by: person)
            return try await proxiesBody(context)
        }
    }

    /// The action of the address with its plenary, as the caller sees it on the action's page.
    private func actionBody(_ context: AppContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try context.parameters.require("id", as: Int.self)
        let action = try context.parameters.require("action", as: Int.self)
        let conference = try await ConferenceAccess.load(id, viewer: context.person, services: services)
        guard let view = try await Actions(services: services).list(id).first(where: { $0.id == action }) else {
            throw AppError.notFound
        }
        let queries = PlenaryQueries(services: services)
        let state = try await queries.plenary(action: action, text: view.text, decision: view.decisionID)
        let adopted = state.vote.adopted
        var viewer = PlenaryViewerBody(organizer: conference.roles.isOrganizer)
        if let person = context.person {
            viewer.participant = try await queries.isParticipant(id, person.id)
            viewer.held = try await proxies.held(in: id, by: person.id).map(ProxyPersonBody.init)
            viewer.canUpdate = adopted ? try await tracker.canUpdate(action, conference: conference, person) : false
        }
        let shown = adopted ? try await tracker.tracker(action, viewer: context.person) : nil
        return try Reply.json(PlenaryActionBody(view, state, tracker: shown, viewer: viewer), status: status)
    }

    /// The caller's proxies at the conference of the address.
    private func proxiesBody(_ context: AppContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (id, person) = try await caller(context)
        return try Reply.json(
            ProxiesBody(
                participant: try await PlenaryQueries(services: services).isParticipant(id, person.id),
                given: try await proxies.given(in: id, by: person.id).map(ProxyPersonBody.init),
                held: try await proxies.held(in: id, by: person.id).map(ProxyPersonBody.init),
                limit: Proxies.limit
            ),
            status: status
        )
    }

    /// The conference of the address and the signed-in caller: 401 without one, 404 when they may not see it.
    private func caller(_ context: AppContext) async throws -> (Int, CurrentPerson) {
        let person = try context.requirePerson()
        let id = try context.parameters.require("id", as: Int.self)
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        return (id, person)
    }

    /// As `caller`, and the action of the address, which must be the conference's and not withdrawn.
    private func actionCaller(_ context: AppContext) async throws -> (Int, Int, CurrentPerson) {
        let (id, person) = try await caller(context)
        let action = try context.parameters.require("action", as: Int.self)
        _ = try await plenary.proposal(action, of: id)
        return (id, action, person)
    }

    /// Runs a write whose refusals name the form's fields under the body's names.
    private static func renaming<T>(_ names: [String: String], _ write: () async throws -> T) async throws -> T {
        try await refusals(
            { errors in
                Dictionary(errors.map { (names[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            },
            write
        )
    }

    /// Runs a write whose refusals `rename` maps to the body's fields.
    private static func refusals<T>(
        _ rename: ([String: String]) -> [String: String],
        _ write: () async throws -> T
    ) async throws -> T {
        do {
            return try await write()
        } catch AppError.validation(let errors) {
            throw AppError.validation(rename(errors))
        }
    }
}
