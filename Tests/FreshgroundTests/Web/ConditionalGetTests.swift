import Foundation
import FreshgroundWeb
import HTTPTypes
import Hummingbird
import Testing

/// Feeds and calendars carry an `ETag` and answer `304 Not Modified`, without a body, to a reader that sends it
/// back in `If-None-Match`, until what they say changes.
@Suite("HTTP: conditional GET on feeds and calendars")
struct ConditionalGetTests {
    static func ifNoneMatch(_ tag: String) -> HTTPFields { [.ifNoneMatch: tag] }

    @Test("If-None-Match: lists, *, and weak tags compared weakly; a malformed member is skipped")
    func matching() {
        let strong = EntityTag(opaque: "abc", isWeak: false)
        let weak = EntityTag(opaque: "abc", isWeak: true)
        #expect(strong.header == "\"abc\"")
        #expect(weak.header == "W/\"abc\"")
        for field in ["\"abc\"", "W/\"abc\"", "\"x\", \"abc\"", "\"x\",W/\"abc\"", "*", " * ", "junk, \"abc\""] {
            #expect(strong.matchesAny(of: field), "\(field)")
            #expect(weak.matchesAny(of: field), "\(field)")
        }
        for field in ["", "\"abcd\"", "\"ab\"", "abc", "W/abc", "\"x\", \"y\"", "\"abc"] {
            #expect(!strong.matchesAny(of: field), "\(field)")
        }
    }

    @Test("a calendar's tag leaves out DTSTAMP, which is the time of writing, and is weak; an Atom tag is strong")
    func calendarTagIgnoresTheStamp() {
        let event = ICalEvent(uid: "e-1@x", start: Date(timeIntervalSince1970: 0), end: Date(), summary: "Meeting")
        func render(_ now: Date, _ event: ICalEvent) -> ByteBuffer {
            ByteBuffer(string: ICalendar(name: "C", events: [event], now: now).render(prodID: "-//T//EN"))
        }
        let first = EntityTag.calendar(render(Date(timeIntervalSince1970: 1_000), event))
        let later = EntityTag.calendar(render(Date(timeIntervalSince1970: 9_000), event))
        var renamed = event
        renamed.summary = "Meeting moved"
        #expect(first == later)
        #expect(first.isWeak)
        #expect(EntityTag.calendar(render(Date(timeIntervalSince1970: 1_000), renamed)) != first)
        #expect(!EntityTag.strong(over: ByteBuffer(string: "<feed/>")).isWeak)
        #expect(EntityTag.strong(over: ByteBuffer(string: "a")) != EntityTag.strong(over: ByteBuffer(string: "b")))
    }

    @Test("a group's calendar: 304 with its tag, even later; a new event gives 200 and another tag")
    func groupCalendar() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            try await scheduleEvent(&net.olive, host: net.leeds, title: "Open forum")
            var reader = app.visitor()
            let path = "/groups/\(net.leeds)/events.ics"
            let first = try await reader.get(path)
            let tag = try #require(first.headers[.eTag])
            app.clock.advance(seconds: 600)
            // act
            let again = try await reader.get(path, headers: Self.ifNoneMatch(tag))
            let head = try await reader.send(path, method: .head, headers: Self.ifNoneMatch(tag), body: nil)
            try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Second forum",
                start: "2026-10-21T19:00",
                end: "2026-10-21T21:00"
            )
            let changed = try await reader.get(path, headers: Self.ifNoneMatch(tag))
            // check
            #expect(first.status == .ok)
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            #expect(again.headers[.eTag] == tag)
            #expect(again.headers[.cacheControl] == first.headers[.cacheControl])
            #expect(head.status == .notModified)
            #expect(changed.status == .ok)
            #expect(changed.contains("Second forum"))
            #expect(changed.headers[.eTag] != nil && changed.headers[.eTag] != tag)
        }
    }

    @Test("a group's Atom feed: 304 with its tag; a new post gives 200 and another tag")
    func groupAtomFeed() async throws {
        try await withApp { app in
            // setup
            var organizer = try await app.person("olive")
            let slug = try await organizer.createGroup("Leeds Tenants")
            try await organizer.post("/groups/\(slug)/posts", [("title", "First news"), ("body", "Hello.")])
            var reader = app.visitor()
            let path = "/groups/\(slug)/feed.atom"
            let first = try await reader.get(path)
            let tag = try #require(first.headers[.eTag])
            // act
            let again = try await reader.get(path, headers: Self.ifNoneMatch("\"other\", \(tag)"))
            try await organizer.post("/groups/\(slug)/posts", [("title", "Second news"), ("body", "More.")])
            let changed = try await reader.get(path, headers: Self.ifNoneMatch(tag))
            // check
            #expect(!tag.hasPrefix("W/"), "an Atom document's tag is strong: \(tag)")
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            #expect(again.headers[.eTag] == tag)
            #expect(again.headers[.cacheControl] == "public, max-age=60")
            #expect(changed.status == .ok)
            #expect(changed.contains("Second news"))
            #expect(changed.headers[.eTag] != nil && changed.headers[.eTag] != tag)
        }
    }

    @Test("a personal calendar keeps private, no-store, and answers 304 too")
    func personalCalendar() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            let going = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent strike forum")
            try await net.bob.post("/events/\(going)/rsvp")
            try await net.bob.post("/me/calendar-key")
            let page = try await net.bob.get("/me/events")
            let address = try #require(
                page.body.firstMatch(of: #/value="(http[^"]+\.ics)"/#).map { String($0.output.1) }
            )
            let path = String(address[address.range(of: "/calendar/")!.lowerBound...])
            var calendarApp = app.visitor()
            let first = try await calendarApp.get(path)
            let tag = try #require(first.headers[.eTag])
            // act
            let again = try await calendarApp.get(path, headers: Self.ifNoneMatch(tag))
            // check
            #expect(first.headers[.cacheControl] == "private, no-store")
            #expect(again.status == .notModified)
            #expect(again.headers[.cacheControl] == "private, no-store")
            #expect(again.body.isEmpty)
        }
    }
}
