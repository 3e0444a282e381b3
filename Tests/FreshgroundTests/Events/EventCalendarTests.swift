import Foundation
import HTTPTypes
import Testing

/// City calendars, clash warnings before saving, and repeating events across a daylight-saving change.
@Suite("Event calendars")
struct EventCalendarTests {
    @Test("going ahead after a clash warning holds only for the time warned about; a changed time is checked again")
    func clashWarningIsForTheTimeShown() async throws {
        try await withApp { app in
            // setup: a clash warning for 20:00-22:00, with the form's own "anyway" field
            var net = try await eventNetwork(app)
            _ = try await scheduleEvent(&net.olive, host: net.leeds, title: "Tenants' assembly")
            let warned = try await postEvent(
                &net.sara,
                host: net.students,
                title: "Teach-in",
                start: "2026-10-20T20:00",
                end: "2026-10-20T22:00"
            )
            let anyway = try #require(
                warned.body.firstMatch(of: /name="ignoreClashes" value="([^"]+)"/).map { String($0.1) }
            )

            // act: move it to another clashing time and press "anyway" with the old warning's field
            let moved = try await postEvent(
                &net.sara,
                host: net.students,
                title: "Teach-in",
                start: "2026-10-20T19:30",
                end: "2026-10-20T21:30",
                [("ignoreClashes", anyway)]
            )
            // and going ahead at the time that was warned about
            let kept = try await postEvent(
                &net.sara,
                host: net.students,
                title: "Teach-in",
                start: "2026-10-20T20:00",
                end: "2026-10-20T22:00",
                [("ignoreClashes", anyway)]
            )

            // check
            #expect(warned.status == .conflict)
            #expect(moved.status == .conflict, "the new time is checked again")
            #expect(moved.contains("This clashes with another event"))
            #expect(kept.status == .seeOther)
        }
    }

    @Test("an overlapping public event in the same city whose hosts share people is named before saving")
    func clashWarning() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let first = try await scheduleEvent(&net.olive, host: net.leeds, title: "Tenants' assembly")
            // Leeds Students shares bob with Leeds Tenants: same city, overlapping by an hour.
            let warned = try await postEvent(
                &net.sara,
                host: net.students,
                title: "Campus teach-in",
                start: "2026-10-20T20:00",
                end: "2026-10-20T22:00"
            )
            #expect(warned.status == .conflict)
            #expect(warned.contains("This clashes with another event"))
            #expect(warned.contains("href=\"/events/\(first)\""))
            #expect(warned.contains("hosted by Leeds Tenants"))
            #expect(warned.contains("overlaps by 1 hour"))
            #expect(warned.contains("Contact its hosts"))
            #expect(warned.contains("Schedule it anyway"))
            #expect(
                try await app.anonymousGet("/cities/leeds?month=2026-10").contains("Campus teach-in") == false,
                "nothing saved"
            )
            // Moving it clears the warning.
            let moved = try await scheduleEvent(
                &net.sara,
                host: net.students,
                title: "Campus teach-in",
                start: "2026-10-21T20:00",
                end: "2026-10-21T22:00"
            )
            // Going ahead anyway is the organizer's call.
            let anyway = try await postEvent(
                &net.sara,
                host: net.students,
                title: "Second teach-in",
                start: "2026-10-20T20:00",
                end: "2026-10-20T22:00",
                [("ignoreClashes", "on")]
            )
            #expect(anyway.status == .seeOther)
            let calendar = try await app.anonymousGet("/cities/leeds?month=2026-10")
            #expect(calendar.contains("href=\"/events/\(moved)\""))
            #expect(calendar.contains("Second teach-in"))
        }
    }

    @Test("no warning without shared people, in another city, or when the times only touch")
    func noFalseClashes() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            _ = try await scheduleEvent(&net.olive, host: net.leeds, title: "Tenants' assembly")
            // York Circle shares nobody with Leeds Tenants.
            let york = try await postEvent(&net.yann, host: net.york, title: "York in Leeds", city: "Leeds")
            #expect(york.status == .seeOther)
            // Another city, same time.
            let elsewhere = try await postEvent(&net.sara, host: net.students, title: "Away day", city: "York")
            #expect(elsewhere.status == .seeOther)
            // Starts as the assembly ends.
            let after = try await postEvent(
                &net.sara,
                host: net.students,
                title: "After party",
                start: "2026-10-20T21:00",
                end: "2026-10-20T23:00"
            )
            #expect(after.status == .seeOther)
        }
    }

    @Test("a weekly series keeps its local time across the clock change and skips struck-out days")
    func weeklySeriesAcrossDST() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            // British Summer Time ends on Sunday 25 October 2026.
            let first = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Reading group",
                start: "2026-10-13T19:00",
                end: "2026-10-13T20:30",
                [("repeats", "weekly"), ("until", "2026-11-10"), ("except", "2026-10-27")]
            )
            let october = try await app.anonymousGet("/cities/leeds?month=2026-10")
            let november = try await app.anonymousGet("/cities/leeds?month=2026-11")
            let ids = Set(eventIDs(in: october) + eventIDs(in: november))
            #expect(ids.count == 4, "13, 20 Oct and 3, 10 Nov; 27 Oct is struck out: \(ids.sorted())")
            #expect(ids.contains(first))
            for id in ids {
                let page = try await app.anonymousGet("/events/\(id)")
                #expect(page.contains("19:00"), "event \(id) should start at 19:00 local time")
            }
            #expect(october.contains("Tue 13 Oct 2026, 19:00 GMT+1"))
            #expect(november.contains("Tue 3 Nov 2026, 19:00 GMT"))
            #expect(!october.contains("27 Oct"))
        }
    }

    @Test("cities: anyone signed in adds one, bad coordinates are refused, unknown cities are not found")
    func cities() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            #expect(try await app.anonymousGet("/cities").contains("Leeds"))
            let bad = try await net.bob.post(
                "/cities",
                [
                    ("name", "Hebden Bridge"), ("country", "GB"), ("latitude", "95"), ("longitude", "-2.01"),
                    ("timeZone", "Europe/London"),
                ]
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("id=\"latitude-error\""))
            let good = try await net.bob.post(
                "/cities",
                [
                    ("name", "Hebden Bridge"), ("country", "GB"), ("latitude", "53.74"), ("longitude", "-2.01"),
                    ("timeZone", "Europe/London"),
                ]
            )
            #expect(good.location == "/cities/hebden-bridge")
            _ = try await scheduleEvent(&net.olive, host: net.leeds, title: "Valley walk", city: "Hebden Bridge")
            #expect(try await app.anonymousGet("/cities/hebden-bridge?month=2026-10").contains("Valley walk"))
            #expect(try await app.anonymousGet("/cities/atlantis").status == .notFound)
            #expect(try await app.anonymousGet("/cities/leeds?month=garbage").status == .ok)
        }
    }
}
