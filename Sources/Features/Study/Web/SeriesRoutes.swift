import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The series' pages and forms: the list, starting and changing a series, co-organizers, enrollment and the
/// email list settings, the participants, the mail sent, and unsubscribing from a message's link.
struct SeriesRoutes {
    let services: AppServices
    var queries: SeriesQueries { SeriesQueries(services: services) }
    var writes: SeriesWrites { SeriesWrites(services: services) }
    var enrollments: Enrollments { Enrollments(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(StudyPaths.study) { request, context in
            let page = try await queries.cards(page: PageRequest(request.uri.queryParameters["page"].map(String.init)))
            var invitations: [(series: SeriesCard, group: GroupRef)] = []
            if let person = context.person { invitations = try await writes.invitations(for: person) }
            return Reply.html(SeriesPages.index(context, page, invitations: invitations))
        }
        router.get(StudyPaths.newSeries) { _, context in
            let person = try context.requirePerson()
            let values = FormData([
                ("readingKinds", standardReadingKinds.joined(separator: "\n")),
                ("agenda", AgendaItem.text(AgendaItem.standard)),
            ])
            let copies = try await SeriesChoices.series(services)
            let fields = FieldSet(values: values)
            return Reply.html(SeriesPages.form(context, fields, groups: try await groups(person), copies: copies))
        }
        router.post(StudyPaths.study) { _, context in
            let person = try context.requirePerson()
            let copies = try await SeriesChoices.series(services)
            return try await FormFlow.submit(
                context,
                page: { fields in SeriesPages.form(context, fields, groups: try await groups(person), copies: copies) }
            ) {
                var input = SeriesInput(form: context.form)
                // The form offers series by title; the writes (and the API) take the series' number.
                input.copyFrom = try copies.number(of: context.form["copyFrom"], field: "copyFrom")
                let id = try await writes.create(input, by: person)
                return Reply.redirect(StudyPaths.series(id), flash: "Series started. Add its weeks.")
            }
        }
        router.get(StudyPaths.series) { _, context in
            let series = try await queries.series(try seriesParam(context), viewer: context.person)
            return Reply.html(try await seriesPage(context, services, series, viewer: context.person))
        }
        router.get(StudyPaths.editSeries) { _, context in
            let person = try context.requirePerson()
            let series = try await queries.organized(try seriesParam(context), by: person)
            let values = FormData([
                ("title", series.title), ("description", series.description),
                ("enrollment", series.enrollment.rawValue),
                ("readingKinds", series.readingKinds.joined(separator: "\n")),
                ("agenda", AgendaItem.text(series.agenda)),
                ("publishReports", series.publishReports ? "on" : "off"), ("_submitted", "1"),
            ])
            return Reply.html(SeriesPages.form(context, FieldSet(values: values), groups: [], editing: series))
        }
        router.post(StudyPaths.series) { _, context in
            let person = try context.requirePerson()
            let id = try seriesParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: StudyPaths.series(id),
                flash: "Saved.",
                page: { fields in
                    SeriesPages.form(context, fields, groups: [], editing: try await queries.series(id, viewer: person))
                }
            ) {
                try await writes.update(id, SeriesInput(form: context.form), by: person)
            }
        }
        router.post(StudyPaths.organizers) { _, context in
            let person = try context.requirePerson()
            let id = try seriesParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: StudyPaths.series(id),
                flash: "Invited. The group's organizers will answer.",
                page: { fields in
                    try await seriesPage(
                        context,
                        services,
                        try await queries.series(id, viewer: person),
                        viewer: person,
                        fields: fields,
                        failed: "invite"
                    )
                }
            ) {
                // The form names the group; the writes (and the API) take its address.
                let group = try await GroupChoices.chosen(context.form["group"], by: person, in: services.store.sql)
                try await writes.invite(id, group: group, by: person)
            }
        }
        router.post(StudyPaths.organizerAnswer) { _, context in
            let accept = context.form["answer"] == "accept"
            guard accept || context.form["answer"] == "decline" else {
                throw AppError.badRequest("Answer accept or decline.")
            }
            let id = try seriesParam(context)
            try await writes.answer(
                id,
                group: try context.parameters.require("slug"),
                accept: accept,
                by: try context.requirePerson()
            )
            return Reply.redirect(
                StudyPaths.series(id),
                flash: accept ? "Your group now co-organizes this series." : "Declined."
            )
        }
        router.post(StudyPaths.enrollment) { _, context in
            let id = try seriesParam(context)
            let status = try await enrollments.enroll(
                id,
                EnrollInput(
                    newcomer: context.form.checked("newcomer"),
                    online: context.form.checked("online"),
                    digest: context.form.checked("digest")
                ),
                by: try context.requirePerson()
            )
            return Reply.redirect(
                StudyPaths.series(id),
                flash: status == .enrolled ? "You are enrolled. Welcome!" : "Asked. An organizer will let you in."
            )
        }
        router.post(StudyPaths.enrollmentSettings) { _, context in
            let id = try seriesParam(context)
            try await enrollments.settings(
                id,
                subscribed: context.form.checked("subscribed"),
                digest: context.form.checked("digest"),
                by: try context.requirePerson()
            )
            return Reply.redirect(StudyPaths.series(id), flash: "Email settings saved.")
        }
        router.post(StudyPaths.leave) { _, context in
            let id = try seriesParam(context)
            try await enrollments.leave(id, by: try context.requirePerson())
            return Reply.redirect(StudyPaths.series(id), flash: "You left the series.")
        }
        router.get(StudyPaths.participants) { _, context in
            let person = try context.requirePerson()
            let id = try seriesParam(context)
            let people = try await enrollments.participants(id, by: person)
            return Reply.html(
                ListPages.participants(
                    context,
                    try await queries.series(id, viewer: person),
                    people,
                    withoutMail: try await enrollments.withoutMail(id),
                    siteSends: services.mailer.delivers
                )
            )
        }
        router.post(StudyPaths.participantAnswer) { _, context in
            let id = try seriesParam(context)
            let accept = context.form["answer"] == "accept"
            try await enrollments.decide(
                id,
                handle: try context.parameters.require("handle"),
                accept: accept,
                by: try context.requirePerson()
            )
            return Reply.redirect(StudyPaths.participants(id), flash: accept ? "Let in." : "Declined.")
        }
        router.get(StudyPaths.mailings) { _, context in
            let person = try context.requirePerson()
            let id = try seriesParam(context)
            let mailings = try await StudyList(services: services).mailings(id, by: person)
            return Reply.html(
                ListPages.mailings(
                    context,
                    try await queries.series(id, viewer: person),
                    mailings,
                    delivers: services.mailer.delivers
                )
            )
        }
        router.get(StudyPaths.unsubscribe) { _, context in
            let token = try context.parameters.require("token")
            guard let found = try await enrollments.subscription(token: token) else { throw AppError.notFound }
            return Reply.html(
                ListPages.unsubscribe(context, token: token, title: found.title, subscribed: found.subscribed)
            )
        }
        // A mail client's one-click unsubscribe (RFC 8058) posts here without a session or a CSRF token: the token
        // in the address is the only credential, and it can only stop that person's emails.
        router.post(StudyPaths.unsubscribe) { _, context in
            let token = try context.parameters.require("token")
            guard let found = try await enrollments.subscription(token: token),
                try await enrollments.unsubscribe(token: token)
            else { throw AppError.notFound }
            return Reply.html(ListPages.unsubscribe(context, token: token, title: found.title, subscribed: false))
        }
    }

    private func groups(_ person: CurrentPerson) async throws -> [GroupRef] {
        try await GroupAccess(services.store.sql).groups(actingFor: person, roles: Role.organizing)
    }
}
