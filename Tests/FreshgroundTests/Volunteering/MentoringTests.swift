import Foundation
import Testing
import Volunteering

/// Organizers pair a mentor with a mentee; both are reminded by mail when a check-in is due, once each time, and
/// not while either is on a pause; ending a pair is asked first.
@Suite("Volunteering: mentoring")
struct MentoringTests {
    @Test func bothAreRemindedOnTheirRhythmAndNotDuringAPause() async throws {
        try await withApp { app in
            // setup
            var circle = try await volunteerCircle(app, emails: true)
            let path = "/groups/\(circle.slug)/mentoring"
            // act
            let bad = try await circle.olive.post(
                path,
                [("mentor", "bob"), ("mentee", "bob"), ("skill", "Accounts"), ("every", "1")]
            )
            let paired = try await circle.olive.post(
                path,
                [("mentor", "@bob"), ("mentee", "mia"), ("skill", "Accounts"), ("every", "7")]
            )
            let byMember = try await circle.mia.get(path)
            let told = try await circle.mia.get("/notifications")
            let services = app.services()
            let early = try await sendVolunteerReminders(services: services)
            try await app.advanceClockAfterMail(seconds: 7 * 86_400)
            let due = try await sendVolunteerReminders(services: services)
            let again = try await sendVolunteerReminders(services: services)
            let mail = try await Mailbox.messages(to: try await email(app, "mia")) {
                $0.subject == "Mentoring check-in: accounts"
            }
            _ = try await circle.mia.post("/volunteering/pause", [("until", "2026-11-30")])
            try await app.advanceClockAfterMail(seconds: 7 * 86_400)
            let paused = try await sendVolunteerReminders(services: services)
            let list = try await circle.olive.get(path)
            let id = try #require(list.body.firstMatch(of: /mentoring\/([0-9]+)\/end/).map { String($0.1) })
            let confirm = try await circle.olive.get("\(path)/\(id)/end")
            let ended = try await circle.olive.post("\(path)/\(id)/end")
            // check
            #expect(bad.status == .unprocessableContent)
            #expect(told.contains("You are paired for mentoring in accounts"), "the pair is told when it is made")
            #expect(bad.contains("Choose someone other than the mentor.") && bad.contains("Give from 3 to 90 days."))
            #expect(bad.contains("value=\"Accounts\""))
            #expect(paired.status == .seeOther, "\(errorsIn(paired))")
            #expect(byMember.status == .notFound)
            #expect(early == 0 && due == 1 && again == 0 && paused == 0)
            #expect(mail.first { $0.subject.hasPrefix("Mentoring") }?.body.contains("@bob") == true)
            let bobs = try Mailbox.messagesSoFar(to: try await email(app, "bob"))
            #expect(bobs.filter { $0.subject.hasPrefix("Mentoring") }.count == 1)
            #expect(list.contains("@bob mentors @mia in accounts, every 7 days"))
            #expect(confirm.contains("End the pair") && ended.status == .seeOther)
            #expect(try await circle.olive.get(path).contains("No mentoring pairs yet."))
        }
    }
}
