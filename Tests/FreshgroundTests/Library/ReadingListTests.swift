import Foundation
import HTTPTypes
import Testing

/// Reading lists: a person's own (private unless made public) or a group's (kept by its organizers and
/// editors, seen by its members), ordered by hand.
@Suite("Library: reading lists")
struct ReadingListTests {
    @Test func aPersonsListIsPrivateByDefault() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var bob = try await app.person("bob")
            // act
            let id = try await createList(&alice, [("title", "Summer reading"), ("description", "For the *beach*.")])
            let own = try await alice.get("/lists/\(id)")
            let mine = try await alice.get("/me/lists")
            let other = try await bob.get("/lists/\(id)")
            let anonymous = try await Discussion.anonymous(app, "/lists/\(id)")
            let api = try await bob.api(.get, "/api/v1/lists/\(id)")
            // check
            #expect(own.status == .ok)
            #expect(own.contains("<h1>Summer reading</h1>"))
            #expect(own.contains("Private</p>"))
            #expect(own.contains("For the <em>beach</em>."))
            #expect(mine.contains(#"<a href="/lists/\#(id)">Summer reading</a> <span class="meta">(private)</span>"#))
            #expect(other.status == .notFound)
            #expect(!other.contains("Summer reading"))
            #expect(anonymous.status == .notFound)
            #expect(api.status == .notFound)
            #expect(api.json["type"] as? String == "https://freshground.example/problems/not-found")
        }
    }

    @Test func aListMadePublicIsReadByEveryone() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            let piece = try await Discussion.publish(&alice, in: center, "Rent strike handbook")
            // act
            let id = try await createList(&alice, [("title", "Start here"), ("public", "on")])
            _ = try await alice.post(
                "/lists/\(id)/items",
                [("publication", "/library/\(piece)"), ("note", "Read first")]
            )
            let made = try await alice.api(.post, "/api/v1/lists", json: #"{"title":"Also public","isPublic":true}"#)
            let page = try await Discussion.anonymous(app, "/lists/\(id)")
            let api = try await Discussion.anonymous(app, "/api/v1/lists/\(id)")
            let other = try await Discussion.anonymous(app, "/api/v1/lists/\(made.json["id"] as? Int ?? 0)")
            // check
            #expect(page.status == .ok)
            #expect(page.contains("Public</p>"))
            #expect(page.contains(#"<a href="/library/\#(piece)">Rent strike handbook</a>"#))
            #expect(page.contains(#"<p class="note">Read first</p>"#))
            #expect(!page.contains("Move up"), "readers get no tools")
            #expect(api.json["isPublic"] as? Bool == true)
            let item = try #require((api.json["items"] as? [[String: Any]])?.first)
            #expect(item["note"] as? String == "Read first")
            #expect((item["publication"] as? [String: Any])?["id"] as? Int == piece)
            #expect(made.status == .created)
            #expect(other.status == .ok)
            #expect(other.json["title"] as? String == "Also public")
        }
    }

    @Test func itemsKeepTheOrderTheyWereAddedInUntilMoved() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let (id, pieces) = try await listOfThree(&alice)
            let before = try await titles(&alice, id)
            // act
            let up = try await alice.post("/lists/\(id)/items/\(pieces[2])/move", [("direction", "up")])
            let afterUp = try await titles(&alice, id)
            let down = try await alice.api(
                .post,
                "/api/v1/lists/\(id)/items/\(pieces[0])/move",
                json: #"{"direction":"down"}"#
            )
            let afterDown = try await titles(&alice, id)
            let page = try await alice.get("/lists/\(id)")
            // check
            #expect(before == ["Piece A", "Piece B", "Piece C"])
            #expect(up.status == .seeOther)
            #expect(afterUp == ["Piece A", "Piece C", "Piece B"])
            #expect(down.status == .ok)
            #expect(afterDown == ["Piece C", "Piece A", "Piece B"])
            let positions = (down.json["items"] as? [[String: Any]])?.compactMap { $0["position"] as? Int }
            #expect(positions == [1, 2, 3])
            let order = try Discussion.offsets(of: ["Piece C", "Piece A", "Piece B"], in: page.body)
            #expect(order == order.sorted())
        }
    }

    @Test func removingAnItemLeavesTheOthersInOrder() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let (id, pieces) = try await listOfThree(&alice)
            // act
            let form = try await alice.post("/lists/\(id)/items/\(pieces[1])/remove")
            let afterForm = try await titles(&alice, id)
            let api = try await alice.api(.delete, "/api/v1/lists/\(id)/items/\(pieces[0])")
            // check
            #expect(form.status == .seeOther)
            #expect(afterForm == ["Piece A", "Piece C"])
            #expect(api.status == .ok)
            #expect(try await titles(&alice, id) == ["Piece C"])
            // (The add form still offers Piece B by name; the list itself no longer links it.)
            #expect(!(try await alice.get("/lists/\(id)").contains(#"href="/library/\#(pieces[1])""#)))
        }
    }

    @Test func onlyPublishedPiecesCanBeAdded() async throws {
        try await withApp { app in
            // setup: alice's own draft and submitted piece are visible to her but not published
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            let draft = try await Discussion.draft(&alice, in: center, "Draft piece")
            let submitted = try await Discussion.draft(&alice, in: center, "Submitted piece")
            try await Discussion.submit(&alice, submitted)
            var bob = try await app.person("bob")
            let others = try await Discussion.draft(&bob, in: center, "Bob's draft")
            let id = try await createList(&alice, [("title", "Mine")])
            // act
            let addDraft = try await alice.post("/lists/\(id)/items", [("publication", "\(draft)")])
            let addSubmitted = try await alice.api(
                .post,
                "/api/v1/lists/\(id)/items",
                json: #"{"publication":\#(submitted)}"#
            )
            let addOthers = try await alice.post("/lists/\(id)/items", [("publication", "\(others)")])
            // check
            #expect(addDraft.status == .unprocessableContent)
            #expect(addDraft.contains("Only published pieces can go on a list."))
            #expect(addSubmitted.status == .unprocessableContent)
            let errors = addSubmitted.json["errors"] as? [String: String]
            #expect(errors?["publication"] == "Only published pieces can go on a list.")
            #expect(addOthers.status == .notFound, "someone else's draft is not even confirmed to exist")
            #expect(try await titles(&alice, id).isEmpty)
        }
    }

    @Test func aGroupsListIsKeptByItsOrganizersAndSeenByItsMembers() async throws {
        try await withApp { app in
            // setup: alice organizes the center, bob is a plain member, dave an outsider
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            let piece = try await Discussion.publish(&alice, in: center, "Strike manual")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(center)/join")
            var dave = try await app.person("dave")
            // act
            let id = try await createList(&alice, [("title", "Center syllabus"), ("group", center)])
            let byMember = try await bob.post("/lists/\(id)/items", [("publication", "\(piece)")])
            let byMemberAPI = try await bob.api(.post, "/api/v1/lists/\(id)/items", json: #"{"publication":\#(piece)}"#)
            let memberList = try await bob.post("/lists", [("title", "Bob's list"), ("group", center)])
            let byOrganizer = try await alice.post("/lists/\(id)/items", [("publication", "\(piece)")])
            let seenByMember = try await bob.get("/lists/\(id)")
            let seenByOutsider = try await dave.get("/lists/\(id)")
            // check
            #expect(byMember.status == .forbidden)
            #expect(byMember.contains("Only the list&#39;s keepers can change it."))
            #expect(byMemberAPI.status == .forbidden)
            #expect(byMemberAPI.json["detail"] as? String == "Only the list's keepers can change it.")
            #expect(memberList.status == .unprocessableContent)
            #expect(memberList.contains("Only organizers and editors of North Center keep its lists."))
            #expect(byOrganizer.status == .seeOther)
            #expect(seenByMember.status == .ok)
            #expect(seenByMember.contains(#"Kept by <a href="/groups/north-center">North Center</a>"#))
            #expect(seenByMember.contains("Strike manual"))
            #expect(!seenByMember.contains("Move up") && !seenByMember.contains(">Remove<"))
            #expect(seenByOutsider.status == .notFound, "a group's private list is for its members")
        }
    }

    @Test func aPrivateGroupsListIsHiddenFromOutsidersEvenWhenPublic() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let cell = try await alice.createGroup("Quiet Cell", kind: "center", visibility: "private")
            var dave = try await app.person("dave")
            // act
            let id = try await createList(&alice, [("title", "Cell reading"), ("group", cell), ("public", "on")])
            let own = try await alice.get("/lists/\(id)")
            let page = try await dave.get("/lists/\(id)")
            let api = try await dave.api(.get, "/api/v1/lists/\(id)")
            let anonymous = try await Discussion.anonymous(app, "/lists/\(id)")
            // check
            #expect(own.status == .ok)
            #expect(own.contains("Cell reading"))
            #expect(page.status == .notFound)
            #expect(!page.contains("Cell reading"))
            #expect(api.status == .notFound)
            #expect(anonymous.status == .notFound)
        }
    }
}

// MARK: - Helpers

/// Creates a list through the form and returns its id.
private func createList(_ person: inout Visitor, _ fields: [(String, String)]) async throws -> Int {
    let page = try await person.post("/lists", fields)
    let location = try #require(page.location, "list: \(page.status) \(page.body.prefix(1_500))")
    return try #require(Int(location.dropFirst("/lists/".count)))
}

/// A list of alice's with three published pieces, added A, B, C.
private func listOfThree(_ alice: inout Visitor) async throws -> (Int, [Int]) {
    let center = try await alice.createGroup("North Center", kind: "center")
    var pieces: [Int] = []
    for title in ["Piece A", "Piece B", "Piece C"] {
        pieces.append(try await Discussion.publish(&alice, in: center, title))
    }
    let id = try await createList(&alice, [("title", "Ordered")])
    for piece in pieces {
        let added = try await alice.post("/lists/\(id)/items", [("publication", "\(piece)")])
        try #require(added.status == .seeOther, "add \(piece): \(added.status)")
    }
    return (id, pieces)
}

/// The titles on a list, in order, as the API gives them.
private func titles(_ person: inout Visitor, _ id: Int) async throws -> [String] {
    let list = try await person.api(.get, "/api/v1/lists/\(id)")
    return (list.json["items"] as? [[String: Any]] ?? []).compactMap {
        ($0["publication"] as? [String: Any])?["title"] as? String
    }
}
