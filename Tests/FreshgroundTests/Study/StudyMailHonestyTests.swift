import Foundation
import Testing

/// Mail is never claimed where it does not go: a person whose mail cannot be sent is told before enrolling,
/// organizers see how many of the enrolled get no mail, and a site without a mail server never says "sent".
@Suite struct StudyMailHonestyTests {
    @Test func aPersonWithoutAnEmailAddressIsToldBeforeEnrollingAndOrganizersSeeHowMany() async throws {
        try await withApp { app in
            // setup: the series' network; yann has no email address, mona has one
            var study = try await studyNetwork(app)
            try await app.store.sql.raw("UPDATE people SET email = NULL WHERE handle = 'yann'").run()
            try await app.store.sql.raw("UPDATE people SET email = 'mona@example.org' WHERE handle = 'mona'").run()

            // act
            let yannBefore = try await study.net.yann.get("/study/\(study.series)")
            let monaBefore = try await study.net.mona.get("/study/\(study.series)")
            let viewer = try await study.net.yann.api(.get, "/api/v1/study/\(study.series)")
            #expect(try await enroll(&study.net.yann, study.series) == "enrolled")
            #expect(try await enroll(&study.net.mona, study.series) == "enrolled")
            let yannAfter = try await study.net.yann.get("/study/\(study.series)")
            let list = try await study.net.olive.get("/study/\(study.series)/participants")

            // check
            #expect(yannBefore.contains("You will get no email from this series"))
            #expect(!monaBefore.contains("You will get no email from this series"))
            #expect((viewer.json["viewer"] as? [String: Any])?["getsMail"] as? Bool == false)
            #expect(yannAfter.contains("You will get no email from this series"))
            #expect(list.contains("1 of the enrolled get no email from the series"))
            #expect(list.contains("no email address"))
        }
    }

    @Test func withoutAMailServerTheListsMailIsNotCalledSent() async throws {
        try await withApp(mail: false) { app in
            // setup: an enrolled participant with an address, and a report sent to the list
            var study = try await studyNetwork(app)
            try await app.store.sql.raw("UPDATE people SET email = 'mona@example.org' WHERE handle = 'mona'").run()
            #expect(try await enroll(&study.net.mona, study.series) == "enrolled")
            try await addWeek(&study.net.olive, study.series, topic: "February")
            let written = try await study.net.olive.post(
                "/study/\(study.series)/weeks/1/report",
                [("report", "We read the Manifesto."), ("send", "on"), ("_submitted", "1")]
            )
            #expect(written.status == .seeOther)

            // act: wait (at most 5 s) until the outbox has handled the copy, then read the organizers' page
            var handled = try await study.net.olive.api(.get, "\(study.at)/mailings")
            for _ in 0..<50 where !handled.body.contains("\"sent\":1") {
                try await Task.sleep(for: .milliseconds(100))
                handled = try await study.net.olive.api(.get, "\(study.at)/mailings")
            }
            let mailings = try await study.net.olive.get("/study/\(study.series)/mailings")
            let page = try await study.net.mona.get("/study/\(study.series)")

            // check
            #expect(mailings.contains("reached nobody"))
            #expect(mailings.contains("written to the log (not sent)"))
            #expect(!mailings.contains("1 of 1 sent"))
            #expect(page.contains("You will get no email from this series"))
        }
    }
}
