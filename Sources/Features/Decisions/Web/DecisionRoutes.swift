import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The pages of decisions: lists, opening one, the decision with its ballot and results, voting, closing early,
/// the ballot board and the BLT export. Whatever the viewer may not see is "not found".
struct DecisionRoutes {
    let services: AppServices
    var queries: DecisionQueries { DecisionQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(DecisionPaths.mine) { request, context in
            let person = try context.requirePerson()
            let page = try await queries.forPerson(person, page: Self.page(request))
            return Reply.html(DecisionListPages.mine(context, page: page, now: services.clock()))
        }
        router.get(DecisionPaths.countFile) { _, context in
            _ = try context.requirePerson()
            return Reply.html(
                CountFilePage.page(context, fields: FieldSet(values: FormData([("rule", "scottish-stv")])))
            )
        }
        router.post(DecisionPaths.countFile) { _, context in
            _ = try context.requirePerson()
            return try await FormFlow.submit(context, page: { fields in CountFilePage.page(context, fields: fields) }) {
                let result = try CountFilePage.count(context.form)
                return Reply.html(
                    CountFilePage.page(context, fields: FieldSet(values: context.form), result: result)
                )
            }
        }
        router.get(DecisionPaths.group) { request, context in
            let (group, standing) = try await member(context)
            let page = try await queries.list(of: group, viewer: context.person, page: Self.page(request))
            return Reply.html(
                DecisionListPages.group(context, group: group, standing: standing, page: page, now: services.clock())
            )
        }
        router.get(DecisionPaths.new) { _, context in
            let (group, _) = try await organized(context)
            return Reply.html(DecisionFormPage.page(context, group: group, fields: DecisionFormPage.defaults))
        }
        router.post(DecisionPaths.new) { _, context in
            let person = try context.requirePerson()
            let (group, standing) = try await organized(context)
            return try await FormFlow.submit(
                context,
                page: { fields in DecisionFormPage.page(context, group: group, fields: fields) }
            ) {
                let input = DecisionInput(form: context.form)
                let id = try await DecisionWrites(services: services).create(
                    in: group,
                    standing: standing,
                    input: input,
                    electorate: try await UnitsField.electorate(input, viewer: person, services: services),
                    by: person
                )
                return Reply.redirect(DecisionPaths.decision(id), flash: "The question is put to the vote.")
            }
        }
        router.get(DecisionPaths.decision) { _, context in
            Reply.html(try await DecisionView(services: services).page(context, id: try Self.id(context)))
        }
        router.post(DecisionPaths.vote) { _, context in
            let person = try context.requirePerson()
            let view = DecisionView(services: services)
            let id = try Self.id(context)
            return try await FormFlow.submit(
                context,
                page: { fields in try await view.page(context, id: id, ballot: fields) }
            ) {
                let (decision, _, standing) = try await queries.decision(id, viewer: person)
                let rules = try decision.rules
                let turnout = try await queries.turnout(of: decision)
                let tracker = try await Ballots(services: services).cast(
                    decision,
                    standing: standing,
                    ballot: try BallotForm.ballot(rules, form: context.form),
                    reason: context.form.raw("reason"),
                    entitled: turnout.entitled,
                    unit: try BallotForm.unit(standing, form: context.form),
                    by: person
                )
                guard let tracker else {
                    return Reply.redirect(DecisionPaths.decision(id), flash: "Your vote is counted.")
                }
                // The tracker is shown once, on this page, and kept nowhere with the voter's name: not in a flash
                // message, a session or a log.
                return Reply.html(DecisionPages.receipt(context, decision: decision, tracker: tracker))
            }
        }
        router.get(DecisionPaths.amend) { _, context in
            let (decision, group, standing) = try await queries.decision(try Self.id(context), viewer: context.person)
            guard DecisionRules.canManage(standing) else { throw AppError.notFound }
            let units = try await queries.units(of: decision)
            return Reply.html(
                DecisionFormPage.page(context, group: group, fields: try AmendForm.fields(decision, units: units))
            )
        }
        router.get(DecisionPaths.close) { _, context in
            let (decision, _, standing) = try await queries.decision(try Self.id(context), viewer: context.person)
            guard DecisionRules.canManage(standing) else { throw AppError.notFound }
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "Close the vote on “\(decision.title)” now?",
                    explanation: "Nobody can vote after this, and the result is counted from the votes cast so far. "
                        + "It cannot be reopened.",
                    action: DecisionPaths.close(decision.id),
                    button: "Close the vote now",
                    back: DecisionPaths.decision(decision.id)
                )
            )
        }
        router.post(DecisionPaths.close) { _, context in
            let (decision, _, standing) = try await queries.decision(try Self.id(context), viewer: context.person)
            try await DecisionWrites(services: services).close(decision, standing: standing)
            return Reply.redirect(DecisionPaths.decision(decision.id), flash: "The vote is closed.")
        }
        router.get(DecisionPaths.board) { _, context in
            Reply.html(try await DecisionView(services: services).board(context, id: try Self.id(context)))
        }
        router.get(DecisionPaths.blt) { _, context in
            try await DecisionView(services: services).blt(context, id: try Self.id(context))
        }
    }

    static func id(_ context: AppContext) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self) else { throw AppError.notFound }
        return id
    }

    static func page(_ request: Request) -> PageRequest {
        PageRequest(request.uri.queryParameters["page"].map(String.init))
    }

    /// The group in the address, which the signed-in viewer is an active member of; "not found" otherwise.
    private func member(_ context: AppContext) async throws -> (Group, Standing) {
        try await queries.memberGroup(slug: try context.parameters.require("slug"), viewer: try context.requirePerson())
    }

    private func organized(_ context: AppContext) async throws -> (Group, Standing) {
        let (group, standing) = try await member(context)
        guard GroupRules.canManage(standing) else {
            throw AppError.forbidden("Only the organizers of \(group.name) can put a question to a vote.")
        }
        return (group, standing)
    }
}
