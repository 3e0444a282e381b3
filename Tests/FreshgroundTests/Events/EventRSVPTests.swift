import Events
import Foundation
import FreshgroundWeb
import HTTPTypes
import Testing

/// RSVPs: private attendee lists and online links, wait lists, RSVPs by email confirmed by a link, check-in.
@Suite("Event RSVPs")
struct EventRSVPTests {
    @Test("the online link and the attendee list are private")
    func privateListAndLink() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let link = "https://meet.example.org/secret-room-42"
            let id = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                city: "",
                [("onlineURL", link), ("timeZone", "Europe/London")]
            )
            var anonymous = app.visitor()
            #expect(!(try await anonymous.get("/events/\(id)").contains(link)))
            #expect(!(try await net.bob.get("/events/\(id)").contains(link)), "a member who has not RSVPed")
            #expect(!(try await anonymous.get("/groups/\(net.leeds)/events.ics").contains("secret-room")))
            #expect(try await net.bob.post("/events/\(id)/rsvp").status == .seeOther)
            #expect(try await net.bob.get("/events/\(id)").contains(link))
            #expect(try await net.olive.get("/events/\(id)").contains(link), "the organizer")
            // Only the hosts' organizers see who is coming.
            for var other in [anonymous, net.bob, net.yann, net.mona] {
                let page = try await other.get("/events/\(id)/attendees")
                #expect([.seeOther, .forbidden].contains(page.status), "\(other.handle): \(page.status)")
                #expect(!page.contains("@bob"))
            }
            let list = try await net.olive.get("/events/\(id)/attendees")
            #expect(list.status == .ok)
            #expect(list.contains("@bob"))
            // The public page gives only a count.
            let page = try await anonymous.get("/events/\(id)")
            #expect(page.contains("1 going"))
            #expect(!page.contains("bob"))
        }
    }

    @Test("a full event puts people on a wait list, and a cancellation gives the place to the first waiting")
    func waitList() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, [("capacity", "1")])
            var mona = net.mona
            #expect(try await mona.post("/events/\(id)/rsvp").location == "/events/\(id)")
            #expect(try await mona.get("/events/\(id)").contains("You're going."))
            #expect(try await net.bob.post("/events/\(id)/rsvp").status == .seeOther)
            #expect(try await net.bob.get("/events/\(id)").contains("You're on the wait list."))
            #expect(try await net.yann.post("/events/\(id)/rsvp").status == .seeOther)
            let full = try await app.anonymousGet("/events/\(id)")
            #expect(full.contains("1 of 1 places taken, 2 on the wait list"))
            // mona cancels: bob, first in line, gets the place and an email; yann keeps waiting.
            #expect(try await mona.post("/events/\(id)/rsvp/cancel").status == .seeOther)
            #expect(try await net.bob.get("/events/\(id)").contains("You're going."))
            #expect(try await net.yann.get("/events/\(id)").contains("You're on the wait list."))
            let mail = try await Mailbox.messages(to: try await email(app, "bob")) {
                $0.subject.hasPrefix("A place is yours")
            }
            #expect(mail.contains { $0.subject.hasPrefix("A place is yours") })
        }
    }

    @Test("RSVP without an account: nothing counts until the emailed link is confirmed")
    func rsvpByEmail() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, [("capacity", "5")])
            var guest = app.visitor()
            let address = "guest-\(UUID().uuidString.prefix(8).lowercased())@example.org"
            let bad = try await guest.post("/events/\(id)/rsvp/email", [("name", "Gil"), ("email", "not-an-address")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("id=\"email-error\""))
            let sent = try await guest.post("/events/\(id)/rsvp/email", [("name", "Gil"), ("email", address)])
            #expect(sent.status == .seeOther)
            #expect(try await guest.get("/events/\(id)").contains("0 of 5 places taken"), "unconfirmed does not count")
            let message = try #require(try await Mailbox.messages(to: address).first)
            #expect(message.subject == "Confirm your place: Rent strike forum")
            let link = try #require(Mailbox.links(in: message.body).first { $0.contains("/rsvp/") })
            let path = String(link[link.range(of: "/rsvp/")!.lowerBound...])
            let landing = try await guest.get(path)
            #expect(landing.contains("Your place is not confirmed yet."))
            #expect(try await guest.post(path + "/confirm").status == .seeOther)
            #expect(try await guest.get(path).contains("You're going."))
            #expect(try await guest.get("/events/\(id)").contains("1 of 5 places taken"))
            let confirmation = try await Mailbox.messages(to: address) {
                $0.subject == "You're going: Rent strike forum"
            }
            #expect(confirmation.contains { $0.subject == "You're going: Rent strike forum" })
            #expect(try await net.olive.get("/events/\(id)/attendees").contains(address))
            // A second request with the same address does not make a second place or say who is coming.
            var stranger = app.visitor()
            let again = try await stranger.post("/events/\(id)/rsvp/email", [("name", "Someone"), ("email", address)])
            #expect(again.status == .seeOther)
            #expect(try await guest.get("/events/\(id)").contains("1 of 5 places taken"))
            // A made-up link is not found; the real one cancels.
            #expect(try await guest.get("/rsvp/\(String(repeating: "A", count: 43))").status == .notFound)
            #expect(try await guest.post(path + "/cancel").status == .seeOther)
            #expect(try await guest.get("/events/\(id)").contains("0 of 5 places taken"))
        }
    }

    @Test("check-in at the door: organizers mark arrivals of people with a place")
    func checkIn() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds)
            #expect(try await net.bob.post("/events/\(id)/rsvp").status == .seeOther)
            let list = try await net.olive.get("/events/\(id)/attendees")
            let rsvp = try #require(list.body.firstMatch(of: #/attendees/(\d+)/check-in/#).flatMap { Int($0.output.1) })
            #expect(list.contains("0 of 1 arrived"), "\(list.status) \(list.body.suffix(1500))")
            #expect(
                try await net.bob.post("/events/\(id)/attendees/\(rsvp)/check-in", [("arrived", "on")]).status
                    == .forbidden
            )
            #expect(
                try await net.olive.post("/events/\(id)/attendees/\(rsvp)/check-in", [("arrived", "on")]).status
                    == .seeOther
            )
            #expect(try await net.olive.get("/events/\(id)/attendees").contains("1 of 1 arrived"))
            #expect(
                try await net.olive.post("/events/\(id)/attendees/\(rsvp)/check-in", [("arrived", "off")]).status
                    == .seeOther
            )
            #expect(try await net.olive.get("/events/\(id)/attendees").contains("0 of 1 arrived"))
        }
    }

    @Test("reminders go once to everyone going, a day before")
    func reminders() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            // The test clock starts on 2026-09-21; the event is two days later.
            let id = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                start: "2026-09-23T19:00",
                end: "2026-09-23T21:00"
            )
            #expect(try await net.bob.post("/events/\(id)/rsvp").status == .seeOther)
            let services = app.services()
            #expect(try await sendEventReminders(services: services) == 0, "too early")
            // A day and a half later, the event is less than a day away.
            try await app.advanceClockAfterMail(seconds: 129_600)
            #expect(try await sendEventReminders(services: services) == 1)
            #expect(try await sendEventReminders(services: services) == 0, "only once")
            let mail = try await Mailbox.messages(to: try await email(app, "bob")) {
                $0.subject == "Reminder: Rent strike forum"
            }
            #expect(mail.filter { $0.subject == "Reminder: Rent strike forum" }.count == 1, "only once")
        }
    }
}

/// A person's email address as stored.
func email(_ app: TestApp, _ handle: String) async throws -> String {
    let row = try #require(
        try await app.store.sql.select().column("email").from("people").where("handle", .equal, handle).first()
    )
    return try row.decode(column: "email", as: String.self)
}

extension EventRSVPTests {
    @Test("the anonymous event page is shared from the cache, but every visitor's form carries their own token")
    func cachedPageKeepsEachVisitorsToken() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds)
            var first = app.visitor()
            var second = app.visitor()
            _ = try await first.get("/login")
            _ = try await second.get("/login")
            let one = try await first.get("/events/\(id)")
            let two = try await second.get("/events/\(id)")
            #expect(first.csrf != second.csrf)
            #expect(one.contains("name=\"_csrf\" value=\"\(first.csrf)\""))
            #expect(two.contains("name=\"_csrf\" value=\"\(second.csrf)\""))
            #expect(!two.contains(first.csrf))
            let rsvp = try await second.post(
                "/events/\(id)/rsvp/email",
                [("name", "Sam"), ("email", "sam@example.org")]
            )
            #expect(rsvp.status == .seeOther)
        }
    }
}
