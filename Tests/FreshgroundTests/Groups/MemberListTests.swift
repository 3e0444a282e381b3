import Foundation
import Testing

/// The members page for organizers: find a person, sort by name, role or join date, the hours pledged in all,
/// and removing someone asks first.
@Suite struct MemberListTests {
    @Test func organizersSearchSortAndSeeTheTotalPledge() async throws {
        try await withApp { app in
            // setup: alice organizes; zoe joins first, then bob; both pledge
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Sorting Circle")
            app.clock.advance(seconds: 60)
            var zoe = try await app.person("zoe")
            _ = try await zoe.post("/groups/\(slug)/join")
            _ = try await zoe.post("/groups/\(slug)/pledge", [("hours", "2")])
            app.clock.advance(seconds: 60)
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")
            _ = try await bob.post("/groups/\(slug)/pledge", [("hours", "1.5")])

            // act
            let byName = try await alice.get("/groups/\(slug)/members")
            let byRole = try await alice.get("/groups/\(slug)/members?sort=role")
            let byJoin = try await alice.get("/groups/\(slug)/members?sort=joined")
            let found = try await alice.get("/groups/\(slug)/members?q=ZO")
            let none = try await alice.get("/groups/\(slug)/members?q=nobody")

            // check
            func order(_ page: Page) -> [String] {
                page.body.matches(of: /<tr><td>[^<]*<span class="meta">@([a-z]+)<\/span>/).map { String($0.1) }
            }
            #expect(order(byName) == ["alice", "bob", "zoe"])
            #expect(order(byRole) == ["alice", "bob", "zoe"])
            #expect(order(byJoin) == ["bob", "zoe", "alice"])
            #expect(order(found) == ["zoe"] && found.contains("value=\"ZO\""))
            #expect(none.contains("Nobody here matches “nobody”."))
            #expect(byName.contains("Pledged in all: 3.5 hours a week by 2 members."))
        }
    }

    @Test func membersWhoSeeTheListCannotSortByRoleOrJoinDate() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Open List", membersVisible: true)
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")

            // act
            let page = try await bob.get("/groups/\(slug)/members?sort=joined")

            // check: by name, no sort choice, no total
            #expect(page.status == .ok)
            #expect(!page.contains("name=\"sort\"") && !page.contains("Pledged in all"))
        }
    }

    @Test func removingAMemberAsksFirst() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Removal Circle")
            var bob = app.visitor()
            try await bob.signUp("bob", displayName: "Bob Ray")
            _ = try await bob.post("/groups/\(slug)/join")
            let bobID = try await accountID(app, "bob")

            // act
            let list = try await alice.get("/groups/\(slug)/members")
            let ask = try await alice.get("/groups/\(slug)/members/\(bobID)/remove")
            let byBob = try await bob.get("/groups/\(slug)/members/\(bobID)/remove")
            let stillThere = try await alice.get("/groups/\(slug)/members")

            // check
            #expect(list.contains("href=\"/groups/\(slug)/members/\(bobID)/remove\""))
            #expect(ask.contains("Remove Bob Ray from Removal Circle?") && ask.contains("class=\"danger\""))
            #expect(byBob.status == .notFound)
            #expect(stillThere.contains("@bob"))
        }
    }
}
