import Foundation
import HTTPTypes
import SQLKit
import Testing

/// The personal feed: posts of one's groups and of the centers they follow.
@Suite("Groups: feed")
struct FeedTests {
    @Test func aCenterPostReachesTheFollowingCirclesMembersViaTheCircle() async throws {
        try await withApp { app in
            // setup
            var net = try await network(app)
            // act
            try await publish(&net.carol, in: net.center, "Strike fund open")
            let home = try await net.bob.get("/")
            let feed = try await feedItems(&net.bob)
            // check
            #expect(home.contains("Strike fund open"))
            #expect(home.contains(#"<p class="post-source">From <a href="/groups/north-center">North Center</a>"#))
            #expect(home.contains(#"via <a href="/groups/leeds-circle">Leeds Circle</a>, which follows it"#))
            let item = try #require(feed.first)
            #expect(feed.count == 1)
            #expect((item["group"] as? [String: Any])?["slug"] as? String == "north-center")
            let via = try #require(item["via"] as? [String: Any])
            #expect(via["slug"] as? String == "leeds-circle")
            #expect(via["name"] as? String == "Leeds Circle")
        }
    }

    @Test func postsOfOnesOwnGroupsComeWithoutVia() async throws {
        try await withApp { app in
            // setup
            var net = try await network(app)
            _ = try await net.bob.post("/groups/\(net.center)/join")
            // act
            try await publish(&net.alice, in: net.circle, "Circle meeting")
            try await publish(&net.carol, in: net.center, "Center statement")
            let home = try await net.bob.get("/")
            let feed = try await feedItems(&net.bob)
            // check: bob belongs to both groups, so neither post came through a follow
            #expect(feed.count == 2)
            for item in feed {
                #expect(item.keys.contains("via"), "the API always says where a post came from")
                #expect(item["via"] is NSNull)
            }
            #expect(home.contains(#"<p class="post-source">From <a href="/groups/leeds-circle">Leeds Circle</a></p>"#))
            #expect(home.contains(#"<p class="post-source">From <a href="/groups/north-center">North Center</a></p>"#))
            #expect(!home.contains("which follows it"))
        }
    }

    @Test func aPostSaysWhenItWasPublishedInUTC() async throws {
        try await withApp { app in
            // setup: the test clock starts at 1,790,000,000 seconds, a Monday afternoon in UTC
            var net = try await network(app)
            // act
            try await publish(&net.carol, in: net.center, "Dated news")
            let home = try await net.bob.get("/")
            let page = try await net.bob.get("/groups/\(net.center)")
            // check
            for html in [home, page] {
                #expect(html.contains(#"<time datetime="2026-09-21T14:13:20Z">Mon 21 Sep 2026, 14:13 UTC</time>"#))
            }
        }
    }

    @Test func theFeedIsNewestFirst() async throws {
        try await withApp { app in
            // setup
            var net = try await network(app)
            // act
            try await publish(&net.carol, in: net.center, "First news")
            app.clock.advance(seconds: 60)
            try await publish(&net.alice, in: net.circle, "Second news")
            app.clock.advance(seconds: 60)
            try await publish(&net.carol, in: net.center, "Third news")
            let home = try await net.bob.get("/")
            let feed = try await feedItems(&net.bob)
            // check
            #expect(feed.compactMap { $0["title"] as? String } == ["Third news", "Second news", "First news"])
            let positions = try ["Third news", "Second news", "First news"].map {
                try #require(home.body.range(of: $0)?.lowerBound)
            }
            #expect(positions == positions.sorted())
        }
    }

    @Test func theFeedShowsTwentyPostsAPage() async throws {
        try await withApp { app in
            // setup
            var net = try await network(app)
            for number in 1...25 {
                try await publish(&net.carol, in: net.center, String(format: "News %02d", number))
                app.clock.advance(seconds: 1)
            }
            // act
            let first = try await net.bob.get("/")
            let second = try await net.bob.get("/?page=2")
            let apiFirst = try await net.bob.api(.get, "/api/v1/feed")
            let apiSecond = try await net.bob.api(.get, "/api/v1/feed?page=2")
            // check
            #expect(posts(first) == 20)
            #expect(first.contains("News 25"))
            #expect(!first.contains("News 05"))
            #expect(first.contains(#"<a rel="next" href="/?page=2">"#))
            #expect(posts(second) == 5)
            #expect(second.contains("News 05"))
            #expect(second.contains("News 01"))
            #expect(!second.contains(#"rel="next""#))
            #expect(second.contains(#"<a rel="prev" href="/?page=1">"#))
            #expect((apiFirst.json["items"] as? [Any])?.count == 20)
            #expect((apiSecond.json["items"] as? [Any])?.count == 5)
        }
    }

    @Test func postsOfAPrivateGroupNeverReachNonMembersThroughAFollow() async throws {
        try await withApp { app in
            // setup: alice organizes the circle and belongs to a private center it follows; bob is only in the circle
            var net = try await network(app)
            let secret = try await net.alice.createGroup("Secret Center", kind: "center", visibility: "private")
            _ = try await net.alice.post("/groups/\(secret)/followers", [("group", net.circle)])
            let follows = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM follows").first()
            try #require(try follows?.decode(column: "n", as: Int.self) == 2)
            // act
            let id = try await publish(&net.alice, in: secret, "Secret plan")
            let home = try await net.bob.get("/")
            let feed = try await feedItems(&net.bob)
            let direct = try await net.bob.get("/groups/\(secret)/posts/\(id)")
            // check
            #expect(!home.contains("Secret plan"))
            #expect(!feed.contains { $0["title"] as? String == "Secret plan" })
            #expect(direct.status == .notFound)
            #expect(try await net.alice.get("/").contains("Secret plan"), "its own members still see it")
        }
    }

    @Test func leavingTheCircleStopsTheCentersPosts() async throws {
        try await withApp { app in
            // setup
            var net = try await network(app)
            try await publish(&net.carol, in: net.center, "Center statement")
            let before = try await net.bob.get("/")
            // act
            _ = try await net.bob.post("/groups/\(net.circle)/leave")
            let after = try await net.bob.get("/")
            let feed = try await feedItems(&net.bob)
            // check
            #expect(before.contains("Center statement"))
            #expect(!after.contains("Center statement"))
            #expect(feed.isEmpty)
        }
    }

    @Test func unfollowingStopsTheCentersPosts() async throws {
        try await withApp { app in
            // setup
            var net = try await network(app)
            try await publish(&net.carol, in: net.center, "Center statement")
            try await publish(&net.alice, in: net.circle, "Circle meeting")
            let before = try await net.bob.get("/")
            // act
            let unfollow = try await net.alice.post("/groups/\(net.center)/followers/\(net.circle)/delete")
            let after = try await net.bob.get("/")
            // check
            #expect(before.contains("Center statement"))
            #expect(unfollow.status == .seeOther)
            #expect(!after.contains("Center statement"))
            #expect(after.contains("Circle meeting"), "the circle's own posts stay")
        }
    }

    @Test func markdownInPostsIsRenderedSafely() async throws {
        try await withApp { app in
            // setup
            var net = try await network(app)
            let body = "Hello <script>alert('x')</script> and **bold** words.\n\n<img src=x onerror=alert(1)>"
            // act
            let id = try await publish(&net.carol, in: net.center, "Title <b>here</b>", body: body)
            let home = try await net.bob.get("/")
            let page = try await net.bob.get("/groups/\(net.center)/posts/\(id)")
            let feed = try await feedItems(&net.bob)
            // check
            for html in [home.body, page.body] {
                #expect(!html.contains("<script>"))
                #expect(!html.contains("<img"))
                #expect(!html.contains("<b>here</b>"))
                #expect(html.contains("&lt;script&gt;"))
                #expect(html.contains("<strong>bold</strong>"))
                #expect(html.contains("Title &lt;b&gt;here&lt;/b&gt;"))
            }
            let bodyHTML = try #require(feed.first?["bodyHTML"] as? String)
            #expect(!bodyHTML.contains("<script>"))
            #expect(bodyHTML.contains("<strong>bold</strong>"))
            #expect(feed.first?["body"] as? String == body, "the Markdown is kept as written")
        }
    }
}

// MARK: - Helpers

/// alice organizes Leeds Circle, which bob joined; carol organizes North Center, which the circle follows.
private struct Network {
    var alice: Visitor
    var bob: Visitor
    var carol: Visitor
    let circle: String
    let center: String
}

private func network(_ app: TestApp) async throws -> Network {
    var alice = try await app.person("alice")
    let circle = try await alice.createGroup("Leeds Circle")
    var bob = try await app.person("bob")
    _ = try await bob.post("/groups/\(circle)/join")
    var carol = try await app.person("carol")
    let center = try await carol.createGroup("North Center", kind: "center")
    let follow = try await alice.post("/groups/\(center)/followers", [("group", circle)])
    try #require(follow.status == .seeOther)
    return Network(alice: alice, bob: bob, carol: carol, circle: circle, center: center)
}

/// Publishes a post through the form and returns its id.
@discardableResult
private func publish(
    _ visitor: inout Visitor,
    in slug: String,
    _ title: String,
    body: String = "Some text."
)
    async throws -> Int
{
    let page = try await visitor.post("/groups/\(slug)/posts", [("title", title), ("body", body)])
    let location = try #require(page.location, "post \(title) was not published: \(page.status)")
    return try #require(Int(location.components(separatedBy: "/posts/").last ?? ""))
}

private func feedItems(_ visitor: inout Visitor) async throws -> [[String: Any]] {
    try #require(try await visitor.api(.get, "/api/v1/feed").json["items"] as? [[String: Any]])
}

private func posts(_ page: Page) -> Int {
    page.body.components(separatedBy: #"<article class="post">"#).count - 1
}
