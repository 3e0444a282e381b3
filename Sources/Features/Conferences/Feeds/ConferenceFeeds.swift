import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import HTTPTypes
import Hummingbird

/// The schedule and personal agendas as iCalendar feeds. The agenda feed's address holds a secret token
/// (`agenda_keys`), since calendar apps send no cookies.
struct ConferenceFeeds {
    let services: AppServices
    var queries: ScheduleQueries { ScheduleQueries(services: services) }

    static let prodID = "-//Freshground//Conferences//EN"

    func register(on router: Router<AppContext>) {
        router.get(ConferencePaths.scheduleFeed) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let conference = try await ConferenceAccess.load(id, viewer: context.person, services: services)
            guard conference.settings.schedulePublished || conference.roles.isOrganizer else {
                throw AppError.notFound
            }
            let sessions = try await queries.sessions(id, viewer: nil)
            let events = sessions.map { event($0, conference: conference.event.title, conferenceID: id) }
            return calendar(ICalendar(name: conference.event.title, events: events, now: services.clock()), to: request)
        }
        router.get(ConferencePaths.agendaFeed) { request, context in
            let token = try context.parameters.require("token")
            guard let person = try await queries.person(token: token) else { throw AppError.notFound }
            let entries = try await queries.agenda(person: person)
            let events = entries.map { event($0.session, conference: $0.conference, conferenceID: $0.conferenceID) }
            return calendar(ICalendar(name: "My conference agenda", events: events, now: services.clock()), to: request)
        }
    }

    func event(_ session: ScheduledSession, conference: String, conferenceID: Int) -> ICalEvent {
        var description = session.speakers.map { "\($0.name) (@\($0.handle))" }.joined(separator: ", ")
        if let group = session.group { description += " for \(group.name)" }
        return ICalEvent(
            uid: "conference-session-\(session.id)@\(host)",
            start: session.startsAt,
            end: session.endsAt,
            summary: session.title,
            description: description,
            location: "\(session.room.name), \(conference)",
            url: "\(services.site.url)\(ConferencePaths.schedule(conferenceID))#session-\(session.id)",
            status: "CONFIRMED",
            categories: [session.kind.label] + (session.track.map { [$0.name] } ?? [])
        )
    }

    private var host: String {
        URL(string: services.site.url)?.host ?? "freshground"
    }

    private func calendar(_ calendar: ICalendar, to request: Request) -> Response {
        FeedResponse.calendar(
            ByteBuffer(string: calendar.render(prodID: Self.prodID)),
            to: request,
            headers: [.cacheControl: "no-store"]
        )
    }
}
