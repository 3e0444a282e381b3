import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// The hosts' side of an event: inviting co-hosts, a group's organizers accepting or declining, promotion by
/// any group without rights over the event, and changes and cancellation by the hosts' organizers.
package struct Hosting: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Invites another group to co-host; only the event's organizers may.
    package func invite(event id: Int, group slug: String, by person: CurrentPerson) async throws {
        try await requireOrganizer(id, person)
        guard
            let group = try await EventWrites(services: services).groupID(
                slug: slug.trimmingWhitespace(),
                seenBy: person
            )
        else {
            throw AppError.validation(["group": "There is no group called \(slug.trimmingWhitespace())."])
        }
        let now = services.clock()
        let event = try await EventAccess.visibleEvent(id, viewer: person, services: services)
        do {
            try await services.store.transaction { sql in
                try await sql.insert(into: "event_hosts")
                    .columns("event_id", "group_id", "status", "invited_by", "created_at")
                    .values(
                        SQLBind(id),
                        SQLBind(group),
                        SQLBind(HostStatus.invited.rawValue),
                        SQLBind(person.id),
                        SQLBind(now)
                    )
                    .run()
                // The invited group's organizers answer on their events page.
                let name =
                    try await sql.select().column("name").from("groups").where("id", .equal, group)
                    .value("name", as: String.self) ?? "Your group"
                try await Notifications.notify(
                    try await GroupAccess(sql).organizerIDs(of: group),
                    Notice(
                        kind: .cohostInvitation,
                        title: "\(name) is asked to co-host “\(event.title)” (\(event.whenLabel))",
                        path: EventPaths.myEvents()
                    ),
                    except: person.id,
                    services: services,
                    on: sql
                )
            }
        } catch  where error.isConstraintFailure {
            throw AppError.conflict("That group is already invited to host this event.")
        }
        services.deliverMailSoon()
    }

    /// A co-host group's organizer accepts or declines its invitation. Only accepted hosts are listed.
    package func decide(event id: Int, group slug: String, accept: Bool, by person: CurrentPerson) async throws {
        guard let group = try await EventAccess.organizedGroup(slug: slug, person, sql) else {
            throw AppError.forbidden("Only the organizers of that group can answer for it.")
        }
        let now = services.clock()
        let updated = try await sql.raw(
            """
            UPDATE event_hosts SET status = \(bind: (accept ? HostStatus.accepted : .declined).rawValue),
            decided_by = \(bind: person.id), decided_at = \(bind: now)
            WHERE event_id = \(bind: id) AND group_id = \(bind: group) AND status = 'invited' RETURNING id
            """
        ).all()
        guard !updated.isEmpty else {
            throw AppError.conflict("There is no open invitation for that group to host this event.")
        }
        if accept { try await touch(id) }
    }

    /// Invitations waiting for the groups a person organizes.
    package func invitations(for person: CurrentPerson) async throws -> [(EventSummary, EventGroup)] {
        try await sql.raw(
            """
            SELECT \(EventQueries.summaryColumns), g.slug, g.name
            FROM event_hosts h JOIN groups g ON g.id = h.group_id
            JOIN events e ON e.id = h.event_id LEFT JOIN cities c ON c.id = e.city_id
            WHERE h.status = 'invited' AND h.group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: Role.organizing)))
            ORDER BY e.starts_at, e.id LIMIT 200
            """
        ).rows(WithExtra<SummaryRow, GroupRef>.self).map {
            ($0.main.summary, EventGroup(slug: $0.extra.slug, name: $0.extra.name, status: .invited))
        }
    }

    /// A group promotes a public event to its members: listed in its events, calendars and feed, marked
    /// "promoted by", with no rights over the event.
    package func promote(event id: Int, group slug: String, by person: CurrentPerson) async throws {
        let event = try await EventAccess.visibleEvent(id, viewer: person, services: services)
        guard event.isPublic else { throw AppError.conflict("Only public events can be promoted.") }
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        guard standing.canPost else {
            throw AppError.forbidden("Only the organizers and editors of \(group.name) can promote for it.")
        }
        let now = services.clock()
        let notice = "[\(event.title)](/events/\(event.id)) · \(event.whenLabel) · \(event.whereLabel)"
        try await services.store.transaction { sql in
            let post = try await sql.insertReturningID(
                into: "posts",
                [
                    "group_id": group.id, "author_id": person.id, "kind": "promotion", "status": "published",
                    "title": "Promoted event: \(event.title)", "body": notice, "body_html": Markdown.html(notice),
                    "created_at": now,
                ]
            )
            do {
                try await sql.insert(into: "event_promotions")
                    .columns("event_id", "group_id", "promoted_by", "announcement_id", "created_at")
                    .values(SQLBind(id), SQLBind(group.id), SQLBind(person.id), SQLBind(post), SQLBind(now)).run()
            } catch  where error.isConstraintFailure {
                throw AppError.conflict("\(group.name) already promotes this event.")
            }
        }
    }

    /// Stops promoting; the notice in the group's feed goes too.
    package func unpromote(event id: Int, group slug: String, by person: CurrentPerson) async throws {
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        guard standing.canPost else {
            throw AppError.forbidden("Only the organizers and editors of \(group.name) can change its promotions.")
        }
        try await services.store.transaction { sql in
            guard
                let announcement = try await sql.select().column("announcement_id").from("event_promotions")
                    .where("event_id", .equal, id).where("group_id", .equal, group.id)
                    .value("announcement_id", as: Int?.self)
            else { throw AppError.notFound }
            if let post = announcement {
                try await sql.delete(from: "posts").where("id", .equal, post).run()
            }
            try await sql.delete(from: "event_promotions").where("event_id", .equal, id)
                .where("group_id", .equal, group.id).run()
        }
    }

    /// Cancels an event; calendars show it as cancelled and people who RSVPed are told by email.
    package func cancel(event id: Int, by person: CurrentPerson) async throws {
        try await requireOrganizer(id, person)
        let event = try await EventQueries(services: services).summary(id)
        guard let event, event.status == .scheduled else { throw AppError.conflict("This event is already cancelled.") }
        try await services.store.transaction { sql in
            try await sql.raw(
                """
                UPDATE events SET status = 'cancelled', sequence = sequence + 1, updated_at = \(bind: services.clock())
                WHERE id = \(bind: id)
                """
            ).run()
            try await RSVPMail(services: services).cancelled(event, on: sql)
        }
        services.deliverMailSoon()
    }

    func requireOrganizer(_ id: Int, _ person: CurrentPerson) async throws {
        _ = try await EventAccess.visibleEvent(id, viewer: person, services: services)
        guard try await EventAccess.isOrganizer(event: id, person, sql) else {
            throw AppError.forbidden("Only the organizers of this event's host groups can do that.")
        }
    }

    /// Marks a change for calendar clients.
    private func touch(_ id: Int) async throws {
        try await sql.raw(
            "UPDATE events SET sequence = sequence + 1, updated_at = \(bind: services.clock()) WHERE id = \(bind: id)"
        ).run()
    }
}
