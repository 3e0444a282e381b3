import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// The cities table: shipped with the site, extended by organizers.
package struct Cities: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    static let columns = ["id", "slug", "name", "country", "latitude", "longitude", "time_zone"]

    package func all() async throws -> [City] {
        try await sql.select().columns(Self.columns).from("cities").orderBy("name").rows(City.self)
    }

    package func find(_ id: Int) async throws -> City? {
        try await sql.select().columns(Self.columns).from("cities").where("id", .equal, id).row(City.self)
    }

    package func find(slug: String) async throws -> City? {
        try await sql.select().columns(Self.columns).from("cities").where("slug", .equal, slug.lowercased())
            .row(City.self)
    }

    /// The city with this name (any case) or slug.
    package func named(_ name: String) async throws -> City? {
        let key = name.trimmingWhitespace().lowercased()
        return try await sql.select().columns(Self.columns).from("cities")
            .where { $0.where("name_key", .equal, key).orWhere("slug", .equal, key) }
            .orderBy("id").row(City.self)
    }

    /// Adds a city; any signed-in person who organizes a group may.
    package func add(
        name: String,
        country: String,
        latitude: String,
        longitude: String,
        timeZone: String,
        by person: CurrentPerson
    ) async throws -> City {
        var errors: [String: String] = [:]
        let name = FieldRules.line(name, "name", "Give the city's name.", max: 100, &errors)
        let country = FieldRules.line(
            country,
            "country",
            "Give the country's two-letter code, such as GB.",
            max: 2,
            &errors
        )
        .uppercased()
        if errors["country"] == nil && (country.count != 2 || !country.allSatisfy { $0.isASCII && $0.isLetter }) {
            errors["country"] = "Give the country's two-letter code, such as GB."
        }
        let latitude = FieldRules.line(latitude, "latitude", nil, max: 32, &errors)
        let longitude = FieldRules.line(longitude, "longitude", nil, max: 32, &errors)
        let zone = FieldRules.line(timeZone, "timeZone", nil, max: 64, &errors)
        let lat = Double(latitude).flatMap { (-90...90).contains($0) ? $0 : nil }
        if lat == nil && errors["latitude"] == nil {
            errors["latitude"] = "Give the latitude in degrees, from -90 to 90 (such as 53.80)."
        }
        let lon = Double(longitude).flatMap { (-180...180).contains($0) ? $0 : nil }
        if lon == nil && errors["longitude"] == nil {
            errors["longitude"] = "Give the longitude in degrees, from -180 to 180 (such as -1.55)."
        }
        if errors["timeZone"] == nil && !ZonedTime.isKnownZone(zone) {
            errors["timeZone"] = "Choose a time zone such as Europe/London."
        }
        if errors["name"] == nil, try await named(name) != nil { errors["name"] = "\(name) is on the list already." }
        let slug = Slug.make(from: name)
        if errors["name"] == nil && slug.isEmpty { errors["name"] = "Give a name with letters or digits." }
        guard errors.isEmpty, let lat, let lon else { throw AppError.validation(errors) }
        var finalSlug = slug
        if try await find(slug: slug) != nil { finalSlug = "\(slug)-\(country.lowercased())" }
        let id = try await sql.insertReturningID(
            into: "cities",
            [
                "slug": finalSlug, "name": name, "name_key": name.lowercased(), "country": country, "latitude": lat,
                "longitude": lon, "time_zone": zone, "created_by": person.id, "created_at": services.clock(),
            ]
        )
        return City(
            id: id,
            slug: finalSlug,
            name: name,
            country: country,
            latitude: lat,
            longitude: lon,
            timeZone: zone
        )
    }
}
