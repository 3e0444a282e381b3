import Foundation
import HTTPTypes
import Testing

/// The study series' text fields, through the forms and the API, fed the library's corpus of hostile input:
/// each is refused with a message (never a 500) or kept and shown as harmless text.
@Suite("Study: hostile input")
struct StudyHostileInputTests {
    @Test func seriesAndWeekForms() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            let series = study.series
            let base: [(String, String)] = [
                ("title", "Base"), ("group", study.net.leeds), ("enrollment", "open"),
                ("readingKinds", "critical review"),
                ("agenda", "30 Presentations"), ("_submitted", "1"),
            ]
            let fields = ["title", "description", "readingKinds", "agenda"]
            try await HostileInputTests.feed(&study.net.olive, "series form", fields: fields, kept: [303]) {
                person,
                field,
                entry in
                try await HostileInputTests.postForm(&person, "/study", base, field, entry)
            } shown: { person, response in
                let path = try #require(response.location)
                var stranger = app.visitor()
                return [try await person.get(path), try await stranger.get(path), try await stranger.get("/study")]
            }
            let week: [(String, String)] = [("topic", "Base"), ("questions", "Why?")]
            try await HostileInputTests.feed(
                &study.net.olive,
                "week form",
                fields: ["topic", "introduction", "questions"],
                kept: [303]
            ) {
                person,
                field,
                entry in
                try await HostileInputTests.postForm(&person, "/study/\(series)/weeks", week, field, entry)
            } shown: { person, response in
                let path = try #require(response.location)
                var stranger = app.visitor()
                return [
                    try await person.get(path), try await stranger.get(path),
                    try await stranger.get("/study/\(series)"),
                ]
            }
        }
    }

    @Test func readingsSessionsNotesAndReports() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            let series = study.series
            try await addWeek(&study.net.olive, study.series, topic: "February")
            let week = "/study/\(series)/weeks/1"
            let reading: [(String, String)] = [
                ("readingKind", "critical review"), ("readingUrl", "https://example.org/a"), ("readingTitle", "A"),
            ]
            try await HostileInputTests.feed(
                &study.net.olive,
                "reading form",
                fields: ["readingTitle", "readingNote", "readingUrl"],
                kept: [303]
            ) {
                person,
                field,
                entry in
                try await HostileInputTests.postForm(&person, "\(week)/readings", reading, field, entry)
            } shown: { person, _ in
                var stranger = app.visitor()
                return [try await person.get(week), try await stranger.get(week)]
            }
            let session: [String: Any] = ["start": "2026-10-20T19:00", "city": "leeds"]
            try await HostileInputTests.feed(
                &study.net.olive,
                "session API",
                fields: ["start", "city", "address", "onlineURL", "timeZone"],
                kept: [201]
            ) {
                person,
                field,
                entry in
                try await HostileInputTests.sendJSON(
                    &person,
                    .post,
                    "/api/v1/study/\(series)/weeks/1/session",
                    session,
                    field,
                    entry
                )
            } shown: { person, _ in
                // Kept once, the week has its session; take it away for the next entry.
                let page = try await person.get(week)
                try await app.store.sql.raw("UPDATE study_weeks SET event_id = NULL").run()
                return [page]
            }
            try await scheduleSession(&study.net.olive, study.series, 1)
            var reader = try await participants(app, "hostile", count: 1, series: study.series)[0].visitor
            #expect(try await enroll(&study.net.bob, study.series) == "enrolled")
            try await markPresent(&study.net.olive, study.series, 1, ["hostile1", "bob"])
            try await study.net.olive.api(
                .post,
                "/api/v1/study/\(series)/weeks/1/breakouts",
                json: try jsonBody(["size": 2])
            )
            try await HostileInputTests.feed(&study.net.olive, "notes form", fields: ["notes"], kept: [303]) {
                person,
                field,
                entry in
                try await HostileInputTests.postForm(&person, "\(week)/breakouts/1", [], field, entry)
            } shown: { person, _ in
                [try await person.get("\(week)/session"), try await reader.get("\(week)/session")]
            }
            try await HostileInputTests.feed(&study.net.olive, "report form", fields: ["report"], kept: [303]) {
                person,
                field,
                entry in
                try await HostileInputTests.postForm(&person, "\(week)/report", [("send", "off")], field, entry)
            } shown: { person, _ in
                var stranger = app.visitor()
                return [try await person.get(week), try await stranger.get(week), try await stranger.get("/library")]
            }
        }
    }
}
