import Foundation
import HTTPTypes
import Testing

/// Other groups co-publish a piece only when their own editors say yes.
@Suite("Library: co-publication")
struct CoPublicationTests {
    @Test func aCoPublisherIsListedOnlyAfterItsEditorsAccept() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            var anonymous = app.visitor()
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            // act
            let offer = try await net.author.post("/library/\(id)/copublishers", [("group", net.otherCenter)])
            let pending = try await anonymous.api(.get, "/api/v1/library/\(id)")
            let queue = try await net.otherOrganizer.get("/groups/\(net.otherCenter)/submissions")
            let answer = try await net.otherOrganizer.post(
                "/library/\(id)/copublishers/\(net.otherCenter)",
                [("answer", "accept")]
            )
            let accepted = try await anonymous.api(.get, "/api/v1/library/\(id)")
            let page = try await anonymous.get("/library/\(id)")
            // check
            #expect(offer.status == .seeOther)
            #expect(publishers(pending) == ["north-center"])
            #expect(queue.contains("Offered for co-publication"))
            #expect(queue.contains(#"action="/library/\#(id)/copublishers/south-center""#))
            #expect(answer.status == .seeOther)
            #expect(publishers(accepted) == ["north-center", "south-center"])
            #expect(
                page.contains(
                    #"Published by <a href="/groups/north-center">North Center</a> <a href="/groups/south-center">South Center</a>"#
                )
            )
            #expect(
                !(try await net.otherOrganizer.get("/groups/\(net.otherCenter)/submissions").contains("Depot notes"))
            )
        }
    }

    @Test func aNonEditorOfTheAskedGroupCannotAccept() async throws {
        try await withApp { app in
            // setup: bob is a plain member of South Center; eddie edits the journal, not South Center
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            try #require(try await net.reader.post("/groups/\(net.otherCenter)/join").status == .seeOther)
            try await net.author.post("/library/\(id)/copublishers", [("group", net.otherCenter)])
            let path = "/library/\(id)/copublishers/\(net.otherCenter)"
            // act
            let byMember = try await net.reader.post(path, [("answer", "accept")])
            let byJournalEditor = try await net.editor.post(path, [("answer", "accept")])
            let byAuthor = try await net.author.api(
                .post,
                "/api/v1\(path)",
                json: try jsonBody(["answer": "accept"])
            )
            // check
            #expect(byMember.status == .forbidden)
            #expect(byJournalEditor.status == .forbidden)
            #expect(byAuthor.status == .forbidden)
            #expect(publishers(try await app.anonymousGet("/api/v1/library/\(id)")) == ["north-center"])
            #expect(try await net.otherOrganizer.get("/groups/\(net.otherCenter)/submissions").contains("Depot notes"))
        }
    }

    @Test func decliningLeavesThePieceUnlisted() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            var anonymous = app.visitor()
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            try await net.author.post("/library/\(id)/copublishers", [("group", net.otherCenter)])
            // act
            let answer = try await net.otherOrganizer.post(
                "/library/\(id)/copublishers/\(net.otherCenter)",
                [("answer", "decline")]
            )
            // check
            #expect(answer.status == .seeOther)
            #expect(publishers(try await anonymous.api(.get, "/api/v1/library/\(id)")) == ["north-center"])
            #expect(!(try await anonymous.get("/library/\(id)").contains(#"href="/groups/south-center""#)))
            #expect(
                !(try await net.otherOrganizer.get("/groups/\(net.otherCenter)/submissions").contains("Depot notes"))
            )
            let feed = try parseFeed(try await anonymous.get("/groups/\(net.otherCenter)/feed.atom").body)
            #expect(feed.entries.isEmpty)
            let filtered = jsonItems(try await anonymous.api(.get, "/api/v1/library?group=\(net.otherCenter)"))
            #expect(filtered.isEmpty)
        }
    }

    @Test func theAskedGroupsFeedHasThePieceOnlyAfterAcceptance() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            var anonymous = app.visitor()
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            try await net.author.post("/library/\(id)/copublishers", [("group", net.otherCenter)])
            let before = try parseFeed(try await anonymous.get("/groups/\(net.otherCenter)/feed.atom").body)
            // act
            try await net.otherOrganizer.post("/library/\(id)/copublishers/\(net.otherCenter)", [("answer", "accept")])
            let after = try parseFeed(try await anonymous.get("/groups/\(net.otherCenter)/feed.atom").body)
            // check
            #expect(before.entries.isEmpty)
            #expect(after.entries.map(\.title) == ["Depot notes"])
            #expect(after.entries.map(\.link) == ["http://127.0.0.1:8080/library/\(id)"])
            let filtered = jsonItems(try await anonymous.api(.get, "/api/v1/library?group=\(net.otherCenter)"))
            #expect(filtered.map { $0["id"] as? Int } == [id])
        }
    }

    @Test func theAPIAsksAndAnswers() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            // act
            let offer = try await net.editor.api(
                .post,
                "/api/v1/library/\(id)/copublishers",
                json: try jsonBody(["group": net.otherCenter])
            )
            let again = try await net.author.api(
                .post,
                "/api/v1/library/\(id)/copublishers",
                json: try jsonBody(["group": net.otherCenter])
            )
            let answer = try await net.otherOrganizer.api(
                .post,
                "/api/v1/library/\(id)/copublishers/\(net.otherCenter)",
                json: try jsonBody(["answer": "accept"])
            )
            // check
            #expect(offer.status == .created)
            #expect(publishers(offer) == ["north-center"])
            #expect(again.status == .conflict, "a group is asked once")
            #expect(answer.status == .ok)
            #expect(publishers(answer) == ["north-center", "south-center"])
        }
    }
}

/// The slugs of a Publication's `publishers`.
private func publishers(_ page: Page) -> [String] {
    (page.json["publishers"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
}
