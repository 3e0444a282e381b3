import Foundation
import Testing

/// The organizers' attendee list says how many on it will get no mail, and on a site without a mail server that
/// nobody will; nobody else sees the list or the count.
@Suite struct AttendeeMailCountTests {
    @Test func organizersSeeHowManyGetNoMail() async throws {
        try await withApp { app in
            // setup: bob and mona have addresses, yann has none; all three RSVP
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent forum")
            try await app.store.sql.raw("UPDATE people SET email = NULL WHERE handle = 'yann'").run()
            try await app.store.sql.raw("UPDATE people SET email = 'mona@example.org' WHERE handle = 'mona'").run()
            try await app.store.sql.raw("UPDATE people SET email = 'bob@example.org' WHERE handle = 'bob'").run()
            for visitor in [net.bob, net.yann, net.mona] {
                var visitor = visitor
                #expect(try await visitor.post("/events/\(id)/rsvp").status == .seeOther)
            }

            // act
            let list = try await net.olive.get("/events/\(id)/attendees")
            let stranger = try await net.bob.get("/events/\(id)/attendees")

            // check
            #expect(list.contains("1 of these people will get no mail (no email address)."))
            #expect(!list.contains("no mail server"))
            #expect(stranger.status != .ok)
            #expect(!stranger.contains("will get no mail"))
        }
    }

    @Test func everyoneWithAnAddressGetsMail() async throws {
        try await withApp { app in
            // setup: only people with addresses RSVP
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent forum")
            try await app.store.sql.raw("UPDATE people SET email = 'mona@example.org' WHERE handle = 'mona'").run()
            #expect(try await net.mona.post("/events/\(id)/rsvp").status == .seeOther)

            // act
            let list = try await net.olive.get("/events/\(id)/attendees")

            // check
            #expect(list.contains("@mona"))
            #expect(!list.contains("will get no mail"))
        }
    }

    @Test func withoutAMailServerNobodyGetsMail() async throws {
        try await withApp(mail: false) { app in
            // setup: mona, who has an address, RSVPs
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent forum")
            try await app.store.sql.raw("UPDATE people SET email = 'mona@example.org' WHERE handle = 'mona'").run()
            #expect(try await net.mona.post("/events/\(id)/rsvp").status == .seeOther)

            // act
            let list = try await net.olive.get("/events/\(id)/attendees")
            let member = try await net.mona.get("/events/\(id)/attendees")

            // check
            #expect(list.contains("This site has no mail server: nobody on this list gets mail."))
            #expect(!member.contains("no mail server"))
        }
    }
}
