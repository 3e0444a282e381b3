import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// Cities and their calendars, a group's events, a person's events, and the emailed RSVP links.
struct CalendarRoutes {
    let services: AppServices
    var queries: EventQueries { EventQueries(services: services) }
    var cities: Cities { Cities(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(EventPaths.cities) { _, context in
            Reply.html(CalendarPages.cities(context, cities: try await cities.all(), fields: FieldSet()))
        }
        router.post(EventPaths.cities) { _, context in
            let person = try context.requirePerson()
            let form = context.form
            let page = { (fields: FieldSet) in
                CalendarPages.cities(context, cities: try await cities.all(), fields: fields)
            }
            return try await FormFlow.submit(context, page: page) {
                let city = try await cities.add(
                    name: form["name"],
                    country: form["country"],
                    latitude: form["latitude"],
                    longitude: form["longitude"],
                    timeZone: form["timeZone"],
                    by: person
                )
                return Reply.redirect(EventPaths.city(city.slug), flash: "\(city.name) is added.")
            }
        }
        router.get(EventPaths.city) { request, context in
            try await services.publicPages.page(request, context) {
                guard let city = try await cities.find(slug: try context.parameters.require("slug")) else {
                    throw AppError.notFound
                }
                let range = EventQueries.month(
                    request.uri.queryParameters["month"].map(String.init),
                    city: city,
                    now: services.clock()
                )
                let events = try await queries.inCity(city.id, from: range.from, to: range.to)
                let hosts = try await queries.hostNames(events.map(\.id), viewer: context.person)
                return CalendarPages.month(context, city: city, month: range.month, events: events, hosts: hosts)
            }
        }
        router.get(EventPaths.groupEvents) { request, context in
            let (group, page) = try await queries.forGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person,
                from: services.clock(),
                page: PageRequest(request.uri.queryParameters["page"].map(String.init))
            )
            let hosts = try await queries.hostNames(page.items.map(\.event.id), viewer: context.person)
            return Reply.html(
                CalendarPages.groupEvents(context, group: (group.slug, group.name), page: page, hosts: hosts)
            )
        }
        router.get(EventPaths.myEvents) { _, context in
            let person = try context.requirePerson()
            let calendar = PersonalCalendar(services: services)
            return Reply.html(
                CalendarPages.mine(
                    context,
                    events: try await calendar.events(personID: person.id, from: services.clock()),
                    invitations: try await Hosting(services: services).invitations(for: person),
                    calendarURL: try await calendar.url(personID: person.id)
                )
            )
        }
        router.post(EventPaths.calendarKey) { _, context in
            let person = try context.requirePerson()
            try await PersonalCalendar(services: services).reset(personID: person.id)
            return Reply.redirect(
                EventPaths.myEvents(),
                flash: "Your calendar has a new address; the old one no longer works."
            )
        }
        router.get(EventPaths.rsvpLink) { _, context in
            let token = try context.parameters.require("token")
            let (event, status, name) = try await RSVPs(services: services).lookup(token: token)
            return Reply.html(EventPages.rsvpLink(context, token: token, event: event, status: status, name: name))
        }
        router.post(EventPaths.confirmRSVP) { _, context in
            let token = try context.parameters.require("token")
            let (_, status) = try await RSVPs(services: services).confirm(token: token)
            return Reply.redirect(
                EventPaths.rsvpLink(token),
                flash: status == .going ? "Your place is confirmed." : "The event is full: you're on the wait list."
            )
        }
        router.post(EventPaths.cancelRSVPLink) { _, context in
            let token = try context.parameters.require("token")
            _ = try await RSVPs(services: services).cancel(token: token)
            return Reply.redirect(EventPaths.rsvpLink(token), flash: "Your RSVP is cancelled.")
        }
    }

    /// The month asked for (`2026-03`), or the current one in the city.
    static func month(_ text: String?, zone: String, now: Date) -> CivilTime {
        if let text, let parsed = CivilTime(parsing: text + "-01"), (1970...2200).contains(parsed.year) {
            return parsed
        }
        let today = ZonedTime.civil(now, zone: zone)
        return CivilTime(year: today.year, month: today.month, day: 1)
    }
}
