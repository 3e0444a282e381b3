import FluentKit
import SQLKit

/// Speaking tours: a speaker, a date range, a planning group, and stops in cities hosted by groups that accept.
/// `tour_stops.local_date`, `position` and `event_id` are filled when the tour is scheduled; `hosts_from` and
/// `hosts_until` are the dates a stop's hosts can do, if they said.
struct CreateTours: AsyncMigration {
    var name: String { "CreateTours" }

    func prepare(on database: any Database) async throws {
        try await database.schema("tours")
            .field("id", .int, .identifier(auto: true))
            .field("speaker_id", .int, .required, .references("speakers", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("status", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("tour_stops")
            .field("id", .int, .identifier(auto: true))
            .field("tour_id", .int, .required, .references("tours", "id", onDelete: .cascade))
            .field("city_id", .int, .required, .references("cities", "id"))
            .field("talk_id", .int, .references("speaker_talks", "id", onDelete: .setNull))
            .field("hosts_from", .string)
            .field("hosts_until", .string)
            .field("start_time", .string, .required)
            .field("address", .string, .required)
            .field("local_date", .string)
            .field("position", .int)
            .field("event_id", .int, .references("events", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("tour_stop_hosts")
            .field("id", .int, .identifier(auto: true))
            .field("stop_id", .int, .required, .references("tour_stops", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("invited_by", .int, .references("people", "id", onDelete: .setNull))
            .field("decided_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .unique(on: "stop_id", "group_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX tours_group ON tours (group_id, starts_on)").run()
        try await sql.raw("CREATE INDEX tours_speaker ON tours (speaker_id)").run()
        try await sql.raw("CREATE INDEX tours_status ON tours (status, starts_on)").run()
        try await sql.raw("CREATE INDEX tour_stops_tour ON tour_stops (tour_id, id)").run()
        try await sql.raw("CREATE INDEX tour_stop_hosts_group ON tour_stop_hosts (group_id, status)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["tour_stop_hosts", "tour_stops", "tours"] { try await database.schema(table).delete() }
    }
}

let tourMigrations: [any Migration] = [CreateTours()]
