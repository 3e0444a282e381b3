import Foundation
import HTTPTypes
import Testing

/// A refused form comes back as its own page (422) with the message next to the field and what the person
/// typed still in the fields, never as a bare error page that loses their text.
@Suite("Library: refused forms keep the input")
struct FormKeepsInputTests {
    @Test func aDecisionWithoutTheNeededNoteKeepsTheDecision() async throws {
        try await withApp { app in
            // setup: a submitted piece in North Center's journal
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Depot notes")
            try await submit(&net.author, id)
            // act: the editor asks for changes without saying why
            let page = try await review(&net.editor, id, "request_changes", note: "   ")
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("<h1>Depot notes</h1>"), "the piece's own page")
            #expect(page.contains(Self.fieldError("note", "Tell the author why, so they can act on it.")))
            #expect(page.contains(#"<option value="request_changes" selected>Ask for changes</option>"#))
            #expect(page.contains(#"aria-describedby="note-error" aria-invalid="true""#))
            #expect(page.contains(#"<div class="form-error" role="alert">"#))
            let status = try await net.author.get("/library/\(id)")
            #expect(
                status.contains("Status: <strong>Submitted, waiting for the editors</strong>"),
                "nothing was decided"
            )
        }
    }

    @Test func aTooLongReviewNoteIsKeptInTheForm() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Depot notes")
            try await submit(&net.author, id)
            let note = "Rework the second part about the night shift. " + String(repeating: "x", count: 10_000)
            // act
            let page = try await review(&net.editor, id, "decline", note: note)
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains(Self.fieldError("note", "Keep the note under 10,000 characters.")))
            #expect(page.contains(">\(note)</textarea>"))
            #expect(page.contains(#"<option value="decline" selected>Decline</option>"#))
        }
    }

    @Test func anEmptyPositionKeepsTheArgument() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let debate = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            // act
            let page = try await alice.post(
                "/debates/\(debate)/positions",
                [("statement", "  "), ("argument", "Because the port pays by the hour"), ("group", "")]
            )
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("<h1>Should dockers unionize?</h1>"), "the debate's own page")
            #expect(page.contains(Self.fieldError("statement", "State the position in up to 300 characters.")))
            #expect(page.contains(">Because the port pays by the hour</textarea>"))
            #expect(page.contains("No position has been stated yet."), "no position was stated")
        }
    }

    @Test func anEmptyReplyKeepsTheStanceUnderItsPosition() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let debate = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            let position = try await Discussion.state(&alice, in: debate, "Yes, all out")
            // act
            let page = try await alice.post(
                "/debates/\(debate)/replies",
                [("position", String(position)), ("parent", ""), ("stance", "against"), ("body", " \n ")]
            )
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains(Self.fieldError("body", "Write the reply.")))
            #expect(page.contains(#"<input type="radio" name="stance" value="against" checked>"#))
            #expect(page.contains(#"<input type="radio" name="stance" value="for"> For"#))
            let section = try #require(page.body.components(separatedBy: #"id="position-\#(position)""#).last)
            #expect(section.contains(#"<details open>"#), "the refused form is open under its position")
            #expect(section.contains(#"<input type="hidden" name="position" value="\#(position)">"#))
        }
    }

    @Test func aReplyToAReplyWithABadStanceKeepsItsText() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let debate = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            let position = try await Discussion.state(&alice, in: debate, "Yes, all out")
            let first = try await Discussion.reply(&alice, in: debate, position: position, "Agreed")
            // act
            let page = try await alice.post(
                "/debates/\(debate)/replies",
                [
                    ("position", String(position)), ("parent", String(first)), ("stance", "maybe"),
                    ("body", "Only if the crane drivers join"),
                ]
            )
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains(#"id="stance-error">Say whether the reply is for or against the position.</p>"#))
            #expect(page.contains(">Only if the crane drivers join</textarea>"))
            let after = try #require(page.body.components(separatedBy: #"<li id="reply-\#(first)""#).last)
            let thread = try #require(after.components(separatedBy: "</li>").first)
            #expect(
                thread.contains(#"<input type="hidden" name="parent" value="\#(first)">"#)
                    && thread.contains("Only if the crane drivers join"),
                "the refused form is under the reply it answers"
            )
        }
    }

    @Test func anUnknownModeratorHandleIsKept() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let debate = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            // act
            let page = try await alice.post("/debates/\(debate)/moderators", [("handle", "nobody-by-that-name")])
            // check
            #expect(page.status == .unprocessableContent)
            #expect(
                page.contains(
                    Self.fieldError(
                        "handle",
                        "There is no person called “nobody-by-that-name” among those you can choose. Pick from the list of names."
                    )
                )
            )
            #expect(page.contains(#"name="handle" type="text" value="nobody-by-that-name""#))
            #expect(page.contains("<h1>Should dockers unionize?</h1>"))
        }
    }

    @Test func editingAPublishedPieceWithAnInvalidValueKeepsTheText() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            // act: the title emptied, the text rewritten
            let page = try await net.author.post(
                "/library/\(id)",
                [
                    ("kind", "article"), ("journal", net.center), ("title", ""),
                    ("body", "The rewritten text about the night shift"), ("_submitted", "1"),
                ]
            )
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains(Self.fieldError("title", "Give the piece a title of 1 to 200 characters.")))
            #expect(page.contains(">The rewritten text about the night shift</textarea>"))
            #expect(page.contains(#"<form action="/library/\#(id)" method="post""#), "the piece's edit form")
            let piece = try await Discussion.anonymous(app, "/library/\(id)")
            #expect(piece.contains("<h1>Depot notes</h1>"), "the published piece is unchanged")
        }
    }

    /// A field's message as `FieldSet` puts it under the field.
    static func fieldError(_ field: String, _ message: String) -> String {
        #"<p class="field-error" id="\#(field)-error">\#(message)</p>"#
    }
}
