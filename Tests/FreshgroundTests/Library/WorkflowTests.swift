import Foundation
import HTTPTypes
import Testing

/// The editorial workflow: draft → submitted → published, changes asked for, declined, withdrawn, and the
/// history every step leaves.
@Suite("Library: workflow")
struct WorkflowTests {
    @Test func aDraftIsVisibleOnlyToItsAuthor() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            var anonymous = app.visitor()
            // act
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            let own = try await net.author.get("/library/\(id)")
            let ownAPI = try await net.author.api(.get, "/api/v1/library/\(id)")
            // check
            #expect(own.status == .ok)
            #expect(own.contains("Notes on the rent strike"))
            #expect(own.contains("Status: <strong>Draft</strong>"))
            #expect(ownAPI.json["status"] as? String == "draft")
            for (who, visitor) in [
                ("anonymous", anonymous), ("the journal's editor", net.editor),
                ("the journal's organizer", net.organizer),
                ("a member", net.member),
            ] {
                var visitor = visitor
                #expect(try await visitor.get("/library/\(id)").status == .notFound, "\(who) sees the draft page")
                #expect(try await visitor.api(.get, "/api/v1/library/\(id)").status == .notFound, "\(who), API")
            }
            #expect(!(try await anonymous.get("/library").contains("Notes on the rent strike")))
        }
    }

    @Test func aSubmittedPieceWaitsInTheEditorsQueue() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            let before = try await net.editor.get("/groups/\(net.center)/submissions")
            // act
            try await submit(&net.author, id)
            let queue = try await net.editor.get("/groups/\(net.center)/submissions")
            let organizerQueue = try await net.organizer.get("/groups/\(net.center)/submissions")
            let memberQueue = try await net.member.get("/groups/\(net.center)/submissions")
            // check
            #expect(!before.contains("Notes on the rent strike"))
            #expect(queue.status == .ok)
            #expect(queue.contains(#"<a href="/library/\#(id)">Notes on the rent strike</a>"#))
            #expect(organizerQueue.contains("Notes on the rent strike"))
            #expect(memberQueue.status == .forbidden)
            #expect(try await net.editor.get("/library/\(id)").contains("<legend>Editors' decision</legend>"))
            #expect(try await net.author.get("/library/\(id)").contains("Submitted, waiting for the editors"))
            #expect(try await net.member.get("/library/\(id)").status == .notFound)
        }
    }

    @Test func acceptingPublishesThePiece() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            var anonymous = app.visitor()
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            try await submit(&net.author, id)
            // act
            try await accept(&net.editor, id)
            let page = try await anonymous.get("/library/\(id)")
            let api = try await anonymous.api(.get, "/api/v1/library/\(id)")
            // check
            #expect(page.status == .ok)
            #expect(page.contains("<h1>Notes on the rent strike</h1>"))
            #expect(page.contains(#"Published by <a href="/groups/north-center">North Center</a>"#))
            #expect(!page.contains("Status:"))
            #expect(api.json["status"] as? String == "published")
            #expect((api.json["publishers"] as? [[String: Any]])?.map { $0["slug"] as? String } == ["north-center"])
            #expect(
                try await anonymous.get("/library").contains(#"<a href="/library/\#(id)">Notes on the rent strike</a>"#)
            )
            #expect(jsonItems(try await anonymous.api(.get, "/api/v1/library")).map { $0["id"] as? Int } == [id])
            #expect(try await anonymous.get("/groups/\(net.center)").contains("Notes on the rent strike"))
            let feed = try parseFeed(try await anonymous.get("/groups/\(net.center)/feed.atom").body)
            #expect(feed.entries.map(\.title) == ["Notes on the rent strike"])
            #expect(
                !(try await net.editor.get("/groups/\(net.center)/submissions").contains("Notes on the rent strike"))
            )
        }
    }

    @Test func askingForChangesNeedsANoteThatTheAuthorSees() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            try await submit(&net.author, id)
            // act
            let withoutNote = try await review(&net.editor, id, "request_changes", note: "  ")
            let statusAfterRefusal = try await net.author.api(.get, "/api/v1/library/\(id)").json["status"] as? String
            let withNote = try await review(&net.editor, id, "request_changes", note: "Cite the tenants' union.")
            let page = try await net.author.get("/library/\(id)")
            // check
            #expect(withoutNote.status == .unprocessableContent)
            #expect(statusAfterRefusal == "submitted")
            #expect(withNote.status == .seeOther)
            #expect(page.contains("Status: <strong>Changes requested</strong>"))
            #expect(page.contains("Editorial history"))
            #expect(page.contains("<strong>changes requested</strong> by eddie (North Center)"))
            #expect(page.contains("<blockquote>Cite the tenants&#39; union.</blockquote>"))
        }
    }

    @Test func decliningNeedsANoteThatTheAuthorSees() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            try await submit(&net.author, id)
            // act
            let withoutNote = try await net.editor.api(
                .post,
                "/api/v1/library/\(id)/reviews",
                json: try jsonBody(["action": "decline"])
            )
            let withNote = try await review(&net.editor, id, "decline", note: "Out of scope for us.")
            let page = try await net.author.get("/library/\(id)")
            // check
            #expect(withoutNote.status == .unprocessableContent)
            #expect((withoutNote.json["errors"] as? [String: String])?["note"] != nil, "the problem names the field")
            #expect(withNote.status == .seeOther)
            #expect(page.contains("Status: <strong>Declined</strong>"))
            #expect(page.contains("<blockquote>Out of scope for us.</blockquote>"))
            #expect(try await app.anonymousGet("/library/\(id)").status == .notFound)
        }
    }

    @Test func theAuthorCanEditAndResubmitAfterChangesWereAskedFor() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            try await submit(&net.author, id)
            try await review(&net.editor, id, "request_changes", note: "A clearer title, please.")
            // act
            let edit = try await net.author.post(
                "/library/\(id)",
                [("kind", "article"), ("journal", net.center), ("title", "How the rent strike won"), ("body", "Text.")]
            )
            try await submit(&net.author, id)
            let queue = try await net.editor.get("/groups/\(net.center)/submissions")
            try await accept(&net.editor, id)
            // check
            #expect(edit.status == .seeOther)
            #expect(queue.contains("How the rent strike won"))
            #expect(!queue.contains("Notes on the rent strike"))
            let api = try await app.anonymousGet("/api/v1/library/\(id)")
            #expect(api.json["title"] as? String == "How the rent strike won")
            #expect(api.json["status"] as? String == "published")
        }
    }

    @Test func aSubmittedPieceCannotBeEditedByItsAuthor() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            try await submit(&net.author, id)
            // act
            let edit = try await net.author.api(
                .put,
                "/api/v1/library/\(id)",
                json: try jsonBody(["kind": "article", "journal": net.center, "title": "Changed", "body": "New."])
            )
            // check
            #expect(edit.status == .conflict)
            #expect(
                try await net.editor.api(.get, "/api/v1/library/\(id)").json["title"] as? String
                    == "Notes on the rent strike"
            )
        }
    }

    @Test func onlyTheJournalsEditorsCanAccept() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            try await submit(&net.author, id)
            // act
            let byAuthor = try await review(&net.author, id, "accept")
            let byMember = try await review(&net.member, id, "accept")
            let byOtherOrganizer = try await review(&net.otherOrganizer, id, "accept")
            let byMemberAPI = try await net.member.api(
                .post,
                "/api/v1/library/\(id)/reviews",
                json: try jsonBody(["action": "accept"])
            )
            // check: the author may see the piece but not decide; for the others a submitted piece does not
            // exist (404, as on its page), so nothing confirms it is there.
            #expect(byAuthor.status == .forbidden)
            #expect(byMember.status == .notFound)
            #expect(byOtherOrganizer.status == .notFound)
            #expect(byMemberAPI.status == .notFound)
            #expect(try await net.editor.api(.get, "/api/v1/library/\(id)").json["status"] as? String == "submitted")
            #expect(try await app.anonymousGet("/library/\(id)").status == .notFound)
        }
    }

    @Test func aPublishedPieceCannotBeDecidedAgain() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Notes")
            // act
            let again = try await review(&net.organizer, id, "accept")
            let changes = try await review(&net.editor, id, "request_changes", note: "Too late?")
            let decline = try await review(&net.editor, id, "decline", note: "Too late?")
            let byMember = try await review(&net.member, id, "decline", note: "Not mine to decide.")
            // check
            #expect(again.status == .conflict)
            #expect(changes.status == .conflict)
            #expect(decline.status == .conflict)
            #expect(byMember.status == .forbidden, "a member can see a published piece but not decide on it")
            #expect(try await app.anonymousGet("/api/v1/library/\(id)").json["status"] as? String == "published")
        }
    }

    @Test func withdrawingRemovesThePieceFromTheLibraryAndSearch() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            var anonymous = app.visitor()
            let id = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Notes on the rent strike",
                body: "The tenants organised a quorate assembly."
            )
            let found = try await anonymous.get("/search?q=quorate")
            // act
            let withdraw = try await net.author.post("/library/\(id)/withdraw", [("note", "Outdated.")])
            // check
            #expect(found.contains(#"<a href="/library/\#(id)">Notes on the rent strike</a>"#))
            #expect(withdraw.status == .seeOther)
            #expect(!(try await anonymous.get("/library").contains("Notes on the rent strike")))
            #expect(jsonItems(try await anonymous.api(.get, "/api/v1/library")).isEmpty)
            #expect(try await anonymous.get("/search?q=quorate").contains("Nothing matches"))
            #expect(jsonItems(try await anonymous.api(.get, "/api/v1/search?q=quorate")).isEmpty)
            #expect(try await anonymous.get("/library/\(id)").status == .notFound)
            #expect(try await net.author.get("/library/\(id)").contains("Status: <strong>Withdrawn</strong>"))
        }
    }

    @Test func everyStepIsKeptInTheReviewHistory() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Notes on the rent strike")
            // act
            try await submit(&net.author, id)
            try await review(&net.editor, id, "request_changes", note: "Shorter, please.")
            try await submit(&net.author, id)
            try await review(&net.author, id, "comment", note: "Shortened.")
            try await accept(&net.organizer, id, note: "Good.")
            try await net.editor.post("/library/\(id)/withdraw", [("note", "Asked by the tenants.")])
            let history = try await net.author.api(.get, "/api/v1/library/\(id)/reviews")
            let editorsView = try await net.editor.api(.get, "/api/v1/library/\(id)/reviews")
            // check
            let items = jsonItems(history)
            #expect(history.status == .ok)
            #expect(
                items.map { $0["action"] as? String }
                    == ["submitted", "changes_requested", "submitted", "comment", "accepted", "withdrawn"]
            )
            #expect(
                items.map { $0["note"] as? String }
                    == ["", "Shorter, please.", "", "Shortened.", "Good.", "Asked by the tenants."]
            )
            #expect(
                items.map { $0["actor"] as? String }
                    == [
                        LibraryNetwork.authorName, "eddie", LibraryNetwork.authorName, LibraryNetwork.authorName,
                        "carol", "eddie",
                    ]
            )
            #expect(items.allSatisfy { ($0["group"] as? [String: Any])?["slug"] as? String == "north-center" })
            #expect(jsonItems(editorsView).count == 6)
        }
    }

    @Test func theReviewHistoryIsForbiddenToOthers() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Notes")
            // act
            let anonymous = try await app.anonymousGet("/api/v1/library/\(id)/reviews")
            let member = try await net.member.api(.get, "/api/v1/library/\(id)/reviews")
            let otherOrganizer = try await net.otherOrganizer.api(.get, "/api/v1/library/\(id)/reviews")
            let memberPage = try await net.member.get("/library/\(id)")
            // check
            #expect(anonymous.status == .forbidden)
            #expect(member.status == .forbidden)
            #expect(otherOrganizer.status == .forbidden)
            #expect(memberPage.status == .ok)
            #expect(!memberPage.contains("Editorial history"))
            #expect(try await net.author.get("/library/\(id)").contains("Editorial history"))
        }
    }

    @Test func anyGroupsJournalTakesSubmissionsFromNonMembers() async throws {
        try await withApp { app in
            // setup: ada belongs to no group; Leeds Circle is a circle she is not in
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.circle, title: "A letter to the circle")
            // act
            try await submit(&net.author, id)
            let queue = try await net.circleOrganizer.get("/groups/\(net.circle)/submissions")
            try await accept(&net.circleOrganizer, id)
            // check
            #expect(queue.contains("A letter to the circle"))
            let api = try await app.anonymousGet("/api/v1/library/\(id)")
            #expect(api.json["status"] as? String == "published")
            #expect((api.json["journal"] as? [String: Any])?["slug"] as? String == "leeds-circle")
            #expect(try await net.reader.get("/").contains("A letter to the circle"), "it reaches the circle's members")
        }
    }
}
