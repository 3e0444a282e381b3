import FluentKit
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Events, their hosts and promoters, and RSVPs.
struct CreateEvents: AsyncMigration {
    var name: String { "CreateEvents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("event_series")
            .field("id", .int, .identifier(auto: true))
            .field("frequency", .string, .required)
            .field("until_day", .string, .required)
            .field("exceptions", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("events")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("description_html", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("time_zone", .string, .required)
            .field("city_id", .int, .references("cities", "id", onDelete: .setNull))
            .field("address", .string, .required)
            .field("online_url", .string)
            .field("capacity", .int)
            .field("is_public", .bool, .required)
            .field("status", .string, .required)
            .field("series_id", .int, .references("event_series", "id", onDelete: .setNull))
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("sequence", .int, .required)
            .create()
        try await database.schema("event_hosts")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("invited_by", .int, .references("people", "id", onDelete: .setNull))
            .field("decided_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .unique(on: "event_id", "group_id")
            .create()
        try await database.schema("event_promotions")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("promoted_by", .int, .references("people", "id", onDelete: .setNull))
            .field("announcement_id", .int, .references("posts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "event_id", "group_id")
            .create()
        try await database.schema("rsvps")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("email", .string)
            .field("status", .string, .required)
            .field("token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("checked_in_at", .datetime)
            .field("reminded_at", .datetime)
            .create()
        try await database.schema("calendar_keys")
            .field("person_id", .int, .identifier(auto: false), .references("people", "id", onDelete: .cascade))
            .field("token", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token")
            .create()
        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX events_city_time ON events (city_id, starts_at)",
            "CREATE INDEX events_time ON events (starts_at)",
            "CREATE INDEX events_series ON events (series_id)",
            "CREATE INDEX event_hosts_group ON event_hosts (group_id, status)",
            "CREATE INDEX event_promotions_group ON event_promotions (group_id)",
            "CREATE INDEX rsvps_event ON rsvps (event_id, status, id)",
            "CREATE UNIQUE INDEX rsvps_person ON rsvps (event_id, person_id)",
            "CREATE UNIQUE INDEX rsvps_email ON rsvps (event_id, email)",
            "CREATE UNIQUE INDEX rsvps_token ON rsvps (token)",
            "CREATE INDEX rsvps_person_time ON rsvps (person_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["calendar_keys", "rsvps", "event_promotions", "event_hosts", "events", "event_series"] {
            try await database.schema(table).delete()
        }
    }
}

/// Where places at an event are given when another feature gives them (a path on this site, such as a study
/// series' page): such an event takes no RSVPs, and its page points there instead.
struct AddEventsPlacesAt: AsyncMigration {
    var name: String { "AddEventsPlacesAt" }

    func prepare(on database: any Database) async throws {
        try await database.schema("events").field("places_at", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("events").deleteField("places_at").update()
    }
}
