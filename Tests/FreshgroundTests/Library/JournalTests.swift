import Foundation
import HTTPTypes
import Testing

/// The common journal: centers and coalitions recommend published pieces of any group.
@Suite("Library: the common journal")
struct JournalTests {
    @Test func editorsOfCentersAndOrganizersOfCoalitionsCanRecommend() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let coalition = try await net.otherOrganizer.createGroup("West Coalition", kind: "coalition")
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            // act
            let byEditor = try await recommend(&net.editor, id, for: net.center)
            let byCoalition = try await net.otherOrganizer.api(
                .post,
                "/api/v1/library/\(id)/recommendations",
                json: try jsonBody(["group": coalition, "note": "Worth it."])
            )
            // check
            #expect(byEditor.status == .seeOther)
            #expect(byCoalition.status == .created)
            let entry = try #require(jsonItems(try await app.anonymousGet("/api/v1/journal")).first)
            #expect(entry["recommendations"] as? Int == 2)
            #expect(slugs(entry["recommendedBy"]) == ["west-coalition", "north-center"])
        }
    }

    @Test func aCirclesOrganizerCannotRecommend() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            // act
            let page = try await recommend(&net.circleOrganizer, id, for: net.circle)
            // check
            #expect(page.status == .forbidden)
            #expect(jsonItems(try await app.anonymousGet("/api/v1/journal")).isEmpty)
        }
    }

    @Test func aCentersPlainMemberCannotRecommend() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            // act
            let page = try await recommend(&net.member, id, for: net.center)
            let forAnotherCenter = try await recommend(&net.editor, id, for: net.otherCenter)
            // check
            #expect(page.status == .forbidden)
            #expect(forAnotherCenter.status == .forbidden, "eddie edits North Center, not South Center")
            #expect(jsonItems(try await app.anonymousGet("/api/v1/journal")).isEmpty)
        }
    }

    @Test func onlyPublishedPiecesCanBeRecommended() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Depot notes")
            try await submit(&net.author, id)
            // act
            let page = try await recommend(&net.editor, id, for: net.center)
            // check: the editor can read the submission, but it is not published, so there is nothing to recommend
            #expect(try await net.editor.get("/library/\(id)").status == .ok)
            #expect(page.status == .notFound)
            #expect(jsonItems(try await app.anonymousGet("/api/v1/journal")).isEmpty)
            #expect(!(try await net.reader.get("/").contains("Recommended: Depot notes")))
        }
    }

    @Test func recommendingTwiceIsAConflict() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            try await recommend(&net.editor, id, for: net.center)
            // act
            let again = try await recommend(&net.organizer, id, for: net.center)
            // check
            #expect(again.status == .conflict)
            let entry = try #require(jsonItems(try await app.anonymousGet("/api/v1/journal")).first)
            #expect(entry["recommendations"] as? Int == 1)
            let feed = jsonItems(try await net.reader.api(.get, "/api/v1/feed"))
            #expect(feed.filter { $0["title"] as? String == "Recommended: Depot notes" }.count == 1)
        }
    }

    @Test func theJournalNamesEveryRecommendingGroup() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            try await recommend(&net.editor, id, for: net.center)
            app.clock.advance(seconds: 60)
            try await recommend(&net.otherOrganizer, id, for: net.otherCenter)
            // act
            let page = try await app.anonymousGet("/journal")
            // check
            #expect(page.contains(#"<a href="/library/\#(id)">Depot notes</a>"#))
            #expect(
                page.contains(
                    #"Recommended by <a href="/groups/south-center">South Center</a>, <a href="/groups/north-center">North Center</a> (2)"#
                )
            )
            let piece = try await app.anonymousGet("/library/\(id)")
            #expect(piece.contains(#"<h2 id="recommended-heading">Recommended by</h2>"#))
            let names = ["South Center</a></li>", "North Center</a></li>"]
            #expect(ordered(names, in: piece.body) == names.reversed(), "the piece lists them oldest first")
        }
    }

    @Test func theJournalListsTheNewestRecommendationFirst() async throws {
        try await withApp { app in
            // setup: published in the order A, B, C; recommended in the order A, C, B
            var net = try await libraryNetwork(app)
            var ids: [String: Int] = [:]
            for title in ["Alpha piece", "Bravo piece", "Charlie piece"] {
                ids[title] = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: title)
                app.clock.advance(seconds: 60)
            }
            for title in ["Alpha piece", "Charlie piece", "Bravo piece"] {
                try await recommend(&net.editor, try #require(ids[title]), for: net.center)
                app.clock.advance(seconds: 60)
            }
            // act
            let page = try await app.anonymousGet("/journal")
            let api = try await app.anonymousGet("/api/v1/journal?sort=newest")
            // check
            let expected = ["Bravo piece", "Charlie piece", "Alpha piece"]
            #expect(ordered(expected, in: page.body) == expected)
            #expect(jsonItems(api).map { ($0["publication"] as? [String: Any])?["title"] as? String } == expected)
        }
    }

    @Test func sortingByMostOrdersByTheNumberOfRecommendations() async throws {
        try await withApp { app in
            // setup: Alpha has two recommendations, Bravo one but more recent
            var net = try await libraryNetwork(app)
            let alpha = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Alpha piece"
            )
            let bravo = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Bravo piece"
            )
            try await recommend(&net.editor, alpha, for: net.center)
            app.clock.advance(seconds: 60)
            try await recommend(&net.otherOrganizer, alpha, for: net.otherCenter)
            app.clock.advance(seconds: 60)
            try await recommend(&net.editor, bravo, for: net.center)
            // act
            let newest = try await app.anonymousGet("/journal")
            let most = try await app.anonymousGet("/journal?sort=most")
            let mostAPI = try await app.anonymousGet("/api/v1/journal?sort=most")
            // check
            #expect(ordered(["Alpha piece", "Bravo piece"], in: newest.body) == ["Bravo piece", "Alpha piece"])
            #expect(ordered(["Alpha piece", "Bravo piece"], in: most.body) == ["Alpha piece", "Bravo piece"])
            #expect(most.contains("Ordered by most recommended."))
            #expect(jsonItems(mostAPI).map { $0["recommendations"] as? Int } == [2, 1])
        }
    }

    @Test func withdrawingARecommendationRemovesIt() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            try await recommend(&net.editor, id, for: net.center)
            let before = try await net.reader.get("/")
            // act
            let withdraw = try await net.organizer.api(.delete, "/api/v1/library/\(id)/recommendations/\(net.center)")
            // check
            #expect(before.contains("Recommended: Depot notes"))
            #expect(withdraw.status == .noContent)
            #expect(jsonItems(try await app.anonymousGet("/api/v1/journal")).isEmpty)
            #expect(!(try await app.anonymousGet("/journal").contains("Depot notes")))
            #expect(!(try await net.reader.get("/").contains("Recommended: Depot notes")))
            #expect(!(try await app.anonymousGet("/library/\(id)").contains("recommended-heading")))
        }
    }

    @Test func aFollowingCirclesMemberSeesTheRecommendationInTheirFeed() async throws {
        try await withApp { app in
            // setup: bob's Leeds Circle follows North Center
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            // act
            try await recommend(&net.editor, id, for: net.center, note: "Read this before Friday.")
            let home = try await net.reader.get("/")
            let feed = jsonItems(try await net.reader.api(.get, "/api/v1/feed"))
            // check
            #expect(home.contains("Recommended: Depot notes"))
            #expect(
                home.contains(
                    #"<a href="/library/\#(id)" rel="nofollow noopener ugc">Depot notes</a> by \#(LibraryNetwork.authorName)"#
                )
            )
            #expect(home.contains("Read this before Friday."))
            let item = try #require(feed.first { $0["title"] as? String == "Recommended: Depot notes" })
            #expect((item["group"] as? [String: Any])?["slug"] as? String == "north-center")
            #expect((item["via"] as? [String: Any])?["slug"] as? String == "leeds-circle")
        }
    }

    @Test func aWithdrawnPieceLeavesTheJournal() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            let kept = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Other notes"
            )
            try await recommend(&net.editor, id, for: net.center)
            try await recommend(&net.editor, kept, for: net.center)
            // act
            let withdraw = try await net.author.post("/library/\(id)/withdraw", [("note", "Retracted.")])
            // check
            #expect(withdraw.status == .seeOther)
            let page = try await app.anonymousGet("/journal")
            #expect(!page.contains("Depot notes"))
            #expect(page.contains("Other notes"))
            let items = jsonItems(try await app.anonymousGet("/api/v1/journal"))
            #expect(items.map { ($0["publication"] as? [String: Any])?["id"] as? Int } == [kept])
            let feed = try parseFeed(try await app.anonymousGet("/journal/feed.atom").body)
            #expect(feed.entries.map(\.title) == ["Other notes"])
            let home = try await net.reader.get("/")
            #expect(!home.contains("Recommended: Depot notes"), "the notice left the following circle's feed")
            #expect(home.contains("Recommended: Other notes"))
        }
    }
}

/// The slugs of a list of `{slug, name}` objects.
private func slugs(_ value: Any?) -> [String] {
    (value as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
}
