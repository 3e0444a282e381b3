import Foundation
import Testing

/// A published piece is corrected by its author or its journal's editors, never by anyone else; every correction
/// keeps the earlier text and a note in a public history, and the piece says it was corrected.
@Suite struct CorrectionTests {
    private func correct(_ visitor: inout Visitor, _ id: Int, body: String, note: String) async throws -> Page {
        try await visitor.post(
            "/library/\(id)/correct",
            [("title", "Rent strike notes"), ("summary", ""), ("body", body), ("note", note)]
        )
    }

    /// The library network with a piece by `author`, published in North Center's journal.
    private func published(_ app: TestApp, body: String = "Original words.") async throws -> (LibraryNetwork, Int) {
        var net = try await libraryNetwork(app)
        let id = try await publishPiece(
            &net.author,
            editor: &net.editor,
            journal: net.center,
            title: "Rent strike notes",
            body: body
        )
        return (net, id)
    }

    @Test func theAuthorCorrectsAndEveryoneSeesTheHistory() async throws {
        try await withApp { app in
            // setup: a published piece
            var (net, id) = try await published(app, body: "The strike began on 3 May.")

            // act
            let before = try await net.author.get("/library/\(id)")
            let form = try await net.author.get("/library/\(id)/correct")
            let posted = try await correct(
                &net.author,
                id,
                body: "The strike began on 4 May.",
                note: "The date was wrong."
            )
            let page = try await app.anonymousGet("/library/\(id)")
            let history = try await app.anonymousGet("/library/\(id)/corrections")
            let api = try await app.anonymousGet("/api/v1/library/\(id)")

            // check
            #expect(before.contains("Correct this piece"))
            #expect(form.status == .ok && form.contains("The strike began on 3 May."))
            #expect(posted.status == .seeOther && posted.location == "/library/\(id)")
            #expect(page.contains("The strike began on 4 May.") && !page.contains("3 May"))
            #expect(page.contains("href=\"/library/\(id)/corrections\">Corrected"))
            #expect(history.status == .ok)
            #expect(history.contains("The date was wrong.") && history.contains("by the author"))
            #expect(history.contains("The strike began on 3 May.") && history.contains("The strike began on 4 May."))
            #expect(api.json["body"] as? String == "The strike began on 4 May.")
            #expect(api.json["correctedAt"] is String)
        }
    }

    @Test func theJournalsEditorCorrectsAndTheHistoryIsNewestFirst() async throws {
        try await withApp { app in
            // setup: a published piece, corrected once by its author
            var (net, id) = try await published(app)
            #expect(try await correct(&net.author, id, body: "First fix.", note: "Note one.").status == .seeOther)
            try await app.advanceClockAfterMail(seconds: 3_600)

            // act: an editor of the journal corrects it again
            let posted = try await correct(&net.editor, id, body: "Second fix.", note: "Note two.")
            let page = try await app.anonymousGet("/library/\(id)")
            let history = try await app.anonymousGet("/library/\(id)/corrections")

            // check
            #expect(posted.status == .seeOther)
            #expect(page.contains("Second fix."))
            #expect(ordered(["Note two.", "Note one."], in: history.body) == ["Note two.", "Note one."])
            #expect(history.contains("by an editor of North Center"))
            #expect(!history.contains("eddie"))
        }
    }

    @Test func strangersAndOtherGroupsEditorsCannotCorrect() async throws {
        try await withApp { app in
            // setup: a published piece; sam organizes another center, mona is a plain member of the journal
            var (net, id) = try await published(app)

            // act
            let samPage = try await net.otherOrganizer.get("/library/\(id)")
            let samForm = try await net.otherOrganizer.get("/library/\(id)/correct")
            let sam = try await correct(&net.otherOrganizer, id, body: "Sam's words.", note: "Mine now.")
            let mona = try await correct(&net.member, id, body: "Mona's words.", note: "Mine now.")
            let bob = try await correct(&net.reader, id, body: "Bob's words.", note: "Mine now.")
            var anonymous = app.visitor()
            let nobody = try await anonymous.post("/library/\(id)/correct", [("body", "Nobody's."), ("note", "x")])
            let page = try await app.anonymousGet("/library/\(id)")
            let history = try await app.anonymousGet("/library/\(id)/corrections")

            // check
            #expect(!samPage.contains("Correct this piece"))
            #expect(samForm.status == .forbidden)
            #expect(sam.status == .forbidden && mona.status == .forbidden && bob.status == .forbidden)
            #expect(nobody.status != .seeOther || nobody.location?.hasPrefix("/login") == true)
            #expect(page.contains("Original words.") && !page.contains("Corrected"))
            #expect(history.contains("This piece has not been corrected."))
        }
    }

    @Test func theNoteIsRequiredAndTheInputIsKept() async throws {
        try await withApp { app in
            // setup
            var (net, id) = try await published(app)

            // act
            let refused = try await correct(&net.author, id, body: "Words typed with care.", note: "  ")
            let unchanged = try await correct(&net.author, id, body: "Original words.", note: "Nothing really.")
            let page = try await app.anonymousGet("/library/\(id)")

            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Words typed with care.") && refused.contains("Say what was corrected"))
            #expect(unchanged.status == .unprocessableContent && unchanged.contains("Nothing was changed"))
            #expect(page.contains("Original words.") && !page.contains("Corrected"))
        }
    }

    @Test func onlyPublishedPiecesAreCorrected() async throws {
        try await withApp { app in
            // setup: a draft and a submitted piece
            var net = try await libraryNetwork(app)
            let draftID = try await draft(&net.author, journal: net.center, title: "Still a draft")
            let submitted = try await draft(&net.author, journal: net.center, title: "Waiting")
            try await submit(&net.author, submitted)

            // act
            let page = try await net.author.get("/library/\(draftID)")
            let form = try await net.author.get("/library/\(draftID)/correct")
            let byEditor = try await correct(&net.editor, submitted, body: "Changed.", note: "Changed.")

            // check
            #expect(page.contains("Edit") && !page.contains("Correct this piece"))
            #expect(form.status == .forbidden)
            #expect(byEditor.status == .forbidden)
        }
    }

    @Test func aReportsAnswersAreCorrectedToo() async throws {
        try await withApp { app in
            // setup: a published report from below
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Depot report",
                kind: "report",
                body: "",
                fields: reportFields(happening: "Management cut the breaks.")
            )

            // act
            let posted = try await net.author.post(
                "/library/\(id)/correct",
                [
                    ("title", "Depot report"), ("summary", ""), ("body", ""),
                    ("happening", "Management cut the paid breaks."), ("doing", "A petition and a walkout."),
                    ("worked", ""), ("needs", ""), ("note", "The breaks were paid ones."),
                ]
            )
            let api = try await app.anonymousGet("/api/v1/library/\(id)")

            // check
            #expect(posted.status == .seeOther)
            #expect(
                (api.json["report"] as? [String: Any])?["happening"] as? String == "Management cut the paid breaks."
            )
            #expect((api.json["body"] as? String)?.contains("Management cut the paid breaks.") == true)
            #expect((api.json["report"] as? [String: Any])?["placeName"] as? String != "Brightline Depot 7")
        }
    }
}
