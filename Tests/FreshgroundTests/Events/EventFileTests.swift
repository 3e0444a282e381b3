import Foundation
import Testing

/// Every event page offers the event as an iCalendar file to add to a calendar; a members-only event's file is
/// for its hosts' members only.
@Suite struct EventFileTests {
    @Test func anEventPageOffersItsOwnCalendarFile() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Housing assembly")
            let hidden = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Members' planning",
                start: "2026-10-22T19:00",
                end: "2026-10-22T21:00",
                [("isPublic", "off")]
            )
            var anonymous = app.visitor()

            // act
            let page = try await anonymous.get("/events/\(id)")
            let file = try await anonymous.get("/events/\(id)/event.ics")
            let refused = try await anonymous.get("/events/\(hidden)/event.ics")
            let member = try await net.olive.get("/events/\(hidden)/event.ics")

            // check
            #expect(page.contains("href=\"/events/\(id)/event.ics\""))
            #expect(file.status == .ok && file.headers[.contentType]?.hasPrefix("text/calendar") == true)
            let calendar = try parseICalendar(file.body)
            #expect(calendar.events.map(\.summary) == ["Housing assembly"])
            #expect(refused.status == .notFound)
            #expect(member.status == .ok && member.contains("Members' planning"))
            #expect(member.headers[.cacheControl]?.contains("private") == true)
        }
    }
}
