import Events
import FluentKit
import Foundation
import Freshground
import HTTPTypes
import SQLKit
import Testing

/// A study session is an event, but its places come with enrolling in the series: the events side takes no RSVP
/// for it (by account or by email, through the page or the API), so nobody the series has not let in gets the
/// online link through the event.
@Suite("Study: a session's event is no back door")
struct StudySessionBackDoorTests {
    static let room = "https://meet.example.org/back-door-room"

    /// A series with approved enrollment and week 1's session online; `bob` is let in, `mona` asks and waits.
    static func approvedSeries(_ app: TestApp) async throws -> (study: StudyNetwork, event: Int) {
        var study = try await studyNetwork(app, enrollment: "approved")
        try await addWeek(&study.net.olive, study.series, topic: "February")
        let event = try await scheduleSession(&study.net.olive, study.series, 1, onlineURL: room)
        #expect(try await enroll(&study.net.bob, study.series) == "pending")
        let decided = try await study.net.sara.api(
            .post,
            "\(study.at)/participants/bob",
            json: try jsonBody(["answer": "accept"])
        )
        try #require(decided.status == .ok, "\(decided.body.prefix(300))")
        #expect(try await enroll(&study.net.mona, study.series) == "pending")
        return (study, event)
    }

    static func rsvpCount(_ app: TestApp, _ event: Int) async throws -> Int {
        let row = try #require(
            try await app.store.sql.raw("SELECT COUNT(*) AS n FROM rsvps WHERE event_id = \(bind: event)").first()
        )
        return try row.decode(column: "n", as: Int.self)
    }

    @Test func anOutsiderCannotRSVPToTheSessionsEventNorSeeItsLink() async throws {
        try await withApp { app in
            // setup
            let setup = try await Self.approvedSeries(app)
            var study = setup.study
            let event = setup.event
            let series = "/study/\(study.series)"
            // act: the outsider tries the API and the page
            let api = try await study.net.mona.api(.post, "/api/v1/events/\(event)/rsvp")
            let form = try await study.net.mona.post("/events/\(event)/rsvp")
            // check: both refused, pointing to the series
            #expect(api.status == .conflict, "\(api.body.prefix(300))")
            #expect((api.json["detail"] as? String)?.contains("no RSVPs: places at it are given at \(series)") == true)
            #expect(form.status == .conflict)
            #expect(form.contains(series))
            #expect(try await Self.rsvpCount(app, event) == 0)
            let page = try await study.net.mona.get("/events/\(event)")
            #expect(page.status == .ok)
            #expect(!page.contains("back-door-room"))
            #expect(page.contains("<a href=\"\(series)\">see where they are given</a>"))
            #expect(!page.contains("RSVP: I'm going") && !page.contains("sent to people who RSVP"))
            let body = try await study.net.mona.api(.get, "/api/v1/events/\(event)")
            #expect(body.status == .ok)
            #expect(!body.contains("back-door-room"))
            #expect((body.json["event"] as? [String: Any])?["placesAt"] as? String == series)
            // The participant let in also RSVPs through the series, not the event.
            #expect(try await study.net.bob.api(.post, "/api/v1/events/\(event)/rsvp").status == .conflict)
        }
    }

    @Test func anRSVPByEmailIsRefusedToo() async throws {
        try await withApp { app in
            // setup
            let (study, event) = try await Self.approvedSeries(app)
            var anonymous = app.visitor()
            // act
            let api = try await anonymous.api(
                .post,
                "/api/v1/events/\(event)/rsvp/email",
                json: try jsonBody(["name": "Outsider", "email": "outsider@example.org"])
            )
            let form = try await anonymous.post(
                "/events/\(event)/rsvp/email",
                [("name", "Outsider"), ("email", "outsider@example.org")]
            )
            // check
            #expect(api.status == .conflict, "\(api.body.prefix(300))")
            #expect((api.json["detail"] as? String)?.hasSuffix("given at /study/\(study.series).") == true)
            #expect(form.status == .conflict)
            #expect(try await Self.rsvpCount(app, event) == 0)
            let page = try await anonymous.get("/events/\(event)")
            #expect(!page.contains("Send me the confirmation link") && !page.contains("back-door-room"))
            #expect(page.contains("see where they are given"))
        }
    }

    @Test func theParticipantAndTheOrganizersStillSeeTheLink() async throws {
        try await withApp { app in
            // setup
            let setup = try await Self.approvedSeries(app)
            var study = setup.study
            let event = setup.event
            // act
            let session = try await study.net.bob.get("/study/\(study.series)/weeks/1/session")
            let week = try await study.net.bob.get("/study/\(study.series)/weeks/1")
            let waiting = try await study.net.mona.get("/study/\(study.series)/weeks/1/session")
            let lead = try await study.net.olive.get("/events/\(event)")
            let coOrganizer = try await study.net.sara.api(.get, "/api/v1/events/\(event)")
            // check
            #expect(session.status == .ok && session.contains(Self.room))
            #expect(week.contains(Self.room))
            #expect(!waiting.contains("back-door-room"), "asked to enroll, not let in")
            #expect(lead.contains(Self.room))
            #expect(lead.contains("For the organizers"))
            #expect(coOrganizer.contains("back-door-room"))
            #expect(coOrganizer.json["isOrganizer"] as? Bool == true)
        }
    }

    /// Sessions scheduled before events knew where their places are given: the Study migration points their
    /// events to the series, and an RSVP already made through the back door then holds no place: no link on the
    /// page, in the API or in the reminder. Its revert, and the Events column's, undo it.
    @Test func theMigrationClosesTheDoorOnSessionsScheduledBefore() async throws {
        try await withApp { app in
            // setup: the session's event as it was before (no places_at), and an outsider who RSVPed to it
            let setup = try await Self.approvedSeries(app)
            var study = setup.study
            let event = setup.event
            let sql = app.store.sql
            try await sql.raw("UPDATE events SET places_at = NULL").run()
            var otto = app.visitor()
            let address = "otto-\(UUID().uuidString.prefix(8).lowercased())@example.org"
            try await otto.signUp("otto", email: address)
            let before = try await otto.api(.post, "/api/v1/events/\(event)/rsvp")
            #expect(before.status == .created)
            #expect(before.contains("back-door-room"), "the back door as it was")
            let migrations = allMigrations
            let fill = try #require(migrations.first { $0.name == "FillEventsPlacesAtForStudySessions" })
            let column = try #require(migrations.first { $0.name == "AddEventsPlacesAt" })
            // act
            try await fill.prepare(on: app.store.db).get()
            // check
            let places = try await sql.raw("SELECT places_at FROM events WHERE id = \(bind: event)").first()?
                .decode(column: "places_at", as: String?.self)
            #expect(places == "/study/\(study.series)")
            let page = try await otto.get("/events/\(event)")
            #expect(!page.contains("back-door-room") && page.contains("Cancel my RSVP"))
            let body = try await otto.api(.get, "/api/v1/events/\(event)")
            #expect(!body.contains("back-door-room") && body.json["rsvp"] as? String == "going")
            #expect(try await study.net.yann.api(.post, "/api/v1/events/\(event)/rsvp").status == .conflict)
            app.moveClock(to: sessionStart.addingTimeInterval(-12 * 3_600))
            #expect(try await sendEventReminders(services: app.services()) == 1)
            let reminder = try #require(
                try await Mailbox.messages(to: address, where: { $0.subject.hasPrefix("Reminder:") }).last
            )
            #expect(!reminder.body.isEmpty && !reminder.body.contains("back-door-room"))
            // The outsider can still withdraw the RSVP.
            #expect(try await otto.api(.delete, "/api/v1/events/\(event)/rsvp").status == .ok)
            // The reverts: the backfill's, then the column's, and the column back again.
            try await fill.revert(on: app.store.db).get()
            let cleared = try await sql.raw("SELECT places_at FROM events WHERE id = \(bind: event)").first()?
                .decode(column: "places_at", as: String?.self)
            #expect(cleared == nil)
            // One connection: SQLite checks a new column's name against the schema the connection last read.
            try await app.store.db.withConnection { db in
                column.revert(on: db).flatMap { column.prepare(on: db) }
            }.get()
            try await fill.prepare(on: app.store.db).get()
            #expect(try await study.net.yann.api(.post, "/api/v1/events/\(event)/rsvp").status == .conflict)
        }
    }
}
