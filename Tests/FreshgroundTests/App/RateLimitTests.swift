import Foundation
import FreshgroundStore
import FreshgroundWeb
import HTTPTypes
import Testing

/// Limits on writes that cost others: too many accounts from one address, too many posts from one person, too
/// much mail asked for. Each refusal keeps what was typed, says when to try again, and the count forgets in time.
@Suite struct RateLimitTests {
    @Test func oneAddressMakesTenAccountsAnHour() async throws {
        try await withApp { app in
            for index in 0..<10 {
                var visitor = app.visitor()
                visitor.forwardedFor = "203.0.113.7"
                try await visitor.signUp("burst\(index)")
            }
            var eleventh = app.visitor()
            eleventh.forwardedFor = "203.0.113.7"
            let refused = try await eleventh.post(
                "/signup",
                [("handle", "burst10"), ("display_name", "Eleventh Person"), ("password", Visitor.password)]
            )
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter].flatMap(Int.init).map { $0 > 0 && $0 <= 3600 } == true)
            #expect(refused.contains("Try again in"))
            #expect(refused.contains("value=\"Eleventh Person\""))
            #expect(try await app.store.sql.count({ $0.where("handle", .equal, "burst10") }, from: "people") == 0)
            // Someone elsewhere is not held up, and the address may go on an hour later.
            var elsewhere = app.visitor()
            elsewhere.forwardedFor = "198.51.100.2"
            try await elsewhere.signUp("elsewhere")
            app.clock.advance(seconds: 3601)
            try await eleventh.signUp("burst10")
            // The table keeps digests only: no address, no id.
            let buckets = try await app.store.sql.select().column("bucket").from("rate_events")
                .column("bucket", as: String.self)
            #expect(!buckets.isEmpty)
            #expect(buckets.allSatisfy { !$0.contains("203.0") && !$0.contains("address") })
        }
    }

    @Test func countsOlderThanADayAreForgottenByTheRemindersRunNotByTheWrite() async throws {
        try await withApp { app in
            func counted() async throws -> Int { try await app.store.sql.count({ $0 }, from: "rate_events") }
            var early = app.visitor()
            early.forwardedFor = "203.0.113.8"
            try await early.signUp("early")
            app.clock.advance(seconds: 86_000)
            var late = app.visitor()
            late.forwardedFor = "203.0.113.9"
            try await late.signUp("late")
            app.clock.advance(seconds: 401)
            var later = app.visitor()
            later.forwardedFor = "203.0.113.9"
            try await later.signUp("later")
            #expect(try await counted() == 3, "a write does not clean up")
            let forgotten = try await RateLimit.forgetOld(on: app.store.sql, now: app.clock.now)
            #expect(forgotten == 1)
            #expect(try await counted() == 2, "the day-old count is gone, the others stay")
        }
    }

    @Test func aPersonPostsThirtyTimesAnHourThroughPagesAndAPI() async throws {
        try await withApp { app in
            var olga = try await app.person("olga")
            let slug = try await olga.createGroup("Busy Circle")
            for index in 0..<30 {
                let page = try await olga.post("/groups/\(slug)/posts", [("title", "Post \(index)"), ("body", "Text")])
                try #require(page.status == .seeOther)
            }
            let refused = try await olga.post("/groups/\(slug)/posts", [("title", "One more"), ("body", "Kept text")])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.contains("Kept text"))
            let api = try await olga.api(
                .post,
                "/api/v1/groups/\(slug)/posts",
                json: #"{"title": "Via API", "body": "x"}"#
            )
            #expect(api.status == .tooManyRequests)
            #expect(api.headers[.retryAfter] != nil)
            // Another organizer of the same group is counted apart.
            var mira = try await app.person("mira")
            _ = try await mira.createGroup("Quiet Circle")
            #expect(
                try await mira.post("/groups/quiet-circle/posts", [("title", "Mine"), ("body", "x")]).status
                    == .seeOther
            )
        }
    }

    @Test func guestRSVPsByEmailAreLimitedByAddress() async throws {
        try await withApp { app in
            let network = try await eventNetwork(app)
            var olive = network.olive
            let event = try await scheduleEvent(&olive, host: network.leeds)
            var guest = app.visitor()
            guest.forwardedFor = "192.0.2.44"
            for index in 0..<10 {
                let page = try await guest.post(
                    "/events/\(event)/rsvp/email",
                    [("name", "Guest \(index)"), ("email", "guest\(index)@example.org")]
                )
                #expect(page.status != .tooManyRequests)
            }
            let refused = try await guest.post(
                "/events/\(event)/rsvp/email",
                [("name", "Guest eleven"), ("email", "eleven@example.org")]
            )
            #expect(refused.status == .tooManyRequests)
            #expect(refused.contains("eleven@example.org"))
        }
    }
}
