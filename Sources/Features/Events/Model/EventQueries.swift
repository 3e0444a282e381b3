import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Reading events: one event, a group's, a city's month, a person's. Every list shows only what the viewer
/// may see; private events appear only in their own hosts' lists for members.
package struct EventQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// The columns `SummaryRow` reads, for `events e LEFT JOIN cities c`.
    static let summaryColumns: SQLQueryString = """
        e.id, e.kind, e.title, e.starts_at, e.ends_at, e.time_zone, e.city_id, c.name AS city_name, e.address,
        e.online_url IS NOT NULL AS is_online, e.is_public, e.status, e.series_id, e.sequence
        """

    package func summary(_ id: Int) async throws -> EventSummary? { try await Self.summary(id, on: sql) }

    static func summary(_ id: Int, on sql: any SQLDatabase) async throws -> EventSummary? {
        try await sql.raw(
            "SELECT \(Self.summaryColumns) FROM events e LEFT JOIN cities c ON c.id = e.city_id WHERE e.id = \(bind: id)"
        ).row(SummaryRow.self)?.summary
    }

    /// The whole event for its page; the online link only when `showLink`. Host and promoting groups the viewer
    /// may not see are left out, so a private group is never named by the events it takes part in.
    package func detail(_ id: Int, viewer: CurrentPerson?, showLink: Bool) async throws -> EventDetail {
        guard
            let row = try await sql.raw(
                """
                SELECT \(Self.summaryColumns), e.description, e.description_html, e.capacity, e.online_url,
                e.places_at, e.updated_at,
                (SELECT COUNT(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going') AS going,
                (SELECT COUNT(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waitlisted
                FROM events e LEFT JOIN cities c ON c.id = e.city_id WHERE e.id = \(bind: id)
                """
            ).row(WithExtra<SummaryRow, DetailRow>.self)
        else { throw AppError.notFound }
        let groups = try await sql.raw(
            """
            SELECT g.slug, g.name, h.status, 'host' AS role, h.id AS n FROM event_hosts h JOIN groups g ON g.id = h.group_id
            WHERE h.event_id = \(bind: id) AND \(GroupAccess.visible("g", to: viewer))
            UNION ALL
            SELECT g.slug, g.name, 'accepted' AS status, 'promoter' AS role, p.id AS n FROM event_promotions p
            JOIN groups g ON g.id = p.group_id WHERE p.event_id = \(bind: id) AND \(GroupAccess.visible("g", to: viewer))
            ORDER BY n
            """
        ).rows(WithExtra<EventGroup, GroupRoleRow>.self)
        let extra = row.extra
        return EventDetail(
            event: row.main.summary,
            description: extra.description,
            descriptionHTML: extra.descriptionHtml,
            capacity: extra.capacity,
            going: extra.going,
            waitlisted: extra.waitlisted,
            hosts: groups.filter { $0.extra.role == "host" }.map(\.main),
            promotedBy: groups.filter { $0.extra.role != "host" }.map(\.main),
            onlineURL: showLink ? extra.onlineUrl : nil,
            placesAt: extra.placesAt,
            sequence: row.main.sequence,
            updatedAt: extra.updatedAt
        )
    }

    /// Upcoming events a group hosts (accepted) or promotes, soonest first; private ones only for its members.
    package func forGroup(
        _ groupID: Int,
        includePrivate: Bool,
        from: Date,
        page: PageRequest
    ) async throws
        -> Page<GroupEvent>
    {
        let privacy: SQLQueryString = includePrivate ? "" : " AND e.is_public = \(bind: true)"
        let rows = try await sql.raw(
            """
            SELECT \(Self.summaryColumns), x.promoted FROM (
              SELECT event_id, 0 AS promoted FROM event_hosts WHERE group_id = \(bind: groupID) AND status = 'accepted'
              UNION ALL
              SELECT event_id, 1 AS promoted FROM event_promotions WHERE group_id = \(bind: groupID)
            ) x JOIN events e ON e.id = x.event_id LEFT JOIN cities c ON c.id = e.city_id
            WHERE e.ends_at >= \(bind: from) AND (x.promoted = 0 OR e.is_public = \(bind: true))\(privacy)
            ORDER BY e.starts_at, e.id LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(WithExtra<SummaryRow, PromotedRow>.self)
        return Page(
            probed: rows.map { GroupEvent(event: $0.main.summary, promoted: $0.extra.promoted == 1) },
            request: page
        )
    }

    /// The events of the group at `slug` as the viewer may see them (private ones for its active members), with
    /// the group; `AppError.notFound` for a group the viewer may not see.
    package func forGroup(
        slug: String,
        viewer: CurrentPerson?,
        from: Date,
        page: PageRequest
    ) async throws
        -> (Group, Page<GroupEvent>)
    {
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: viewer)
        let events = try await forGroup(group.id, includePrivate: standing.status == .active, from: from, page: page)
        return (group, events)
    }

    /// The month of a city's calendar asked for as `2026-03` (the current one when missing or malformed), with
    /// the instants it starts and ends in the city.
    package static func month(_ text: String?, city: City, now: Date) -> (month: CivilTime, from: Date, to: Date) {
        let month = CalendarRoutes.month(text, zone: city.timeZone, now: now)
        let from = ZonedTime.startOfDay(month, zone: city.timeZone)
        return (month, from, ZonedTime.startOfDay(CalendarPages.shift(month, by: 1), zone: city.timeZone))
    }

    /// Public events in a city starting in [from, to), soonest first, with their accepted hosts' names.
    package func inCity(_ cityID: Int, from: Date, to: Date, limit: Int = 2_000) async throws -> [EventSummary] {
        try await sql.raw(
            """
            SELECT \(Self.summaryColumns) FROM events e LEFT JOIN cities c ON c.id = e.city_id
            WHERE e.city_id = \(bind: cityID) AND e.is_public = \(bind: true) AND e.starts_at < \(bind: to)
            AND e.starts_at > \(bind: from.addingTimeInterval(-EventInput.longest)) AND e.ends_at > \(bind: from)
            ORDER BY e.starts_at, e.id LIMIT \(bind: limit)
            """
        ).rows(SummaryRow.self).map(\.summary)
    }

    /// Upcoming public events everywhere, soonest first, narrowed by `filter`.
    package func upcoming(from now: Date, page: PageRequest) async throws -> Page<EventSummary> {
        try await upcoming(from: now, filter: EventFilter(), page: page)
    }

    func upcoming(from now: Date, filter: EventFilter, page: PageRequest) async throws -> Page<EventSummary> {
        let from = max(now, filter.from ?? now)
        var narrowing: [SQLQueryString] = []
        if let city = filter.cityID { narrowing.append("AND e.city_id = \(bind: city)") }
        if let kind = filter.kind { narrowing.append("AND e.kind = \(bind: kind.rawValue)") }
        if let until = filter.until { narrowing.append("AND e.starts_at < \(bind: until)") }
        let rows = try await sql.raw(
            """
            SELECT \(Self.summaryColumns) FROM events e LEFT JOIN cities c ON c.id = e.city_id
            WHERE e.is_public = \(bind: true) AND e.ends_at >= \(bind: from)
            AND e.starts_at > \(bind: from.addingTimeInterval(-EventInput.longest)) \(narrowing.joined(separator: " "))
            ORDER BY e.starts_at, e.id LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(SummaryRow.self)
        return Page(probed: rows.map(\.summary), request: page)
    }

    /// The accepted hosts' names of several events at once, for lists; hosts the viewer may not see are left out.
    package func hostNames(_ ids: [Int], viewer: CurrentPerson?) async throws -> [Int: [String]] {
        guard !ids.isEmpty else { return [:] }
        var names: [Int: [String]] = [:]
        for host in try await sql.raw(
            """
            SELECT h.event_id, g.name FROM event_hosts h JOIN groups g ON g.id = h.group_id
            WHERE h.event_id IN (\(binds: ids)) AND h.status = 'accepted' AND \(GroupAccess.visible("g", to: viewer))
            ORDER BY h.id
            """
        ).rows(HostNameRow.self) {
            names[host.eventId, default: []].append(host.name)
        }
        return names
    }
}

/// An event in a group's list, marked when the group promotes rather than hosts it.
package struct GroupEvent: Sendable, Codable {
    package let event: EventSummary
    package let promoted: Bool
}

/// The columns of `EventQueries.summaryColumns`, as stored.
struct SummaryRow: Decodable {
    let id: Int
    let kind: EventKind
    let title: String
    let startsAt: Date
    let endsAt: Date
    let timeZone: String
    let cityId: Int?
    let cityName: String?
    let address: String
    let isOnline: Bool
    let isPublic: Bool
    let status: EventStatus
    let seriesId: Int?
    let sequence: Int

    var summary: EventSummary {
        EventSummary(
            id: id,
            kind: kind,
            title: title,
            startsAt: startsAt,
            endsAt: endsAt,
            timeZone: timeZone,
            cityID: cityId,
            city: cityName,
            address: address,
            isOnline: isOnline,
            isPublic: isPublic,
            status: status,
            seriesID: seriesId,
            sequence: sequence
        )
    }
}

/// Two values decoded from the same row: `main` from some of its columns, `extra` from others.
struct WithExtra<Main: Decodable, Extra: Decodable>: Decodable {
    let main: Main
    let extra: Extra

    init(from decoder: any Decoder) throws {
        main = try Main(from: decoder)
        extra = try Extra(from: decoder)
    }
}

/// The columns an event's page reads besides its summary.
private struct DetailRow: Decodable {
    let description: String
    let descriptionHtml: String
    let capacity: Int?
    let going: Int
    let waitlisted: Int
    let onlineUrl: String?
    let placesAt: String?
    let updatedAt: Date
}

/// Whether a group hosts (`host`) or promotes an event.
private struct GroupRoleRow: Decodable {
    let role: String
}

/// Whether a group's event is one it promotes (1) rather than hosts (0).
private struct PromotedRow: Decodable {
    let promoted: Int
}

/// An accepted host's name, for the event `eventId`.
private struct HostNameRow: Decodable {
    let eventId: Int
    let name: String
}
