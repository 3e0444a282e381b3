import FluentKit
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A public event of a group on another server, as its `Event` document describes it.
package struct RemoteEventInput: Sendable {
    /// The event's id there, which names it for good.
    package var origin: String
    /// Its page there, where people RSVP.
    package var page: String
    package var title: String
    /// The description in the safe Markdown subset.
    package var description: String
    package var startsAt: Date
    package var endsAt: Date
    package var timeZone: String
    package var city: String
    package var address: String
    package var capacity: Int?
    package var cancelled: Bool

    package init(
        origin: String,
        page: String,
        title: String,
        description: String,
        startsAt: Date,
        endsAt: Date,
        timeZone: String,
        city: String,
        address: String,
        capacity: Int?,
        cancelled: Bool
    ) {
        self.origin = origin
        self.page = page
        self.title = title
        self.description = description
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.city = city
        self.address = address
        self.capacity = capacity
        self.cancelled = cancelled
    }
}

/// Copies of public events hosted on other servers, kept as event rows marked with their `origin` so the city
/// calendars, group pages and feeds show them. They take no RSVPs here: `places_at` points to their page there.
package struct RemoteEvents: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Stores or updates the copy of an event led by the remote group `hostID` (a group row copied from the same
    /// server) and returns its id. An event already stored for another group is not taken over.
    @discardableResult
    package func store(_ remote: RemoteEventInput, hostID: Int) async throws -> Int? {
        let title = String(remote.title.trimmingWhitespace().prefix(200))
        let description = String(remote.description.prefix(20_000))
        let zone = TimeZone(identifier: remote.timeZone) != nil ? remote.timeZone : "UTC"
        let ends = max(remote.endsAt, remote.startsAt)
        let now = services.clock()
        let city = remote.city.trimmingWhitespace().lowercased()
        return try await services.store.transaction { sql in
            let cityID = try await sql.select().column("id").from("cities").where("name_key", .equal, city)
                .orderBy("id").limit(1).value("id", as: Int.self)
            let values: [String: any Encodable & Sendable] = [
                "kind": EventKind.meeting.rawValue, "title": title.isEmpty ? "Event" : title,
                "description": description, "description_html": Markdown.html(description),
                "starts_at": remote.startsAt, "ends_at": ends, "time_zone": zone, "city_id": cityID,
                "address": String(remote.address.prefix(300)), "capacity": remote.capacity,
                "status": (remote.cancelled ? EventStatus.cancelled : .scheduled).rawValue,
                "places_at": remote.page, "updated_at": now,
            ]
            if let existing = try await sql.raw(
                """
                SELECT e.id FROM events e JOIN event_hosts h ON h.event_id = e.id AND h.group_id = \(bind: hostID)
                WHERE e.origin = \(bind: remote.origin)
                """
            ).value("id", as: Int.self) {
                var update = sql.update("events").where("id", .equal, existing)
                for (column, value) in values { update = update.set(column, to: value) }
                try await update.set(SQLIdentifier("sequence"), to: SQLRaw("sequence + 1")).run()
                return existing
            }
            guard
                try await sql.select().column("id").from("events").where("origin", .equal, remote.origin)
                    .first() == nil
            else { return nil }
            var row = values
            row["is_public"] = true
            row["created_at"] = now
            row["sequence"] = 0
            row["origin"] = remote.origin
            let id = try await sql.insertReturningID(into: "events", row)
            _ = try await sql.insertReturningID(
                into: "event_hosts",
                [
                    "event_id": id, "group_id": hostID, "status": HostStatus.accepted.rawValue, "created_at": now,
                    "decided_at": now,
                ]
            )
            return id
        }
    }

    /// The id of the stored copy of a remote event.
    package func id(origin: String) async throws -> Int? {
        try await services.store.sql.select().column("id").from("events").where("origin", .equal, origin).value(
            "id",
            as: Int.self
        )
    }

    /// Removes a remote event its server deleted; only its hosting group's server can delete it.
    package func delete(origin: String, hostID: Int) async throws {
        try await services.store.sql.raw(
            """
            DELETE FROM events WHERE origin = \(bind: origin)
            AND id IN (SELECT event_id FROM event_hosts WHERE group_id = \(bind: hostID))
            """
        ).run()
    }

    /// Removes the copies of the events a remote group hosts, when the group is deleted on its server.
    package func deleteHosted(by groupID: Int) async throws {
        try await services.store.sql.raw(
            """
            DELETE FROM events WHERE origin IS NOT NULL
            AND id IN (SELECT event_id FROM event_hosts WHERE group_id = \(bind: groupID))
            """
        ).run()
    }

    /// Records that a group (a remote one re-sharing it) promotes an event; nothing when it promotes or hosts it
    /// already.
    package func promote(_ eventID: Int, by groupID: Int) async throws {
        try await services.store.sql.raw(
            """
            INSERT INTO event_promotions (event_id, group_id, created_at)
            SELECT \(bind: eventID), \(bind: groupID), \(bind: services.clock())
            WHERE NOT EXISTS (SELECT 1 FROM event_promotions WHERE event_id = \(bind: eventID) AND group_id = \(bind: groupID))
            AND NOT EXISTS (SELECT 1 FROM event_hosts WHERE event_id = \(bind: eventID) AND group_id = \(bind: groupID))
            """
        ).run()
    }

    /// Ends a remote group's re-share of an event.
    package func unpromote(_ eventID: Int, by groupID: Int) async throws {
        try await services.store.sql.delete(from: "event_promotions").where("event_id", .equal, eventID)
            .where("group_id", .equal, groupID).run()
    }
}

/// An event may be a copy of one on another server: `origin` holds its id there.
struct AddEventOrigins: AsyncMigration {
    var name: String { "AddEventOrigins" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE events ADD COLUMN origin TEXT").run()
        try await sql.raw("CREATE UNIQUE INDEX events_origin ON events (origin)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX events_origin").run()
        try await sql.raw("ALTER TABLE events DROP COLUMN origin").run()
    }
}
