import Foundation
import Testing

@Suite("Library: editors are told of submissions, authors of decisions")
struct EditorialNotificationTests {
    @Test func aSubmissionTellsTheJournalsEditorsOnly() async throws {
        try await withApp { app in
            // setup: carol organizes North Center, eddie edits it, mona is a plain member
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Rent strikes now")

            // act
            try await submit(&net.author, id)

            // check
            let notices = try await notices(app, about: "“Rent strikes now” was submitted to North Center")
            #expect(notices.map(\.handle) == ["carol", "eddie"])
            #expect(notices.allSatisfy { $0.kind == "submission" && $0.path == "/library/\(id)" })
            let review = try await net.editor.get("/library/\(id)")
            #expect(review.status == .ok && review.contains("Rent strikes now"))
        }
    }

    @Test func eachDecisionTellsTheAuthorAndNotTheEditor() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let changed = try await draft(&net.author, journal: net.center, title: "First try")
            let declined = try await draft(&net.author, journal: net.center, title: "Second try")
            let published = try await draft(&net.author, journal: net.center, title: "Third try")
            for id in [changed, declined, published] { try await submit(&net.author, id) }

            // act
            let asked = try await review(&net.editor, changed, "request_changes", note: "Shorten the intro.")
            let no = try await review(&net.editor, declined, "decline", note: "Not for us.")
            try await accept(&net.organizer, published, note: "Lovely.")
            let withdrawn = try await net.editor.post("/library/\(published)/withdraw", [("note", "A legal worry.")])

            // check
            #expect(asked.status == .seeOther && no.status == .seeOther && withdrawn.status == .seeOther)
            let author = LibraryNetwork.authorHandle
            for (title, note) in [
                ("North Center asks for changes to “First try”", "Shorten the intro."),
                ("North Center declined “Second try”", "Not for us."),
                ("North Center published “Third try”", "Lovely."),
                ("North Center withdrew “Third try”", "A legal worry."),
            ] {
                let notices = try await notices(app, about: title)
                #expect(notices.map(\.handle) == [author], "\(title)")
                #expect(notices.first?.kind == "decision" && notices.first?.body == note, "\(title)")
            }
        }
    }

    @Test func anAuthorWithdrawingTheirOwnPieceTellsNobody() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await draft(&net.author, journal: net.center, title: "Changed my mind")
            try await submit(&net.author, id)

            // act
            let withdrawn = try await net.author.post("/library/\(id)/withdraw", [("note", "")])

            // check
            #expect(withdrawn.status == .seeOther)
            #expect(try await told(app, about: "withdrew").isEmpty)
        }
    }

    @Test func anOfferToCoPublishTellsTheOtherGroupsEditors() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Shared")

            // act
            let offered = try await net.editor.post("/library/\(id)/copublishers", [("group", net.otherCenter)])

            // check: sam organizes South Center
            #expect(offered.status == .seeOther)
            let notices = try await notices(app, about: "North Center asks South Center to co-publish “Shared”")
            #expect(notices.map(\.handle) == ["sam"])
            #expect(notices.first?.path == "/groups/\(net.otherCenter)/submissions")
        }
    }
}
