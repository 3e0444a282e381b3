import Foundation
import HTTPTypes
import Testing

/// A public group's Atom feed carries its own posts beside the pieces it publishes; a private group has none.
@Suite("Library: a group's feed holds its posts")
struct GroupPostFeedTests {
    static let site = "http://127.0.0.1:8080"

    @Test("a new post of a public group is in its feed, newest first, signed by its author, and the feed is valid")
    func postsAreInTheFeed() async throws {
        try await withApp { app in
            // setup: a piece published by North Center, then a plain post of the center
            var net = try await libraryNetwork(app)
            let piece = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Xenon notes"
            )
            app.clock.advance(seconds: 60)
            let posted = try await net.organizer.post(
                "/groups/\(net.center)/posts",
                [("title", "Meeting on Thursday"), ("body", "Bring **chairs**.")]
            )
            let postPath = try #require(posted.location)
            var anonymous = app.visitor()
            // act
            let response = try await anonymous.get("/groups/\(net.center)/feed.atom")
            // check
            #expect(response.status == .ok)
            let feed = try parseFeed(response.body)
            #expect(!feed.bozo, "\(feed.bozoMessage)")
            #expect(feed.entries.map(\.title) == ["Meeting on Thursday", "Xenon notes"])
            let post = try #require(feed.entries.first)
            #expect(post.link == Self.site + postPath)
            #expect(post.content.contains("<strong>chairs</strong>"))
            #expect(post.authors.count == 1)
            #expect(feed.entries.last?.link == "\(Self.site)/library/\(piece)")
            #expect(Set(feed.entries.map(\.id)).count == 2, "distinct ids")
        }
    }

    @Test("a private group's feed is not found, for anyone, and its posts are in no other feed")
    func privateGroupPostsDoNotLeak() async throws {
        try await withApp { app in
            // setup
            var organizer = try await app.person("hidden")
            let slug = try await organizer.createGroup("Hidden Circle", visibility: "private")
            try await organizer.post("/groups/\(slug)/posts", [("title", "Secret plan"), ("body", "Shh.")])
            var anonymous = app.visitor()
            // act
            let outsider = try await anonymous.get("/groups/\(slug)/feed.atom")
            let member = try await organizer.get("/groups/\(slug)/feed.atom")
            let journal = try await anonymous.get("/journal/feed.atom")
            // check
            #expect(outsider.status == .notFound)
            #expect(member.status == .notFound)
            #expect(!outsider.contains("Secret plan") && !member.contains("Secret plan"))
            #expect(!journal.contains("Secret plan"))
        }
    }
}
