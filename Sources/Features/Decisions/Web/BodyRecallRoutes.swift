import FreshgroundWeb
import Groups
import Hummingbird

/// Recall petitions (members only) and dissent statements (shown with their decision).
extension BodyRoutes {
    func registerRecalls(on router: Router<AppContext>) {
        router.get(BodyPaths.startRecall) { _, context in
            let (body, group, _) = try await petitioning(context)
            let holders = try await queries.seats(of: body).0.filter { $0.holds(at: services.clock()) }
            return Reply.html(
                BodyRecallPages.form(context, group: group, body: body, holders: holders, fields: .init())
            )
        }
        router.post(BodyPaths.startRecall) { _, context in
            let person = try context.requirePerson()
            let (body, group, standing) = try await petitioning(context)
            let holders = try await queries.seats(of: body).0.filter { $0.holds(at: services.clock()) }
            return try await FormFlow.submit(
                context,
                page: { fields in
                    BodyRecallPages.form(context, group: group, body: body, holders: holders, fields: fields)
                }
            ) {
                let id = try await Recalls(services: services).start(
                    body,
                    in: group,
                    standing: standing,
                    holder: context.form["holder"],
                    reason: context.form.raw("reason"),
                    by: person
                )
                return Reply.redirect(BodyPaths.recall(id), flash: "The recall petition is open for co-signers.")
            }
        }
        router.get(BodyPaths.recall) { _, context in
            let (recall, body, group, _) = try await petition(context)
            return Reply.html(try await recallPage(context, recall, body, group))
        }
        router.post(BodyPaths.sign) { _, context in
            let person = try context.requirePerson()
            let (recall, body, group, standing) = try await petition(context)
            return try await FormFlow.submit(
                context,
                page: { fields in try await recallPage(context, recall, body, group, fields: fields) }
            ) {
                if let vote = try await Recalls(services: services).sign(
                    recall,
                    in: group,
                    standing: standing,
                    by: person
                ) {
                    return Reply.redirect(
                        DecisionPaths.decision(vote),
                        flash: "Enough members co-signed: the recall vote is open."
                    )
                }
                return Reply.redirect(BodyPaths.recall(recall.id), flash: "Your name is on the petition.")
            }
        }
        router.get(BodyPaths.unsign) { _, context in
            let (recall, body, _, _) = try await petition(context)
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "Take your name off the recall of \(recall.holderShown)?",
                    explanation: "The petition to recall \(recall.holderShown) from \(body.name) loses your "
                        + "co-signature. You can sign again while it gathers names.",
                    action: BodyPaths.unsign(recall.id),
                    button: "Take my name off",
                    back: BodyPaths.recall(recall.id)
                )
            )
        }
        router.post(BodyPaths.unsign) { _, context in
            let person = try context.requirePerson()
            let (recall, body, group, standing) = try await petition(context)
            return try await FormFlow.submit(
                context,
                redirectTo: BodyPaths.recall(recall.id),
                flash: "Your name is off the petition.",
                page: { fields in try await recallPage(context, recall, body, group, fields: fields) }
            ) {
                try await Recalls(services: services).withdraw(recall, in: group, standing: standing, by: person)
            }
        }
    }

    /// The body in the address, for its group's active members: "not found" for those who may not see the group,
    /// "forbidden" for other signed-in people.
    func petitioning(_ context: AppContext) async throws -> (Body, Group, Standing) {
        _ = try context.requirePerson()
        let (body, group, standing) = try await queries.body(try Self.id(context), viewer: context.person)
        guard BodyRules.canPetition(standing) else {
            throw AppError.forbidden("Only active members of \(group.name) can start a recall.")
        }
        return (body, group, standing)
    }

    /// The recall petition in the address, which only the group's active members see.
    func petition(_ context: AppContext) async throws -> (RecallSummary, Body, Group, Standing) {
        _ = try context.requirePerson()
        guard let recall = try await queries.recall(try Self.id(context)) else { throw AppError.notFound }
        let (body, group, standing) = try await queries.body(recall.bodyID, viewer: context.person)
        guard BodyRules.canPetition(standing) else { throw AppError.notFound }
        return (recall, body, group, standing)
    }

    private func recallPage(
        _ context: AppContext,
        _ recall: RecallSummary,
        _ body: Body,
        _ group: Group,
        fields: FieldSet = FieldSet()
    ) async throws -> HTML {
        BodyRecallPages.page(
            context,
            group: group,
            body: body,
            recall: recall,
            signers: try await queries.recallSigners(recall.id),
            needed: try await queries.signaturesNeeded(in: group),
            fields: fields
        )
    }

    func registerDissent(on router: Router<AppContext>) {
        let decisions = DecisionQueries(services: services)
        router.get(BodyPaths.dissent) { _, context in
            _ = try context.requirePerson()
            let (decision, _, standing) = try await decisions.decision(try Self.id(context), viewer: context.person)
            try dissenting(decision, standing)
            return Reply.html(DissentParts.form(context, decision: decision, fields: FieldSet()))
        }
        router.post(BodyPaths.dissent) { _, context in
            let person = try context.requirePerson()
            let (decision, _, standing) = try await decisions.decision(try Self.id(context), viewer: person)
            return try await FormFlow.submit(
                context,
                page: { fields in DissentParts.form(context, decision: decision, fields: fields) }
            ) {
                let id = try await Dissents(services: services).attach(
                    to: decision,
                    standing: standing,
                    text: context.form.raw("statement"),
                    by: person
                )
                return Reply.redirect(
                    DecisionPaths.decision(decision.id) + "#dissent-\(id)",
                    flash: "Your dissent is published with the decision."
                )
            }
        }
        router.post(BodyPaths.cosign) { _, context in
            let person = try context.requirePerson()
            let (statement, decision, standing) = try await dissent(context)
            try await Dissents(services: services).cosign(statement, on: decision, standing: standing, by: person)
            return Reply.redirect(
                DecisionPaths.decision(decision.id) + "#dissent-\(statement.id)",
                flash: "Your name is under the statement."
            )
        }
        router.get(BodyPaths.withdraw) { _, context in
            let person = try context.requirePerson()
            let (statement, decision, _) = try await dissent(context)
            guard statement.author.personID == person.id else {
                throw AppError.forbidden("Only its author can withdraw a dissent statement.")
            }
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "Withdraw your dissent from “\(decision.title)”?",
                    explanation: "Your statement and its co-signatures are removed from the decision's page.",
                    action: BodyPaths.withdraw(statement.id),
                    button: "Withdraw my statement",
                    back: DecisionPaths.decision(decision.id)
                )
            )
        }
        router.post(BodyPaths.withdraw) { _, context in
            let person = try context.requirePerson()
            let (statement, decision, _) = try await dissent(context)
            try await Dissents(services: services).withdraw(statement, by: person)
            return Reply.redirect(DecisionPaths.decision(decision.id), flash: "Your statement is withdrawn.")
        }
    }

    private func dissenting(_ decision: Decision, _ standing: DecisionStanding) throws {
        guard Dissents.canDissent(decision, standing, now: services.clock()) else {
            throw AppError.forbidden("Only those who could vote on this decision can sign dissent, once it has closed.")
        }
    }

    /// The statement in the address with its decision, for those who may see the decision.
    func dissent(_ context: AppContext) async throws -> (DissentStatement, Decision, DecisionStanding) {
        guard let statement = try await Dissents(services: services).statement(try Self.id(context)) else {
            throw AppError.notFound
        }
        let (decision, _, standing) = try await DecisionQueries(services: services)
            .decision(statement.decisionID, viewer: context.person)
        return (statement, decision, standing)
    }
}
