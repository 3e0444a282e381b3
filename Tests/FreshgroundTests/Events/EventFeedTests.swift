import Foundation
import HTTPTypes
import Testing

/// The iCalendar feeds parse in Python's icalendar, and their times are the pages' times, across a clock change.
@Suite("Event feeds")
struct EventFeedTests {
    /// 19:00 in Leeds on 20 October 2026 (BST, UTC+1) and on 3 November 2026 (GMT).
    static let octoberStart = Date(timeIntervalSince1970: 1_792_519_200)
    static let novemberStart = Date(timeIntervalSince1970: 1_793_732_400)

    @Test("group and city feeds list the events at the times the pages show, on both sides of the change")
    func groupAndCityFeeds() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let october = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Autumn assembly; part 1, \"open\""
            )
            let november = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Winter assembly",
                start: "2026-11-03T19:00",
                end: "2026-11-03T21:00"
            )
            // The pages say 19:00 local for both, with the offset of the day.
            #expect(try await app.anonymousGet("/events/\(october)").contains("Tue 20 Oct 2026, 19:00 GMT+1"))
            #expect(try await app.anonymousGet("/events/\(november)").contains("Tue 3 Nov 2026, 19:00 GMT"))
            for path in ["/groups/\(net.leeds)/events.ics", "/cities/leeds/events.ics"] {
                let feed = try await app.anonymousGet(path)
                #expect(feed.status == .ok)
                #expect(feed.headers[.contentType]?.hasPrefix("text/calendar") == true)
                let calendar = try parseICalendar(feed.body)
                let byTitle = Dictionary(
                    uniqueKeysWithValues: calendar.events.compactMap { event in
                        event.summary.map { ($0, event) }
                    }
                )
                let autumn = try #require(byTitle["Autumn assembly; part 1, \"open\""], "\(path): \(byTitle.keys)")
                #expect(autumn.start?.date == Self.octoberStart)
                #expect(autumn.end?.date == Self.octoberStart.addingTimeInterval(7_200))
                #expect(autumn.url?.hasSuffix("/events/\(october)") == true)
                let winter = try #require(byTitle["Winter assembly"])
                #expect(winter.start?.date == Self.novemberStart)
                #expect(Set(calendar.events.compactMap(\.uid)).count == calendar.events.count, "unique UIDs")
            }
        }
    }

    @Test("a person's feed is behind a secret address that can be replaced, and holds RSVPs and promotions")
    func personalFeed() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let going = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent strike forum")
            let promoted = try await scheduleEvent(&net.yann, host: net.york, title: "York picnic", city: "York")
            #expect(try await net.bob.post("/events/\(going)/rsvp").status == .seeOther)
            #expect(
                try await net.sara.post("/events/\(promoted)/promotions", [("group", net.students)]).status == .seeOther
            )
            #expect(try await net.bob.post("/me/calendar-key").status == .seeOther)
            let page = try await net.bob.get("/me/events")
            let address = try #require(
                page.body.firstMatch(of: #/value="(http[^"]+\.ics)"/#).map { String($0.output.1) }
            )
            let path = String(address[address.range(of: "/calendar/")!.lowerBound...])
            let feed = try await app.anonymousGet(path)
            #expect(feed.status == .ok)
            let titles = Set(try parseICalendar(feed.body).events.compactMap(\.summary))
            #expect(titles == ["Rent strike forum", "York picnic"])
            #expect(feed.headers[.cacheControl]?.contains("no-store") == true)
            // Replacing the address turns the old one off.
            #expect(try await net.bob.post("/me/calendar-key").status == .seeOther)
            #expect(try await app.anonymousGet(path).status == .notFound)
            #expect(
                try await app.anonymousGet("/calendar/\(String(repeating: "B", count: 43)).ics").status == .notFound
            )
            #expect(try await app.anonymousGet("/calendar/nonsense").status == .notFound)
        }
    }

    @Test("a cancelled event stays in the feed as cancelled, with a higher sequence")
    func cancelledInFeed() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds)
            let before = try parseICalendar(try await app.anonymousGet("/groups/\(net.leeds)/events.ics").body)
            #expect(try await net.olive.post("/events/\(id)/cancel").status == .seeOther)
            let after = try parseICalendar(try await app.anonymousGet("/groups/\(net.leeds)/events.ics").body)
            #expect(after.events.first?.status == "CANCELLED")
            #expect((after.events.first?.sequence ?? 0) > (before.events.first?.sequence ?? 0))
        }
    }
}
