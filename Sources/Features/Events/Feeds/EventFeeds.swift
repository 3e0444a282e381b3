import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// Subscribable iCalendar feeds: a group's events (hosted and promoted), a city's public events, and a
/// person's own calendar behind a secret address. Times are written in UTC, so every client places them
/// right whatever daylight-saving rules apply where the event happens.
struct EventFeeds {
    let services: AppServices
    var queries: EventQueries { EventQueries(services: services) }

    /// Events ended longer ago than this are left out of feeds.
    static let lookBack: TimeInterval = 90 * 86_400

    func register(on router: Router<AppContext>) {
        router.get(EventPaths.groupFeed) { request, context in
            let (group, page) = try await queries.forGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person,
                from: services.clock().addingTimeInterval(-Self.lookBack),
                page: PageRequest(number: 1, size: 1_000)
            )
            let events = page.items.map { item in
                (item.event, item.promoted ? "Promoted by \(group.name)" : "Hosted by \(group.name)")
            }
            // Signed in, the feed may hold the group's members-only events (or the group may be private), so
            // only the feed an anonymous visitor gets is fit for shared caches.
            return try await feed(
                name: "\(group.name): events",
                events,
                cache: context.person == nil ? .anonymousVisitors : .viewerOnly,
                to: request
            )
        }
        router.get(EventPaths.eventFile) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let event = try await EventAccess.visibleEvent(id, viewer: context.person, services: services)
            // A members-only event's file depends on who asks; a public one is the same for everyone.
            return try await feed(
                name: event.title,
                [(event, "")],
                cache: event.isPublic ? .everyone : .viewerOnly,
                to: request
            )
        }
        router.get(EventPaths.cityFeed) { request, context in
            let (body, tag) = try await services.publicPages.document(request, context, tag: EntityTag.calendar) {
                guard let city = try await Cities(services: services).find(slug: try context.parameters.require("slug"))
                else { throw AppError.notFound }
                let now = services.clock()
                let events = try await queries.inCity(
                    city.id,
                    from: now.addingTimeInterval(-Self.lookBack),
                    to: now.addingTimeInterval(400 * 86_400),
                    limit: 1_000
                )
                return try await text(name: "Events in \(city.name)", events.map { ($0, "") })
            }
            // Only public events, the same for everyone who asks.
            return FeedResponse.calendar(body, tag: tag, to: request, headers: Self.headers(.everyone))
        }
        router.get(EventPaths.personalFeed) { request, context in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".ics"),
                let person = try await PersonalCalendar(services: services).person(token: String(file.dropLast(4)))
            else { throw AppError.notFound }
            let events = try await PersonalCalendar(services: services).events(
                personID: person,
                from: services.clock().addingTimeInterval(-Self.lookBack),
                limit: 1_000
            )
            return try await feed(name: "My events", events, cache: .never, to: request)
        }
    }

    /// Who a feed may be kept for.
    enum Caching {
        /// The same for everyone who asks: shared caches may keep it.
        case everyone
        /// What every anonymous visitor gets: shared caches may keep it, but signed-in people may be answered
        /// differently at the same address, so caches must tell requests apart by their credentials.
        case anonymousVisitors
        /// Depends on who asks (a signed-in person's view of a group): only their own browser may keep it.
        case viewerOnly
        /// A secret address: kept nowhere.
        case never
    }

    private func feed(
        name: String,
        _ events: [(EventSummary, String)],
        cache: Caching,
        to request: Request
    ) async throws -> Response {
        FeedResponse.calendar(
            ByteBuffer(string: try await text(name: name, events)),
            to: request,
            headers: Self.headers(cache)
        )
    }

    /// The calendar's text.
    func text(name: String, _ events: [(EventSummary, String)]) async throws -> String {
        let hosts = try await queries.hostNames(events.map(\.0.id), viewer: nil)
        let site = services.site.url
        let host = URL(string: site)?.host ?? "freshground"
        let entries = events.map { event, note in
            ICalEvent(
                uid: "event-\(event.id)@\(host)",
                start: event.startsAt,
                end: event.endsAt,
                summary: event.title,
                description: ([note, hosts[event.id].map { "Hosts: \($0.joined(separator: ", "))" } ?? ""]
                    .filter { !$0.isEmpty } + [site + EventPaths.event(event.id)]).joined(separator: "\n"),
                location: event.whereLabel,
                url: site + EventPaths.event(event.id),
                status: event.status == .cancelled ? "CANCELLED" : "CONFIRMED",
                categories: [event.kind.label],
                lastModified: nil,
                sequence: event.sequence
            )
        }
        return ICalendar(name: name, events: entries, now: services.clock()).render(
            prodID: "-//Freshground//Events//EN"
        )
    }

    /// The caching headers for who a feed may be kept for.
    static func headers(_ cache: Caching) -> HTTPFields {
        switch cache {
        case .everyone: [.cacheControl: "public, max-age=300"]
        case .anonymousVisitors: [.cacheControl: "public, max-age=300", .vary: "Cookie, Authorization"]
        case .viewerOnly: [.cacheControl: "private, max-age=300"]
        case .never: [.cacheControl: "private, no-store"]
        }
    }
}

/// Chosen events as the events' own feeds write them, for features built on Events (a campaign's actions). The
/// caller chooses only events the reader may see; those that ended more than `EventFeeds.lookBack` ago are left out.
package enum EventCalendar {
    /// The calendar's text: the events with the ids given, each with its note, in order of their start.
    package static func text(
        name: String,
        events: [(id: Int, note: String)],
        services: AppServices
    ) async throws
        -> String
    {
        let notes = Dictionary(events.map { ($0.id, $0.note) }, uniquingKeysWith: { first, _ in first })
        let summaries: [EventSummary] =
            notes.isEmpty
            ? []
            : try await services.store.sql.raw(
                """
                SELECT \(EventQueries.summaryColumns) FROM events e LEFT JOIN cities c ON c.id = e.city_id
                WHERE e.id IN (\(binds: notes.keys.sorted())) \
                AND e.ends_at >= \(bind: services.clock().addingTimeInterval(-EventFeeds.lookBack))
                ORDER BY e.starts_at, e.id
                """
            ).rows(SummaryRow.self).map(\.summary)
        return try await EventFeeds(services: services).text(name: name, summaries.map { ($0, notes[$0.id] ?? "") })
    }
}
