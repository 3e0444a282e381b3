import FluentKit
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Cities with coordinates and time zones: groups are placed in them, and the city calendars, clash warnings and
/// tour distances use them. Events created this table first; it moved here, unchanged and under the same name, so
/// groups (which every other feature runs after) can refer to it: a database that has it already skips it.
struct CreateCities: AsyncMigration {
    var name: String { "CreateCities" }

    func prepare(on database: any Database) async throws {
        try await database.schema("cities")
            .field("id", .int, .identifier(auto: true))
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("country", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("time_zone", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "slug")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX cities_name ON cities (name_key)").run()
        let now = Date()
        try await sql.insertRows(
            into: "cities",
            columns: ["slug", "name", "name_key", "country", "latitude", "longitude", "time_zone", "created_at"],
            rows: citySeed.map { city in
                [
                    Slug.make(from: city.name), city.name, city.name.lowercased(), city.country, city.latitude,
                    city.longitude, city.zone, now,
                ]
            }
        )
    }

    func revert(on database: any Database) async throws { try await database.schema("cities").delete() }
}

/// A group's city is a row of the city table (`city_id`); `city` keeps its name for pages and the API. A city
/// typed before the list that names a listed city (in any case) is linked to it and takes its spelling; any other
/// stays as typed, unlinked.
struct AddGroupsCityID: AsyncMigration {
    var name: String { "AddGroupsCityID" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE groups ADD COLUMN city_id BIGINT REFERENCES cities (id) ON DELETE SET NULL")
            .run()
        try await sql.raw("CREATE INDEX groups_city ON groups (city_id)").run()
        try await Self.linkTypedCities(sql)
    }

    /// Links each unlinked group whose typed city names a listed one (any case) to it, in the list's spelling.
    static func linkTypedCities(_ sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE groups SET city_id = (SELECT MIN(c.id) FROM cities c WHERE c.name_key = groups.city_key)
            WHERE city_id IS NULL AND city_key <> ''
            """
        ).run()
        try await sql.raw(
            """
            UPDATE groups SET city = (SELECT c.name FROM cities c WHERE c.id = groups.city_id),
              city_key = (SELECT c.name_key FROM cities c WHERE c.id = groups.city_id)
            WHERE city_id IS NOT NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX groups_city").run()
        try await sql.raw("ALTER TABLE groups DROP COLUMN city_id").run()
    }
}
