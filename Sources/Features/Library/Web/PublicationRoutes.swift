import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// The library's pages: reading, writing, the workflow, recommendations.
struct PublicationRoutes {
    let services: AppServices
    var queries: PublicationQueries { PublicationQueries(services: services) }
    var workflow: Workflow { Workflow(services: services) }
    var media: MediaStore { MediaStore(directory: services.mediaDirectory) }

    func register(on router: Router<AppContext>) {
        router.get(LibraryPaths.library) { request, context in
            try await services.publicPages.page(request, context) {
                let kind = request.uri.queryParameters["kind"].flatMap { PublicationKind(rawValue: String($0)) }
                let page = try await queries.library(
                    kind: kind,
                    page: PageRequest(request.uri.queryParameters["page"].map(String.init))
                )
                return LibraryPages.index(context, page: page, kind: kind)
            }
        }
        router.get(LibraryPaths.newPublication) { request, context in
            let person = try context.requirePerson()
            var values = FormData()
            for key: String in ["journal", "kind"] {
                if let value = request.uri.queryParameters[Substring(key)] { values.set(key, String(value)) }
            }
            if values["kind"] == "report" { values.set("pseudonym", "on") }
            let journals = try await journals(for: person, naming: values["journal"])
            return Reply.html(PublicationFormPage.page(context, fields: FieldSet(values: values), journals: journals))
        }
        router.post(LibraryPaths.library) { _, context in try await save(context, id: nil) }
        router.get(LibraryPaths.publication) { request, context in
            try await services.publicPages.page(request, context) {
                let id = try context.parameters.require("id", as: Int.self)
                return PublicationPages.show(context, try await pageData(id, context.person))
            }
        }
        router.get(LibraryPaths.editPublication) { _, context in
            let person = try context.requirePerson()
            let (piece, access) = try await queries.visible(
                id: try context.parameters.require("id", as: Int.self),
                viewer: person
            )
            guard access.isAuthor else { throw AppError.forbidden("Only the author can edit this piece.") }
            let values = Self.formValues(piece)
            let journals = try await journals(for: person, naming: values["journal"])
            return Reply.html(
                PublicationFormPage.page(
                    context,
                    fields: FieldSet(values: values),
                    journals: journals,
                    editing: piece.id
                )
            )
        }
        router.post(LibraryPaths.publication) { _, context in
            try await save(context, id: try context.parameters.require("id", as: Int.self))
        }
        router.post(LibraryPaths.submit) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await workflow.submit(id: id, by: try context.requirePerson())
            return Reply.redirect(LibraryPaths.publication(id), flash: "Submitted. The editors will review it.")
        }
        router.post(LibraryPaths.review) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            guard let action = ReviewAction(rawValue: context.form["action"]) else {
                throw AppError.badRequest("Choose a decision.")
            }
            let person = try context.requirePerson()
            let messages: [ReviewAction: String] = [
                .accept: "Accepted and published.", .requestChanges: "Changes asked for.", .decline: "Declined.",
                .comment: "Comment added.",
            ]
            // A refusal draws the piece's page again, with the decision and the note as sent and the message by the
            // note.
            return try await FormFlow.submit(
                context,
                redirectTo: LibraryPaths.publication(id),
                flash: messages[action],
                page: { fields in PublicationPages.show(context, try await pageData(id, person), review: fields) }
            ) {
                try await workflow.review(id: id, action: action, note: context.form.raw("note"), by: person)
            }
        }
        router.get(LibraryPaths.withdraw) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return Reply.html(try await withdrawPage(context, id, fields: FieldSet()))
        }
        router.post(LibraryPaths.withdraw) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: LibraryPaths.publication(id),
                flash: "Withdrawn.",
                page: { fields in try await withdrawPage(context, id, fields: fields) }
            ) {
                try await workflow.withdraw(id: id, note: context.form.raw("note"), by: try context.requirePerson())
            }
        }
        router.post(LibraryPaths.copublishers) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                redirectTo: LibraryPaths.publication(id),
                flash: "Asked. The group's editors will answer.",
                page: { fields in
                    let data = try await pageData(id, person, naming: context.form["copublisher"])
                    return PublicationPages.show(context, data, copublish: fields)
                }
            ) {
                // The form names the group ("group" held its address before); the workflow takes the address.
                let typed = context.form.has("copublisher") ? context.form["copublisher"] : context.form["group"]
                let slug = try await GroupChoices.chosen(
                    typed,
                    field: "copublisher",
                    by: person,
                    in: services.store.sql
                )
                try await workflow.offer(id: id, to: slug, by: person)
            }
        }
        router.post(LibraryPaths.copublisherAnswer) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let slug = try context.parameters.require("slug")
            let accept = context.form["answer"] == "accept"
            try await workflow.answerOffer(id: id, group: slug, accept: accept, by: try context.requirePerson())
            return Reply.redirect(LibraryPaths.submissions(slug), flash: accept ? "Co-published." : "Declined.")
        }
        router.post(LibraryPaths.recommend) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await Recommendations(services: services).recommend(
                id: id,
                by: context.form["group"],
                note: context.form.raw("note"),
                person: try context.requirePerson()
            )
            return Reply.redirect(LibraryPaths.publication(id), flash: "Recommended for the journal.")
        }
        router.post(LibraryPaths.unrecommend) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await Recommendations(services: services).withdraw(
                id: id,
                by: context.form["group"],
                person: try context.requirePerson()
            )
            return Reply.redirect(LibraryPaths.publication(id), flash: "Recommendation withdrawn.")
        }
        router.get(LibraryPaths.myLibrary) { request, context in
            let page = try await queries.mine(
                try context.requirePerson(),
                page: PageRequest(request.uri.queryParameters["page"].map(String.init))
            )
            return Reply.html(LibraryPages.mine(context, page: page))
        }
        router.get(LibraryPaths.submissions) { _, context in
            let (group, standing) = try await GroupQueries(services: services).visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: try context.requirePerson()
            )
            guard standing.canPost else {
                throw AppError.forbidden("Only the group's editors and organizers see its submissions.")
            }
            let queue = try await queries.queue(of: group.id)
            return Reply.html(
                LibraryPages.queue(context, group: group, submitted: queue.submitted, offers: queue.coPublish)
            )
        }
        router.get(LibraryPaths.media) { _, context in try media.response(for: try context.parameters.require("name")) }
    }

    /// Saves a draft or an edit. Refused input, or an edit of a piece past editing (its message at the top, status
    /// 409), comes back as the form with what the person typed.
    /// The step before withdrawing: what happens, and the reason (which the author is owed when an editor withdraws
    /// their piece).
    private func withdrawPage(_ context: AppContext, _ id: Int, fields: FieldSet) async throws -> HTML {
        let (piece, access) = try await queries.visible(id: id, viewer: try context.requirePerson())
        guard access.isAuthor || access.isEditor else {
            throw AppError.forbidden("Only the author or the journal's editors can withdraw this piece.")
        }
        let label = access.isAuthor ? "Why (optional; kept in the piece's history)" : "Why (the author is told)"
        return ConfirmPage.page(
            context,
            title: "Withdraw “\(piece.title)”?",
            explanation: "It leaves the library, the journal, search and the groups' feeds, and its recommendations "
                + "go. It cannot be published again.",
            action: LibraryPaths.withdraw(id),
            button: "Withdraw it",
            back: LibraryPaths.publication(id),
            fields: fields.textarea("note", label: label, rows: 3),
            status: fields.summary
        )
    }

    private func save(_ context: AppContext, id: Int?) async throws -> Response {
        let person = try context.requirePerson()
        let journals = try await journals(for: person, naming: context.form["journal"])
        let page = { (fields: FieldSet) in
            PublicationFormPage.page(context, fields: fields, journals: journals, editing: id)
        }
        do {
            return try await FormFlow.submit(context, page: page) {
                let stored = try context.uploads.first(where: { $0.field == "media" }).map { try media.save($0) }
                // The journal is typed by name; a name that names no group goes to the write as typed, which refuses
                // it with the other fields' messages, and this field's message is the one about the name.
                var input = PublicationInput(form: context.form)
                let journal = journals.valueOrTyped(context.form["journal"], field: "journal")
                input.journal = journal.value
                let savedID = try await AppError.refining(journal.messages) {
                    try await PublicationWrites(services: services).save(input, id: id, by: person, upload: stored)
                }
                return Reply.redirect(
                    LibraryPaths.publication(savedID),
                    flash: "Draft saved. Submit it when it is ready."
                )
            }
        } catch AppError.conflict(let message) {
            let fields = FieldSet(values: context.form, errors: [FieldSet.formMessage: message])
            return Reply.html(page(fields), status: .conflict)
        }
    }

    /// Everything the page shows around the piece, loaded only for viewers it concerns; `typed` is the group the
    /// co-publishing form named, if it comes back refused.
    func pageData(_ id: Int, _ viewer: CurrentPerson?, naming typed: String = "") async throws -> PublicationPageData {
        let (piece, access) = try await queries.visible(id: id, viewer: viewer)
        let history = access.isAuthor || access.isEditor ? try await workflow.events(of: id) : []
        var groups: [GroupRef] = []
        if let viewer, piece.status == .published {
            groups = try await groupsEdited(by: viewer, followableOnly: true, in: services.store.sql)
        }
        let debates = try await DebateQueries(services: services).list(
            page: PageRequest(number: 1, size: 50),
            about: id
        ).items
        var copublishers: [NamedChoice] = []
        if let viewer, access.isAuthor || access.isEditor, piece.status == .published, piece.journalIsPublic {
            let publishing = Set(([piece.journal] + piece.publishers).map(\.slug))
            copublishers = try await GroupChoices.named(visibleTo: viewer, naming: typed, in: services.store.sql)
                .choices.filter { !publishing.contains($0.value) }
        }
        return PublicationPageData(
            piece: Self.forReader(piece, access),
            access: access,
            recommenders: try await Recommendations(services: services).recommenders(of: id, viewer: viewer),
            history: history,
            recommendingGroups: groups,
            debates: debates,
            copublishers: NamedChoices(copublishers, noun: "group")
        )
    }

    /// What a reader may see: the hidden place of a report stays with the author and the editors.
    static func forReader(_ piece: Publication, _ access: PublicationAccess) -> Publication {
        guard var report = piece.report, report.hidePlace, !(access.isAuthor || access.isEditor) else { return piece }
        var copy = piece
        report.placeName = ""
        copy.report = report
        return copy
    }

    /// The groups whose journal the person may submit to, as the form's choices: their own groups, the first
    /// public groups by name, and any other they may see that `typed` names (a network's every group made the
    /// form's list as long as the directory).
    private func journals(for person: CurrentPerson, naming typed: String) async throws -> NamedChoices {
        try await GroupChoices.named(visibleTo: person, naming: typed, in: services.store.sql)
    }

    static func formValues(_ piece: Publication) -> FormData {
        var pairs: [(String, String)] = [
            ("kind", piece.kind.rawValue), ("journal", piece.journal.slug), ("title", piece.title),
            ("summary", piece.summary), ("body", piece.body), ("byline", piece.bylineText),
            ("tags", piece.tags.joined(separator: ", ")), ("linkURL", piece.linkURL), ("linkSource", piece.linkSource),
            ("mediaURL", piece.mediaURL), ("_submitted", "1"),
        ]
        if piece.authors.allSatisfy({ $0.handle == nil }) { pairs.append(("pseudonym", "on")) }
        if let report = piece.report {
            // A report's body is drawn from its parts; the Text field holds only what the author wrote there.
            pairs.removeAll { $0.0 == "body" }
            pairs += [
                ("body", report.text),
                ("placeKind", report.placeKind.rawValue), ("sector", report.sector), ("city", report.city),
                ("placeName", report.placeName), ("happening", report.happening), ("doing", report.doing),
                ("worked", report.worked), ("needs", report.needs),
            ]
            if report.hidePlace { pairs.append(("hidePlace", "on")) }
        }
        return FormData(pairs)
    }
}
