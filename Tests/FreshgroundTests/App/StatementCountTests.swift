import Foundation
import FreshgroundStore
import Testing

/// How many SQL statements the common pages cost a signed-in reader, pinned: a page that starts reading once per
/// row, or loses a join, fails here before a benchmark notices. Each page is read four times and the fewest
/// statements kept, so work left running by the set-up (mail, notices) cannot add to a count. When a page gets
/// cheaper, lower its number here.
@Suite struct StatementCountTests {
    /// The counts measured on a quiet machine are the numbers below. Under the whole suite's load the event page
    /// once took one statement more in all four reads (timed work falling due between them, not yet tracked
    /// down), so a count may be one over; a page that reads once per row is many over.
    private static let slack = 1

    /// The fewest statements any of four reads of `path` by `visitor` took.
    private func statements(
        _ path: String,
        by visitor: inout Visitor,
        api: Bool = false,
        in app: TestApp
    )
        async throws -> Int
    {
        var fewest = Int.max
        for _ in 0..<4 {
            let before = app.store.counter.statements
            let page = api ? try await visitor.api(.get, path) : try await visitor.get(path)
            try #require(page.status == .ok, "\(path): \(page.status)")
            fewest = min(fewest, app.store.counter.statements - before)
        }
        return fewest
    }

    @Test func theGroupPageTheFeedAnEventAndTheGroupsAPI() async throws {
        try await withApp { app in
            // setup: bob is a member of two Leeds groups, one of which holds an event
            var net = try await eventNetwork(app)
            let event = try await scheduleEvent(&net.olive, host: net.leeds)

            // act
            let counts = [
                "group page": try await statements("/groups/\(net.leeds)", by: &net.bob, in: app),
                "feed": try await statements("/", by: &net.bob, in: app),
                "event page": try await statements("/events/\(event)", by: &net.bob, in: app),
                "groups API": try await statements("/api/v1/groups", by: &net.bob, api: true, in: app),
                // An organizer without two-factor sign-in, whom no group and not the site holds to it.
                "feed, organizer": try await statements("/", by: &net.olive, in: app),
                "group page, organizer": try await statements("/groups/\(net.leeds)", by: &net.olive, in: app),
            ]

            // check
            // The person, their unread count and everything the two-factor rule asks (whether they organize, have
            // set it up, or are held to it by a group or the site) are one statement (`PersonFact`s read with the
            // session); before that they were up to six. The feed's post ids and rows are one statement, and so are
            // the home page's open and lately closed decisions. The group itself, the viewer's membership, pledge
            // and follow, and the group's links are one statement; its posts are the other.
            let pinned = [
                "group page": 3, "feed": 4, "event page": 6, "groups API": 2, "feed, organizer": 4,
                "group page, organizer": 4,
            ]
            for (page, count) in counts {
                #expect(count <= pinned[page]! + Self.slack, "statements for the \(page): \(count)")
            }
        }
    }

    @Test func anArticlePage() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let piece = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "On rent")

            // act
            let count = try await statements("/library/\(piece)", by: &net.reader, in: app)

            // check
            #expect(count <= 6 + Self.slack, "statements for the article page: \(count)")
        }
    }
}
