import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The fields the API takes for the smaller event actions.
struct EventActionInput: Decodable, Sendable {
    var group: String?
    var accept: Bool?
    var name: String?
    var email: String?
    var arrived: Bool?
    var country: String?
    var latitude: Double?
    var longitude: Double?
    var timeZone: String?
}

/// An event with the viewer's own standing.
struct EventBody: Encodable, Sendable {
    let event: EventDetail
    let rsvp: RSVPStatus?
    let isOrganizer: Bool
}

/// The answer when a new event clashes and the caller did not say to go ahead.
struct ClashBody: Encodable, Sendable {
    let type = "clash"
    let title = "This event clashes with others; send ignoreClashes: true to schedule it anyway."
    let status = 409
    let clashes: [ClashView]
}

/// The JSON API of events, RSVPs, cities and calendars.
struct EventsAPI {
    let services: AppServices
    var queries: EventQueries { EventQueries(services: services) }
    var hosting: Hosting { Hosting(services: services) }
    var rsvps: RSVPs { RSVPs(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/events") { request, _ in
            let page = try await queries.upcoming(from: services.clock(), page: Self.page(request))
            return try Reply.json(ListBody(page))
        }
        router.post("/api/v1/events") { request, context in
            let person = try context.requirePerson()
            let input = try await decodeJSON(EventInput.self, request, context)
            switch try await EventWrites(services: services).create(input, by: person) {
            case .saved(let id): return try await body(id, person, status: .created)
            case .clashes(let clashes): return try Reply.json(ClashBody(clashes: clashes), status: .conflict)
            }
        }
        router.get("/api/v1/events/:id") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await body(id, context.person)
        }
        router.put("/api/v1/events/:id") { request, context in
            let (id, person) = try Self.read(context)
            let input = try await decodeJSON(EventInput.self, request, context)
            switch try await EventWrites(services: services).update(id, input, by: person) {
            case .saved: return try await body(id, person)
            case .clashes(let clashes): return try Reply.json(ClashBody(clashes: clashes), status: .conflict)
            }
        }
        router.post("/api/v1/events/:id/cancel") { _, context in
            let (id, person) = try Self.read(context)
            try await hosting.cancel(event: id, by: person)
            return try await body(id, person)
        }
        router.post("/api/v1/events/:id/hosts") { request, context in
            let (id, person) = try Self.read(context)
            let input = try await decodeJSON(EventActionInput.self, request, context)
            try await hosting.invite(event: id, group: input.group ?? "", by: person)
            return try await body(id, person, status: .created)
        }
        router.post("/api/v1/events/:id/hosts/:slug") { request, context in
            let (id, person) = try Self.read(context)
            let input = try await decodeJSON(EventActionInput.self, request, context)
            guard let accept = input.accept else {
                throw AppError.validation(["accept": "Say true to accept or false to decline."])
            }
            try await hosting.decide(
                event: id,
                group: try context.parameters.require("slug"),
                accept: accept,
                by: person
            )
            return try await bodyAfter(id, person, "Declined; the event is private to its hosts.")
        }
        router.post("/api/v1/events/:id/promotions") { request, context in
            let (id, person) = try Self.read(context)
            let input = try await decodeJSON(EventActionInput.self, request, context)
            try await hosting.promote(event: id, group: input.group ?? "", by: person)
            return try await body(id, person, status: .created)
        }
        router.delete("/api/v1/events/:id/promotions/:slug") { _, context in
            let (id, person) = try Self.read(context)
            try await hosting.unpromote(event: id, group: try context.parameters.require("slug"), by: person)
            return try await body(id, person)
        }
        router.post("/api/v1/events/:id/rsvp") { _, context in
            let (id, person) = try Self.read(context)
            _ = try await rsvps.rsvp(event: id, by: person)
            return try await body(id, person, status: .created)
        }
        router.delete("/api/v1/events/:id/rsvp") { _, context in
            let (id, person) = try Self.read(context)
            try await rsvps.cancel(event: id, by: person)
            return try await bodyAfter(id, person, "RSVP cancelled; the event is private to its hosts.")
        }
        router.post("/api/v1/events/:id/rsvp/email") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(EventActionInput.self, request, context)
            try await RateLimit.mail.take(for: context, services: services)
            try await rsvps.rsvp(event: id, name: input.name ?? "", email: input.email ?? "")
            return try Reply.json(
                ["message": "We sent a link to confirm the place; it counts once confirmed."],
                status: .accepted
            )
        }
        router.get("/api/v1/events/:id/attendees") { _, context in
            let (id, person) = try Self.read(context)
            return try Reply.json(["items": try await Attendance(services: services).list(event: id, by: person)])
        }
        router.post("/api/v1/events/:id/attendees/:rsvp/check-in") { request, context in
            let (id, person) = try Self.read(context)
            let input = try await decodeJSON(EventActionInput.self, request, context)
            let attendance = Attendance(services: services)
            try await attendance.checkIn(
                event: id,
                rsvp: try context.parameters.require("rsvp", as: Int.self),
                arrived: input.arrived ?? true,
                by: person
            )
            return try Reply.json(["items": try await attendance.list(event: id, by: person)])
        }
        router.get("/api/v1/cities") { _, _ in
            try Reply.json(["items": try await Cities(services: services).all()])
        }
        router.post("/api/v1/cities") { request, context in
            let person = try context.requirePerson()
            let input = try await decodeJSON(EventActionInput.self, request, context)
            let city = try await Cities(services: services).add(
                name: input.name ?? "",
                country: input.country ?? "",
                latitude: input.latitude.map { String($0) } ?? "",
                longitude: input.longitude.map { String($0) } ?? "",
                timeZone: input.timeZone ?? "",
                by: person
            )
            return try Reply.json(city, status: .created)
        }
        router.get("/api/v1/cities/:slug/events") { request, context in
            guard let city = try await Cities(services: services).find(slug: try context.parameters.require("slug"))
            else {
                throw AppError.notFound
            }
            let range = EventQueries.month(
                request.uri.queryParameters["month"].map(String.init),
                city: city,
                now: services.clock()
            )
            return try Reply.json(["items": try await queries.inCity(city.id, from: range.from, to: range.to)])
        }
        router.get("/api/v1/groups/:slug/events") { request, context in
            let (_, page) = try await queries.forGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person,
                from: services.clock(),
                page: Self.page(request)
            )
            return try Reply.json(ListBody(page))
        }
        router.get("/api/v1/me/events") { _, context in
            let person = try context.requirePerson()
            let events = try await PersonalCalendar(services: services).events(
                personID: person.id,
                from: services.clock()
            )
            return try Reply.json(["items": events.map { MyEvent(event: $0.0, note: $0.1) }])
        }
        router.post("/api/v1/me/calendar-key") { _, context in
            let person = try context.requirePerson()
            let url = try await PersonalCalendar(services: services).reset(personID: person.id)
            return try Reply.json(["url": url], status: .created)
        }
    }

    private func body(_ id: Int, _ person: CurrentPerson?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let seen = try await SeenEvent.read(id, by: person, services: services)
        return try Reply.json(
            EventBody(event: seen.detail, rsvp: seen.rsvp, isOrganizer: seen.isOrganizer),
            status: status
        )
    }

    /// The event after a write that succeeded, or `message` when the caller may no longer see it (a private
    /// event whose co-host invitation they declined, or whose hosts they left): the write is done, not a 404.
    private func bodyAfter(_ id: Int, _ person: CurrentPerson, _ message: String) async throws -> Response {
        do {
            return try await body(id, person)
        } catch AppError.notFound {
            return try Reply.json(["message": message])
        }
    }

    static func read(_ context: AppContext) throws -> (Int, CurrentPerson) {
        (try context.parameters.require("id", as: Int.self), try context.requirePerson())
    }

    static func page(_ request: Request) -> PageRequest {
        PageRequest(request.uri.queryParameters["page"].map(String.init))
    }
}

/// One of the person's events, with why it is in their list.
struct MyEvent: Encodable, Sendable {
    let event: EventSummary
    let note: String
}
