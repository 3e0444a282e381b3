import Foundation
import HTTPTypes
import Testing

/// The events' text fields, through the forms and the API, fed the library's corpus of hostile input: each is
/// refused with a message (never a 500) or kept and shown as harmless text.
@Suite("Events: hostile input")
struct EventHostileInputTests {
    static let eventFields = ["title", "description", "address", "city", "timeZone", "onlineURL", "start", "until"]

    @Test func eventForm() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let base: [(String, String)] = [
                ("host", net.leeds), ("kind", "talk"), ("title", "Base"), ("start", "2026-10-20T19:00"),
                ("end", "2026-10-20T21:00"), ("city", "Leeds"), ("isPublic", "on"), ("ignoreClashes", "on"),
            ]
            try await HostileInputTests.feed(&net.olive, "event form", fields: Self.eventFields, kept: [303]) {
                person,
                field,
                entry in
                var fields = base
                if field == "until" { fields.append(("repeats", "weekly")) }
                return try await HostileInputTests.postForm(&person, "/events", fields, field, entry)
            } shown: { person, response in
                let path = try #require(response.location)
                var stranger = app.visitor()
                return [try await person.get(path), try await stranger.get(path), try await stranger.get("/events")]
            }
        }
    }

    @Test func eventAPI() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let base: [String: Any] = [
                "host": net.leeds, "kind": "talk", "title": "Base", "start": "2026-10-20T19:00",
                "end": "2026-10-20T21:00", "city": "Leeds", "ignoreClashes": true,
            ]
            try await HostileInputTests.feed(&net.olive, "event API", fields: Self.eventFields, kept: [201]) {
                person,
                field,
                entry in
                var object = base
                if field == "until" { object["repeats"] = "weekly" }
                return try await HostileInputTests.sendJSON(&person, .post, "/api/v1/events", object, field, entry)
            } shown: { person, response in
                let id = try #require((response.json["event"] as? [String: Any])?["event"] as? [String: Any])["id"]
                let number = try #require(id as? Int)
                return [
                    try await person.get("/events/\(number)"), try await person.api(.get, "/api/v1/events/\(number)"),
                ]
            }
        }
    }

    @Test func rsvpByEmailAndCities() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds)
            var guest = app.visitor()
            let rsvp: [(String, String)] = [("name", "Gil"), ("email", "gil@example.org")]
            try await HostileInputTests.feed(&guest, "RSVP form", fields: ["name", "email"], kept: [303]) {
                person,
                field,
                entry in
                try await HostileInputTests.postForm(&person, "/events/\(id)/rsvp/email", rsvp, field, entry)
            } shown: { _, _ in
                [try await net.olive.get("/events/\(id)/attendees")]
            }
            let city: [(String, String)] = [
                ("name", "Hebden"), ("country", "GB"), ("latitude", "53.7"), ("longitude", "-2.0"),
                ("timeZone", "Europe/London"),
            ]
            var counter = 0
            try await HostileInputTests.feed(
                &net.olive,
                "city form",
                fields: ["name", "timeZone", "latitude"],
                kept: [303]
            ) {
                person,
                field,
                entry in
                counter += 1
                let fields = city.map { $0.0 == "name" ? ($0.0, "Hebden \(counter)") : $0 }
                return try await HostileInputTests.postForm(&person, "/cities", fields, field, entry)
            } shown: { person, response in
                [try await person.get(try #require(response.location)), try await person.get("/cities")]
            }
        }
    }
}
