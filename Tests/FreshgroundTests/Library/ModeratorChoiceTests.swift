import Foundation
import Testing

/// A debate's opener names moderators by name (issue 12, item 7): the form lists the people the opener may
/// already see (members of groups whose member list they see), takes a shown name or a handle, refuses a name
/// that fits nobody with the input kept, and never lists a stranger, whose exact handle still works.
@Suite struct ModeratorChoiceTests {
    @Test func aModeratorIsNamedFromThePeopleTheOpenerSees() async throws {
        try await withApp { app in
            // setup: alice organizes Dock Circle, which ben joined; carol shares no group with her
            var alice = try await app.person("alice")
            let dock = try await alice.createGroup("Dock Circle")
            var ben = app.visitor()
            try await ben.signUp("ben", displayName: "Ben Tillett")
            try #require(try await ben.post("/groups/\(dock)/join").status == .seeOther)
            var carol = try await app.person("carol")
            _ = try await carol.createGroup("Far Circle")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")

            // act
            let page = try await alice.get("/debates/\(id)")
            let unknown = try await alice.post("/debates/\(id)/moderators", [("handle", "Nobody Here")])
            let byName = try await alice.post("/debates/\(id)/moderators", [("handle", "ben tillett (@ben)")])
            let stranger = try await alice.post("/debates/\(id)/moderators", [("handle", "@carol")])
            let after = try await alice.get("/debates/\(id)")

            // check
            #expect(page.contains(#"<label for="handle">Name a moderator</label>"#))
            #expect(page.contains(#"<option value="Ben Tillett (@ben)"></option>"#))
            #expect(!page.contains("@carol"), "carol shares no group with alice")
            #expect(!page.contains(#"<option value="@alice"></option>"#), "the opener moderates already")
            #expect(unknown.status == .unprocessableContent)
            #expect(
                fieldError(unknown, "handle")
                    == "There is no person called “Nobody Here” among those you can choose. Pick from the list of names."
            )
            #expect(unknown.contains(#"value="Nobody Here""#) && unknown.contains("<h1>Strike in May?</h1>"))
            #expect(byName.status == .seeOther)
            #expect(stranger.status == .seeOther)
            #expect(after.contains("Moderators: alice, Ben Tillett, carol</p>"))
        }
    }
}
