import Foundation
import HTTPTypes
import Testing

/// Volunteering through the JSON API, every answer checked against the document: posting work, signing up with
/// consent over one's pledge, an offer that tells the organizer only yes or no, answering it, hours, pause, skills
/// and the access log, which only their person reads.
@Suite("Volunteering JSON API")
struct VolunteeringAPITests {
    /// Every operation of volunteering; `APITests` checks the document lists these with the others.
    static let operations: Set<String> = [
        WorkOp.list, WorkOp.post, WorkOp.get, WorkOp.update, WorkOp.suggestions, WorkOp.signUp, WorkOp.offer,
        WorkOp.answer, WorkOp.cancel, WorkOp.done, WorkOp.withdraw, WorkOp.mine, WorkOp.hours, WorkOp.logHours,
        WorkOp.removeHours, WorkOp.pause, WorkOp.skills, WorkOp.access, WorkOp.importPeople, WorkOp.figures,
        WorkOp.nextStepPace,
    ]

    @Test func workIsPostedTakenOfferedAndAnsweredThroughTheAPI() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let base = "/api/v1/groups/\(circle.slug)/work"
            // act and check: olive posts a shift and a task
            let shift =
                try await calls.call(
                    &circle.olive,
                    WorkOp.post,
                    base,
                    json: [
                        "kind": "shift", "title": "Door", "starts": "2026-09-23T18:00", "ends": "2026-09-23T20:00",
                        "places": 2, "skills": "first aid",
                    ]
                ).json["id"] as? Int
            let shiftID = try #require(shift)
            let task =
                try await calls.call(
                    &circle.olive,
                    WorkOp.post,
                    base,
                    json: ["kind": "task", "title": "Leaflet", "minutes": 240, "due": "2026-09-24"]
                ).json["id"] as? Int
            let taskID = try #require(task)
            try await calls.call(
                &circle.bob,
                WorkOp.post,
                base,
                json: ["kind": "task", "title": "x"],
                status: .forbidden
            )
            try await calls.call(
                &circle.olive,
                WorkOp.post,
                base,
                json: ["kind": "task"],
                status: .unprocessableContent
            )
            try await calls.call(
                &circle.olive,
                WorkOp.post,
                base,
                json: ["kind": "task", "title": "Huge", "minutes": 999_999],
                status: .unprocessableContent
            )
            try await calls.call(&anonymous, WorkOp.list, base, status: .notFound)
            let list = try await calls.call(&circle.mia, WorkOp.list, base)
            #expect((list.json["items"] as? [[String: Any]])?.count == 2)
            try await calls.call(
                &circle.olive,
                WorkOp.update,
                "/api/v1/work/\(taskID)",
                json: ["title": "Leaflet run", "minutes": 240]
            )

            // mia signs up for the shift; the task (4 hours) would take her (3 pledged) over
            let signed = try await calls.call(&circle.mia, WorkOp.signUp, "/api/v1/work/\(shiftID)/sign-up", json: [:])
            let held = try #require(signed.json["id"] as? Int)
            let suggestions = try await calls.call(
                &circle.olive,
                WorkOp.suggestions,
                "/api/v1/work/\(taskID)/suggestions"
            )
            #expect(
                (suggestions.json["items"] as? [[String: Any]])?.compactMap { $0["handle"] as? String } == [
                    "bob", "mia",
                ]
            )
            let offered = try await calls.call(
                &circle.olive,
                WorkOp.offer,
                "/api/v1/work/\(taskID)/offers",
                json: ["person": "mia"]
            )
            #expect(offered.json["overPledge"] as? Bool == true)
            #expect(offered.json.keys.sorted() == ["id", "overPledge"], "no figure about her load")
            let offer = try #require(offered.json["id"] as? Int)
            let detail = try await calls.call(&circle.olive, WorkOp.get, "/api/v1/work/\(shiftID)")
            #expect((detail.json["signUps"] as? [[String: Any]])?.first?["handle"] as? String == "mia")
            let byBob = try await calls.call(&circle.bob, WorkOp.get, "/api/v1/work/\(shiftID)")
            #expect(byBob.json["signUps"] == nil, "a member does not see who signed up")
            try await calls.call(
                &circle.mia,
                WorkOp.answer,
                "/api/v1/work/assignments/\(offer)/answer",
                json: ["accept": true],
                status: .unprocessableContent
            )
            try await calls.call(
                &circle.bob,
                WorkOp.answer,
                "/api/v1/work/assignments/\(offer)/answer",
                json: ["accept": true],
                status: .notFound
            )
            let answered = try await calls.call(
                &circle.mia,
                WorkOp.answer,
                "/api/v1/work/assignments/\(offer)/answer",
                json: ["accept": true, "confirmOverPledge": true]
            )
            #expect(answered.json["state"] as? String == "accepted")
            let mine = try await calls.call(&circle.mia, WorkOp.mine, "/api/v1/me/work")
            let weeks = try #require(mine.json["weeks"] as? [[String: Any]])
            #expect(weeks.last?["hours"] as? Double == 6 && weeks.last?["starts"] as? String == "2026-09-21")
            try await calls.call(&circle.mia, WorkOp.done, "/api/v1/work/assignments/\(offer)/done")
            try await calls.call(&circle.mia, WorkOp.cancel, "/api/v1/work/assignments/\(held)/cancel")
            try await calls.call(
                &circle.mia,
                WorkOp.cancel,
                "/api/v1/work/assignments/\(held)/cancel",
                status: .conflict
            )
            let second = try await calls.call(
                &circle.olive,
                WorkOp.offer,
                "/api/v1/work/\(shiftID)/offers",
                json: ["person": "bob"]
            )
            let secondID = try #require(second.json["id"] as? Int)
            try await calls.call(
                &circle.mia,
                WorkOp.withdraw,
                "/api/v1/work/assignments/\(secondID)/withdraw",
                status: .forbidden
            )
            try await calls.call(&circle.olive, WorkOp.withdraw, "/api/v1/work/assignments/\(secondID)/withdraw")
            let access = try await calls.call(&circle.mia, WorkOp.access, "/api/v1/me/work/access")
            #expect((access.json["items"] as? [[String: Any]])?.first?["what"] as? String == "load")
            let olivesAccess = try await calls.call(&circle.olive, WorkOp.access, "/api/v1/me/work/access")
            #expect((olivesAccess.json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func anImportIsADryRunUnlessToldOtherwiseAndOnlyForOrganizers() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let path = "/api/v1/groups/\(circle.slug)/people/import"
            let body: [String: Any] = ["csv": PeopleFixtures.civicrm, "preset": "civicrm"]
            // act
            let dry = try await calls.call(&circle.olive, WorkOp.importPeople, path, json: body)
            try await calls.call(&circle.mia, WorkOp.importPeople, path, json: body, status: .notFound)
            try await calls.call(
                &circle.olive,
                WorkOp.importPeople,
                path,
                json: ["csv": "a,b\n1,2\n", "preset": "civicrm"],
                status: .unprocessableContent
            )
            // check: lines 3 (do not email), 4 (no consent) and 6 (the same address) refused, nothing written
            let refused = (dry.json["refused"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }
            #expect(refused == [3, 4, 6], "\(dry.body)")
            let outbox = try await app.store.sql.raw(
                "SELECT CAST(COUNT(*) AS INTEGER) AS n FROM mail_outbox WHERE batch LIKE 'people-import-%'"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(outbox == 0)
        }
    }

    @Test func hoursPauseAndSkillsAreTheCallersOwn() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            // act and check
            let logged = try await calls.call(
                &circle.mia,
                WorkOp.logHours,
                "/api/v1/me/work/hours",
                json: ["group": circle.slug, "minutes": 45, "note": "Stall"]
            )
            let entry = try #require(logged.json["id"] as? Int)
            try await calls.call(
                &circle.mia,
                WorkOp.logHours,
                "/api/v1/me/work/hours",
                json: ["group": circle.slug, "minutes": 0],
                status: .unprocessableContent
            )
            try await calls.call(&circle.bob, WorkOp.removeHours, "/api/v1/me/work/hours/\(entry)", status: .notFound)
            let hours = try await calls.call(&circle.mia, WorkOp.hours, "/api/v1/me/work/hours")
            #expect((hours.json["items"] as? [[String: Any]])?.first?["minutes"] as? Int == 45)
            try await calls.call(&circle.mia, WorkOp.removeHours, "/api/v1/me/work/hours/\(entry)")
            let paused = try await calls.call(
                &circle.mia,
                WorkOp.pause,
                "/api/v1/me/work/pause",
                json: ["until": "2026-10-10"]
            )
            #expect(paused.json["until"] as? String == "2026-10-10")
            try await calls.call(
                &circle.mia,
                WorkOp.pause,
                "/api/v1/me/work/pause",
                json: ["until": "2020-01-01"],
                status: .unprocessableContent
            )
            let skills = try await calls.call(
                &circle.mia,
                WorkOp.skills,
                "/api/v1/me/work/skills",
                json: ["has": "Design, design, print", "wants": "chairing"]
            )
            #expect((skills.json["items"] as? [[String: Any]])?.count == 3)
            try await calls.call(&anonymous, WorkOp.mine, "/api/v1/me/work", status: .unauthorized)
            let figures = try await calls.call(&circle.olive, WorkOp.figures, "/api/v1/groups/\(circle.slug)/figures")
            #expect(!figures.body.contains("\"mia\""), "figures name nobody")
            try await calls.call(
                &circle.mia,
                WorkOp.figures,
                "/api/v1/groups/\(circle.slug)/figures",
                status: .notFound
            )
        }
    }
}

enum WorkOp {
    static let list = "GET /api/v1/groups/{slug}/work"
    static let post = "POST /api/v1/groups/{slug}/work"
    static let get = "GET /api/v1/work/{id}"
    static let update = "PUT /api/v1/work/{id}"
    static let suggestions = "GET /api/v1/work/{id}/suggestions"
    static let signUp = "POST /api/v1/work/{id}/sign-up"
    static let offer = "POST /api/v1/work/{id}/offers"
    static let answer = "POST /api/v1/work/assignments/{id}/answer"
    static let cancel = "POST /api/v1/work/assignments/{id}/cancel"
    static let done = "POST /api/v1/work/assignments/{id}/done"
    static let withdraw = "POST /api/v1/work/assignments/{id}/withdraw"
    static let mine = "GET /api/v1/me/work"
    static let hours = "GET /api/v1/me/work/hours"
    static let logHours = "POST /api/v1/me/work/hours"
    static let removeHours = "DELETE /api/v1/me/work/hours/{id}"
    static let pause = "PUT /api/v1/me/work/pause"
    static let skills = "PUT /api/v1/me/work/skills"
    static let access = "GET /api/v1/me/work/access"
    static let importPeople = "POST /api/v1/groups/{slug}/people/import"
    static let figures = "GET /api/v1/groups/{slug}/figures"
    static let nextStepPace = "PUT /api/v1/me/work/next-steps/{slug}"
}
