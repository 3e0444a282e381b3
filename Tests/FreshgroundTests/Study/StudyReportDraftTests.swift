import Foundation
import HTTPTypes
import Testing

/// The session report starts from what the note-takers wrote.
@Suite("Study: the report starts from the breakout notes")
struct StudyReportDraftTests {
    @Test func theReportBoxStartsFromEachBreakoutsNotesUntilAReportIsSaved() async throws {
        try await withApp { app in
            // setup
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            try await scheduleSession(&study.net.olive, study.series, 1)
            let people = try await participants(app, "draft", count: 4, series: study.series)
            try await markPresent(&study.net.olive, study.series, 1, people.map(\.handle))
            let formed = try await study.net.olive.api(
                .post,
                "\(study.at)/weeks/1/breakouts",
                json: try jsonBody(["size": 2, "seed": 1])
            )
            let rooms = breakoutMembers(formed)
            try #require(rooms.count == 2)
            for (number, text) in [(1, "Rent strikes spread."), (2, "  The franchise, again.  ")] {
                let saved = try await study.net.olive.post(
                    "/study/\(study.series)/weeks/1/breakouts/\(number)",
                    [("notes", text)]
                )
                try #require(saved.status == .seeOther)
            }
            // act
            let page = try await study.net.olive.get("/study/\(study.series)/weeks/1/session")
            let written = try await study.net.olive.post(
                "/study/\(study.series)/weeks/1/report",
                [("report", "Our own words."), ("_submitted", "1")]
            )
            let after = try await study.net.olive.get("/study/\(study.series)/weeks/1/session")
            // check
            #expect(
                page.contains(
                    "## Breakout 1\n\nRent strikes spread.\n\n## Breakout 2\n\nThe franchise, again.</textarea>"
                ),
                "\(page.body)"
            )
            #expect(written.status == .seeOther)
            #expect(after.contains(">Our own words.</textarea>") && !after.contains("## Breakout 1"))
        }
    }
}
