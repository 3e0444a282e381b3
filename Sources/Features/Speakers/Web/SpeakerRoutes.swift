import Events
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The roster's pages and forms. A form that fails comes back with 422 and a message next to each field.
struct SpeakerRoutes {
    let services: AppServices
    var speakers: Speakers { Speakers(services: services) }
    var queries: SpeakerQueries { SpeakerQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(SpeakerPaths.roster) { request, context in
            let form = Self.query(request, ["topic", "city", "from", "until"])
            let cities = try await queries.cities()
            let paging = PageRequest(request.uri.queryParameters["page"].map(String.init))
            let refused = { (fields: FieldSet) in
                let empty = Page<SpeakerCard>(probed: [], request: paging)
                return SpeakerPages.index(
                    context,
                    page: empty,
                    form: fields.values,
                    cities: cities,
                    errors: fields.errors
                )
            }
            return try await FormFlow.submit(context, values: form, page: refused) {
                let results = try await queries.search(try SpeakerFilter(form: form), page: paging)
                return Reply.html(SpeakerPages.index(context, page: results, form: form, cities: cities))
            }
        }
        router.get(SpeakerPaths.newSpeaker) { _, context in
            let person = try context.requirePerson()
            return Reply.html(
                SpeakerPages.form(
                    context,
                    fields: FieldSet(),
                    cities: try await queries.cities(),
                    groups: try await queries.groupsActedFor(by: person),
                    people: try await PersonChoices.seen(by: person, sql: services.store.sql)
                )
            )
        }
        router.post(SpeakerPaths.roster) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                page: { fields in try await formPage(context, person, fields, editing: nil) }
            ) {
                let (input, messages) = try await speakerInput(context, person)
                let id = try await AppError.refining(messages) { try await speakers.add(input, by: person) }
                return Reply.redirect(SpeakerPaths.speaker(id), flash: "Speaker added to the roster.")
            }
        }
        router.get(SpeakerPaths.speaker) { _, context in
            let speaker = try await queries.speaker(
                try context.parameters.require("id", as: Int.self),
                viewer: context.person
            )
            return Reply.html(
                SpeakerPages.show(context, speaker, groups: try await queries.groupsActedFor(by: context.person))
            )
        }
        router.get(SpeakerPaths.editSpeaker) { _, context in
            let person = try context.requirePerson()
            let speaker = try await queries.speaker(try context.parameters.require("id", as: Int.self), viewer: person)
            guard speaker.canEdit else {
                throw AppError.forbidden(
                    "Only whoever added the speaker, their group's organizers and the speaker change it."
                )
            }
            return Reply.html(
                SpeakerPages.form(
                    context,
                    fields: FieldSet(values: SpeakerPages.formValues(speaker)),
                    cities: try await queries.cities(),
                    groups: [],
                    people: try await PersonChoices.seen(by: person, sql: services.store.sql),
                    editing: speaker.id
                )
            )
        }
        router.post(SpeakerPaths.speaker) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: SpeakerPaths.speaker(id),
                flash: "Saved.",
                page: { fields in try await formPage(context, person, fields, editing: id) }
            ) {
                let (input, messages) = try await speakerInput(context, person)
                try await AppError.refining(messages) { try await speakers.update(id, input, by: person) }
            }
        }
        router.post(SpeakerPaths.talks) { _, context in
            try await onPage(context, flash: "Talk added.") { id, person in
                try await speakers.addTalk(
                    id,
                    title: context.form["title"],
                    abstract: context.form.raw("abstract"),
                    minutes: context.form["minutes"],
                    by: person
                )
            }
        }
        router.post(SpeakerPaths.removeTalk) { _, context in
            let talk = try context.parameters.require("talk", as: Int.self)
            return try await onPage(context, flash: "Talk removed.") { id, person in
                try await speakers.removeTalk(talk, of: id, by: person)
            }
        }
        router.post(SpeakerPaths.availability) { _, context in
            try await onPage(context, flash: "Dates added.") { id, person in
                try await speakers.addAvailability(
                    id,
                    from: context.form["from"],
                    until: context.form["until"],
                    by: person
                )
            }
        }
        router.post(SpeakerPaths.removeAvailability) { _, context in
            let window = try context.parameters.require("window", as: Int.self)
            return try await onPage(context, flash: "Dates removed.") { id, person in
                try await speakers.removeAvailability(window, of: id, by: person)
            }
        }
        router.post(SpeakerPaths.recommend) { _, context in
            try await onPage(context, flash: "Recommended.") { id, person in
                try await speakers.recommend(
                    id,
                    group: context.form["group"],
                    note: context.form.raw("note"),
                    by: person
                )
            }
        }
        router.post(SpeakerPaths.unrecommend) { _, context in
            try await onPage(context, flash: "Recommendation withdrawn.") { id, person in
                try await speakers.withdrawRecommendation(id, group: context.form["group"], by: person)
            }
        }
    }

    /// Runs a write from the speaker's page: back to the page with a message, or the page again with the errors.
    private func onPage(
        _ context: AppContext,
        flash: String,
        _ write: (Int, CurrentPerson) async throws -> Void
    ) async throws -> Response {
        let person = try context.requirePerson()
        let id = try context.parameters.require("id", as: Int.self)
        let page = { (fields: FieldSet) in
            SpeakerPages.show(
                context,
                try await queries.speaker(id, viewer: person),
                groups: try await queries.groupsActedFor(by: person),
                form: fields.values,
                errors: fields.errors
            )
        }
        return try await FormFlow.submit(context, redirectTo: SpeakerPaths.speaker(id), flash: flash, page: page) {
            try await write(id, person)
        }
    }

    private func formPage(
        _ context: AppContext,
        _ person: CurrentPerson,
        _ fields: FieldSet,
        editing id: Int?
    )
        async throws -> HTML
    {
        SpeakerPages.form(
            context,
            fields: fields,
            cities: try await queries.cities(),
            groups: try await queries.groupsActedFor(by: person),
            people: try await PersonChoices.seen(by: person, sql: services.store.sql),
            editing: id
        )
    }

    /// The form's speaker, whose account is picked by name (or typed as a handle), and the message for an
    /// account that names nobody.
    private func speakerInput(
        _ context: AppContext,
        _ person: CurrentPerson
    ) async throws
        -> (SpeakerInput, [String: String])
    {
        var input = SpeakerInput(form: context.form)
        let typed = try await PersonChoices.handles(
            context.form["handle"],
            field: "handle",
            offered: try await PersonChoices.seen(by: person, sql: services.store.sql),
            sql: services.store.sql
        )
        input.handle = typed.values.first ?? ""
        return (input, typed.messages)
    }

    /// The named query parameters as form values, without control characters.
    static func query(_ request: Request, _ keys: [String]) -> FormData {
        FormData(
            keys.compactMap { key in
                request.uri.queryParameters[Substring(key)].map { value in
                    (
                        key,
                        String(
                            String.UnicodeScalarView(
                                value.unicodeScalars.filter { $0.properties.generalCategory != .control }
                            )
                        )
                    )
                }
            }
        )
    }
}
