import Foundation
import Testing
import Volunteering

/// A day before a shift, everyone holding a place gets a reminder with a way to cancel; an hour after it, a
/// question whether it happened. Each goes once, and nobody on a pause gets either.
@Suite("Volunteering: shift reminders and follow-ups")
struct ShiftReminderTests {
    @Test func remindersGoOnceAndNeverToThePaused() async throws {
        try await withApp { app in
            // setup: mia and bob take the Wednesday 18:00 shift; bob pauses until October
            var circle = try await volunteerCircle(app, emails: true)
            let shift = try await postWork(&circle.olive, circle.slug, twoHourShift("Night shelter"))
            _ = try await circle.mia.post("/work/\(shift)/sign-up")
            _ = try await circle.bob.post("/work/\(shift)/sign-up")
            let paused = try await circle.bob.post("/volunteering/pause", [("until", "2026-10-01")])
            #expect(paused.status == .seeOther, "\(errorsIn(paused))")
            let services = app.services()
            // act and check: Monday afternoon is too early
            #expect(try await sendVolunteerReminders(services: services) == 0)
            // Wednesday 02:13, less than a day before: mia only, once
            try await app.advanceClockAfterMail(seconds: 129_600)
            #expect(try await sendVolunteerReminders(services: services) == 1)
            #expect(try await sendVolunteerReminders(services: services) == 0, "only once")
            let mia = try await email(app, "mia")
            let reminder = try await Mailbox.messages(to: mia) { $0.subject == "Reminder: Night shelter" }
            #expect(reminder.first { $0.subject.hasPrefix("Reminder") }?.body.contains("/cancel") == true)
            // Wednesday 21:13, an hour after it ended: the follow-up
            try await app.advanceClockAfterMail(seconds: 68_400)
            #expect(try await sendVolunteerReminders(services: services) == 1)
            let followUp = try await Mailbox.messages(to: mia) { $0.subject == "How was it? Night shelter" }
            let link = try #require(
                Mailbox.links(in: followUp.first { $0.subject.hasPrefix("How was it") }?.body ?? "").first {
                    $0.contains("/follow-up")
                },
                "\(followUp.map(\.subject))"
            )
            let path = String(link.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
            let form = try await circle.mia.get(path)
            let empty = try await circle.mia.post(path, [("feedback", "Cold but good")])
            let answered = try await circle.mia.post(path, [("happened", "yes"), ("feedback", "Cold but good")])
            let byBob = try await circle.bob.get(path)
            // check
            #expect(form.contains("Did it happen?"))
            #expect(empty.status == .unprocessableContent && empty.contains("Cold but good"))
            #expect(answered.status == .seeOther, "\(errorsIn(answered))")
            #expect(try await circle.mia.get("/volunteering").contains("Night shelter (Care Circle): done"))
            #expect(byBob.status == .notFound, "a follow-up is the person's own")
            let bob = try await email(app, "bob")
            #expect(try Mailbox.messagesSoFar(to: bob).filter { $0.subject.contains("Night shelter") }.isEmpty)
        }
    }
}
