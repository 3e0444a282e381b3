import Foundation
import HTTPTypes
import Testing

/// Calendar feeds tell caches who may keep them: only a feed that is the same for every anonymous visitor is
/// `public`; a feed that depends on who asks is `private`, and one behind a secret address is stored nowhere.
@Suite("Calendar feeds: who may cache them")
struct FeedCachingTests {
    static let vary = HTTPField.Name("Vary")!

    @Test("a public group's feed as an anonymous visitor gets it is public, and varies with the credentials sent")
    func publicGroupFeedStaysPublic() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            try await scheduleEvent(&net.olive, host: net.leeds, title: "Open forum")
            var anonymous = app.visitor()
            // act
            let feed = try await anonymous.get("/groups/\(net.leeds)/events.ics")
            // check
            #expect(feed.status == .ok)
            #expect(feed.contains("Open forum"))
            #expect(feed.headers[.cacheControl] == "public, max-age=300")
            let vary = feed.headers[Self.vary] ?? ""
            #expect(vary.contains("Cookie") && vary.contains("Authorization"), "Vary: \(vary)")
        }
    }

    @Test("a member's feed of a group, which holds its members-only events, is private")
    func membersFeedIsPrivate() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            try await scheduleEvent(&net.olive, host: net.leeds, title: "Members' meeting", [("isPublic", "off")])
            var anonymous = app.visitor()
            // act
            let members = try await net.bob.get("/groups/\(net.leeds)/events.ics")
            let outsiders = try await anonymous.get("/groups/\(net.leeds)/events.ics")
            // check
            #expect(members.status == .ok)
            #expect(members.contains("Members' meeting"))
            #expect(members.headers[.cacheControl]?.hasPrefix("private") == true, "\(members.headers)")
            #expect(!outsiders.contains("Members' meeting"))
            #expect(outsiders.headers[.cacheControl] == "public, max-age=300")
        }
    }

    @Test("a private group's feed is private for its members and not found for anyone else")
    func privateGroupFeedIsPrivate() async throws {
        try await withApp { app in
            // setup
            var organizer = try await app.person("hidden")
            let slug = try await organizer.createGroup("Hidden Circle", visibility: "private")
            try await scheduleEvent(&organizer, host: slug, title: "Quiet meeting", [("isPublic", "off")])
            var anonymous = app.visitor()
            // act
            let members = try await organizer.get("/groups/\(slug)/events.ics")
            let outsiders = try await anonymous.get("/groups/\(slug)/events.ics")
            // check
            #expect(members.status == .ok)
            #expect(members.contains("Quiet meeting"))
            #expect(members.headers[.cacheControl]?.hasPrefix("private") == true, "\(members.headers)")
            #expect(outsiders.status == .notFound)
            #expect(outsiders.headers[.cacheControl]?.contains("public") != true)
        }
    }

    @Test("a personal feed, behind a secret address, is private and stored nowhere")
    func personalFeedIsStoredNowhere() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            let going = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent strike forum")
            #expect(try await net.bob.post("/events/\(going)/rsvp").status == .seeOther)
            #expect(try await net.bob.post("/me/calendar-key").status == .seeOther)
            let page = try await net.bob.get("/me/events")
            let address = try #require(
                page.body.firstMatch(of: #/value="(http[^"]+\.ics)"/#).map { String($0.output.1) }
            )
            let path = String(address[address.range(of: "/calendar/")!.lowerBound...])
            var calendarApp = app.visitor()
            // act
            let feed = try await calendarApp.get(path)
            // check
            #expect(feed.status == .ok)
            #expect(feed.contains("Rent strike forum"))
            let cache = feed.headers[.cacheControl] ?? ""
            #expect(cache.contains("private") && cache.contains("no-store"), "Cache-Control: \(cache)")
        }
    }

    @Test("a city's feed, only public events and the same for everyone, is public")
    func cityFeedIsPublic() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            try await scheduleEvent(&net.olive, host: net.leeds, title: "Open forum")
            var anonymous = app.visitor()
            // act
            let seenAnonymously = try await anonymous.get("/cities/leeds/events.ics")
            let seenByMember = try await net.bob.get("/cities/leeds/events.ics")
            // check
            #expect(seenAnonymously.status == .ok)
            #expect(seenAnonymously.headers[.cacheControl] == "public, max-age=300")
            #expect(seenByMember.headers[.cacheControl] == "public, max-age=300")
            #expect(seenAnonymously.body == seenByMember.body)
        }
    }

    /// The city feed's tag is made once, as the feed is kept: a copy served from the cache carries the same tag as
    /// the one just rendered, a member's fresh copy too (the tag skips the `DTSTAMP` lines), the tag answers a
    /// conditional request, and a new event changes it.
    @Test func aCachedCityFeedKeepsItsTagUntilAnEventChangesIt() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            try await scheduleEvent(&net.olive, host: net.leeds, title: "Open forum")
            var anonymous = app.visitor()

            // act
            let rendered = try await anonymous.get("/cities/leeds/events.ics")
            let cached = try await anonymous.get("/cities/leeds/events.ics")
            let members = try await net.bob.get("/cities/leeds/events.ics")
            let tag = try #require(rendered.headers[.eTag])
            let unchanged = try await anonymous.get("/cities/leeds/events.ics", headers: [.ifNoneMatch: tag])
            let later = (start: "2026-10-21T19:00", end: "2026-10-21T21:00")
            let title = "Second forum"
            try await scheduleEvent(&net.olive, host: net.leeds, title: title, start: later.start, end: later.end)
            let changed = try await anonymous.get("/cities/leeds/events.ics", headers: [.ifNoneMatch: tag])

            // check
            #expect(tag.hasPrefix("W/\""))
            #expect(cached.headers[.eTag] == tag && members.headers[.eTag] == tag)
            #expect(unchanged.status == .notModified)
            #expect(changed.status == .ok && changed.contains("Second forum"))
            #expect(changed.headers[.eTag] != tag)
        }
    }
}
