import Foundation
import HTTPTypes
import Testing

/// Organizers take attendance for everyone in one submit.
@Suite("Study: the roll call")
struct StudyRollCallTests {
    @Test func attendanceForManyPeopleIsRecordedInOneSubmit() async throws {
        try await withApp { app in
            // setup
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            try await scheduleSession(&study.net.olive, study.series, 1)
            let people = try await participants(app, "roll", count: 4, series: study.series).map(\.handle)
            try await markPresent(&study.net.olive, study.series, 1, ["roll4"])
            // act
            let saved = try await study.net.olive.post(
                "/study/\(study.series)/weeks/1/attendance",
                [("mode-roll1", "room"), ("mode-roll2", "online"), ("mode-roll3", "absent"), ("mode-roll4", "absent")]
            )
            let page = try await study.net.olive.get("/study/\(study.series)/weeks/1/session")
            let outsider = try await study.net.mona.post(
                "/study/\(study.series)/weeks/1/attendance",
                [("mode-roll3", "room")]
            )
            let api = try await study.net.sara.api(.get, "\(study.at)/weeks/1/attendance")
            // check
            #expect(people.count == 4)
            #expect(saved.status == .seeOther)
            #expect(saved.location?.hasSuffix("/weeks/1/session#attendance") == true)
            #expect(page.contains("Attendance recorded for 3 people."))
            #expect(page.contains("Attendance (2 here)"))
            #expect(page.contains(#"<select id="mode-roll2" name="mode-roll2">"#))
            #expect(page.contains(#"<option value="online" selected>Online</option>"#))
            #expect(outsider.status == .forbidden || outsider.status == .notFound)
            let modes = Dictionary(
                uniqueKeysWithValues: ((try? JSONSerialization.jsonObject(with: Data(api.body.utf8)))
                    as? [[String: Any]] ?? []).compactMap {
                        row -> (String, String)? in
                        guard let handle = row["handle"] as? String else { return nil }
                        return (handle, row["mode"] as? String ?? "absent")
                    }
            )
            #expect(modes["roll1"] == "room" && modes["roll2"] == "online")
            #expect(modes["roll3"] == "absent" && modes["roll4"] == "absent")
        }
    }

    @Test func aRowLeftAsShownDoesNotUndoACheckInMadeSinceThePageWasDrawn() async throws {
        try await withApp { app in
            // setup: the organizer's roll call shows roll1 and roll2 as not here
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            try await scheduleSession(&study.net.olive, study.series, 1)
            _ = try await participants(app, "late", count: 2, series: study.series)
            let page = try await study.net.olive.get("/study/\(study.series)/weeks/1/session")
            #expect(page.contains(#"name="shown-late1" value="absent""#))

            // act: late1 is marked by someone else meanwhile; the organizer saves the page as drawn, with late2
            // changed
            try await markPresent(&study.net.olive, study.series, 1, ["late1"])
            let saved = try await study.net.olive.post(
                "/study/\(study.series)/weeks/1/attendance",
                [
                    ("mode-late1", "absent"), ("shown-late1", "absent"), ("mode-late2", "online"),
                    ("shown-late2", "absent"),
                ]
            )
            let after = try await study.net.olive.get("/study/\(study.series)/weeks/1/session")

            // check: late1 stays here, late2 is recorded online
            #expect(saved.status == .seeOther)
            #expect(after.contains("Attendance (2 here)"))
        }
    }
}
