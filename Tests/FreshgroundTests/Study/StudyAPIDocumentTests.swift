import Foundation
import HTTPTypes
import Testing

/// The study series' part of the OpenAPI document: every operation it lists is served, answers with the
/// documented status, and sends bodies that fit the document's schemas at every depth.
@Suite("Study API document")
struct StudyAPIDocumentTests {
    static let operations: Set<String> = [
        "GET /api/v1/study", "POST /api/v1/study", "GET /api/v1/study/{id}", "PUT /api/v1/study/{id}",
        "POST /api/v1/study/{id}/organizers", "POST /api/v1/study/{id}/organizers/{slug}",
        "POST /api/v1/study/{id}/weeks", "POST /api/v1/study/{id}/weeks/from-list",
        "GET /api/v1/study/{id}/weeks/{week}", "PUT /api/v1/study/{id}/weeks/{week}",
        "DELETE /api/v1/study/{id}/weeks/{week}", "POST /api/v1/study/{id}/weeks/{week}/move",
        "POST /api/v1/study/{id}/weeks/{week}/readings", "DELETE /api/v1/study/{id}/weeks/{week}/readings/{part}",
        "POST /api/v1/study/{id}/weeks/{week}/media", "DELETE /api/v1/study/{id}/weeks/{week}/media/{part}",
        "POST /api/v1/study/{id}/weeks/{week}/presenters", "DELETE /api/v1/study/{id}/weeks/{week}/presenters/{part}",
        "POST /api/v1/study/{id}/enrollment", "PUT /api/v1/study/{id}/enrollment",
        "DELETE /api/v1/study/{id}/enrollment",
        "GET /api/v1/study/{id}/participants", "POST /api/v1/study/{id}/participants/{handle}",
        "GET /api/v1/study/{id}/mailings", "POST /api/v1/study/{id}/weeks/{week}/session",
        "POST /api/v1/study/{id}/sessions",
        "GET /api/v1/study/{id}/weeks/{week}/attendance", "PUT /api/v1/study/{id}/weeks/{week}/attendance/{handle}",
        "POST /api/v1/study/{id}/weeks/{week}/check-in", "POST /api/v1/study/{id}/weeks/{week}/breakouts",
        "GET /api/v1/study/{id}/weeks/{week}/breakouts", "POST /api/v1/study/{id}/weeks/{week}/breakouts/swap",
        "PUT /api/v1/study/{id}/weeks/{week}/breakouts/{room}/note-taker",
        "PUT /api/v1/study/{id}/weeks/{week}/breakouts/{room}/notes", "PUT /api/v1/study/{id}/weeks/{week}/report",
    ]

    @Test func everyStudyOperationAnswersAsDocumented() async throws {
        try await withApp { app in
            // setup: the events network; olive leads a series, York (yann) is invited
            var net = try await eventNetwork(app)
            var stranger = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&stranger)
            // act: the series and its organizers, with refusals
            let series: [String: Any] = [
                "title": "Revolutions of 1848", "description": "Weekly.", "group": net.leeds, "enrollment": "approved",
                "agenda": [["minutes": 45, "title": "Presentations"], ["minutes": 45, "title": "Discussion"]],
            ]
            let created = try await calls.call(&net.olive, "POST /api/v1/study", "/api/v1/study", json: series)
            let id = try #require(APITests.integer(created.json["id"]))
            let at = "/api/v1/study/\(id)"
            try await calls.call(&stranger, "POST /api/v1/study", "/api/v1/study", json: series, status: .unauthorized)
            try await calls.call(
                &net.olive,
                "POST /api/v1/study",
                "/api/v1/study",
                json: ["title": ""],
                status: .unprocessableContent
            )
            try await calls.call(&stranger, "GET /api/v1/study", "/api/v1/study")
            try await calls.call(&net.olive, "GET /api/v1/study", "/api/v1/study?mine=true")
            try await calls.call(&stranger, "GET /api/v1/study/{id}", at)
            try await calls.call(&stranger, "GET /api/v1/study/{id}", "/api/v1/study/999", status: .notFound)
            var changed = series
            changed["publishReports"] = true
            try await calls.call(&net.olive, "PUT /api/v1/study/{id}", at, json: changed)
            try await calls.call(&net.bob, "PUT /api/v1/study/{id}", at, json: changed, status: .forbidden)
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/organizers",
                "\(at)/organizers",
                json: ["group": net.york]
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/organizers",
                "\(at)/organizers",
                json: ["group": net.york],
                status: .conflict
            )
            try await calls.call(
                &net.yann,
                "POST /api/v1/study/{id}/organizers/{slug}",
                "\(at)/organizers/\(net.york)",
                json: ["answer": "accept"]
            )
            // the syllabus
            try await calls.call(
                &net.yann,
                "POST /api/v1/study/{id}/weeks",
                "\(at)/weeks",
                json: ["topic": "February", "questions": ["Why?"]]
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks",
                "\(at)/weeks",
                json: ["topic": ""],
                status: .unprocessableContent
            )
            try await calls.call(&net.olive, "POST /api/v1/study/{id}/weeks", "\(at)/weeks", json: ["topic": "June"])
            try await calls.call(&stranger, "GET /api/v1/study/{id}/weeks/{week}", "\(at)/weeks/1")
            try await calls.call(
                &net.olive,
                "PUT /api/v1/study/{id}/weeks/{week}",
                "\(at)/weeks/2",
                json: ["topic": "The June days"]
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/move",
                "\(at)/weeks/2/move",
                json: ["step": -1]
            )
            try await calls.call(&net.olive, "DELETE /api/v1/study/{id}/weeks/{week}", "\(at)/weeks/1")
            let reading = try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/readings",
                "\(at)/weeks/1/readings",
                json: [
                    "kind": "critical review", "url": "https://example.org/review", "title": "A review",
                    "note": "First.",
                ]
            )
            let media = try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/media",
                "\(at)/weeks/1/media",
                json: [
                    "kind": "film", "title": "La Commune", "url": "https://films.example.org/c.mp4",
                    "sizeBytes": 2_100_000_000,
                ]
            )
            let presenter = try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/presenters",
                "\(at)/weeks/1/presenters",
                json: ["handle": "sara"]
            )
            func firstID(_ page: Page, _ key: String) throws -> Int {
                try #require(APITests.integer((page.json[key] as? [[String: Any]])?.first?["id"]))
            }
            try await calls.call(
                &net.olive,
                "DELETE /api/v1/study/{id}/weeks/{week}/readings/{part}",
                "\(at)/weeks/1/readings/\(try firstID(reading, "readings"))"
            )
            try await calls.call(
                &net.olive,
                "DELETE /api/v1/study/{id}/weeks/{week}/media/{part}",
                "\(at)/weeks/1/media/\(try firstID(media, "media"))"
            )
            try await calls.call(
                &net.olive,
                "DELETE /api/v1/study/{id}/weeks/{week}/presenters/{part}",
                "\(at)/weeks/1/presenters/\(try firstID(presenter, "presenters"))"
            )
            let list = try await net.olive.api(
                .post,
                "/api/v1/lists",
                json: try jsonBody(["title": "Empty", "isPublic": true])
            )
            let listID = try #require(APITests.integer(list.json["id"]))
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/from-list",
                "\(at)/weeks/from-list",
                json: ["list": listID],
                status: .unprocessableContent
            )
            let piece = try await publishPiece(
                &net.bob,
                editor: &net.olive,
                journal: net.leeds,
                title: "Bread and roses"
            )
            try await net.olive.api(.post, "/api/v1/lists/\(listID)/items", json: try jsonBody(["publication": piece]))
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/from-list",
                "\(at)/weeks/from-list",
                json: ["list": listID]
            )
            // enrollment: approved by an organizer
            try await calls.call(
                &net.bob,
                "POST /api/v1/study/{id}/enrollment",
                "\(at)/enrollment",
                json: ["newcomer": true]
            )
            try await calls.call(&net.mona, "POST /api/v1/study/{id}/enrollment", "\(at)/enrollment", json: [:])
            try await calls.call(&net.olive, "GET /api/v1/study/{id}/participants", "\(at)/participants")
            try await calls.call(
                &net.bob,
                "GET /api/v1/study/{id}/participants",
                "\(at)/participants",
                status: .forbidden
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/participants/{handle}",
                "\(at)/participants/bob",
                json: ["answer": "accept"]
            )
            try await calls.call(
                &net.sara,
                "POST /api/v1/study/{id}/participants/{handle}",
                "\(at)/participants/mona",
                json: ["answer": "accept"],
                status: .forbidden
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/participants/{handle}",
                "\(at)/participants/mona",
                json: ["answer": "accept"]
            )
            try await calls.call(
                &net.bob,
                "PUT /api/v1/study/{id}/enrollment",
                "\(at)/enrollment",
                json: ["digest": true]
            )
            try await calls.call(&net.mona, "DELETE /api/v1/study/{id}/enrollment", "\(at)/enrollment")
            try await calls.call(
                &net.mona,
                "PUT /api/v1/study/{id}/enrollment",
                "\(at)/enrollment",
                json: ["digest": true],
                status: .conflict
            )
            // the session: scheduling, check-in, attendance, breakouts, notes and the report
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/session",
                "\(at)/weeks/1/session",
                json: ["start": "2026-10-20T19:00", "city": "leeds", "onlineURL": "https://meet.example.org/r"]
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/session",
                "\(at)/weeks/1/session",
                json: ["start": "2026-10-20T19:00", "city": "leeds"],
                status: .conflict
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/sessions",
                "\(at)/sessions",
                json: ["start": "2026-10-27T19:00", "city": "leeds"]
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/sessions",
                "\(at)/sessions",
                json: ["start": "2026-11-03T19:00", "city": "leeds"],
                status: .conflict
            )
            try await calls.call(
                &net.bob,
                "POST /api/v1/study/{id}/weeks/{week}/check-in",
                "\(at)/weeks/1/check-in",
                json: ["mode": "room"],
                status: .conflict
            )
            app.moveClock(to: sessionStart.addingTimeInterval(-600))
            try await calls.call(
                &net.bob,
                "POST /api/v1/study/{id}/weeks/{week}/check-in",
                "\(at)/weeks/1/check-in",
                json: ["mode": "online"]
            )
            #expect(try await enroll(&net.carol, id) == "pending")
            try await net.olive.api(.post, "\(at)/participants/carol", json: try jsonBody(["answer": "accept"]))
            try await calls.call(
                &net.olive,
                "PUT /api/v1/study/{id}/weeks/{week}/attendance/{handle}",
                "\(at)/weeks/1/attendance/carol",
                json: ["mode": "room"]
            )
            try await calls.call(
                &net.olive,
                "GET /api/v1/study/{id}/weeks/{week}/attendance",
                "\(at)/weeks/1/attendance"
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/breakouts",
                "\(at)/weeks/1/breakouts",
                json: ["size": 1],
                status: .unprocessableContent
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/breakouts",
                "\(at)/weeks/1/breakouts",
                json: ["size": 2, "seed": 1]
            )
            try await calls.call(&net.bob, "GET /api/v1/study/{id}/weeks/{week}/breakouts", "\(at)/weeks/1/breakouts")
            try await calls.call(
                &stranger,
                "GET /api/v1/study/{id}/weeks/{week}/breakouts",
                "\(at)/weeks/1/breakouts",
                status: .forbidden
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/study/{id}/weeks/{week}/breakouts/swap",
                "\(at)/weeks/1/breakouts/swap",
                json: ["first": "bob", "second": "carol"],
                status: .unprocessableContent
            )
            try await calls.call(
                &net.bob,
                "PUT /api/v1/study/{id}/weeks/{week}/breakouts/{room}/note-taker",
                "\(at)/weeks/1/breakouts/1/note-taker",
                json: ["handle": "bob"]
            )
            try await calls.call(
                &net.bob,
                "PUT /api/v1/study/{id}/weeks/{week}/breakouts/{room}/notes",
                "\(at)/weeks/1/breakouts/1/notes",
                json: ["notes": "We agreed."]
            )
            try await calls.call(
                &net.carol,
                "PUT /api/v1/study/{id}/weeks/{week}/breakouts/{room}/notes",
                "\(at)/weeks/1/breakouts/1/notes",
                json: ["notes": "Me!"],
                status: .forbidden
            )
            try await calls.call(
                &net.olive,
                "PUT /api/v1/study/{id}/weeks/{week}/report",
                "\(at)/weeks/1/report",
                json: ["report": "We met.", "send": true]
            )
            try await calls.call(
                &net.olive,
                "PUT /api/v1/study/{id}/weeks/{week}/report",
                "\(at)/weeks/1/report",
                json: ["report": " "],
                status: .unprocessableContent
            )
            try await calls.call(&net.olive, "GET /api/v1/study/{id}/mailings", "\(at)/mailings")
            try await calls.call(&stranger, "GET /api/v1/study/{id}/mailings", "\(at)/mailings", status: .unauthorized)
            try await calls.call(&net.olive, "GET /api/v1/study/{id}", at)
            // check
            #expect(
                calls.exercised == Self.operations,
                "not exercised: \(Self.operations.subtracting(calls.exercised))"
            )
        }
    }
}
