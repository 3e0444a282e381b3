import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import People
import SQLKit

/// The events' pages and forms: the list, scheduling, an event's page, RSVPs, hosts, promotion, attendees.
struct EventRoutes {
    let services: AppServices
    var queries: EventQueries { EventQueries(services: services) }
    var hosting: Hosting { Hosting(services: services) }
    var rsvps: RSVPs { RSVPs(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(EventPaths.events) { request, context in
            var values = FormData()
            for (key, value) in request.uri.queryParameters where key != "page" {
                values.set(String(key), String(value))
            }
            let cities = try await Cities(services: services).all()
            let filter: EventFilter
            do {
                filter = try EventFilter.read(values, cities: cities)
            } catch AppError.validation(let errors) {
                let page = EventPages.index(
                    context,
                    page: Page(probed: [], request: PageRequest(number: 1)),
                    hosts: [:],
                    filter: FieldSet(values: values, errors: errors),
                    cities: cities
                )
                return Reply.html(page, status: .unprocessableContent)
            }
            return try await services.publicPages.page(request, context) {
                let page = try await queries.upcoming(
                    from: services.clock(),
                    filter: filter,
                    page: PageRequest(request.uri.queryParameters["page"].map(String.init))
                )
                let hosts = try await queries.hostNames(page.items.map(\.id), viewer: context.person)
                return EventPages.index(
                    context,
                    page: page,
                    hosts: hosts,
                    filter: FieldSet(values: values),
                    cities: cities
                )
            }
        }
        router.get(EventPaths.new) { _, context in
            let person = try context.requirePerson()
            var values = FormData()
            values.set("kind", EventKind.talk.rawValue)
            return Reply.html(try await form(context, person, FieldSet(values: values)))
        }
        router.post(EventPaths.events) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(context, page: { fields in try await form(context, person, fields) }) {
                var input = try Self.input(context.form)
                // The form names co-hosts; the writes (and the API) take their addresses.
                let typed = context.form["coHosts"]
                let coHosts = try await GroupChoices.named(visibleTo: person, naming: typed, in: services.store.sql)
                    .valuesOrTyped(typed, field: "coHosts")
                input.coHosts = coHosts.values
                let outcome = try await AppError.refining(coHosts.messages) {
                    try await EventWrites(services: services).create(input, by: person)
                }
                switch outcome {
                case .saved(let id):
                    return Reply.redirect(EventPaths.event(id), flash: "The event is scheduled.")
                case .clashes(let clashes):
                    let page = try await form(context, person, FieldSet(values: context.form), clashes: clashes)
                    return Reply.html(page, status: .conflict)
                }
            }
        }
        router.get(EventPaths.edit) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            try await hosting.requireOrganizer(id, person)
            let detail = try await queries.detail(id, viewer: person, showLink: true)
            return Reply.html(try await form(context, person, FieldSet(values: Self.values(detail)), editing: id))
        }
        router.post(EventPaths.event) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                page: { fields in try await form(context, person, fields, editing: id) }
            ) {
                switch try await EventWrites(services: services).update(id, try Self.input(context.form), by: person) {
                case .saved:
                    return Reply.redirect(
                        EventPaths.event(id),
                        flash: "Saved. Everyone coming is told of a new time or place."
                    )
                case .clashes(let clashes):
                    let fields = FieldSet(values: context.form)
                    let page = try await form(context, person, fields, clashes: clashes, editing: id)
                    return Reply.html(page, status: .conflict)
                }
            }
        }
        router.get(EventPaths.event) { request, context in
            try await services.publicPages.page(request, context) { try await eventPage(context) }
        }
        router.post(EventPaths.rsvp) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let status = try await rsvps.rsvp(event: id, by: try context.requirePerson())
            return Reply.redirect(
                EventPaths.event(id),
                flash: status == .going ? "You're going." : "The event is full: you're on the wait list."
            )
        }
        router.post(EventPaths.cancelRSVP) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await rsvps.cancel(event: id, by: try context.requirePerson())
            return Reply.redirect(EventPaths.event(id), flash: "Your RSVP is cancelled.")
        }
        router.post(EventPaths.rsvpByEmail) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let page = { (fields: FieldSet) in
                let detail = try await queries.detail(id, viewer: context.person, showLink: false)
                var viewer = EventViewer()
                viewer.rsvpFields = fields
                return EventPages.show(context, detail: detail, viewer: viewer)
            }
            return try await FormFlow.submit(
                context,
                redirectTo: EventPaths.event(id),
                flash: "Check your email: we sent a link to confirm your place. It counts once you confirm.",
                page: page
            ) {
                guard services.mailer.delivers else {
                    throw AppError.validation([
                        "email":
                            "This site sends no email, so it cannot confirm an RSVP by email: log in or sign up to RSVP."
                    ])
                }
                try await RateLimit.mail.take(for: context, services: services)
                try await rsvps.rsvp(event: id, name: context.form["name"], email: context.form["email"])
            }
        }
        router.post(EventPaths.hosts) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                redirectTo: EventPaths.event(id) + "#hosts",
                flash: "Invited. The group is listed once its organizers accept.",
                page: { fields in try await eventPage(context, coHost: fields) }
            ) {
                // The form names the group; the writes (and the API) take its address, and refuse what they cannot
                // find with a message naming what was typed.
                let typed = context.form["group"]
                let group = try await GroupChoices.named(visibleTo: person, naming: typed, in: services.store.sql)
                    .valueOrTyped(typed, field: "group")
                try await hosting.invite(event: id, group: group.value, by: person)
            }
        }
        for (path, accept) in [(EventPaths.acceptHosting, true), (EventPaths.declineHosting, false)] {
            router.post(path) { _, context in
                let id = try context.parameters.require("id", as: Int.self)
                let slug = try context.parameters.require("slug")
                try await hosting.decide(event: id, group: slug, accept: accept, by: try context.requirePerson())
                return Reply.redirect(
                    accept ? EventPaths.event(id) : EventPaths.myEvents(),
                    flash: accept ? "Your group now co-hosts this event." : "Declined."
                )
            }
        }
        router.post(EventPaths.promotions) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await hosting.promote(event: id, group: context.form["group"], by: try context.requirePerson())
            return Reply.redirect(EventPaths.event(id), flash: "Promoted to your group's members.")
        }
        router.post(EventPaths.removePromotion) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let slug = try context.parameters.require("slug")
            try await hosting.unpromote(event: id, group: slug, by: try context.requirePerson())
            return Reply.redirect(EventPaths.event(id), flash: "No longer promoted.")
        }
        router.get(EventPaths.cancel) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let person = try context.requirePerson()
            _ = try await EventAccess.visibleEvent(id, viewer: person, services: services)
            guard try await EventAccess.isOrganizer(event: id, person, services.store.sql) else {
                throw AppError.forbidden("Only the organizers of its host groups can cancel it.")
            }
            let detail = try await queries.detail(id, viewer: person, showLink: false)
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "Cancel \(detail.event.title)?",
                    explanation: "Everyone with a place or on the wait list is told by email that it is off. "
                        + "This cannot be undone.",
                    action: EventPaths.cancel(id),
                    button: "Cancel the event",
                    back: EventPaths.event(id)
                )
            )
        }
        router.post(EventPaths.cancel) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await hosting.cancel(event: id, by: try context.requirePerson())
            return Reply.redirect(
                EventPaths.event(id),
                flash: "The event is cancelled; everyone coming is told by email."
            )
        }
        router.get(EventPaths.attendees) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let attendance = Attendance(services: services)
            let list = try await attendance.list(event: id, by: try context.requirePerson())
            guard let event = try await queries.summary(id) else { throw AppError.notFound }
            let mail = EventPages.MailReach(
                missing: try await attendance.withoutMail(event: id),
                siteSends: services.mailer.delivers
            )
            return Reply.html(EventPages.attendees(context, event: event, list: list, mail: mail))
        }
        router.post(EventPaths.checkIn) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await Attendance(services: services).checkIn(
                event: id,
                rsvp: try context.parameters.require("rsvp", as: Int.self),
                arrived: context.form.checked("arrived"),
                by: try context.requirePerson()
            )
            return Reply.redirect(EventPaths.attendees(id))
        }
    }

    /// `coHost` is the organizers' invitation form as typed, with its message, when it was refused.
    private func eventPage(_ context: AppContext, coHost: FieldSet = FieldSet()) async throws -> HTML {
        let id = try context.parameters.require("id", as: Int.self)
        // Anonymous visitors cost two statements: the event with its counts, and its groups.
        guard let person = context.person else {
            let detail = try await queries.detail(id, viewer: nil, showLink: false)
            guard detail.event.isPublic else { throw AppError.notFound }
            var anonymous = EventViewer()
            anonymous.getsMail = services.mailer.delivers
            return EventPages.show(context, detail: detail, viewer: anonymous)
        }
        let seen = try await SeenEvent.read(id, by: person, services: services)
        var viewer = EventViewer()
        viewer.rsvp = seen.rsvp
        viewer.isOrganizer = seen.isOrganizer
        viewer.getsMail = try await Accounts(services: services).mailReaches(personID: person.id)
        viewer.promoteFor = try await promoters(person)
        if viewer.isOrganizer {
            let typed = coHost.values["group"]
            viewer.coHost = (
                coHost, try await GroupChoices.named(visibleTo: person, naming: typed, in: services.store.sql)
            )
        }
        return EventPages.show(context, detail: seen.detail, viewer: viewer)
    }

    /// The event form's fields as the writes take them.
    static func input(_ form: FormData) throws -> EventInput {
        var input = EventInput()
        input.kind = form["kind"]
        input.title = form["title"]
        input.description = form.raw("description")
        input.start = form["start"]
        input.end = form["end"]
        input.timeZone = form["timeZone"]
        input.city = form["city"]
        input.address = form["address"]
        input.onlineURL = form["onlineURL"]
        input.isPublic = form.checked("isPublic")
        input.host = form["host"]
        input.coHosts = form["coHosts"].split(separator: ",").map { String($0).trimmingWhitespace() }
        input.repeats = form["repeats"]
        input.until = form["until"]
        input.except = form.raw("except").split(whereSeparator: \.isNewline).map(String.init)
        // The warning's "anyway" carries what it warned about; a script may say "on" to go ahead whatever clashes.
        let ignore = form.raw("ignoreClashes")
        input.ignoreClashes = ignore == "on" || ignore == EventFormPage.clashKey(form)
        if !form["capacity"].isEmpty {
            guard let capacity = Int(form["capacity"]) else {
                throw AppError.validation(["capacity": "Give the capacity as a whole number."])
            }
            input.capacity = capacity
        }
        return input
    }

    /// The form's fields filled from an event, for editing it.
    static func values(_ detail: EventDetail) -> FormData {
        let event = detail.event
        var values = FormData()
        values.set("kind", event.kind.rawValue)
        values.set("title", event.title)
        values.set("description", detail.description)
        values.set("start", ZonedTime.localInput(event.startsAt, zone: event.timeZone))
        values.set("end", ZonedTime.localInput(event.endsAt, zone: event.timeZone))
        values.set("timeZone", event.timeZone)
        values.set("city", event.city ?? "")
        values.set("address", event.address)
        values.set("onlineURL", detail.onlineURL ?? "")
        values.set("capacity", detail.capacity.map(String.init) ?? "")
        if event.isPublic { values.set("isPublic", "on") }
        values.set("_submitted", "1")
        return values
    }

    private func form(
        _ context: AppContext,
        _ person: CurrentPerson,
        _ fields: FieldSet,
        clashes: [ClashView] = [],
        editing: Int? = nil
    )
        async throws -> HTML
    {
        let hosts = try await GroupAccess(services.store.sql).groups(actingFor: person, roles: Role.organizing)
        return EventFormPage.page(
            context,
            fields: fields,
            hosts: hosts.map { (value: $0.slug, label: $0.name) },
            coHosts: try await GroupChoices.named(
                visibleTo: person,
                naming: fields.values["coHosts"],
                in: services.store.sql
            ),
            cities: try await Cities(services: services).all(),
            clashes: clashes,
            editing: editing
        )
    }

    /// Groups the person may promote for: those they organize or edit.
    private func promoters(_ person: CurrentPerson) async throws -> [GroupRef] {
        try await GroupAccess(services.store.sql).groups(actingFor: person, roles: Role.publishing)
    }
}
