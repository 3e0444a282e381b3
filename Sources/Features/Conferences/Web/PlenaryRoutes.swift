import Decisions
import Events
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The plenary's pages and forms: an action proposal's page, amendments, opening votes, proxy ballots, proxies,
/// the outcome tracker and a group's adopted actions.
struct PlenaryRoutes {
    let services: AppServices
    var plenary: Plenary { Plenary(services: services) }
    var proxies: Proxies { Proxies(services: services) }
    var tracker: OutcomeTracker { OutcomeTracker(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(ConferencePaths.action) { _, context in
            Reply.html(try await actionPage(context))
        }
        router.post(ConferencePaths.amendments) { _, context in
            let (id, action, person) = try ids(context)
            return try await FormFlow.submit(context, page: { try await actionPage(context, fields: $0) }) {
                let amendment = try await plenary.amend(
                    action,
                    of: id,
                    mode: context.form["amendmentMode"],
                    text: context.form.raw("amendmentText"),
                    by: person
                )
                return Reply.redirect(
                    ConferencePaths.action(id, action) + "#amendment-\(amendment)",
                    flash: "Your amendment is published."
                )
            }
        }
        router.post(ConferencePaths.amendmentVote) { _, context in
            let (id, action, person) = try ids(context)
            let amendment = try context.parameters.require("amendment", as: Int.self)
            let prefix = "amendment-\(amendment)-"
            return try await FormFlow.submit(
                context,
                redirectTo: ConferencePaths.action(id, action) + "#amendment-\(amendment)",
                flash: "The amendment is put to the vote.",
                fields: { errors in Self.prefixed(errors, prefix) },
                page: { try await actionPage(context, fields: $0) }
            ) {
                _ = try await plenary.putAmendment(
                    amendment,
                    of: action,
                    in: id,
                    voteInput(context, prefix),
                    by: person
                )
            }
        }
        router.post(ConferencePaths.plenaryVote) { _, context in
            let (id, action, person) = try ids(context)
            return try await FormFlow.submit(
                context,
                redirectTo: ConferencePaths.action(id, action),
                flash: "The proposal is put to the plenary's vote.",
                fields: { errors in Self.prefixed(errors, "") },
                page: { try await actionPage(context, fields: $0) }
            ) {
                _ = try await plenary.putProposal(action, in: id, voteInput(context, ""), by: person)
            }
        }
        router.post(ConferencePaths.proxyBallot) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let decision = try context.parameters.require("decision", as: Int.self)
            let giver = try await ConferenceAccess.person(handle: context.form["for"], field: "for", services.store.sql)
            let back = try await plenary.actionOf(decision: decision, in: id)
            return try await FormFlow.submit(
                context,
                redirectTo: ConferencePaths.action(id, back),
                flash: "The vote you hold is cast.",
                page: { fields in try await actionPage(context, action: back, fields: fields) }
            ) {
                try await proxies.cast(for: giver, in: decision, of: id, form: context.form, by: person)
            }
        }
        router.post(ConferencePaths.responsible) { _, context in
            let (id, action, person) = try ids(context)
            return try await FormFlow.submit(
                context,
                redirectTo: ConferencePaths.action(id, action) + "#tracker-title",
                flash: "The responsible groups are saved.",
                page: { try await actionPage(context, fields: $0) }
            ) {
                let typed = try await GroupChoices.named(
                    visibleTo: person,
                    naming: context.form["groups"],
                    in: services.store.sql
                ).valuesOrTyped(context.form["groups"], field: "groups")
                try await AppError.refining(typed.messages) {
                    try await tracker.setResponsible(action, of: id, groups: typed.values, by: person)
                }
            }
        }
        router.post(ConferencePaths.updates) { _, context in
            let (id, action, person) = try ids(context)
            return try await FormFlow.submit(
                context,
                redirectTo: ConferencePaths.action(id, action) + "#tracker-title",
                flash: "The update is posted.",
                page: { try await actionPage(context, fields: $0) }
            ) {
                try await tracker.update(
                    action,
                    of: id,
                    status: context.form["status"],
                    progress: context.form["progress"],
                    text: context.form.raw("update"),
                    by: person
                )
            }
        }
        router.get(ConferencePaths.groupActions) { _, context in
            let (group, _) = try await GroupQueries(services: services)
                .visibleGroup(slug: try context.parameters.require("slug"), viewer: context.person)
            let actions = try await tracker.actions(of: group.id, viewer: context.person)
            return Reply.html(TrackerParts.groupActions(context, group: group, actions))
        }
        registerProxies(on: router)
    }

    private func registerProxies(on router: Router<AppContext>) {
        router.get(ConferencePaths.proxies) { _, context in
            Reply.html(try await proxiesPage(context))
        }
        router.post(ConferencePaths.proxies) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: ConferencePaths.proxies(id),
                flash: "Your vote is given.",
                page: { try await proxiesPage(context, fields: $0) }
            ) {
                let sql = services.store.sql
                let offered = try await PersonChoices.seen(by: person, includingViewer: false, sql: sql)
                let typed = try await PersonChoices.handles(
                    context.form["holder"],
                    field: "holder",
                    offered: offered,
                    sql: sql
                )
                try await AppError.refining(typed.messages) {
                    let holder = try await ConferenceAccess.person(
                        handle: typed.values.first ?? "",
                        field: "holder",
                        sql
                    )
                    try await proxies.give(in: id, to: holder, by: person)
                }
            }
        }
        router.post(ConferencePaths.revokeProxy) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            try await proxies.revoke(in: id, by: person)
            return Reply.redirect(ConferencePaths.proxies(id), flash: "Your vote is yours again.")
        }
    }

    private func proxiesPage(_ context: AppContext, fields: FieldSet = FieldSet()) async throws -> HTML {
        let person = try context.requirePerson()
        let id = try context.parameters.require("id", as: Int.self)
        let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
        return ProxyPages.page(
            context,
            conference,
            participant: try await PlenaryQueries(services: services).isParticipant(id, person.id),
            given: try await proxies.given(in: id, by: person.id),
            held: try await proxies.held(in: id, by: person.id),
            people: try await PersonChoices.seen(by: person, includingViewer: false, sql: services.store.sql),
            fields: fields
        )
    }

    /// The action's page for the viewer; `action` when the address names a decision rather than the action.
    private func actionPage(
        _ context: AppContext,
        action: Int? = nil,
        fields: FieldSet = FieldSet()
    ) async throws
        -> HTML
    {
        let id = try context.parameters.require("id", as: Int.self)
        let actionID = try action ?? context.parameters.require("action", as: Int.self)
        let conference = try await ConferenceAccess.load(id, viewer: context.person, services: services)
        guard let view = try await Actions(services: services).list(id).first(where: { $0.id == actionID }) else {
            throw AppError.notFound
        }
        let queries = PlenaryQueries(services: services)
        let plenaryState = try await queries.plenary(action: actionID, text: view.text, decision: view.decisionID)
        let person = context.person
        let adopted = plenaryState.vote.adopted
        var participant = false
        var held: [ProxyView] = []
        if let person {
            participant = try await queries.isParticipant(id, person.id)
            held = try await proxies.held(in: id, by: person.id)
        }
        let progress = adopted ? try await tracker.tracker(actionID, viewer: person) : nil
        var shown = fields
        if adopted && !fields.values.has("groups") && conference.roles.isOrganizer {
            var values = fields.values
            values.set("groups", progress?.responsible.map(\.slug).joined(separator: ", ") ?? "")
            shown = FieldSet(values: values, errors: fields.errors)
        }
        let model = ActionPageModel(
            conference: conference,
            action: view,
            plenary: plenaryState,
            tracker: progress,
            participant: participant,
            held: held,
            canUpdate: adopted ? try await tracker.canUpdate(actionID, conference: conference, person) : false,
            groups: conference.roles.isOrganizer && adopted
                ? try await GroupChoices.named(
                    visibleTo: person,
                    naming: shown.values["groups"],
                    in: services.store.sql
                )
                : GroupChoices.named([])
        )
        return ActionPage.page(context, model, fields: shown)
    }

    private func voteInput(_ context: AppContext, _ prefix: String) -> PlenaryVoteInput {
        var input = PlenaryVoteInput()
        input.kind = context.form["kind"].isEmpty ? "motion" : context.form["kind"]
        input.secret = context.form.checked("\(prefix)secret")
        input.closesAt = context.form["\(prefix)closesAt"]
        return input
    }

    /// A vote form's refusals by its fields: an amendment's form names its fields with `prefix`; what the form has
    /// no field for (a text grown too long for a decision) is said about the whole form.
    static func prefixed(_ errors: [String: String], _ prefix: String) -> [String: String] {
        var shown: [String: String] = [:]
        for (key, message) in errors {
            switch key {
            case "closesAt", "secret": shown[prefix + key] = message
            case "kind", FieldSet.formMessage: shown[key] = message
            default: shown[FieldSet.formMessage] = message
            }
        }
        return shown
    }

    /// The conference, action and signed-in person of the address.
    private func ids(_ context: AppContext) throws -> (Int, Int, CurrentPerson) {
        (
            try context.parameters.require("id", as: Int.self),
            try context.parameters.require("action", as: Int.self), try context.requirePerson()
        )
    }
}
