import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// The debates' pages and forms.
struct DebateRoutes {
    let services: AppServices
    var debates: Debates { Debates(services: services) }
    var queries: DebateQueries { DebateQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(LibraryPaths.debates) { request, context in
            Reply.html(DebatePages.list(context, page: try await queries.list(page: JournalRoutes.page(request))))
        }
        router.get(LibraryPaths.newDebate) { request, context in
            let person = try context.requirePerson()
            var values = FormData()
            if let id = request.uri.queryParameters["publication"] { values.set("publication", String(id)) }
            let pieces = try await PieceChoices.published(
                readableBy: person,
                publicOnly: true,
                naming: values.raw("publication"),
                in: services.store.sql
            )
            return Reply.html(DebatePages.new(context, fields: FieldSet(values: values), pieces: pieces))
        }
        router.post(LibraryPaths.debates) { _, context in
            let person = try context.requirePerson()
            let form = context.form
            // A debate is tied only to a piece everyone can read: those are offered, by title.
            let pieces = try await PieceChoices.published(
                readableBy: person,
                publicOnly: true,
                naming: form["publication"],
                in: services.store.sql
            )
            let page = { (fields: FieldSet) in DebatePages.new(context, fields: fields, pieces: pieces) }
            return try await FormFlow.submit(context, page: page) {
                let publication = try pieces.number(of: form["publication"], field: "publication")
                let id = try await debates.open(
                    question: form["question"],
                    description: form.raw("description"),
                    publication: publication,
                    by: person
                )
                return Reply.redirect(LibraryPaths.debate(id), flash: "The debate is open.")
            }
        }
        router.get(LibraryPaths.debate) { request, context in
            try await services.publicPages.page(request, context) { try await debatePage(request, context) }
        }
        router.post(LibraryPaths.positions) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                page: { fields in try await debatePage(request, context, forms: DebateForms(position: fields)) }
            ) {
                let position = try await debates.state(
                    debate: id,
                    statement: context.form["statement"],
                    argument: context.form.raw("argument"),
                    group: context.form["group"],
                    by: try context.requirePerson()
                )
                return Reply.redirect(
                    LibraryPaths.debate(id) + "#position-\(position)",
                    flash: "Your position is stated."
                )
            }
        }
        router.post(LibraryPaths.replies) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            guard let position = Int(context.form["position"]) else { throw AppError.badRequest("Choose a position.") }
            let parent = Int(context.form["parent"])
            let reply: Int
            do {
                reply = try await debates.reply(
                    debate: id,
                    position: position,
                    parent: parent,
                    stance: context.form["stance"],
                    body: context.form.raw("body"),
                    by: try context.requirePerson()
                )
            } catch AppError.validation(let errors) where Set(errors.keys).isSubset(of: ["body", "stance"]) {
                // What the person wrote goes back into the form they sent; a reply to a position or reply that
                // is not there (only a hand-made request names one) still gets the plain error.
                let failed = DebateForms.RefusedReply(
                    position: position,
                    parent: parent,
                    fields: fields(context, errors)
                )
                return try await refused(request, context, DebateForms(reply: failed))
            }
            return Reply.redirect(LibraryPaths.debate(id) + "#reply-\(reply)", flash: "Your reply is posted.")
        }
        router.post(LibraryPaths.summary) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: LibraryPaths.debate(id),
                flash: "Summary saved.",
                page: { fields in try await debatePage(request, context, forms: DebateForms(summary: fields)) }
            ) {
                try await debates.summarize(
                    debate: id,
                    summary: context.form.raw("summary"),
                    by: try context.requirePerson()
                )
            }
        }
        for (path, hide) in [(LibraryPaths.hideReply, true), (LibraryPaths.showReply, false)] {
            router.post(path) { request, context in
                let id = try context.parameters.require("id", as: Int.self)
                let reply = try context.parameters.require("reply", as: Int.self)
                return try await FormFlow.submit(
                    context,
                    redirectTo: LibraryPaths.debate(id),
                    flash: hide ? "The reply is hidden; the log shows why." : "The reply is shown again.",
                    page: { fields in
                        let refused = DebateForms.RefusedModeration(reply: reply, fields: fields)
                        return try await debatePage(request, context, forms: DebateForms(moderation: refused))
                    }
                ) {
                    try await debates.moderate(
                        debate: id,
                        reply: reply,
                        hide: hide,
                        reason: context.form["reason"],
                        by: try context.requirePerson()
                    )
                }
            }
        }
        router.post(LibraryPaths.moderators) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: LibraryPaths.debate(id),
                flash: "Moderator added.",
                page: { fields in try await debatePage(request, context, forms: DebateForms(moderator: fields)) }
            ) {
                let person = try context.requirePerson()
                let typed = try await PersonChoices.handles(
                    context.form["handle"],
                    field: "handle",
                    offered: try await PersonChoices.seen(by: person, includingViewer: false, sql: services.store.sql),
                    sql: services.store.sql
                )
                try await AppError.refining(typed.messages) {
                    try await debates.addModerator(debate: id, handle: typed.values.first ?? "", by: person)
                }
            }
        }
        router.post(LibraryPaths.closeDebate) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await debates.close(debate: id, by: try context.requirePerson())
            return Reply.redirect(LibraryPaths.debate(id), flash: "The debate is closed.")
        }
    }

    /// The form as sent, with the messages for its fields.
    private func fields(_ context: AppContext, _ errors: [String: String]) -> FieldSet {
        FieldSet(values: context.form, errors: errors)
    }

    /// The debate's page again after a refused form, with the person's input in that form (status 422).
    private func refused(_ request: Request, _ context: AppContext, _ forms: DebateForms) async throws -> Response {
        Reply.html(try await debatePage(request, context, forms: forms), status: .unprocessableContent)
    }

    private func debatePage(
        _ request: Request,
        _ context: AppContext,
        forms: DebateForms = DebateForms()
    ) async throws -> HTML {
        let id = try context.parameters.require("id", as: Int.self)
        let page = PageRequest(
            request.uri.queryParameters["page"].map(String.init),
            size: DebateQueries.repliesPerPage
        )
        let debate = try await queries.debate(id)
        let isModerator = try await debates.isModerator(id, context.person)
        var forms = forms
        if isModerator {
            forms.people = try await PersonChoices.seen(
                by: context.person,
                includingViewer: false,
                sql: services.store.sql
            )
        }
        return DebatePages.show(
            context,
            debate: debate,
            replies: try await queries.replies(id, page: page),
            log: try await queries.log(id),
            isModerator: isModerator,
            speakFor: try await speakFor(context.person),
            forms: forms
        )
    }

    /// Groups the person may state a position for.
    func speakFor(_ person: CurrentPerson?) async throws -> [GroupRef] {
        guard let person else { return [] }
        return try await groupsEdited(by: person, followableOnly: false, in: services.store.sql)
    }
}
