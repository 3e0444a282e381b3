import Foundation
import Testing

@testable import Groups

/// A group's city is chosen from the site's city table, as an event's is; the directory finds groups by the first
/// letters of their city, and only public ones.
@Suite struct GroupCityTests {
    private func fields(_ name: String, city: String, visibility: String = "public") -> [(String, String)] {
        [
            ("name", name), ("kind", "circle"), ("description", ""), ("place_kind", "city"), ("city", city),
            ("place_name", ""), ("visibility", visibility), ("join_policy", "open"), ("basis", ""),
            ("_submitted", "1"),
        ]
    }

    private func linkedCity(_ app: TestApp, _ slug: String) async throws -> String? {
        try await app.store.sql.raw(
            "SELECT c.name FROM groups g JOIN cities c ON c.id = g.city_id WHERE g.slug = \(bind: slug)"
        ).first()?.decode(column: "name", as: String.self)
    }

    @Test func theCityIsChosenFromTheListAndShown() async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            let form = try await olive.get("/groups/new")

            // act: typed in another case, it takes the list's spelling
            let slug = try await olive.createGroup("Kiez Circle", city: "berlin")
            let page = try await olive.get("/groups/\(slug)")
            let edit = try await olive.get("/groups/\(slug)/edit")
            let api = try await app.anonymousGet("/api/v1/groups/\(slug)")

            // check
            #expect(form.contains(#"list="city-choices""#) && form.contains(#"<option value="Berlin">"#))
            #expect(page.contains("Berlin"))
            #expect(edit.contains(#"value="Berlin""#))
            #expect(api.body.contains(#""city":"Berlin""#))
            #expect(try await linkedCity(app, slug) == "Berlin")
        }
    }

    @Test func anUnknownCityIsRefusedWithTheInputKept() async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Kiez Circle", city: "Berlin")

            // act
            let created = try await olive.post("/groups", fields("Atlantis Circle", city: "Atlantis"))
            let edited = try await olive.post("/groups/\(slug)/edit", fields("Kiez Circle", city: "Atlantis"))
            let page = try await olive.get("/groups/\(slug)")

            // check
            for refused in [created, edited] {
                #expect(refused.status == .unprocessableContent)
                #expect(refused.contains("Choose a city from the list"))
                #expect(refused.contains(#"value="Atlantis""#))
            }
            #expect(created.contains(#"value="Atlantis Circle""#))
            #expect(page.contains("Berlin") && !page.contains("Atlantis"))
        }
    }

    @Test func aCityFromBeforeTheListIsKeptWhenUnchanged() async throws {
        try await withApp { app in
            // setup: a group whose city was typed before the list, and is not on it
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Valley Circle", city: "Leeds")
            try await app.store.sql.raw(
                "UPDATE groups SET city = 'Hebden Bridge', city_key = 'hebden bridge', city_id = NULL WHERE slug = \(bind: slug)"
            ).run()

            // act
            let saved = try await olive.post(
                "/groups/\(slug)/edit",
                fields("Valley Circle Renamed", city: "Hebden Bridge")
            )
            let page = try await olive.get("/groups/\(slug)")

            // check
            #expect(saved.status == .seeOther)
            #expect(page.contains("Valley Circle Renamed") && page.contains("Hebden Bridge"))
        }
    }

    @Test func theMigrationLinksTypedCitiesThatAreOnTheList() async throws {
        try await withApp { app in
            // setup: two groups as they were before the list: one city in another case, one not on the list
            var olive = try await app.person("olive")
            let listed = try await olive.createGroup("Kiez Circle", city: "Berlin")
            let unlisted = try await olive.createGroup("Valley Circle", city: "Leeds")
            try await app.store.sql.raw(
                "UPDATE groups SET city = ' bERLIN', city_key = 'berlin', city_id = NULL WHERE slug = \(bind: listed)"
            ).run()
            try await app.store.sql.raw(
                "UPDATE groups SET city = 'Hebden Bridge', city_key = 'hebden bridge', city_id = NULL WHERE slug = \(bind: unlisted)"
            ).run()

            // act
            try await AddGroupsCityID.linkTypedCities(app.store.sql)
            let listedPage = try await app.anonymousGet("/groups/\(listed)")
            let unlistedPage = try await app.anonymousGet("/groups/\(unlisted)")

            // check
            #expect(try await linkedCity(app, listed) == "Berlin")
            #expect(listedPage.contains("Berlin") && !listedPage.contains("bERLIN"))
            #expect(try await linkedCity(app, unlisted) == nil)
            #expect(unlistedPage.contains("Hebden Bridge"))
        }
    }

    @Test func theDirectoryFindsCitiesByTheirFirstLettersAndOnlyPublicGroups() async throws {
        try await withApp { app in
            // setup: public groups in Berlin and Barcelona, a private one in Berlin
            var olive = try await app.person("olive")
            try await olive.createGroup("Kiez Circle", city: "Berlin")
            try await olive.createGroup("Barri Circle", city: "Barcelona")
            var sara = try await app.person("sara")
            try await sara.createGroup("Hidden Berlin Cell", city: "Berlin", visibility: "private")

            // act
            let page = try await app.anonymousGet("/groups?city=Ber")
            let member = try await sara.get("/groups?city=ber")
            let api = try await app.anonymousGet("/api/v1/groups?city=BER")
            let none = try await app.anonymousGet("/groups?city=Bx")

            // check
            for found in [page, member, api] {
                #expect(found.contains("Kiez Circle"))
                #expect(!found.contains("Barri Circle"))
                #expect(!found.contains("Hidden Berlin Cell"))
            }
            #expect(page.contains(#"value="Ber""#))
            #expect(none.contains("No public group matches"))
        }
    }

    @Test func aNewcomerAddsTheirMissingCityAndFoundsTheFirstGroupThere() async throws {
        try await withApp { app in
            // setup: nina belongs to no group; her town is not on the list
            var nina = try await app.person("nina")
            let refused = try await nina.post("/groups", fields("Hebden Circle", city: "Hebden Bridge"))
            // act
            let added = try await nina.post(
                "/cities",
                [
                    ("name", "Hebden Bridge"), ("country", "GB"), ("latitude", "53.74"), ("longitude", "-2.01"),
                    ("timeZone", "Europe/London"),
                ]
            )
            let slug = try await nina.createGroup("Hebden Circle", city: "Hebden Bridge")
            // check
            #expect(refused.status == .unprocessableContent && refused.contains("/cities"))
            #expect(added.status == .seeOther)
            #expect(try await linkedCity(app, slug) == "Hebden Bridge")
        }
    }
}
