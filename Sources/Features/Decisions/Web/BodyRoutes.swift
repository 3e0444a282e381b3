import FreshgroundWeb
import Groups
import Hummingbird

/// The pages of elected bodies, their elections, recall petitions and dissent statements. Whatever the viewer may
/// not see is "not found"; what they may see but not do is "forbidden".
struct BodyRoutes {
    let services: AppServices
    var queries: BodyQueries { BodyQueries(services: services) }

    func register(on router: Router<AppContext>) {
        registerBodies(on: router)
        registerRecalls(on: router)
        registerDissent(on: router)
    }

    private func registerBodies(on router: Router<AppContext>) {
        router.get(BodyPaths.bodies) { _, context in
            let (group, standing) = try await GroupQueries(services: services)
                .visibleGroup(slug: try context.parameters.require("slug"), viewer: context.person)
            let views = try await queries.views(of: group, standing: standing)
            return Reply.html(
                BodyPages.list(context, group: group, standing: standing, bodies: views, now: services.clock())
            )
        }
        router.get(BodyPaths.new) { _, context in
            let (group, _) = try await managed(context)
            return Reply.html(BodyPages.form(context, group: group, body: nil, fields: BodyPages.formValues(nil)))
        }
        router.post(BodyPaths.new) { _, context in
            let (group, standing) = try await managed(context)
            return try await FormFlow.submit(
                context,
                page: { fields in BodyPages.form(context, group: group, body: nil, fields: fields) }
            ) {
                let id = try await BodyWrites(services: services)
                    .create(in: group, standing: standing, input: BodyInput(form: context.form))
                return Reply.redirect(BodyPaths.bodies(group.slug) + "#body-\(id)", flash: "The body is added.")
            }
        }
        router.get(BodyPaths.edit) { _, context in
            let (body, group, _) = try await managedBody(context)
            return Reply.html(BodyPages.form(context, group: group, body: body, fields: BodyPages.formValues(body)))
        }
        router.post(BodyPaths.edit) { _, context in
            let (body, group, standing) = try await managedBody(context)
            return try await FormFlow.submit(
                context,
                redirectTo: BodyPaths.bodies(group.slug) + "#body-\(body.id)",
                flash: "The changes are saved.",
                page: { fields in BodyPages.form(context, group: group, body: body, fields: fields) }
            ) {
                try await BodyWrites(services: services)
                    .update(body, in: group, standing: standing, input: BodyInput(form: context.form))
            }
        }
        router.get(BodyPaths.delete) { _, context in
            let (body, group, _) = try await managedBody(context)
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "Delete \(body.name)?",
                    explanation: "The body, the record of who was elected to it and its recall petitions are "
                        + "deleted. The votes themselves stay among the decisions of \(group.name).",
                    action: BodyPaths.delete(body.id),
                    button: "Delete \(body.name)",
                    back: BodyPaths.bodies(group.slug)
                )
            )
        }
        router.post(BodyPaths.delete) { _, context in
            let (body, group, standing) = try await managedBody(context)
            try await BodyWrites(services: services).delete(body, in: group, standing: standing)
            return Reply.redirect(BodyPaths.bodies(group.slug), flash: "\(body.name) is deleted.")
        }
        router.get(BodyPaths.election) { _, context in
            let person = try context.requirePerson()
            let (body, group, _) = try await managedBody(context)
            let choices = try await BodyElections(services: services).choices(in: group, for: person)
            return Reply.html(
                BodyPages.election(
                    context,
                    group: group,
                    body: body,
                    choices: choices,
                    fields: BodyPages.electionDefaults
                )
            )
        }
        router.post(BodyPaths.election) { _, context in
            let person = try context.requirePerson()
            let (body, group, standing) = try await managedBody(context)
            let elections = BodyElections(services: services)
            let choices = try await elections.choices(in: group, for: person)
            return try await FormFlow.submit(
                context,
                page: { fields in
                    BodyPages.election(context, group: group, body: body, choices: choices, fields: fields)
                }
            ) {
                let id = try await elections.start(
                    body,
                    in: group,
                    standing: standing,
                    input: ElectionInput(form: context.form),
                    by: person
                )
                return Reply.redirect(DecisionPaths.decision(id), flash: "The election of \(body.name) is open.")
            }
        }
    }

    /// The body in the address, for its group's organizers: "not found" for those who may not see the group,
    /// "forbidden" for everyone else.
    func managedBody(_ context: AppContext) async throws -> (Body, Group, Standing) {
        _ = try context.requirePerson()
        let (body, group, standing) = try await queries.body(try Self.id(context), viewer: context.person)
        try BodyWrites.checkManager(group, standing)
        return (body, group, standing)
    }

    func managed(_ context: AppContext) async throws -> (Group, Standing) {
        _ = try context.requirePerson()
        let (group, standing) = try await GroupQueries(services: services)
            .visibleGroup(slug: try context.parameters.require("slug"), viewer: context.person)
        try BodyWrites.checkManager(group, standing)
        return (group, standing)
    }

    static func id(_ context: AppContext) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self) else { throw AppError.notFound }
        return id
    }
}
