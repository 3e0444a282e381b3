import Foundation
import HTTPTypes
import Testing

@Suite("Conferences: the schedule builder, the schedule and agendas")
struct ConferenceScheduleTests {
    /// A conference with three accepted proposals: "Rent strikes" (sara, with bob, who accepted), "Union drives" (yann) and
    /// "Study circles" (bob), and "Not yet" (mona) still under review.
    struct Program {
        var setup: ConferenceSetup
        let rent: Int
        let union: Int
        let study: Int
        let pending: Int
    }

    static func program(_ app: TestApp) async throws -> Program {
        var setup = try await conferenceSetup(app, blind: true)
        let rent = try await propose(&setup.net.sara, setup, title: "Rent strikes", speakers: "bob")
        try await expectRedirect(try await answerCoSpeaking(&setup.net.bob, setup, rent, "accept"))
        let union = try await propose(&setup.net.yann, setup, title: "Union drives", kind: "workshop")
        let study = try await propose(&setup.net.bob, setup, title: "Study circles", kind: "panel")
        let pending = try await propose(&setup.net.mona, setup, title: "Not yet")
        for proposal in [rent, union, study] { try await decide(&setup.net.olive, setup, proposal, "accept") }
        return Program(setup: setup, rent: rent, union: union, study: study, pending: pending)
    }

    /// Places "Rent strikes" in the main hall on 17 October from 10:00 to 11:00, as most tests start.
    static func placeRentInMainHallAtTen(_ p: inout Program) async throws {
        try await placeInMainHallAtTen(&p.setup.net.olive, p.setup, p.rent)
    }

    @Test func twoSessionsInOneRoomAtOnceAreRefusedNamingTheOther() async throws {
        try await withApp { app in
            var p = try await Self.program(app)
            try await Self.placeRentInMainHallAtTen(&p)
            // act
            let clash = try await place(
                &p.setup.net.olive,
                p.setup,
                p.union,
                room: p.setup.mainHall,
                start: "2026-10-17T10:30",
                end: "2026-10-17T11:30"
            )
            let api = try await p.setup.net.olive.api(
                .post,
                "/api/v1/conferences/\(p.setup.id)/sessions",
                json: try jsonBody([
                    "proposal": p.union, "room": p.setup.mainHall, "start": "2026-10-17T10:59",
                    "end": "2026-10-17T12:00",
                ])
            )
            let after = try await place(
                &p.setup.net.olive,
                p.setup,
                p.union,
                room: p.setup.mainHall,
                start: "2026-10-17T11:00",
                end: "2026-10-17T12:00"
            )
            // check: the message sits by the room field and names the other session and its time
            #expect(clash.status == .unprocessableContent)
            #expect(
                conferenceFieldError(clash, "room")
                    == "Main hall is taken then by “Rent strikes” (Sat 17 Oct 2026, 10:00–11:00)."
            )
            #expect(clash.contains("aria-invalid=\"true\""))
            #expect(api.status == .unprocessableContent && api.body.contains("Rent strikes"))
            #expect(after.status == .seeOther, "back to back is fine: \(errorsIn(after))")
        }
    }

    @Test func aSpeakerInTwoPlacesAtOnceIsRefused() async throws {
        try await withApp { app in
            var p = try await Self.program(app)
            try await Self.placeRentInMainHallAtTen(&p)
            // act: bob co-speaks in "Rent strikes" and leads "Study circles"; another room, overlapping times
            let busy = try await place(
                &p.setup.net.olive,
                p.setup,
                p.study,
                room: p.setup.roomB,
                start: "2026-10-17T10:45",
                end: "2026-10-17T11:45"
            )
            let elsewhere = try await place(
                &p.setup.net.olive,
                p.setup,
                p.union,
                room: p.setup.roomB,
                start: "2026-10-17T10:00",
                end: "2026-10-17T11:00"
            )
            // check
            #expect(busy.status == .unprocessableContent)
            #expect(
                conferenceFieldError(busy, "start")
                    == "bob speaks in “Rent strikes” then (Sat 17 Oct 2026, 10:00–11:00)."
            )
            #expect(elsewhere.status == .seeOther, "yann is free and so is Room B: \(errorsIn(elsewhere))")
        }
    }

    @Test func onlyAcceptedSessionsWithinTheConferenceAreScheduled() async throws {
        try await withApp { app in
            var p = try await Self.program(app)
            let room = p.setup.mainHall
            // act
            let pending = try await place(
                &p.setup.net.olive,
                p.setup,
                p.pending,
                room: room,
                start: "2026-10-17T10:00",
                end: "2026-10-17T11:00"
            )
            let early = try await place(
                &p.setup.net.olive,
                p.setup,
                p.rent,
                room: room,
                start: "2026-10-17T08:00",
                end: "2026-10-17T09:30"
            )
            let late = try await place(
                &p.setup.net.olive,
                p.setup,
                p.rent,
                room: room,
                start: "2026-10-18T17:30",
                end: "2026-10-18T18:30"
            )
            let backwards = try await place(
                &p.setup.net.olive,
                p.setup,
                p.rent,
                room: room,
                start: "2026-10-17T11:00",
                end: "2026-10-17T10:00"
            )
            let junk = try await place(&p.setup.net.olive, p.setup, p.rent, room: room, start: "soon", end: "")
            let noRoom = try await p.setup.net.olive.post(
                "\(p.setup.base)/sessions",
                [
                    ("proposal", String(p.rent)), ("room", "abc"), ("start", "2026-10-17T10:00"),
                    ("end", "2026-10-17T11:00"),
                ]
            )
            let byCommittee = try await place(
                &p.setup.net.carol,
                p.setup,
                p.rent,
                room: room,
                start: "2026-10-17T10:00",
                end: "2026-10-17T11:00"
            )
            // check
            #expect(
                conferenceFieldError(pending, "proposal")
                    == "Only accepted proposals of this conference can be scheduled."
            )
            for page in [early, late] {
                #expect(page.status == .unprocessableContent)
                #expect(
                    conferenceFieldError(page, "start")?.hasPrefix("The conference runs from Sat 17 Oct 2026, 09:00")
                        == true
                )
            }
            #expect(conferenceFieldError(backwards, "end") == "The session must end after it starts.")
            #expect(conferenceFieldError(junk, "start") == "Give a date and time such as 2026-05-02T10:00.")
            #expect(conferenceFieldError(junk, "end") == "Say when the session ends.")
            #expect(noRoom.status == .unprocessableContent && conferenceFieldError(noRoom, "room") == "Choose a room.")
            #expect(byCommittee.status == .forbidden)
            let count = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM conference_sessions").first()
            #expect(try count?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test func thePublishedScheduleByDayAndTrackInPagesAPIAndICalendar() async throws {
        try await withApp { app in
            var p = try await Self.program(app)
            try await Self.placeRentInMainHallAtTen(&p)
            try await expectRedirect(
                try await p.setup.net.olive.post(
                    "\(p.setup.base)/sessions",
                    [
                        ("proposal", String(p.union)), ("room", String(p.setup.roomB)),
                        ("track", String(p.setup.housing)),
                        ("start", "2026-10-18T14:30"), ("end", "2026-10-18T16:00"),
                    ]
                )
            )
            var anonymous = app.visitor()
            let hidden = try await anonymous.get("\(p.setup.base)/schedule")
            let hiddenICS = try await anonymous.get("\(p.setup.base)/schedule.ics")
            // act: the organizer publishes it
            try await expectRedirect(
                try await p.setup.net.olive.post(
                    "\(p.setup.base)/settings",
                    [("cfpOpen", "on"), ("blindReview", "on"), ("schedulePublished", "on"), ("_submitted", "1")]
                )
            )
            let byDay = try await anonymous.get("\(p.setup.base)/schedule")
            let byTrack = try await anonymous.get("\(p.setup.base)/schedule?by=track")
            let api = try await anonymous.api(.get, "/api/v1/conferences/\(p.setup.id)/schedule")
            let ics = try await anonymous.get("\(p.setup.base)/schedule.ics")
            // check: unpublished, nobody but organizers sees it
            #expect(!hidden.contains("Rent strikes") && hiddenICS.status == .notFound)
            // check: by day (Saturday then Sunday), local times, speakers named now that they are accepted
            #expect(
                ordered(["Sat 17 Oct 2026", "Rent strikes", "Sun 18 Oct 2026", "Union drives"], in: byDay.body).count
                    == 4
            )
            #expect(byDay.contains("10:00–") && byDay.contains("11:00</strong>") && byDay.contains("14:30–"))
            #expect(byDay.contains("sara (@sara), bob (@bob)"))
            #expect(
                ordered(["Housing", "Union drives", "No track", "Rent strikes"], in: byTrack.body) == [
                    "Housing", "Union drives", "No track", "Rent strikes",
                ]
            )
            // check: the API in UTC (London is on summer time, UTC+1)
            let sessions = try #require(api.json["sessions"] as? [[String: Any]])
            #expect(sessions.map { $0["startsAt"] as? String } == ["2026-10-17T09:00:00Z", "2026-10-18T13:30:00Z"])
            // check: the iCalendar feed parses and its times are the page's
            #expect(ics.headers[.contentType]?.hasPrefix("text/calendar") == true)
            let calendar = try parseICalendar(ics.body)
            #expect(calendar.name == "Northern Left Conference")
            let events = calendar.events.sorted { ($0.start?.epoch ?? 0) < ($1.start?.epoch ?? 0) }
            #expect(events.map(\.summary) == ["Rent strikes", "Union drives"])
            #expect(events.first?.start?.iso == "2026-10-17T09:00:00+00:00")
            #expect(events.first?.end?.iso == "2026-10-17T10:00:00+00:00")
            #expect(events.last?.start?.iso == "2026-10-18T13:30:00+00:00")
            #expect(events.first?.location == "Main hall, Northern Left Conference")
        }
    }

    @Test func aPersonStarsSessionsIntoAnAgendaWithASecretCalendar() async throws {
        try await withApp { app in
            var p = try await Self.program(app)
            for (proposal, room, start, end) in [
                (p.rent, p.setup.mainHall, "2026-10-17T10:00", "2026-10-17T11:00"),
                (p.union, p.setup.roomB, "2026-10-17T10:00", "2026-10-17T11:30"),
            ] {
                try await expectRedirect(
                    try await place(&p.setup.net.olive, p.setup, proposal, room: room, start: start, end: end)
                )
            }
            try await expectRedirect(
                try await p.setup.net.olive.post(
                    "\(p.setup.base)/settings",
                    [("schedulePublished", "on"), ("_submitted", "1")]
                )
            )
            let schedule = try await p.setup.net.mona.api(.get, "/api/v1/conferences/\(p.setup.id)/schedule")
            let sessionIDs = (schedule.json["sessions"] as? [[String: Any]] ?? []).compactMap {
                APITests.integer($0["id"])
            }
            try #require(sessionIDs.count == 2)
            // act: mona stars the union workshop, then stars and unstars the other
            try await expectRedirect(try await p.setup.net.mona.post("\(p.setup.base)/sessions/\(sessionIDs[1])/star"))
            try await expectRedirect(try await p.setup.net.mona.post("\(p.setup.base)/sessions/\(sessionIDs[0])/star"))
            try await expectRedirect(
                try await p.setup.net.mona.post("\(p.setup.base)/sessions/\(sessionIDs[0])/unstar")
            )
            let agenda = try await p.setup.net.mona.get("\(p.setup.base)/agenda")
            let feed = try #require(
                agenda.body.firstMatch(of: #/value="http://127\.0\.0\.1:8080(/agenda/[A-Za-z0-9_-]+\.ics)"/#)
            ).output.1
            var stranger = app.visitor()
            let ics = try await stranger.get(String(feed))
            let others = try await p.setup.net.bob.get("\(p.setup.base)/agenda")
            let wrong = try await stranger.get("/agenda/not-a-real-token.ics")
            try await expectRedirect(try await p.setup.net.mona.post("/me/agenda/key"))
            let old = try await stranger.get(String(feed))
            let anonymousStar = try await stranger.post("\(p.setup.base)/sessions/\(sessionIDs[1])/star")
            // check: the agenda holds only the starred session, in the page and the feed
            #expect(agenda.contains("Union drives") && !agenda.contains("Rent strikes"))
            #expect(!others.contains("Union drives"), "bob's agenda is his own")
            let calendar = try parseICalendar(ics.body)
            #expect(calendar.events.map(\.summary) == ["Union drives"])
            #expect(calendar.events.first?.start?.iso == "2026-10-17T09:00:00+00:00")
            #expect(calendar.events.first?.end?.iso == "2026-10-17T10:30:00+00:00")
            #expect(agenda.contains("10:00–") && agenda.contains("11:30</strong>"))
            #expect(wrong.status == .notFound && old.status == .notFound)
            #expect(anonymousStar.status != .seeOther || anonymousStar.location?.hasPrefix("/login") == true)
            let stars = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM agenda_items").first()
            #expect(try stars?.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test func movingASessionKeepsItsPlaceInAgendasAndRejectingItTakesItOff() async throws {
        try await withApp { app in
            var p = try await Self.program(app)
            try await Self.placeRentInMainHallAtTen(&p)
            // act: move it an hour later (its old place does not block it), then reject it
            let moved = try await place(
                &p.setup.net.olive,
                p.setup,
                p.rent,
                room: p.setup.mainHall,
                start: "2026-10-17T10:30",
                end: "2026-10-17T11:30"
            )
            let builder = try await p.setup.net.olive.get("\(p.setup.base)/schedule/edit")
            try await decide(&p.setup.net.olive, p.setup, p.rent, "reject")
            let after = try await p.setup.net.olive.api(.get, "/api/v1/conferences/\(p.setup.id)/schedule")
            // check
            #expect(moved.status == .seeOther, "\(errorsIn(moved))")
            #expect(builder.contains("10:30") && builder.contains("Rent strikes (move)"))
            #expect((after.json["sessions"] as? [Any])?.isEmpty == true)
        }
    }
    @Test func hostileInputIsRefusedWithoutAServerError() async throws {
        try await withApp { app in
            var p = try await Self.program(app)
            let at = "/api/v1/conferences/\(p.setup.id)"
            // act
            var answers: [Page] = []
            for body in [
                #"{"proposal": "x"}"#, #"{"proposal": 1e40, "room": 1}"#, "[1, 2]", "",
                #"{"proposal": 1, "room": 1, "start": "2026-13-45T99:99", "end": "2026-10-17T25:00"}"#,
                #"{"proposal": 1, "room": -5, "track": 999999, "start": "2026-10-17T10:00", "end": "2026-10-17T11:00"}"#,
            ] {
                answers.append(try await p.setup.net.olive.api(.post, "\(at)/sessions", json: body))
            }
            answers.append(try await p.setup.net.olive.api(.get, "/api/v1/conferences/abc/schedule"))
            answers.append(try await p.setup.net.olive.api(.get, "\(at)/proposals/99999999999999999999999"))
            answers.append(
                try await p.setup.net.olive.api(
                    .post,
                    "\(at)/proposals/\(p.rent)/decision",
                    json: #"{"decision": "maybe"}"#
                )
            )
            answers.append(
                try await p.setup.net.carol.api(
                    .post,
                    "\(at)/proposals/\(p.pending)/reviews",
                    json: #"{"score": "five"}"#
                )
            )
            answers.append(
                try await p.setup.net.olive.post(
                    "\(p.setup.base)/committee",
                    [("handle", String(repeating: "x", count: 500))]
                )
            )
            answers.append(
                try await p.setup.net.olive.post("\(p.setup.base)/proposals/abc/decision", [("decision", "accept")])
            )
            // check
            for answer in answers {
                #expect((400..<500).contains(answer.status.code), "\(answer.status): \(answer.body.prefix(300))")
            }
        }
    }
}
