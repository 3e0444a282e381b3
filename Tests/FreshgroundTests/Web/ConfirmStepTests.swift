import Foundation
import Testing

/// Actions that cannot be undone or that tell other people ask first, on a page of their own whose button is
/// styled as dangerous; asking changes nothing. An editor who withdraws someone else's piece must say why.
@Suite struct ConfirmStepTests {
    @Test func leavingAGroupAsksFirst() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Asking Circle")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")

            // act
            let ask = try await bob.get("/groups/\(slug)/leave")
            let stillMember = try await bob.get("/groups/\(slug)")
            let left = try await bob.post("/groups/\(slug)/leave")

            // check
            #expect(ask.contains("Leave Asking Circle?") && ask.contains("class=\"danger\""))
            #expect(ask.contains(#"action="/groups/\#(slug)/leave""#) && ask.contains("No, go back"))
            #expect(stillMember.contains("You are a member of this group."))
            #expect(left.status == .seeOther)
            #expect(!(try await bob.get("/groups/\(slug)")).contains("You are a member of this group."))
        }
    }

    @Test func cancellingAnEventAsksFirstAndOnlyItsOrganizersAreAsked() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent forum")

            // act
            let page = try await net.olive.get("/events/\(id)")
            let ask = try await net.olive.get("/events/\(id)/cancel")
            let stranger = try await net.yann.get("/events/\(id)/cancel")

            // check
            #expect(page.contains("href=\"/events/\(id)/cancel\""))
            #expect(ask.contains("Cancel Rent forum?") && ask.contains("told by email"))
            #expect(ask.contains("class=\"danger\""))
            #expect(stranger.status == .forbidden)
            #expect(try await net.olive.get("/events/\(id)").contains("Rent forum"))
        }
    }

    @Test func anEditorWithdrawingSomeoneElsesPieceMustSayWhy() async throws {
        try await withApp { app in
            // setup: a published piece by the author, in the editor's journal
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Strike diary"
            )

            // act
            let ask = try await net.editor.get("/library/\(id)/withdraw")
            let silent = try await net.editor.post("/library/\(id)/withdraw", [("note", " ")])
            let withReason = try await net.editor.post("/library/\(id)/withdraw", [("note", "Names a worker.")])

            // check
            #expect(ask.contains("Withdraw “Strike diary”?") && ask.contains("Why (the author is told)"))
            #expect(silent.status == .unprocessableContent)
            #expect(silent.contains("Tell the author why their piece is withdrawn."))
            #expect(withReason.status == .seeOther)
        }
    }
}
