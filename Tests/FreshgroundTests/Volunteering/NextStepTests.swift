import Foundation
import Testing

/// The commitment ladder's next steps: each person is offered one step up in each group, chosen from what they
/// did (come to something, lend a hand, hold a role, organize), at their pace: never while paused or already at
/// their pledge, never where they put it off or stopped it, and seen by nobody else.
@Suite("Volunteering: next steps on the ladder")
struct NextStepTests {
    @Test func theStepFollowsWhatThePersonDidAndWaitsWhenAsked() async throws {
        try await withApp(mail: false) { app in
            // setup: olive's circle has a forum on 20 October and a leaflet task; mia has done nothing yet
            var circle = try await volunteerCircle(app)
            let forum = try await scheduleEvent(&circle.olive, host: circle.slug, title: "Tenants forum")
            let task = try await postWork(
                &circle.olive,
                circle.slug,
                [("kind", "task"), ("title", "Fold leaflets"), ("minutes", "60")]
            )
            // act: mia's page before and after she came to the forum
            let joined = try await circle.mia.get("/volunteering")
            #expect(try await circle.mia.post("/events/\(forum)/rsvp").status == .seeOther)
            let list = try await circle.olive.get("/events/\(forum)/attendees")
            let rsvp = try #require(list.body.firstMatch(of: #/attendees/(\d+)/check-in/#).map { String($0.output.1) })
            let arrived = try await circle.olive.post(
                "/events/\(forum)/attendees/\(rsvp)/check-in",
                [("arrived", "on")]
            )
            #expect(arrived.status == .seeOther)
            let attended = try await circle.mia.get("/volunteering")
            // check: one step up from where she stands, with something concrete to do
            #expect(
                joined.contains(
                    "you are at “Joined”. Come to something: <a href=\"/events/\(forum)\">Tenants forum</a>"
                )
            )
            #expect(
                attended.contains(
                    "you are at “Came to something”. Lend a hand: <a href=\"/work/\(task)\">Fold leaflets</a>"
                )
            )
            let olive = try await circle.olive.get("/volunteering")
            #expect(!olive.contains("you are at"), "an organizer stands on the top rung: no step to offer")

            // act: she puts it off, then asks for it again, then stops it
            let later = try await circle.mia.post("/volunteering/next-steps/\(circle.slug)", [("pace", "later")])
            let putOff = try await circle.mia.get("/volunteering")
            let again = try await circle.mia.post("/volunteering/next-steps/\(circle.slug)", [("pace", "again")])
            let back = try await circle.mia.get("/volunteering")
            _ = try await circle.mia.post("/volunteering/next-steps/\(circle.slug)", [("pace", "never")])
            let stopped = try await circle.mia.get("/volunteering")
            let odd = try await circle.mia.post("/volunteering/next-steps/\(circle.slug)", [("pace", "sometimes")])
            let elsewhere = try await circle.bob.post("/volunteering/next-steps/no-such-group", [("pace", "later")])
            // check
            #expect(later.status == .seeOther && again.status == .seeOther)
            #expect(putOff.contains("Care Circle: no next steps until 2026-10-19") && !putOff.contains("Lend a hand"))
            #expect(back.contains("Lend a hand"))
            #expect(stopped.contains("Care Circle: no next steps until you ask again"))
            #expect(odd.status == .unprocessableContent && odd.contains("Choose later, never or again."))
            #expect(elsewhere.status == .notFound)
            // four weeks later a put-off step comes back by itself
            _ = try await circle.mia.post("/volunteering/next-steps/\(circle.slug)", [("pace", "later")])
            app.clock.advance(seconds: 29 * 86_400)
            try await circle.mia.logInAgain("mia")
            #expect(try await circle.mia.get("/volunteering").contains("Lend a hand"))
        }
    }

    @Test func noStepWhilePausedOrAtThePledgeAndTheAPIShowsTheSame() async throws {
        try await withApp(mail: false) { app in
            // setup: mia (3 hours pledged) takes a three-hour task; bob pauses
            var circle = try await volunteerCircle(app)
            let task = try await postWork(
                &circle.olive,
                circle.slug,
                [("kind", "task"), ("title", "Count the ballots"), ("minutes", "180")]
            )
            #expect(try await circle.mia.post("/work/\(task)/sign-up").status == .seeOther)
            _ = try await circle.bob.post("/volunteering/pause", [("until", "2026-10-10")])
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            // act
            let full = try await circle.mia.get("/volunteering")
            let paused = try await circle.bob.get("/volunteering")
            let mine = try await calls.call(&circle.bob, WorkOp.mine, "/api/v1/me/work")
            _ = try await circle.bob.post("/volunteering/pause", [("until", "")])
            let unpaused = try await calls.call(&circle.bob, WorkOp.mine, "/api/v1/me/work")
            try await calls.call(
                &circle.bob,
                WorkOp.nextStepPace,
                "/api/v1/me/work/next-steps/\(circle.slug)",
                json: ["pace": "later"],
                status: .noContent
            )
            let putOff = try await calls.call(&circle.bob, WorkOp.mine, "/api/v1/me/work")
            try await calls.call(
                &circle.bob,
                WorkOp.nextStepPace,
                "/api/v1/me/work/next-steps/\(circle.slug)",
                json: ["pace": "soon"],
                status: .unprocessableContent
            )
            try await calls.call(
                &circle.olive,
                WorkOp.nextStepPace,
                "/api/v1/me/work/next-steps/not-a-group",
                json: ["pace": "later"],
                status: .notFound
            )
            // check
            #expect(full.contains("This week you already give what you pledged") && !full.contains("Lend a hand"))
            #expect(paused.contains("You are paused: no next steps") && !paused.contains("Come to something"))
            let held = try #require(mine.json["nextSteps"] as? [String: Any])
            #expect((held["items"] as? [Any])?.isEmpty == true && held["held"] is String)
            let open = try #require(unpaused.json["nextSteps"] as? [String: Any])
            let step = try #require((open["items"] as? [[String: Any]])?.first)
            #expect(step["stage"] as? String == "joined" && step["next"] as? String == "attended")
            let later = try #require(putOff.json["nextSteps"] as? [String: Any])
            #expect((later["putOff"] as? [[String: Any]])?.first?["until"] as? String == "2026-10-19")
        }
    }

    @Test func onlyTheGroupsOwnMembersHaveAStepThereAndOnlyTheySetItsPace() async throws {
        try await withApp(mail: false) { app in
            // setup: sam has an account but is in no group; the circle has open work
            var circle = try await volunteerCircle(app)
            _ = try await postWork(
                &circle.olive,
                circle.slug,
                [("kind", "task"), ("title", "Fold leaflets"), ("minutes", "60")]
            )
            var sam = app.visitor()
            try await sam.signUp("sam", email: "")
            var anonymous = app.visitor()
            // act
            let page = try await sam.get("/volunteering")
            let web = try await sam.post("/volunteering/next-steps/\(circle.slug)", [("pace", "never")])
            let stranger = try await anonymous.post("/volunteering/next-steps/\(circle.slug)", [("pace", "never")])
            let mia = try await circle.mia.get("/volunteering")
            // check: nothing of the circle on sam's page, his pace refused as for a group that does not exist,
            // and mia's step untouched by his attempt
            #expect(!page.contains("Care Circle") && !page.contains("Fold leaflets"))
            #expect(web.status == .notFound)
            #expect(stranger.status != .seeOther && stranger.status != .ok)
            #expect(mia.contains("Care Circle") && !mia.contains("no next steps until you ask again"))
        }
    }
}
