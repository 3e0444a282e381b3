import Foundation
import HTTPTypes
import Testing

/// The library's Atom feeds, read back by a real feed reader (Python's feedparser): they must say what the
/// pages say, with absolute links and ids that never change.
@Suite("Library: Atom feeds")
struct AtomFeedTests {
    static let site = "http://127.0.0.1:8080"

    static func login(_ handle: String) -> [(String, String)] { [("login", handle), ("password", Visitor.password)] }

    @Test func theJournalFeedListsWhatTheJournalPageLists() async throws {
        try await withApp { app in
            // setup: published A, B, C; recommended A, C, B
            var net = try await libraryNetwork(app)
            let titles = ["Alpha piece", "Bravo piece", "Charlie piece"]
            var ids: [String: Int] = [:]
            for title in titles {
                let byline = title == "Bravo piece" ? [("byline", "Rosa Lind, Karl Marsh")] : []
                ids[title] = try await publishPiece(
                    &net.author,
                    editor: &net.editor,
                    journal: net.center,
                    title: title,
                    body: "Some **bold** words.",
                    fields: byline
                )
                app.clock.advance(seconds: 60)
            }
            for title in ["Alpha piece", "Charlie piece", "Bravo piece"] {
                try await recommend(&net.editor, try #require(ids[title]), for: net.center)
                app.clock.advance(seconds: 60)
            }
            var anonymous = app.visitor()
            // act
            let response = try await anonymous.get("/journal/feed.atom")
            let page = try await anonymous.get("/journal")
            // check
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            let feed = try parseFeed(response.body)
            #expect(!feed.bozo, "\(feed.bozoMessage)")
            let shown = ordered(titles, in: page.body)
            #expect(shown == ["Bravo piece", "Charlie piece", "Alpha piece"])
            #expect(feed.entries.map(\.title) == shown)
            #expect(feed.entries.map(\.link) == shown.map { "\(Self.site)/library/\(ids[$0] ?? 0)" })
            #expect(
                feed.entries.map(\.authors) == [["Rosa Lind", "Karl Marsh"], ["Ada Wrenfield"], ["Ada Wrenfield"]]
            )
            #expect(page.contains(#"<p class="meta">Rosa Lind, Karl Marsh · "#))
            #expect(feed.entries.allSatisfy { $0.content.contains("<strong>bold</strong>") })
        }
    }

    @Test func aGroupsFeedListsWhatItPublishesAsTheLibraryShowsIt() async throws {
        try await withApp { app in
            // setup: North Center publishes X and Z, co-publishes South Center's Y; South Center alone publishes W
            var net = try await libraryNetwork(app)
            let x = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Xenon notes")
            app.clock.advance(seconds: 60)
            let y = try await publishPiece(
                &net.author,
                editor: &net.otherOrganizer,
                journal: net.otherCenter,
                title: "Yarrow notes"
            )
            try await net.otherOrganizer.post("/library/\(y)/copublishers", [("group", net.center)])
            try await net.organizer.post("/library/\(y)/copublishers/\(net.center)", [("answer", "accept")])
            app.clock.advance(seconds: 60)
            let z = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Zinnia notes")
            app.clock.advance(seconds: 60)
            try await publishPiece(
                &net.author,
                editor: &net.otherOrganizer,
                journal: net.otherCenter,
                title: "Walnut notes"
            )
            var anonymous = app.visitor()
            // act
            let feed = try parseFeed(try await anonymous.get("/groups/\(net.center)/feed.atom").body)
            let library = try await anonymous.get("/library")
            // check
            #expect(!feed.bozo, "\(feed.bozoMessage)")
            let titles = ["Xenon notes", "Yarrow notes", "Zinnia notes"]
            #expect(feed.entries.map(\.title) == ordered(titles, in: library.body))
            #expect(feed.entries.map(\.title) == ["Zinnia notes", "Yarrow notes", "Xenon notes"])
            #expect(feed.entries.map(\.link) == [z, y, x].map { "\(Self.site)/library/\($0)" })
            #expect(feed.entries.allSatisfy { $0.authors == [LibraryNetwork.authorName] })
            #expect(library.contains("Walnut notes"), "the other piece is in the library, not in the group's feed")
        }
    }

    @Test func aTagsFeedListsWhatTheTagPageLists() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let first = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Picket diary",
                fields: [("tags", "Strike, Logistics")]
            )
            app.clock.advance(seconds: 60)
            let second = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Strike fund report",
                fields: [("tags", "strike")]
            )
            try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Untagged essay")
            var anonymous = app.visitor()
            // act
            let feed = try parseFeed(try await anonymous.get("/tags/strike/feed.atom").body)
            let page = try await anonymous.get("/tags/strike")
            // check
            #expect(!feed.bozo, "\(feed.bozoMessage)")
            let shown = ordered(["Picket diary", "Strike fund report", "Untagged essay"], in: page.body)
            #expect(shown == ["Strike fund report", "Picket diary"])
            #expect(feed.entries.map(\.title) == shown)
            #expect(feed.entries.map(\.link) == [second, first].map { "\(Self.site)/library/\($0)" })
        }
    }

    @Test func tagsBecomeCategories() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Picket diary",
                fields: [("tags", "Strike, General Strike, Logistics")]
            )
            var anonymous = app.visitor()
            // act
            let feeds = [
                try await anonymous.get("/groups/\(net.center)/feed.atom"),
                try await anonymous.get("/tags/general-strike/feed.atom"),
            ]
            let page = try await anonymous.get("/library/\(id)")
            // check
            for response in feeds {
                let feed = try parseFeed(response.body)
                #expect(feed.entries.map(\.tags) == [["strike", "general-strike", "logistics"]])
            }
            #expect(page.contains(#"<a href="/tags/general-strike">general-strike</a>"#))
        }
    }

    @Test func entryIdsAreStable() async throws {
        try await withApp { app in
            // setup: the piece is sent back, retitled by its author, then published and recommended
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "First title", fields: [("tags", "rent")])
            try await submit(&net.author, id)
            try await review(&net.editor, id, "request_changes", note: "Retitle it.")
            let fields = [("kind", "article"), ("journal", net.center), ("title", "Second title"), ("body", "Text.")]
            try await net.author.post("/library/\(id)", fields + [("tags", "rent")])
            try await submit(&net.author, id)
            try await accept(&net.editor, id)
            try await recommend(&net.editor, id, for: net.center)
            var anonymous = app.visitor()
            let paths = ["/journal/feed.atom", "/groups/\(net.center)/feed.atom", "/tags/rent/feed.atom"]
            // act
            var first: [String] = []
            for path in paths { first += try parseFeed(try await anonymous.get(path).body).entries.map(\.id) }
            app.clock.advance(seconds: 400 * 86_400)  // into 2027; the sessions have expired, so log in afresh
            var author = app.visitor()
            var editor = app.visitor()
            try #require(try await author.post("/login", Self.login(LibraryNetwork.authorHandle)).status == .seeOther)
            try #require(try await editor.post("/login", Self.login("eddie")).status == .seeOther)
            let later = try await publishPiece(&author, editor: &editor, journal: net.center, title: "Later")
            let groupFeed = try parseFeed(try await anonymous.get("/groups/\(net.center)/feed.atom").body)
            var second: [String] = []
            for path in paths { second += try parseFeed(try await anonymous.get(path).body).entries.map(\.id) }
            // check
            let expected = "tag:127.0.0.1,2026:publication:\(id)"
            #expect(first == [expected, expected, expected])
            #expect(groupFeed.entries.map(\.title) == ["Later", "Second title"])
            #expect(groupFeed.entries.map(\.id) == ["tag:127.0.0.1,2026:publication:\(later)", expected])
            #expect(second == [expected, "tag:127.0.0.1,2026:publication:\(later)", expected, expected])
        }
    }

    @Test func linksAndIdsFollowTheConfiguredSiteAddress() async throws {
        try await withApp(siteURL: "https://news.example.org/") { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            // act
            let feed = try parseFeed(try await app.anonymousGet("/groups/\(net.center)/feed.atom").body)
            // check
            #expect(!feed.bozo, "\(feed.bozoMessage)")
            #expect(feed.entries.map(\.link) == ["https://news.example.org/library/\(id)"])
            #expect(feed.entries.map(\.id) == ["tag:news.example.org,2026:publication:\(id)"])
        }
    }

    @Test func privateGroupsPiecesStayOutOfFeeds() async throws {
        try await withApp { app in
            // setup: carol writes for her private center's journal and accepts it herself
            var net = try await libraryNetwork(app)
            let secret = try await net.organizer.createGroup("Quiet Center", kind: "center", visibility: "private")
            var sameOrganizer = net.organizer
            let id = try await publishPiece(
                &net.organizer,
                editor: &sameOrganizer,
                journal: secret,
                title: "Quiet notes",
                fields: [("tags", "quiet")]
            )
            var anonymous = app.visitor()
            // act
            let groupFeed = try await anonymous.get("/groups/\(secret)/feed.atom")
            let unknown = try await anonymous.get("/groups/no-such-group/feed.atom")
            let tagFeed = try parseFeed(try await anonymous.get("/tags/quiet/feed.atom").body)
            // check
            #expect(try await net.organizer.api(.get, "/api/v1/library/\(id)").json["status"] as? String == "published")
            #expect(groupFeed.status == .notFound)
            #expect(unknown.status == .notFound)
            #expect(!tagFeed.bozo)
            #expect(tagFeed.entries.isEmpty)
        }
    }
}
