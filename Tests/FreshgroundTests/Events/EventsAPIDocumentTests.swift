import Foundation
import HTTPTypes
import SQLKit
import Testing

/// The events' part of the OpenAPI document: every operation it lists is served, answers with the documented
/// status, and sends bodies that fit the document's schemas at every depth (see `LibraryAPIDocumentTests.Calls`).
@Suite("Events API document")
struct EventsAPIDocumentTests {
    static let operations: Set<String> = [
        "GET /api/v1/events", "POST /api/v1/events", "GET /api/v1/events/{id}", "PUT /api/v1/events/{id}",
        "POST /api/v1/events/{id}/cancel", "POST /api/v1/events/{id}/hosts", "POST /api/v1/events/{id}/hosts/{slug}",
        "POST /api/v1/events/{id}/promotions", "DELETE /api/v1/events/{id}/promotions/{slug}",
        "POST /api/v1/events/{id}/rsvp", "DELETE /api/v1/events/{id}/rsvp", "POST /api/v1/events/{id}/rsvp/email",
        "GET /api/v1/events/{id}/attendees", "POST /api/v1/events/{id}/attendees/{rsvp}/check-in",
        "GET /api/v1/cities", "POST /api/v1/cities", "GET /api/v1/cities/{slug}/events",
        "GET /api/v1/groups/{slug}/events", "GET /api/v1/me/events", "POST /api/v1/me/calendar-key",
    ]

    nonisolated(unsafe) static let event: [String: Any] = [
        "kind": "talk", "title": "Rent strike forum", "description": "Come *along*.", "start": "2026-10-20T19:00",
        "end": "2026-10-20T21:00", "city": "leeds", "onlineURL": "https://meet.example.org/room", "capacity": 1,
    ]

    @Test func everyEventOperationAnswersAsDocumented() async throws {
        try await withApp { app in
            // setup: the events network (olive, sara, bob, yann, carol, mona and their groups)
            var net = try await eventNetwork(app)
            var stranger = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&stranger)
            // act: scheduling, with its refusals
            var input = Self.event
            input["host"] = net.leeds
            input["coHosts"] = [net.students]
            let created = try await calls.call(&net.olive, "POST /api/v1/events", "/api/v1/events", json: input)
            let id = try #require(
                APITests.integer(
                    (created.json["event"] as? [String: Any]).flatMap { ($0["event"] as? [String: Any])?["id"] }
                )
            )
            let at = "/api/v1/events/\(id)"
            var clash = Self.event
            clash["host"] = net.students
            clash["title"] = "Campus teach-in"
            let clashed = try await calls.call(
                &net.sara,
                "POST /api/v1/events",
                "/api/v1/events",
                json: clash,
                status: .conflict
            )
            var bad = Self.event
            bad["host"] = net.leeds
            bad["end"] = "2026-10-20T18:00"
            let refused = try await calls.call(
                &net.olive,
                "POST /api/v1/events",
                "/api/v1/events",
                json: bad,
                status: .unprocessableContent
            )
            try await calls.call(
                &stranger,
                "POST /api/v1/events",
                "/api/v1/events",
                json: Self.event,
                status: .unauthorized
            )
            try await calls.call(&net.olive, "GET /api/v1/events", "/api/v1/events")
            let read = try await calls.call(&stranger, "GET /api/v1/events/{id}", at)
            try await calls.call(&stranger, "GET /api/v1/events/{id}", "/api/v1/events/999999", status: .notFound)
            var change = Self.event
            change["start"] = "2026-10-20T19:30"
            change["ignoreClashes"] = true
            try await calls.call(&net.bob, "PUT /api/v1/events/{id}", at, json: change, status: .forbidden)
            let changed = try await calls.call(&net.olive, "PUT /api/v1/events/{id}", at, json: change)
            clash["ignoreClashes"] = true
            try await calls.call(&net.sara, "POST /api/v1/events", "/api/v1/events", json: clash)
            change["title"] = "Rent strike forum, again"
            change["ignoreClashes"] = false
            let clashedChange = try await calls.call(
                &net.olive,
                "PUT /api/v1/events/{id}",
                at,
                json: change,
                status: .conflict
            )
            // hosts and promotion
            try await calls.call(
                &net.sara,
                "POST /api/v1/events/{id}/hosts/{slug}",
                "\(at)/hosts/\(net.students)",
                json: ["accept": true]
            )
            try await calls.call(&net.olive, "POST /api/v1/events/{id}/hosts", "\(at)/hosts", json: ["group": net.york])
            try await calls.call(
                &net.carol,
                "POST /api/v1/events/{id}/promotions",
                "\(at)/promotions",
                json: ["group": net.center]
            )
            try await calls.call(
                &net.mona,
                "POST /api/v1/events/{id}/promotions",
                "\(at)/promotions",
                json: ["group": net.center],
                status: .forbidden
            )
            // RSVPs: bob takes the one place, mona waits, a guest asks by email
            let going = try await calls.call(&net.bob, "POST /api/v1/events/{id}/rsvp", "\(at)/rsvp")
            try await calls.call(&net.mona, "POST /api/v1/events/{id}/rsvp", "\(at)/rsvp")
            var guest = app.visitor()
            try await calls.call(
                &guest,
                "POST /api/v1/events/{id}/rsvp/email",
                "\(at)/rsvp/email",
                json: ["name": "Gil", "email": "gil@example.org"]
            )
            try await calls.call(
                &guest,
                "POST /api/v1/events/{id}/rsvp/email",
                "\(at)/rsvp/email",
                json: ["name": "Gil", "email": "nope"],
                status: .unprocessableContent
            )
            try await calls.call(&net.bob, "GET /api/v1/events/{id}/attendees", "\(at)/attendees", status: .forbidden)
            let attendees = try await calls.call(&net.olive, "GET /api/v1/events/{id}/attendees", "\(at)/attendees")
            let bobs = try #require(
                LibraryAPIDocumentTests.items(attendees).first { $0["handle"] as? String == "bob" }.flatMap {
                    APITests.integer($0["id"])
                }
            )
            let checked = try await calls.call(
                &net.olive,
                "POST /api/v1/events/{id}/attendees/{rsvp}/check-in",
                "\(at)/attendees/\(bobs)/check-in",
                json: ["arrived": true]
            )
            try await calls.call(&net.bob, "DELETE /api/v1/events/{id}/rsvp", "\(at)/rsvp")
            // calendars and cities
            try await calls.call(&stranger, "GET /api/v1/cities", "/api/v1/cities")
            try await calls.call(
                &net.olive,
                "POST /api/v1/cities",
                "/api/v1/cities",
                json: [
                    "name": "Hebden Bridge", "country": "GB", "latitude": 53.74, "longitude": -2.01,
                    "timeZone": "Europe/London",
                ]
            )
            try await calls.call(
                &net.bob,
                "POST /api/v1/cities",
                "/api/v1/cities",
                json: [
                    "name": "Todmorden", "country": "GB", "latitude": 53.71, "longitude": -2.1,
                    "timeZone": "Europe/London",
                ],
                status: .created
            )
            let month = try await calls.call(
                &stranger,
                "GET /api/v1/cities/{slug}/events",
                "/api/v1/cities/leeds/events?month=2026-10"
            )
            try await calls.call(
                &stranger,
                "GET /api/v1/cities/{slug}/events",
                "/api/v1/cities/atlantis/events",
                status: .notFound
            )
            let promoted = try await calls.call(
                &stranger,
                "GET /api/v1/groups/{slug}/events",
                "/api/v1/groups/\(net.center)/events"
            )
            let mine = try await calls.call(&net.mona, "GET /api/v1/me/events", "/api/v1/me/events")
            try await calls.call(&stranger, "GET /api/v1/me/events", "/api/v1/me/events", status: .unauthorized)
            let key = try await calls.call(&net.mona, "POST /api/v1/me/calendar-key", "/api/v1/me/calendar-key")
            try await calls.call(
                &net.carol,
                "DELETE /api/v1/events/{id}/promotions/{slug}",
                "\(at)/promotions/\(net.center)"
            )
            try await calls.call(&net.bob, "POST /api/v1/events/{id}/cancel", "\(at)/cancel", status: .forbidden)
            let cancelled = try await calls.call(&net.olive, "POST /api/v1/events/{id}/cancel", "\(at)/cancel")
            // check
            #expect(
                ((clashed.json["clashes"] as? [[String: Any]])?.first?["event"] as? [String: Any])?["title"] as? String
                    == "Rent strike forum"
            )
            #expect(((refused.json["errors"] as? [String: String])?["end"]) != nil)
            #expect(((read.json["event"] as? [String: Any])?["onlineURL"]) == nil, "no link for a stranger")
            #expect(
                ((going.json["event"] as? [String: Any])?["onlineURL"]) as? String == "https://meet.example.org/room"
            )
            #expect(going.json["rsvp"] as? String == "going")
            #expect(
                (((changed.json["event"] as? [String: Any])?["event"] as? [String: Any])?["sequence"]).flatMap(
                    APITests.integer
                ) == 1
            )
            #expect(LibraryAPIDocumentTests.items(checked).contains { $0["checkedInAt"] != nil })
            #expect(LibraryAPIDocumentTests.items(month).count == 2)
            #expect(
                ((clashedChange.json["clashes"] as? [[String: Any]])?.first?["event"] as? [String: Any])?["title"]
                    as? String == "Campus teach-in"
            )
            #expect(LibraryAPIDocumentTests.items(promoted).first?["promoted"] as? Bool == true)
            #expect(
                LibraryAPIDocumentTests.items(mine).first?["note"] as? String == "You are going",
                "the place bob freed"
            )
            #expect((key.json["url"] as? String)?.hasSuffix(".ics") == true)
            #expect(
                (((cancelled.json["event"] as? [String: Any])?["event"] as? [String: Any])?["status"]) as? String
                    == "cancelled"
            )
            #expect(
                (((cancelled.json["event"] as? [String: Any])?["event"] as? [String: Any])?["title"]) as? String
                    == "Rent strike forum",
                "a change refused for a clash is not saved"
            )
            #expect(
                calls.exercised == Self.operations,
                "not exercised: \(Self.operations.subtracting(calls.exercised))"
            )
        }
    }

    @Test func privateEventsAreNotFoundForOutsiders() async throws {
        try await withApp { app in
            // setup: Leeds Tenants' members-only meeting, with Leeds Students invited to co-host
            var net = try await eventNetwork(app)
            var stranger = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&stranger)
            let id = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Members' meeting",
                start: "2026-10-21T19:00",
                end: "2026-10-21T21:00",
                [("isPublic", "off")]
            )
            let at = "/api/v1/events/\(id)"
            try await calls.call(
                &net.olive,
                "POST /api/v1/events/{id}/hosts",
                "\(at)/hosts",
                json: ["group": net.students]
            )

            // act: outsiders, signed in or not, find nothing there
            try await calls.call(&stranger, "GET /api/v1/events/{id}", at, status: .notFound)
            try await calls.call(&net.yann, "GET /api/v1/events/{id}", at, status: .notFound)
            var change = Self.event
            change["isPublic"] = false
            try await calls.call(&net.yann, "PUT /api/v1/events/{id}", at, json: change, status: .notFound)
            try await calls.call(&net.yann, "POST /api/v1/events/{id}/cancel", "\(at)/cancel", status: .notFound)
            try await calls.call(
                &net.yann,
                "POST /api/v1/events/{id}/hosts",
                "\(at)/hosts",
                json: ["group": net.york],
                status: .notFound
            )
            try await calls.call(
                &net.carol,
                "POST /api/v1/events/{id}/promotions",
                "\(at)/promotions",
                json: ["group": net.center],
                status: .notFound
            )
            try await calls.call(&net.yann, "POST /api/v1/events/{id}/rsvp", "\(at)/rsvp", status: .notFound)
            try await calls.call(
                &stranger,
                "POST /api/v1/events/{id}/rsvp/email",
                "\(at)/rsvp/email",
                json: ["name": "Gil", "email": "gil@example.org"],
                status: .notFound
            )
            try await calls.call(&net.yann, "GET /api/v1/events/{id}/attendees", "\(at)/attendees", status: .notFound)
            let upcoming = try await calls.call(&stranger, "GET /api/v1/events", "/api/v1/events")
            let month = try await calls.call(
                &net.yann,
                "GET /api/v1/cities/{slug}/events",
                "/api/v1/cities/leeds/events?month=2026-10"
            )
            let outside = try await calls.call(
                &net.yann,
                "GET /api/v1/groups/{slug}/events",
                "/api/v1/groups/\(net.leeds)/events"
            )
            // act: a member sees it and RSVPs; the invited group declines
            let member = try await calls.call(&net.bob, "GET /api/v1/events/{id}", at)
            let inside = try await calls.call(
                &net.bob,
                "GET /api/v1/groups/{slug}/events",
                "/api/v1/groups/\(net.leeds)/events"
            )
            try await calls.call(&net.bob, "POST /api/v1/events/{id}/rsvp", "\(at)/rsvp")
            let declined = try await calls.call(
                &net.sara,
                "POST /api/v1/events/{id}/hosts/{slug}",
                "\(at)/hosts/\(net.students)",
                json: ["accept": false]
            )
            // act: bob leaves the hosts and cancels; a promoted event turns private, which ends its promotion
            try #require(try await net.bob.post("/groups/\(net.leeds)/leave").status == .seeOther)
            let withdrawn = try await calls.call(&net.bob, "DELETE /api/v1/events/{id}/rsvp", "\(at)/rsvp")
            let promotedID = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Open forum",
                start: "2026-10-22T19:00",
                end: "2026-10-22T21:00"
            )
            let promotedAt = "/api/v1/events/\(promotedID)"
            try await calls.call(
                &net.carol,
                "POST /api/v1/events/{id}/promotions",
                "\(promotedAt)/promotions",
                json: ["group": net.center]
            )
            var hidden = Self.event
            hidden["start"] = "2026-10-22T19:00"
            hidden["end"] = "2026-10-22T21:00"
            hidden["isPublic"] = false
            try await calls.call(&net.olive, "PUT /api/v1/events/{id}", promotedAt, json: hidden)
            try await calls.call(
                &net.carol,
                "DELETE /api/v1/events/{id}/promotions/{slug}",
                "\(promotedAt)/promotions/\(net.center)",
                status: .notFound
            )
            // check
            for page in [upcoming, month, outside] {
                #expect(!page.contains("Members' meeting"), "\(page.body.prefix(300))")
            }
            #expect(
                ((member.json["event"] as? [String: Any])?["event"] as? [String: Any])?["isPublic"] as? Bool == false
            )
            #expect(inside.contains("Members' meeting"))
            for page in [declined, withdrawn] {
                #expect(page.json["event"] == nil && page.json["message"] is String, "\(page.body.prefix(300))")
            }
            let hosts = try await app.store.sql.raw(
                "SELECT status FROM event_hosts WHERE event_id = \(bind: id) ORDER BY id"
            ).all().map { try $0.decode(column: "status", as: String.self) }
            #expect(hosts == ["accepted", "declined"])
            let rsvps = try await app.store.sql.raw("SELECT status FROM rsvps WHERE event_id = \(bind: id)").all()
                .map { try $0.decode(column: "status", as: String.self) }
            #expect(rsvps == ["cancelled"])
            #expect(try await APITests.count(app, "event_promotions") == 0)
        }
    }
}
