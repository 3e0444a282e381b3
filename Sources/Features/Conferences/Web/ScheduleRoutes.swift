import Events
import FreshgroundCore
import FreshgroundWeb
import Hummingbird
import SQLKit

/// The schedule (public once published), the builder, the personal agenda and the action proposals.
struct ScheduleRoutes {
    let services: AppServices
    var schedule: Schedule { Schedule(services: services) }
    var queries: ScheduleQueries { ScheduleQueries(services: services) }
    var actions: Actions { Actions(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(ConferencePaths.schedule) { request, context in
            // Anonymous visitors share a copy for a moment: a 300-session schedule is worth keeping.
            try await services.publicPages.page(request, context) {
                let conference = try await load(context)
                let grouping: SchedulePages.Grouping = request.uri.queryParameters["by"] == "track" ? .track : .day
                let sessions = try await queries.visibleSessions(conference, viewer: context.person)
                return SchedulePages.schedule(context, conference, sessions, by: grouping)
            }
        }
        router.get(ConferencePaths.editSchedule) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let conference = try await ConferenceAccess.requireOrganizer(id, person, services: services)
            return Reply.html(SchedulePages.builder(context, conference, try await queries.placeable(id)))
        }
        router.post(ConferencePaths.sessions) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let form = context.form
            var input = SessionInput()
            input.proposal = Int(form["proposal"])
            input.room = Int(form["room"])
            input.track = Int(form["track"])
            input.start = form["start"]
            input.end = form["end"]
            let page = { (fields: FieldSet) in
                let conference = try await ConferenceAccess.requireOrganizer(id, person, services: services)
                return SchedulePages.builder(context, conference, try await queries.placeable(id), fields: fields)
            }
            return try await FormFlow.submit(
                context,
                redirectTo: ConferencePaths.editSchedule(id),
                flash: "The session is placed.",
                page: page
            ) {
                _ = try await schedule.place(in: id, input, by: person)
            }
        }
        router.post(ConferencePaths.removeSession) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            try await schedule.unschedule(try context.parameters.require("session", as: Int.self), in: id, by: person)
            return Reply.redirect(ConferencePaths.editSchedule(id), flash: "The session is off the schedule.")
        }
        for (path, on) in [(ConferencePaths.star, true), (ConferencePaths.unstar, false)] {
            router.post(path) { _, context in
                let person = try context.requirePerson()
                let id = try context.parameters.require("id", as: Int.self)
                let session = try context.parameters.require("session", as: Int.self)
                try await queries.star(session, in: id, on: on, by: person)
                return Reply.redirect(
                    ConferencePaths.schedule(id) + "#session-\(session)",
                    flash: on ? "Added to your agenda." : "Removed from your agenda."
                )
            }
        }
        router.get(ConferencePaths.agenda) { _, context in
            let person = try context.requirePerson()
            let conference = try await load(context)
            let sessions =
                conference.settings.schedulePublished || conference.roles.isOrganizer
                ? try await queries.sessions(conference.id, viewer: person.id, starredOnly: true) : []
            let token = try await queries.agendaToken(for: person)
            return Reply.html(
                SchedulePages.agenda(
                    context,
                    conference,
                    sessions,
                    feedURL: services.site.url + ConferencePaths.agendaFeed(token: token)
                )
            )
        }
        router.post(ConferencePaths.renewAgendaKey) { _, context in
            let person = try context.requirePerson()
            _ = try await queries.agendaToken(for: person, renew: true)
            return Reply.redirect(
                ConferencePaths.myAgenda(),
                flash: "Your agenda has a new secret address; the old one stops working."
            )
        }
        router.get(ConferencePaths.myAgenda) { _, context in
            let person = try context.requirePerson()
            let token = try await queries.agendaToken(for: person)
            let entries = try await queries.agenda(person: person.id)
            let invitations = try await ProposalQueries(services: services).invitations(for: person)
            return Reply.html(
                AgendaPage.page(
                    context,
                    entries,
                    invitations: invitations,
                    feedURL: services.site.url + ConferencePaths.agendaFeed(token: token)
                )
            )
        }
        registerActions(on: router)
    }

    private func registerActions(on router: Router<AppContext>) {
        router.get(ConferencePaths.actions) { _, context in
            Reply.html(try await actionsPage(context))
        }
        router.post(ConferencePaths.actions) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                page: { fields in try await actionsPage(context, fields: fields) }
            ) {
                let action = try await actions.submit(
                    to: id,
                    title: context.form["title"],
                    text: context.form.raw("text"),
                    by: person
                )
                return Reply.redirect(
                    ConferencePaths.actions(id) + "#action-\(action)",
                    flash: "Your proposal is published."
                )
            }
        }
        router.post(ConferencePaths.supportAction) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let action = try context.parameters.require("action", as: Int.self)
            let on = context.form["support"] != "off"
            try await actions.support(action, of: id, group: context.form["group"], on: on, by: person)
            return Reply.redirect(
                ConferencePaths.actions(id) + "#action-\(action)",
                flash: on ? "Your group supports the action." : "Your group's support is withdrawn."
            )
        }
        router.post(ConferencePaths.withdrawAction) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            try await actions.withdraw(try context.parameters.require("action", as: Int.self), of: id, by: person)
            return Reply.redirect(ConferencePaths.actions(id), flash: "Your action proposal is withdrawn.")
        }
    }

    private func actionsPage(_ context: AppContext, fields: FieldSet = FieldSet()) async throws -> HTML {
        let conference = try await load(context)
        let organized = try await ConferenceAccess.actedGroups(context.person, organizerOnly: true, services.store.sql)
        let list = try await actions.list(conference.id)
        return ActionPages.list(
            context,
            conference,
            list,
            organized: organized,
            plenary: try await PlenaryQueries(services: services).overview(list, viewer: context.person),
            fields: fields
        )
    }

    private func load(_ context: AppContext) async throws -> ConferenceView {
        try await ConferenceAccess.load(
            try context.parameters.require("id", as: Int.self),
            viewer: context.person,
            services: services
        )
    }
}
