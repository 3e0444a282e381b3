import Events
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The tours' pages and forms. A stop form that fails comes back on the tour's page with 422 and the messages next
/// to its fields; a refused scheduling comes back with 409 and the reason.
struct TourRoutes {
    let services: AppServices
    var tours: Tours { Tours(services: services) }
    var queries: TourQueries { TourQueries(services: services) }
    var roster: SpeakerQueries { SpeakerQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(SpeakerPaths.tours) { _, context in
            let (mine, asked, scheduled) = try await queries.lists(for: context.person)
            return Reply.html(TourPages.index(context, mine: mine, asked: asked, scheduled: scheduled))
        }
        router.get(SpeakerPaths.newTour) { request, context in
            let person = try context.requirePerson()
            var values = FormData()
            if let speaker = request.uri.queryParameters["speaker"] { values.set("speaker", String(speaker)) }
            return Reply.html(try await newForm(context, person, FieldSet(values: values)))
        }
        router.post(SpeakerPaths.tours) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(context, page: { fields in try await newForm(context, person, fields) }) {
                // The form offers the roster by name; the writes (and the API) take the speaker's number.
                let speaker = try await roster.choices().number(of: context.form["speaker"], field: "speaker")
                let id = try await tours.create(
                    speaker: speaker.map(String.init) ?? "",
                    title: context.form["title"],
                    from: context.form["from"],
                    until: context.form["until"],
                    group: context.form["group"],
                    by: person
                )
                return Reply.redirect(SpeakerPaths.tour(id), flash: "Tour started. Add its stops.")
            }
        }
        router.get(SpeakerPaths.tour) { _, context in
            Reply.html(try await page(context, try context.parameters.require("id", as: Int.self)))
        }
        router.post(SpeakerPaths.stops) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: SpeakerPaths.tour(id),
                flash: "Stop added. Its host groups were asked.",
                page: { fields in try await page(context, id, form: fields.values, errors: fields.errors) }
            ) {
                var input = StopInput(form: context.form)
                // The form names the host groups; the writes (and the API) take their addresses.
                let typed = context.form["hosts"]
                var hosts = try await GroupChoices.named(visibleTo: person, naming: typed, in: services.store.sql)
                    .valuesOrTyped(typed, field: "hosts")
                if hosts.values.isEmpty { hosts.messages["hosts"] = "Name at least one host group." }
                input.hosts = hosts.values
                _ = try await AppError.refining(hosts.messages) { try await tours.addStop(id, input, by: person) }
            }
        }
        router.post(SpeakerPaths.removeStop) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await tours.removeStop(
                id,
                stop: try context.parameters.require("stop", as: Int.self),
                by: try context.requirePerson()
            )
            return Reply.redirect(SpeakerPaths.tour(id), flash: "Stop removed.")
        }
        router.post(SpeakerPaths.hostAnswer) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let accept = context.form["answer"] == "accept"
            guard accept || context.form["answer"] == "decline" else {
                throw AppError.badRequest("Answer accept or decline.")
            }
            try await tours.answer(
                id,
                stop: try context.parameters.require("stop", as: Int.self),
                group: try context.parameters.require("slug"),
                accept: accept,
                by: try context.requirePerson()
            )
            return Reply.redirect(SpeakerPaths.tour(id), flash: accept ? "Accepted. Thank you!" : "Declined.")
        }
        router.post(SpeakerPaths.schedule) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            do {
                try await TourScheduling(services: services).schedule(id, by: person)
                return Reply.redirect(SpeakerPaths.tour(id), flash: "Scheduled: every stop is now an event.")
            } catch AppError.conflict(let reason) {
                return Reply.html(try await page(context, id, alert: reason), status: .conflict)
            }
        }
    }

    private func page(
        _ context: AppContext,
        _ id: Int,
        form: FormData = FormData(),
        errors: [String: String] = [:],
        alert: String? = nil
    ) async throws -> HTML {
        let tour = try await queries.tour(id, viewer: context.person)
        let talks = tour.canPlan ? try await roster.talks(of: tour.speaker.id) : []
        let cities = tour.canPlan ? try await roster.cities() : []
        let hosts =
            tour.canPlan
            ? try await GroupChoices.named(visibleTo: context.person, naming: form["hosts"], in: services.store.sql)
            : GroupChoices.named([])
        return TourPages.show(
            context,
            tour,
            cities: cities,
            talks: talks,
            hosts: hosts,
            form: form,
            errors: errors,
            alert: alert
        )
    }

    private func newForm(
        _ context: AppContext,
        _ person: CurrentPerson,
        _ fields: FieldSet
    ) async throws -> HTML {
        var card: SpeakerCard?
        if let number = Int(fields.values["speaker"].split(separator: "/").last ?? ""),
            let speaker = try? await roster.speaker(number, viewer: nil)
        {
            card = SpeakerCard(
                id: speaker.id,
                name: speaker.name,
                handle: speaker.handle,
                city: speaker.city,
                topics: speaker.topics,
                recommendations: speaker.recommendedBy.count
            )
        }
        let groups = try await queries.organizedGroups(of: person)
        let speakers = try await roster.choices()
        return TourPages.new(context, fields: fields, speaker: card, speakers: speakers, groups: groups)
    }
}
