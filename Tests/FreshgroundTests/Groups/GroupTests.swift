import Foundation
import HTTPTypes
import SQLKit
import Testing

/// Creating, editing and finding groups.
@Suite("Groups: create, edit, directory")
struct GroupTests {
    @Test(arguments: ["circle", "center", "coalition"])
    func creatingAGroupOfAnyKindMakesTheCreatorItsOrganizer(kind: String) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let slug = try await alice.createGroup("Leeds \(kind)", kind: kind)
            let page = try await alice.get("/groups/\(slug)")
            let memberships = try await alice.api(.get, "/api/v1/me/memberships")
            let detail = try await alice.api(.get, "/api/v1/groups/\(slug)")
            // check
            #expect(slug == "leeds-\(kind)")
            #expect(page.status == .ok)
            #expect(page.contains("<h1>Leeds \(kind)</h1>"))
            #expect(page.contains("You are an organizer of this group."))
            #expect(page.contains(#"href="/groups/\#(slug)/members""#))
            #expect(page.contains(#"href="/groups/\#(slug)/edit""#))
            let items = try #require(memberships.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["role"] as? String == "organizer")
            #expect(items.first?["status"] as? String == "active")
            #expect(detail.json["kind"] as? String == kind)
            #expect(detail.json["memberCount"] as? Int == 1)
        }
    }

    @Test func theAddressIsMadeFromTheNameUnlessOneIsGiven() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let derived = try await alice.post("/groups", groupFields(name: "Café Rosa's Workers!"))
            let chosen = try await alice.post("/groups", groupFields(name: "Another Name", slug: "Rosa-Two"))
            // check
            #expect(derived.location == "/groups/cafe-rosas-workers")
            #expect(chosen.location == "/groups/rosa-two")
            #expect(try await alice.get("/groups/rosa-two").contains("<h1>Another Name</h1>"))
        }
    }

    enum BadInput: String, CaseIterable, Sendable {
        case emptyName, badSlug, reservedSlug, takenSlug, missingCity
    }

    @Test(arguments: BadInput.allCases)
    func badInputShowsTheFormAgainWithTheReasonAndWhatWasTyped(_ bad: BadInput) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            try await alice.createGroup("Taken Place")
            let description = "We meet on Tuesdays & share <tea>"
            var fields = groupFields(name: "Riverside Tenants", description: description)
            let (field, message): (String, String)
            switch bad {
            case .emptyName: (field, message) = ("name", "Give the group a name")
            case .badSlug: (field, message) = ("slug", "Use 3 to 60 lowercase letters")
            case .reservedSlug: (field, message) = ("slug", "This address is reserved")
            case .takenSlug: (field, message) = ("slug", "The address /groups/taken-place is taken")
            case .missingCity: (field, message) = ("city", "Say which city the group is in")
            }
            switch bad {
            case .emptyName: fields.set("name", "  ")
            case .badSlug: fields.set("slug", "-no good-")
            case .reservedSlug: fields.set("slug", "admin")
            case .takenSlug: fields.set("slug", "taken-place")
            case .missingCity: fields.set("city", "")
            }
            // act
            let page = try await alice.post("/groups", fields)
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains(#"<p class="field-error" id="\#(field)-error">\#(message)"#))
            #expect(page.contains(#"<div class="form-error" role="alert">"#))
            #expect(page.contains("We meet on Tuesdays &amp; share &lt;tea&gt;</textarea>"))
            #expect(page.contains("Housing for all.</textarea>"))
            if bad != .emptyName { #expect(page.contains(#"value="Riverside Tenants""#)) }
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM groups") == 1, "nothing new is stored")
        }
    }

    @Test func anOnlineGroupNeedsNoCity() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var fields = groupFields(name: "Online Readers")
            fields.set("place_kind", "online")
            fields.set("city", "")
            // act
            let page = try await alice.post("/groups", fields)
            // check
            #expect(page.status == .seeOther)
            #expect(page.location == "/groups/online-readers")
        }
    }

    @Test func everyEditOfTheBasisOfUnityIsKeptNewestFirst() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Basis Circle", basis: "First text of our basis.")
            // act
            let second = try await alice.post(
                "/groups/\(slug)/edit",
                groupFields(name: "Basis Circle", basis: "Second text.")
            )
            let third = try await alice.post(
                "/groups/\(slug)/edit",
                groupFields(name: "Basis Circle", basis: "Third text.")
            )
            let unchanged = try await alice.post(
                "/groups/\(slug)/edit",
                groupFields(name: "Basis Circle", description: "New words", basis: "Third text.")
            )
            let history = try await alice.get("/groups/\(slug)/basis")
            let group = try await alice.get("/groups/\(slug)")
            // check
            #expect([second.status, third.status, unchanged.status] == [.seeOther, .seeOther, .seeOther])
            #expect(history.status == .ok)
            let positions = try [
                "Version 3", "Third text.", "Version 2", "Second text.", "Version 1", "First text of our basis.",
            ]
            .map { try #require(history.body.range(of: $0)?.lowerBound, "\($0) is listed") }
            #expect(positions == positions.sorted(), "newest version first")
            #expect(!history.contains("Version 4"), "saving without changing the basis adds no version")
            #expect(group.contains("Third text."))
            #expect(!group.contains("Second text."))
            #expect(group.contains("Version 3."))
            #expect(group.contains("New words"))
        }
    }

    @Test func onlyOrganizersCanEditAGroup() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Guarded Circle")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")
            var carol = try await app.person("carol")
            var anonymous = app.visitor()
            // act
            let memberForm = try await bob.get("/groups/\(slug)/edit")
            let memberSave = try await bob.post(
                "/groups/\(slug)/edit",
                groupFields(name: "Taken Over", basis: "Ours now")
            )
            let outsiderForm = try await carol.get("/groups/\(slug)/edit")
            let outsiderSave = try await carol.post("/groups/\(slug)/edit", groupFields(name: "Taken Over"))
            let anonymousForm = try await anonymous.get("/groups/\(slug)/edit")
            let memberView = try await bob.get("/groups/\(slug)")
            // check
            #expect(memberForm.status == .notFound)
            #expect(memberSave.status == .notFound)
            #expect(outsiderForm.status == .notFound)
            #expect(outsiderSave.status == .notFound)
            #expect(anonymousForm.status == .seeOther)
            #expect(anonymousForm.location?.hasPrefix("/login") == true)
            #expect(!memberView.contains(#"href="/groups/\#(slug)/edit""#))
            let page = try await alice.get("/groups/\(slug)")
            #expect(page.contains("<h1>Guarded Circle</h1>"))
            #expect(!page.contains("Ours now"))
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM basis_versions") == 1)
        }
    }

    @Test func theDirectoryFiltersByKind() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            try await alice.createGroup("Alpha Circle", kind: "circle")
            try await alice.createGroup("Beta Center", kind: "center")
            try await alice.createGroup("Gamma Coalition", kind: "coalition")
            var visitor = app.visitor()
            // act
            let centers = try await visitor.get("/groups?kind=center")
            let all = try await visitor.get("/groups")
            let api = try await visitor.api(.get, "/api/v1/groups?kind=coalition")
            // check
            #expect(cards(centers) == ["beta-center"])
            #expect(cards(all) == ["alpha-circle", "beta-center", "gamma-coalition"])
            #expect(slugs(api) == ["gamma-coalition"])
        }
    }

    @Test func theDirectoryFiltersByCityWhateverTheCase() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            try await alice.createGroup("Leeds Tenants", city: "Leeds")
            try await alice.createGroup("York Tenants", city: "York")
            var visitor = app.visitor()
            // act
            let shouted = try await visitor.get("/groups?city=LEEDS")
            let api = try await visitor.api(.get, "/api/v1/groups?city=york")
            // check
            #expect(cards(shouted) == ["leeds-tenants"])
            #expect(slugs(api) == ["york-tenants"])
        }
    }

    @Test func nameSearchTakesPercentUnderscoreAndPlusAsTyped() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            try await alice.createGroup("100% Solidarity")
            try await alice.createGroup("Snake_case Club")
            try await alice.createGroup("Tenants Union")
            var visitor = app.visitor()
            // act
            let percent = try await visitor.get("/groups?q=%25")
            let underscore = try await visitor.get("/groups?q=_")
            let word = try await visitor.get("/groups?q=UNION")
            // A search form sends a space as "+", and a typed plus as "%2B".
            let twoWords = try await visitor.get("/groups?q=tenants+union")
            let plus = try await visitor.get("/groups?q=tenants%2Bunion")
            let api = try await visitor.api(.get, "/api/v1/groups?q=%25")
            // check
            #expect(cards(percent) == ["100-solidarity"])
            #expect(cards(underscore) == ["snake-case-club"])
            #expect(cards(word) == ["tenants-union"])
            #expect(cards(twoWords) == ["tenants-union"])
            #expect(cards(plus).isEmpty)
            #expect(slugs(api) == ["100-solidarity"])
            #expect(api.json["total"] as? Int == 1)
        }
    }

    @Test func theDirectoryShowsTwentyGroupsAPageWithALinkToTheNext() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            for number in 1...25 { try await alice.createGroup(String(format: "Group %02d", number)) }
            var visitor = app.visitor()
            // act
            let first = try await visitor.get("/groups")
            let second = try await visitor.get("/groups?page=2")
            let filtered = try await visitor.get("/groups?kind=circle")
            let api = try await visitor.api(.get, "/api/v1/groups?page=2")
            // check
            #expect(cards(first) == (1...20).map { String(format: "group-%02d", $0) })
            #expect(first.contains(#"<a rel="next" href="/groups?page=2">"#))
            #expect(cards(second) == (21...25).map { String(format: "group-%02d", $0) })
            #expect(!second.contains(#"rel="next""#))
            #expect(second.contains(#"<a rel="prev" href="/groups?page=1">"#))
            #expect(filtered.contains(#"<a rel="next" href="/groups?kind=circle&amp;page=2">"#), "filters are kept")
            #expect(slugs(api).count == 5)
            #expect(api.json["total"] as? Int == 25)
        }
    }

    @Test func privateGroupsAreNeitherListedNorFound() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            try await alice.createGroup("Hidden Cell", visibility: "private")
            try await alice.createGroup("Open Circle")
            var anonymous = app.visitor()
            var bob = try await app.person("bob")
            // act
            let directory = try await anonymous.get("/groups")
            let welcome = try await anonymous.get("/")
            let searchedByMember = try await alice.get("/groups?q=hidden")
            let api = try await bob.api(.get, "/api/v1/groups")
            let apiSearch = try await bob.api(.get, "/api/v1/groups?q=hidden")
            let direct = try await bob.get("/groups/hidden-cell")
            let directAPI = try await bob.api(.get, "/api/v1/groups/hidden-cell")
            // check
            #expect(cards(directory) == ["open-circle"])
            #expect(!welcome.contains("hidden-cell"))
            #expect(cards(searchedByMember).isEmpty)
            #expect(slugs(api) == ["open-circle"])
            #expect(api.json["total"] as? Int == 1)
            #expect(slugs(apiSearch).isEmpty)
            #expect(direct.status == .notFound)
            #expect(!direct.contains("Hidden Cell"))
            #expect(directAPI.status == .notFound)
            #expect(try await alice.get("/groups/hidden-cell").status == .ok, "its members still see it")
        }
    }
}

// MARK: - Helpers

/// The create/edit form as a browser sends it.
private func groupFields(
    name: String,
    slug: String = "",
    description: String = "About us",
    basis: String = "Housing for all."
) -> [(String, String)] {
    [
        ("name", name), ("slug", slug), ("kind", "circle"), ("description", description), ("place_kind", "city"),
        ("city", "Leeds"), ("place_name", ""), ("visibility", "public"), ("join_policy", "open"), ("basis", basis),
    ]
}

extension [(String, String)] {
    fileprivate mutating func set(_ key: String, _ value: String) {
        if let index = firstIndex(where: { $0.0 == key }) { self[index].1 = value } else { append((key, value)) }
    }
}

/// The slugs of the group cards on a directory page, in order.
private func cards(_ page: Page) -> [String] {
    page.body.components(separatedBy: #"<li class="group-card">"#).dropFirst().compactMap { card in
        guard let start = card.range(of: #"<a href="/groups/"#), let end = card[start.upperBound...].range(of: "\"")
        else { return nil }
        return String(card[start.upperBound..<end.lowerBound])
    }
}

/// The slugs in an API list.
private func slugs(_ page: Page) -> [String] {
    (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
}

private func count(_ app: TestApp, _ query: SQLQueryString) async throws -> Int {
    try await app.store.sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
}
