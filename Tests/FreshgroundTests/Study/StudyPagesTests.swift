import Foundation
import HTTPTypes
import Testing

/// Every study page answers for the people it is for, with its empty states, and refuses the others.
@Suite("Study: pages")
struct StudyPagesTests {
    @Test func everyPageAnswersItsPeopleAndShowsEmptyStates() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            let at = "/study/\(study.series)"
            var anonymous = app.visitor()
            #expect(try await anonymous.get("/study").contains("Revolutions of 1848"))
            #expect(try await anonymous.get(at).contains("No weeks yet."))
            #expect(try await anonymous.get("/study/new").status == .seeOther)
            let form = try await study.net.olive.get("/study/new")
            #expect(form.contains("<label for=\"title\">") && form.contains("Leeds Tenants"))
            let lonely = try await study.net.mona.get("/study/new")
            #expect(lonely.contains("Only organizers of a group start series."))
            #expect(try await study.net.sara.get("\(at)/edit").contains("Revolutions of 1848"))
            #expect(try await study.net.bob.get("\(at)/edit").status == .forbidden)
            #expect(try await study.net.olive.get("\(at)/mailings").contains("Nothing has been sent to the list yet."))
            #expect(try await study.net.olive.get("\(at)/participants").contains("Nobody has enrolled yet."))
            try await addWeek(&study.net.olive, study.series, topic: "February")
            let week = try await anonymous.get("\(at)/weeks/1")
            #expect(week.contains("The session is not scheduled yet.") && week.contains("No readings yet."))
            #expect(!week.contains("Organize this week"))
            #expect(try await study.net.olive.get("\(at)/weeks/1").contains("Schedule the session"))
            #expect(try await anonymous.get("\(at)/weeks/2").status == .notFound)
            #expect(try await anonymous.get("/study/999").status == .notFound)
            #expect(try await anonymous.get("\(at)/weeks/1/session").status != .ok)
            #expect(try await enroll(&study.net.bob, study.series) == "enrolled")
            let session = try await study.net.bob.get("\(at)/weeks/1/session")
            #expect(session.contains("No breakouts yet.") && session.contains("Not scheduled yet."))
            // Settings and leaving from the series page.
            let settings = try await study.net.bob.post("\(at)/enrollment/settings", [("digest", "on")])
            #expect(settings.status == .seeOther)
            #expect(try await study.net.bob.get(at).contains("You are enrolled"))
            #expect(try await study.net.bob.post("\(at)/enrollment/leave").status == .seeOther)
            #expect(try await study.net.bob.get(at).contains("Enroll"))
            // A breakout's notes page is for its members and the organizers.
            try await scheduleSession(&study.net.olive, study.series, 1)
            let people = try await participants(app, "page", count: 4, series: study.series)
            try await markPresent(&study.net.olive, study.series, 1, people.map(\.handle))
            let formed = try await study.net.olive.post(
                "\(at)/weeks/1/breakouts",
                [("size", "2"), ("keepOnlineTogether", "on")]
            )
            #expect(formed.status == .seeOther)
            let notes = try await study.net.olive.get("\(at)/weeks/1/breakouts/1")
            #expect(notes.contains("Notes of breakout 1") && notes.contains("<label for=\"notes\">"))
            #expect(try await study.net.mona.get("\(at)/weeks/1/breakouts/1").status != .ok)
            // Markup is markup: no page shows its own tags as text (nothing typed here holds a "<").
            try await study.net.olive.api(.put, "\(study.at)/weeks/1/report", json: try jsonBody(["report": "Done."]))
            for path in [
                "/study", at, "\(at)/weeks/1", "\(at)/weeks/1/session", "\(at)/participants", "\(at)/mailings",
                "\(at)/weeks/1/breakouts/1", "\(at)/edit", "/study/new",
            ] {
                let page = try await study.net.olive.get(path)
                #expect(page.status == .ok && !page.contains("&lt;"), "\(path) shows escaped markup")
            }
            let refused = try await study.net.olive.post("\(at)/weeks/1/breakouts", [("size", "40")])
            #expect(refused.status == .unprocessableContent && refused.contains("Choose breakouts of 2 to 20 people."))
        }
    }
}
