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
}
