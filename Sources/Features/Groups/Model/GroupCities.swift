import FreshgroundCore
import FreshgroundWeb
import SQLKit

/// The cities a group can be in: the site's city table, the same one events use.
struct GroupCities: Sendable {
    let sql: any SQLDatabase

    /// Every city's name, alphabetically, for the group form's list.
    func names() async throws -> [String] {
        try await sql.select().column("name").from("cities").orderBy("name").orderBy("id").column(
            "name",
            as: String.self
        )
    }

    /// The listed city with this name in any case (its id and spelling), or the name as given, without an id, when
    /// the list has no such city: how a group copied from another server keeps the city it names.
    func listed(_ typed: String) async throws -> (id: Int?, name: String) {
        let city = String(typed.trimmingWhitespace().prefix(80))
        guard !city.isEmpty,
            let row = try await sql.select().columns("id", "name").from("cities")
                .where("name_key", .equal, city.lowercased()).orderBy("id").limit(1).row(CityRow.self)
        else { return (nil, city) }
        return (row.id, row.name)
    }

    /// The city a group form names, as stored: the listed city with that name in any case (its id and spelling);
    /// `current`, the group's city before the list, when the form keeps it unchanged; otherwise a message in
    /// `errors["city"]`. An empty city is left to the other rules (an online group needs none).
    func place(
        _ typed: String,
        keeping current: String?,
        _ errors: inout [String: String]
    ) async throws -> (
        id: Int?, name: String
    ) {
        let city = typed.trimmingWhitespace()
        guard !city.isEmpty, errors["city"] == nil else { return (nil, city) }
        let found = try await listed(city)
        if found.id != nil { return found }
        if city == current { return (nil, city) }
        errors["city"] =
            "Choose a city from the list: “\(city)” is not on it yet. Add it on the city calendars page (/cities), "
            + "then choose it here."
        return (nil, city)
    }
}

/// A city's id and name, in `GroupCities.place`.
private struct CityRow: Decodable {
    let id: Int
    let name: String
}
