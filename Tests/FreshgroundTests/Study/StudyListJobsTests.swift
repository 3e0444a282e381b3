import Foundation
import HTTPTypes
import Mail
import Study
import Testing

/// What the server sends on its own: a reminder a day before each session, once, and the weekly digest for
/// those who asked for it; and who may read a report the series does not publish.
@Suite("Study: reminders, digest and report privacy")
struct StudyListJobsTests {
    @Test func remindersGoOutOnceADayBeforeAndTheDigestOnlyToThoseWhoAsked() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            try await scheduleSession(&study.net.olive, study.series, 1)
            var people = try await participants(app, "remindee", count: 3, series: study.series)
            let quiet = try await people[1].visitor.api(
                .put,
                "\(study.at)/enrollment",
                json: try jsonBody(["subscribed": false])
            )
            #expect(quiet.status == .ok)
            let digest = try await people[2].visitor.api(
                .put,
                "\(study.at)/enrollment",
                json: try jsonBody(["digest": true])
            )
            #expect(digest.json["digest"] as? Bool == true)
            let services = app.services()
            // A month ahead: no reminder; the digest has nothing to tell yet.
            #expect(try await sendStudyMail(services: services) == 0)
            app.moveClock(to: sessionStart.addingTimeInterval(-20 * 3_600))
            // The reminder to the two still subscribed, the digest with the coming session to the one who asked.
            #expect(try await sendStudyMail(services: services) == 3)
            #expect(try await sendStudyMail(services: services) == 0)
            _ = try await services.outbox.deliverDue()
            let reminder = try #require(try await Mailbox.messages(to: people[0].email).first)
            #expect(reminder.subject == "Reminder: Revolutions of 1848, week 1, Tue 20 Oct 2026, 19:00 GMT+1")
            #expect(reminder.header("List-Unsubscribe") != nil)
            #expect(try Mailbox.messagesSoFar(to: people[1].email).isEmpty)
            // The session moves an hour later, still within the day: one more message, saying so.
            let event = try #require(
                APITests.integer(
                    ((try await study.net.olive.api(.get, "\(study.at)/weeks/1")).json["session"] as? [String: Any])?[
                        "eventID"
                    ]
                )
            )
            let moved = try await study.net.olive.api(
                .put,
                "/api/v1/events/\(event)",
                json: try jsonBody([
                    "kind": "class", "title": "Week 1", "start": "2026-10-20T20:00", "end": "2026-10-20T21:30",
                    "city": "leeds",
                ])
            )
            #expect(moved.status == .ok, "\(moved.body.prefix(300))")
            #expect(try await sendStudyMail(services: services) == 2)
            #expect(try await sendStudyMail(services: services) == 0)
            _ = try await services.outbox.deliverDue()
            let again = try await Mailbox.messages(to: people[0].email, count: 2)
            #expect(again.map(\.subject).last == "New time: Revolutions of 1848, week 1, Tue 20 Oct 2026, 20:00 GMT+1")
            let third = try await Mailbox.messages(to: people[2].email, count: 3)
            let weekly = try #require(third.first { $0.subject == "This week in Revolutions of 1848" })
            #expect(weekly.body.contains("Week 1, February: Tue 20 Oct 2026, 19:00 GMT+1"))
            // A week later, with the report written after the session, the next digest lists the report.
            app.moveClock(to: sessionStart.addingTimeInterval(3 * 3_600))
            try await study.net.olive.api(
                .put,
                "\(study.at)/weeks/1/report",
                json: try jsonBody(["report": "Done.", "send": false])
            )
            app.moveClock(to: sessionStart.addingTimeInterval(8 * 86_400))
            #expect(try await sendStudyMail(services: services) == 1)
            _ = try await services.outbox.deliverDue()
            let next = try await Mailbox.messages(to: people[2].email, count: 4)
            #expect(next.last?.body.contains("New session reports:") == true)
            _ = people.removeLast()
        }
    }

    @Test func anUnpublishedReportIsForParticipantsAndOrganizersOnly() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app, publishReports: false)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            #expect(try await enroll(&study.net.bob, study.series) == "enrolled")
            try await study.net.olive.api(
                .put,
                "\(study.at)/weeks/1/report",
                json: try jsonBody(["report": "Who said what, in confidence.", "send": false])
            )
            #expect(try await study.net.bob.get("/study/\(study.series)/weeks/1").contains("in confidence"))
            #expect(try await study.net.sara.api(.get, "\(study.at)/weeks/1").body.contains("in confidence"))
            var anonymous = app.visitor()
            for page in [
                try await anonymous.get("/study/\(study.series)/weeks/1"),
                try await anonymous.api(.get, "\(study.at)/weeks/1"),
                try await study.net.mona.get("/study/\(study.series)/weeks/1"), try await anonymous.get("/library"),
                try await anonymous.get("/search?q=confidence"),
            ] {
                #expect(!page.contains("in confidence"))
            }
        }
    }
}
