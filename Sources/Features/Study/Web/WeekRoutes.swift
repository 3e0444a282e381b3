import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import Library

/// A week's page and the organizers' forms that change the syllabus.
struct WeekRoutes {
    let services: AppServices
    var queries: SeriesQueries { SeriesQueries(services: services) }
    var syllabus: SyllabusWrites { SyllabusWrites(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(StudyPaths.week) { _, context in
            let series = try await queries.series(try seriesParam(context), viewer: context.person)
            let week = try queries.week(series, try weekParam(context))
            let choices =
                series.viewer.isOrganizer
                ? try await WeekChoices.load(services, series: series.id, viewer: context.person) : nil
            return Reply.html(WeekPages.show(context, series, week, choices: choices))
        }
        router.post(StudyPaths.weeks) { _, context in
            let person = try context.requirePerson()
            let id = try seriesParam(context)
            return try await FormFlow.submit(
                context,
                page: { fields in
                    try await seriesPage(
                        context,
                        services,
                        try await queries.series(id, viewer: person),
                        viewer: person,
                        fields: fields,
                        failed: "week"
                    )
                }
            ) {
                let number = try await syllabus.addWeek(id, WeekInput(form: context.form), by: person)
                return Reply.redirect(StudyPaths.week(id, number), flash: "Week \(number) added.")
            }
        }
        router.post(StudyPaths.weeksFromList) { _, context in
            let person = try context.requirePerson()
            let id = try seriesParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: StudyPaths.series(id),
                flash: "Weeks added from the reading list.",
                page: { fields in
                    try await seriesPage(
                        context,
                        services,
                        try await queries.series(id, viewer: person),
                        viewer: person,
                        fields: fields,
                        failed: "list"
                    )
                }
            ) {
                // The form offers reading lists by title; the writes (and the API) take the list's number.
                let lists = try await ReadingLists(services: services).choices(readableBy: person)
                guard let list = try lists.number(of: context.form["list"], field: "list") else {
                    throw AppError.validation(["list": "Choose a reading list by its title."])
                }
                let perWeek = context.form["perWeek"].isEmpty ? 1 : Int(context.form["perWeek"]) ?? 0
                _ = try await syllabus.weeksFromList(id, list: list, perWeek: perWeek, by: person)
            }
        }
        router.post(StudyPaths.weeklySessions) { _, context in
            let person = try context.requirePerson()
            let id = try seriesParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: StudyPaths.series(id),
                flash: "Sessions scheduled, a week apart.",
                page: { fields in
                    try await seriesPage(
                        context,
                        services,
                        try await queries.series(id, viewer: person),
                        viewer: person,
                        fields: fields,
                        failed: "sessions"
                    )
                }
            ) {
                _ = try await SessionWrites(services: services).scheduleWeekly(
                    id,
                    SessionInput(form: context.form),
                    by: person
                )
            }
        }
        router.post(StudyPaths.week) { _, context in
            try await weekForm(context, failed: "week", flash: "Week saved.") { id, number, person in
                try await syllabus.updateWeek(id, number, WeekInput(form: context.form), by: person)
            }
        }
        router.post(StudyPaths.removeWeek) { _, context in
            let id = try seriesParam(context)
            try await syllabus.removeWeek(id, try weekParam(context), by: try context.requirePerson())
            return Reply.redirect(StudyPaths.series(id), flash: "Week removed.")
        }
        router.post(StudyPaths.moveWeek) { _, context in
            let id = try seriesParam(context)
            let step = context.form["step"] == "-1" ? -1 : 1
            try await syllabus.moveWeek(id, try weekParam(context), by: step, person: try context.requirePerson())
            return Reply.redirect(StudyPaths.series(id), flash: "Week moved.")
        }
        router.post(StudyPaths.readings) { _, context in
            try await weekForm(context, failed: "reading", prefix: "reading", flash: "Reading added.") {
                id,
                number,
                person in
                var input = ReadingInput(form: context.form)
                // The form offers pieces by title; the writes (and the API) take the piece's number.
                let typed = context.form["readingPublication"]
                input.publication = try await WeekChoices.pieces(services.store.sql, naming: typed)
                    .number(of: typed, field: "publication").map(String.init)
                try await syllabus.addReading(id, number, input, by: person)
            }
        }
        router.post(StudyPaths.media) { _, context in
            try await weekForm(context, failed: "media", prefix: "media", flash: "Added.") { id, number, person in
                try await syllabus.addMedia(id, number, MediaInput(form: context.form), by: person)
            }
        }
        router.post(StudyPaths.presenters) { _, context in
            try await weekForm(context, failed: "presenter", prefix: "presenter", flash: "Presenter added.") {
                id,
                number,
                person in
                var input = PresenterInput(form: context.form)
                // The form offers the roster by name; the writes (and the API) take the speaker's number.
                input.speaker = try await WeekChoices.load(services).speakers
                    .number(of: context.form["presenterSpeaker"], field: "speaker")
                let sql = services.store.sql
                let typed = try await PersonChoices.handles(
                    context.form["presenterHandle"],
                    field: "handle",
                    offered: try await WeekChoices.presenters(of: id, for: person, sql),
                    sql: sql
                )
                input.handle = typed.values.first ?? ""
                try await AppError.refining(typed.messages) {
                    try await syllabus.addPresenter(id, number, input, by: person)
                }
            }
        }
        router.post(StudyPaths.session) { _, context in
            try await weekForm(context, failed: "session", flash: "Session scheduled.") { id, number, person in
                _ = try await SessionWrites(services: services).schedule(
                    id,
                    number,
                    SessionInput(form: context.form),
                    by: person
                )
            }
        }
        let removals = [
            (StudyPaths.removeReading, SyllabusPart.reading), (StudyPaths.removeMedia, .media),
            (StudyPaths.removePresenter, .presenter),
        ]
        for (path, part) in removals {
            router.post(path) { _, context in
                let id = try seriesParam(context)
                let number = try weekParam(context)
                try await syllabus.remove(
                    part,
                    id: try context.parameters.require("part", as: Int.self),
                    series: id,
                    week: number,
                    by: try context.requirePerson()
                )
                return Reply.redirect(StudyPaths.week(id, number), flash: "Removed.")
            }
        }
    }

    private func weekForm(
        _ context: AppContext,
        failed: String,
        prefix: String? = nil,
        flash: String,
        _ action: (Int, Int, CurrentPerson) async throws -> Void
    ) async throws -> Response {
        let person = try context.requirePerson()
        let id = try seriesParam(context)
        let number = try weekParam(context)
        let rename = { (errors: [String: String]) in prefix.map { StudyParts.prefixed(errors, $0) } ?? errors }
        let page = { (fields: FieldSet) in
            let series = try await queries.series(id, viewer: person)
            let week = try queries.week(series, number)
            let choices =
                series.viewer.isOrganizer ? try await WeekChoices.load(services, series: id, viewer: person) : nil
            return WeekPages.show(context, series, week, fields: fields, failed: failed, choices: choices)
        }
        let location = StudyPaths.week(id, number)
        return try await FormFlow.submit(context, redirectTo: location, flash: flash, fields: rename, page: page) {
            try await action(id, number, person)
        }
    }
}
