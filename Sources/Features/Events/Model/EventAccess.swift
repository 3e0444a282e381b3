import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Who may see and run an event. Hosts are groups; their organizers run the event. A private event is seen
/// only by active members of its accepted hosts (and their organizers).
package enum EventAccess {
    /// True when the person is an active organizer of a group that has accepted to host the event.
    package static func isOrganizer(event: Int, _ person: CurrentPerson?, _ sql: any SQLDatabase) async throws -> Bool {
        try await hostedBy(event: event, person, roles: Role.organizing, sql)
    }

    /// The ids of the people who run the event: the organizers of its accepted host groups, on `sql` (which may be
    /// the caller's transaction), to tell them of something.
    package static func organizerIDs(event: Int, _ sql: any SQLDatabase) async throws -> [Int] {
        let hosts = try await sql.select().column("group_id").from("event_hosts").where("event_id", .equal, event)
            .where("status", .equal, HostStatus.accepted.rawValue).column("group_id", as: Int.self)
        return try await GroupAccess(sql).personIDs(actingFor: hosts, roles: Role.organizing)
    }

    /// The ids of the groups that have accepted to host the event, for `column IN (…)`.
    package static func hostGroupIDs(event: Int) -> SQLQueryString {
        "SELECT group_id FROM event_hosts WHERE event_id = \(bind: event) AND status = 'accepted'"
    }

    /// True when the person is an active member (any role) of a group that hosts the event.
    static func isHostMember(event: Int, _ person: CurrentPerson?, _ sql: any SQLDatabase) async throws -> Bool {
        try await hostedBy(event: event, person, roles: nil, sql)
    }

    private static func hostedBy(
        event: Int,
        _ person: CurrentPerson?,
        roles: Set<Role>?,
        _ sql: any SQLDatabase
    ) async throws -> Bool {
        guard person != nil else { return false }
        return try await sql.raw(
            """
            SELECT 1 AS one FROM event_hosts h WHERE h.event_id = \(bind: event) AND h.status = 'accepted'
            AND \(GroupAccess.actsFor("h.group_id", person, roles: roles)) LIMIT 1
            """
        ).first() != nil
    }

    /// The id of the group with `slug` if the person organizes it; nil otherwise.
    package static func organizedGroup(
        slug: String,
        _ person: CurrentPerson,
        _ sql: any SQLDatabase
    ) async throws -> Int? {
        try await GroupAccess(sql).group(slug: slug, actingFor: person, roles: Role.organizing)
    }

    /// The SQL twin of `visibleEvent`: true when the event aliased `alias` may be seen by `viewer` (a public event,
    /// or one of whose accepted hosts the viewer is an active member), for features that list events they link.
    package static func visible(_ alias: StaticString, to viewer: CurrentPerson?) -> SQLQueryString {
        let table = alias.description
        guard viewer != nil else { return "\(unsafeRaw: table).is_public = \(bind: true)" }
        return """
            (\(unsafeRaw: table).is_public = \(bind: true) OR EXISTS (SELECT 1 FROM event_hosts vh \
            WHERE vh.event_id = \(unsafeRaw: table).id AND vh.status = 'accepted' \
            AND \(GroupAccess.actsFor("vh.group_id", viewer))))
            """
    }

    /// The event's header if the viewer may see it, else `AppError.notFound` (a private event's existence is
    /// not confirmed to outsiders).
    package static func visibleEvent(
        _ id: Int,
        viewer: CurrentPerson?,
        services: AppServices
    ) async throws
        -> EventSummary
    {
        guard let event = try await EventQueries(services: services).summary(id) else { throw AppError.notFound }
        try await check(event, viewer: viewer, services.store.sql)
        return event
    }

    /// `AppError.notFound` unless `viewer` may see `event`, already read: a public event, or one of whose accepted
    /// hosts they are an active member.
    static func check(_ event: EventSummary, viewer: CurrentPerson?, _ sql: any SQLDatabase) async throws {
        if event.isPublic { return }
        guard try await isHostMember(event: event.id, viewer, sql) else { throw AppError.notFound }
    }
}
