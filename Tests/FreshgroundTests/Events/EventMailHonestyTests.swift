import Foundation
import Testing

/// An event page never promises mail that cannot come: a person without an email address is told before they
/// RSVP, and a site without a mail server offers no RSVP by email (whose confirmation link it could not send).
@Suite struct EventMailHonestyTests {
    @Test func aPersonWithoutAnAddressIsToldTheyWillGetNoMail() async throws {
        try await withApp { app in
            // setup: yann has no address; mona has one
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent forum")
            try await app.store.sql.raw("UPDATE people SET email = NULL WHERE handle = 'yann'").run()
            try await app.store.sql.raw("UPDATE people SET email = 'mona@example.org' WHERE handle = 'mona'").run()

            // act
            let yann = try await net.yann.get("/events/\(id)")
            let mona = try await net.mona.get("/events/\(id)")

            // check
            #expect(yann.contains("You will get no email about this event"))
            #expect(!mona.contains("You will get no email about this event"))
        }
    }

    @Test func withoutAMailServerThereIsNoRSVPByEmail() async throws {
        try await withApp(mail: false) { app in
            // setup
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent forum")
            var visitor = app.visitor()

            // act
            let page = try await visitor.get("/events/\(id)")
            let posted = try await visitor.post(
                "/events/\(id)/rsvp/email",
                [("name", "Pat"), ("email", "pat@example.org")]
            )

            // check
            #expect(page.contains("This site sends no") && !page.contains("Send me the confirmation link"))
            #expect(posted.status == .unprocessableContent)
            #expect(posted.contains("it cannot confirm an RSVP by email"))
        }
    }
}
