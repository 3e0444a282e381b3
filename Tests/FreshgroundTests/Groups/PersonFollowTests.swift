import Foundation
import Testing

/// Anyone signed in can follow a public group to read its posts in their own feed, apart from any group
/// following it; a group that turns private leaves the feed, and a private group cannot be followed.
@Suite struct PersonFollowTests {
    @Test func followingAGroupBringsItsPostsToMyFeedUntilIStop() async throws {
        try await withApp { app in
            // setup: a center with a post, and a reader who belongs to no group
            var olga = try await app.person("olga")
            let center = try await olga.createGroup("Reading Center", kind: "center")
            _ = try await olga.post("/groups/\(center)/posts", [("title", "Capital, volume one"), ("body", "Week 3.")])
            var reader = try await app.person("reader")

            // act
            let before = try await reader.get("/")
            let page = try await reader.get("/groups/\(center)")
            let followed = try await reader.post("/groups/\(center)/follow")
            let feed = try await reader.get("/")
            let pageAfter = try await reader.get("/groups/\(center)")
            _ = try await reader.post("/groups/\(center)/unfollow")
            let after = try await reader.get("/")

            // check
            #expect(!before.contains("Capital, volume one"))
            #expect(page.contains("Follow in my feed"))
            #expect(followed.status == .seeOther)
            #expect(feed.contains("Capital, volume one"))
            #expect(pageAfter.contains("Stop following"))
            #expect(!after.contains("Capital, volume one"))
        }
    }

    @Test func aGroupThatTurnsPrivateLeavesTheFeedAndAPrivateOneCannotBeFollowed() async throws {
        try await withApp { app in
            // setup
            var olga = try await app.person("olga")
            let open = try await olga.createGroup("Soon Private Circle")
            _ = try await olga.post("/groups/\(open)/posts", [("title", "Members' minutes"), ("body", "Text.")])
            let hidden = try await olga.createGroup("Hidden Circle", visibility: "private")
            var reader = try await app.person("reader")
            _ = try await reader.post("/groups/\(open)/follow")

            // act
            let made = try await olga.post(
                "/groups/\(open)/edit",
                [
                    ("name", "Soon Private Circle"), ("description", "About it"), ("place_kind", "city"),
                    ("city", "Leeds"), ("visibility", "private"), ("join_policy", "approval"),
                    ("basis", "We stand for solidarity."),
                ]
            )
            let feed = try await reader.get("/")
            let refused = try await reader.post("/groups/\(hidden)/follow")

            // check
            #expect(made.status == .seeOther, "\(made.body.prefix(500))")
            #expect(!feed.contains("Members' minutes"))
            #expect(refused.status == .notFound)
        }
    }
}
