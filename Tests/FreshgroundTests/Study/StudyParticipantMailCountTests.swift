import Foundation
import Testing

/// The participants page tells the organizers how many of the enrolled the list's mail misses, and on a site
/// without a mail server that it reaches nobody; participants never see it.
@Suite struct StudyParticipantMailCountTests {
    @Test func organizersSeeHowManyGetNoMail() async throws {
        try await withApp { app in
            // setup: yann has no address, mona and bob have one; bob stops the emails
            var study = try await studyNetwork(app)
            try await app.store.sql.raw("UPDATE people SET email = NULL WHERE handle = 'yann'").run()
            try await app.store.sql.raw("UPDATE people SET email = 'mona@example.org' WHERE handle = 'mona'").run()
            try await app.store.sql.raw("UPDATE people SET email = 'bob@example.org' WHERE handle = 'bob'").run()
            #expect(try await enroll(&study.net.yann, study.series) == "enrolled")
            #expect(try await enroll(&study.net.mona, study.series) == "enrolled")
            #expect(try await enroll(&study.net.bob, study.series) == "enrolled")
            try await app.store.sql.raw(
                "UPDATE study_enrollments SET subscribed = \(bind: false) WHERE person_id = (SELECT id FROM people WHERE handle = 'bob')"
            ).run()

            // act
            let list = try await study.net.olive.get("/study/\(study.series)/participants")
            let participant = try await study.net.mona.get("/study/\(study.series)/participants")

            // check
            #expect(list.contains("2 of the enrolled get no email from the series"))
            #expect(!list.contains("no mail server"))
            #expect(participant.status != .ok)
            #expect(!participant.contains("get no email from the series"))
        }
    }

    @Test func withoutAMailServerNobodyGetsTheListsMail() async throws {
        try await withApp(mail: false) { app in
            // setup: mona, with an address, enrolls
            var study = try await studyNetwork(app)
            try await app.store.sql.raw("UPDATE people SET email = 'mona@example.org' WHERE handle = 'mona'").run()
            #expect(try await enroll(&study.net.mona, study.series) == "enrolled")

            // act
            let list = try await study.net.olive.get("/study/\(study.series)/participants")

            // check
            #expect(list.contains("This site has no mail server: nobody gets email from the series."))
            #expect(!list.contains("of the enrolled get no email"))
        }
    }
}
