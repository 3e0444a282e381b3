import Foundation
import HTTPTypes
import SQLKit
import Testing

/// Follows and affiliations between groups, and that neither ever grants a right.
@Suite("Groups: follows and affiliations")
struct AffiliationTests {
    @Test func aCircleFollowsACenterWithoutApproval() async throws {
        try await withApp { app in
            // setup
            var (alice, carol) = try await twoOrganizers(app)
            var anonymous = app.visitor()
            // act
            let follow = try await alice.post("/groups/north-center/followers", [("group", "leeds-circle")])
            let message = try await alice.get(try #require(follow.location))
            let again = try await alice.post("/groups/north-center/followers", [("group", "leeds-circle")])
            let centerPage = try await carol.get("/groups/north-center")
            let api = try await anonymous.api(.get, "/api/v1/groups/leeds-circle/affiliations")
            // check
            #expect(message.contains("Leeds Circle now follows North Center."))
            #expect(
                try await alice.get(try #require(again.location)).contains("Leeds Circle already follows North Center.")
            )
            #expect(try await rows(app, "follows") == 1)
            #expect(
                affiliationsSection(centerPage).contains(
                    #"<h3>Followed by</h3><ul><li><a href="/groups/leeds-circle">"#
                )
            )
            #expect(summaries(api, "follows") == ["north-center"])
        }
    }

    @Test func onlyCentersAndCoalitionsCanBeFollowed() async throws {
        try await withApp { app in
            // setup
            var (alice, carol) = try await twoOrganizers(app)
            let circlePage = try await carol.get("/groups/leeds-circle")
            // act
            let follow = try await carol.post("/groups/leeds-circle/followers", [("group", "north-center")])
            let followRefusal = try await carol.get(try #require(follow.location))
            let affiliate = try await carol.post("/groups/leeds-circle/affiliations", [("group", "north-center")])
            let affiliateRefusal = try await carol.get(try #require(affiliate.location))
            let coalition = try await carol.createGroup("Big Coalition", kind: "coalition")
            let ofCoalition = try await alice.post("/groups/\(coalition)/followers", [("group", "leeds-circle")])
            // check
            #expect(!circlePage.contains(#"id="follow-form""#))
            #expect(!circlePage.contains(#"id="affiliate-form""#))
            #expect(followRefusal.contains("Only centers and coalitions can be followed or affiliated with."))
            #expect(affiliateRefusal.contains("Only centers and coalitions can be followed or affiliated with."))
            #expect(ofCoalition.status == .seeOther)
            let stored = try await app.store.sql.raw(
                "SELECT g.slug FROM follows f JOIN groups g ON g.id = f.target_id"
            ).all()
            #expect(try stored.map { try $0.decode(column: "slug", as: String.self) } == [coalition])
            #expect(try await rows(app, "affiliations") == 0)
        }
    }

    @Test func onlyOrganizersOfTheFollowingGroupCanFollowForIt() async throws {
        try await withApp { app in
            // setup
            var (alice, carol) = try await twoOrganizers(app)
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/leeds-circle/join")
            let bobsView = try await bob.get("/groups/north-center")
            let alicesView = try await alice.get("/groups/north-center")
            // act
            let byMember = try await bob.post("/groups/north-center/followers", [("group", "leeds-circle")])
            let byOtherOrganizer = try await carol.post("/groups/north-center/followers", [("group", "leeds-circle")])
            let affiliateByMember = try await bob.post("/groups/north-center/affiliations", [("group", "leeds-circle")])
            // check
            #expect(!bobsView.contains(#"id="follow-form""#))
            #expect(alicesView.contains(#"id="follow-form""#))
            #expect(alicesView.contains(#"<option value="leeds-circle">Leeds Circle</option>"#))
            #expect(try await bob.get(try #require(byMember.location)).contains("Choose a group you organize."))
            #expect(
                try await carol.get(try #require(byOtherOrganizer.location)).contains("Choose a group you organize.")
            )
            #expect(affiliateByMember.status == .seeOther)
            #expect(try await rows(app, "follows") == 0)
            #expect(try await rows(app, "affiliations") == 0)
        }
    }

    @Test func askingSeveralTimesAtOnceMakesOneRequestAndNoError() async throws {
        try await withApp { app in
            // setup
            var (alice, _) = try await twoOrganizers(app)
            let page = try await alice.get("/groups/north-center")
            #expect(page.status == .ok)
            // act: the same request sent six times at once (a person clicking again while it is on its way)
            let messages = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 {
                    let asker = alice
                    group.addTask {
                        var asker = asker
                        let answer = try await asker.post(
                            "/groups/north-center/affiliations",
                            [("group", "leeds-circle")]
                        )
                        guard answer.status == .seeOther, let back = answer.location else { return "\(answer.status)" }
                        return try await asker.get(back).body
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: one is taken, every other is told it was already asked (no error page); one row
            let asked = messages.filter {
                $0.contains("Leeds Circle asked to be listed as affiliated with North Center.")
            }
            let already = messages.filter { $0.contains("Leeds Circle and North Center are already linked or asked.") }
            #expect(asked.count == 1 && already.count == 5, "\(messages.map { $0.prefix(80) })")
            let rows = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM affiliations").first()?
                .decode(column: "n", as: Int.self)
            #expect(rows == 1)
        }
    }

    @Test func anAffiliationIsPendingUntilTheOtherSideAccepts() async throws {
        try await withApp { app in
            // setup
            var (alice, carol) = try await twoOrganizers(app)
            var anonymous = app.visitor()
            // act
            let ask = try await alice.post("/groups/north-center/affiliations", [("group", "leeds-circle")])
            let askMessage = try await alice.get(try #require(ask.location))
            let pendingForCarol = try await carol.get("/groups/north-center")
            let pendingForPublic = try await anonymous.get("/groups/north-center")
            let pendingAPI = try await carol.api(.get, "/api/v1/groups/north-center/affiliations")
            let publicAPI = try await anonymous.api(.get, "/api/v1/groups/north-center/affiliations")
            let id = try affiliationID(pendingAPI)
            let selfAccept = try await alice.post("/groups/leeds-circle/affiliations/\(id)/accept")
            let accept = try await carol.post("/groups/north-center/affiliations/\(id)/accept")
            let centerPage = try await anonymous.get("/groups/north-center")
            let circlePage = try await anonymous.get("/groups/leeds-circle")
            let circleAPI = try await anonymous.api(.get, "/api/v1/groups/leeds-circle/affiliations")
            // check
            #expect(askMessage.contains("Leeds Circle asked to be listed as affiliated with North Center."))
            #expect(affiliationsSection(pendingForCarol).contains("Leeds Circle</a> asks to be listed as affiliated."))
            #expect(pendingForCarol.contains(#"action="/groups/north-center/affiliations/\#(id)/accept""#))
            #expect(!pendingForPublic.contains("leeds-circle"), "requests are the organizers' business")
            #expect(affiliations(publicAPI).isEmpty)
            #expect(affiliations(pendingAPI).first?["status"] as? String == "pending")
            #expect(selfAccept.status == .notFound, "the asking side cannot accept its own request")
            #expect(accept.status == .seeOther)
            #expect(
                affiliationsSection(centerPage).contains(
                    #"<h3>Affiliated with</h3><ul><li><a href="/groups/leeds-circle">"#
                )
            )
            #expect(
                affiliationsSection(circlePage).contains(
                    #"<h3>Affiliated with</h3><ul><li><a href="/groups/north-center">"#
                )
            )
            let listed = try #require(affiliations(circleAPI).first)
            #expect(listed["status"] as? String == "accepted")
            #expect(listed["requestedBy"] as? String == "leeds-circle")
            #expect((listed["group"] as? [String: Any])?["slug"] as? String == "north-center")
        }
    }

    @Test func eitherSideCanEndAFollowOrAnAffiliationButNobodyElse() async throws {
        try await withApp { app in
            // setup
            var (alice, carol) = try await twoOrganizers(app)
            var dave = try await app.person("dave")
            _ = try await alice.post("/groups/north-center/followers", [("group", "leeds-circle")])
            _ = try await alice.post("/groups/north-center/affiliations", [("group", "leeds-circle")])
            let first = try affiliationID(try await carol.api(.get, "/api/v1/groups/north-center/affiliations"))
            _ = try await carol.post("/groups/north-center/affiliations/\(first)/accept")
            // act & check: an outsider cannot end either
            #expect(try await dave.post("/groups/north-center/followers/leeds-circle/delete").status == .notFound)
            #expect(try await dave.post("/groups/north-center/affiliations/\(first)/end").status == .notFound)
            #expect(try await rows(app, "follows") == 1)
            #expect(try await rows(app, "affiliations") == 1)
            // the asking side ends the affiliation, the followed side ends the follow
            #expect(try await alice.post("/groups/leeds-circle/affiliations/\(first)/end").status == .seeOther)
            #expect(try await carol.post("/groups/north-center/followers/leeds-circle/delete").status == .seeOther)
            #expect(try await rows(app, "affiliations") == 0)
            #expect(try await rows(app, "follows") == 0)
            // and the other way round
            _ = try await alice.post("/groups/north-center/followers", [("group", "leeds-circle")])
            _ = try await alice.post("/groups/north-center/affiliations", [("group", "leeds-circle")])
            let second = try affiliationID(try await carol.api(.get, "/api/v1/groups/north-center/affiliations"))
            _ = try await carol.post("/groups/north-center/affiliations/\(second)/accept")
            #expect(try await carol.post("/groups/north-center/affiliations/\(second)/end").status == .seeOther)
            #expect(try await alice.post("/groups/north-center/followers/leeds-circle/delete").status == .seeOther)
            #expect(try await rows(app, "affiliations") == 0)
            #expect(try await rows(app, "follows") == 0)
            #expect(!affiliationsSection(try await dave.get("/groups/leeds-circle")).contains("north-center"))
        }
    }

    @Test func aGroupCanFollowAndAffiliateWithSeveral() async throws {
        try await withApp { app in
            // setup
            var (alice, carol) = try await twoOrganizers(app)
            let south = try await carol.createGroup("South Center", kind: "center")
            let coalition = try await carol.createGroup("Big Coalition", kind: "coalition")
            // act
            for target in ["north-center", south, coalition] {
                _ = try await alice.post("/groups/\(target)/followers", [("group", "leeds-circle")])
            }
            _ = try await carol.post("/groups/\(coalition)/followers", [("group", "north-center")])
            for target in ["north-center", coalition] {
                _ = try await alice.post("/groups/\(target)/affiliations", [("group", "leeds-circle")])
                let id = try affiliationID(try await carol.api(.get, "/api/v1/groups/\(target)/affiliations"))
                _ = try await carol.post("/groups/\(target)/affiliations/\(id)/accept")
            }
            var anonymous = app.visitor()
            let circle = try await anonymous.api(.get, "/api/v1/groups/leeds-circle/affiliations")
            let front = try await anonymous.api(.get, "/api/v1/groups/\(coalition)/affiliations")
            // check
            #expect(Set(summaries(circle, "follows")) == ["north-center", south, coalition])
            let partners = affiliations(circle).compactMap { ($0["group"] as? [String: Any])?["slug"] as? String }
            #expect(Set(partners) == ["north-center", coalition])
            #expect(affiliations(circle).allSatisfy { $0["status"] as? String == "accepted" })
            #expect(Set(summaries(front, "followers")) == ["leeds-circle", "north-center"])
        }
    }

    @Test func followingAndAffiliationGiveTheCirclesOrganizerNoRightsInTheCenter() async throws {
        try await withApp { app in
            // setup
            var (alice, _) = try await linkedOrganizers(app)
            // act & check
            try await expectNoRights(app, &alice, in: "north-center", name: "North Center", organizer: "carol")
        }
    }

    @Test func beingFollowedAndAffiliatedGivesTheCentersOrganizerNoRightsInTheCircle() async throws {
        try await withApp { app in
            // setup
            var (_, carol) = try await linkedOrganizers(app)
            // act & check
            try await expectNoRights(app, &carol, in: "leeds-circle", name: "Leeds Circle", organizer: "alice")
        }
    }
}

// MARK: - Helpers

/// alice organizes Leeds Circle, carol organizes North Center; both groups ask for approval to join.
private func twoOrganizers(_ app: TestApp) async throws -> (Visitor, Visitor) {
    var alice = try await app.person("alice")
    try #require(try await alice.createGroup("Leeds Circle", join: "approval") == "leeds-circle")
    var carol = try await app.person("carol")
    try #require(try await carol.createGroup("North Center", kind: "center", join: "approval") == "north-center")
    return (alice, carol)
}

/// The two groups as closely linked as they can be: the circle follows the center and they are affiliated.
private func linkedOrganizers(_ app: TestApp) async throws -> (Visitor, Visitor) {
    var (alice, carol) = try await twoOrganizers(app)
    _ = try await alice.post("/groups/north-center/followers", [("group", "leeds-circle")])
    _ = try await alice.post("/groups/north-center/affiliations", [("group", "leeds-circle")])
    let id = try affiliationID(try await carol.api(.get, "/api/v1/groups/north-center/affiliations"))
    _ = try await carol.post("/groups/north-center/affiliations/\(id)/accept")
    try #require(try await rows(app, "follows") == 1)
    let accepted = try await app.store.sql.raw("SELECT status FROM affiliations").first()
    try #require(try accepted?.decode(column: "status", as: String.self) == "accepted")
    return (alice, carol)
}

/// Checks that `visitor`, who organizes a linked group, can do nothing in the group `slug`.
private func expectNoRights(
    _ app: TestApp,
    _ visitor: inout Visitor,
    in slug: String,
    name: String,
    organizer: String
) async throws {
    var eve = try await app.person("eve")
    _ = try await eve.post("/groups/\(slug)/join")
    let eveID = try await personID(app, "eve")
    let organizerID = try await personID(app, organizer)
    let edit = [
        ("name", "Taken Over"), ("description", ""), ("place_kind", "city"), ("city", "Leeds"), ("place_name", ""),
        ("visibility", "public"), ("join_policy", "open"), ("basis", "Ours now"),
    ]
    let page = try await visitor.get("/groups/\(slug)")
    #expect(page.status == .ok)
    for link in ["edit", "members", "posts/new"] { #expect(!page.contains(#"href="/groups/\#(slug)/\#(link)""#)) }
    #expect(try await visitor.get("/groups/\(slug)/members").status == .notFound)
    #expect(try await visitor.get("/groups/\(slug)/edit").status == .notFound)
    #expect(try await visitor.post("/groups/\(slug)/edit", edit).status == .notFound)
    #expect(
        [HTTPResponse.Status.forbidden, .notFound].contains(try await visitor.get("/groups/\(slug)/posts/new").status)
    )
    let post = try await visitor.post("/groups/\(slug)/posts", [("title", "Hijack"), ("body", "Text")])
    #expect([HTTPResponse.Status.forbidden, .notFound].contains(post.status))
    let apiPost = try await visitor.api(
        .post,
        "/api/v1/groups/\(slug)/posts",
        json: #"{"title":"Hijack","body":"Text"}"#
    )
    #expect([HTTPResponse.Status.forbidden, .notFound].contains(apiPost.status))
    #expect(try await visitor.post("/groups/\(slug)/members/\(eveID)/approve").status == .notFound)
    #expect(try await visitor.post("/groups/\(slug)/members/\(organizerID)/remove").status == .notFound)
    #expect(
        try await visitor.post("/groups/\(slug)/members/\(organizerID)/role", [("role", "member")]).status == .notFound
    )
    #expect(try await visitor.post("/groups/\(slug)/invites").status == .notFound)
    #expect(try await visitor.api(.get, "/api/v1/groups/\(slug)").json["memberCount"] == nil)
    // nothing changed
    #expect(try await visitor.get("/groups/\(slug)").contains("<h1>\(name)</h1>"))
    let posts = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM posts").first()
    #expect(try posts?.decode(column: "n", as: Int.self) == 0)
    let statuses = try await app.store.sql.raw(
        "SELECT m.status, m.role FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.handle IN ('eve', \(bind: organizer))"
    ).all()
    let pairs = try statuses.map {
        "\(try $0.decode(column: "role", as: String.self))/\(try $0.decode(column: "status", as: String.self))"
    }
    #expect(pairs.sorted() == ["member/pending", "organizer/active"])
}

private func rows(_ app: TestApp, _ table: String) async throws -> Int {
    try await app.store.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(
        column: "n",
        as: Int.self
    ) ?? 0
}

private func personID(_ app: TestApp, _ handle: String) async throws -> Int {
    let row = try await app.store.sql.raw("SELECT id FROM people WHERE handle = \(bind: handle)").first()
    return try #require(try row?.decode(column: "id", as: Int.self))
}

/// The `<section id="affiliations">` of a group page.
private func affiliationsSection(_ page: Page) -> String {
    guard let start = page.body.range(of: #"<section id="affiliations""#) else { return "" }
    let rest = page.body[start.lowerBound...]
    return String(rest[..<(rest.range(of: "</section>")?.upperBound ?? rest.endIndex)])
}

private func affiliations(_ page: Page) -> [[String: Any]] {
    page.json["affiliations"] as? [[String: Any]] ?? []
}

private func affiliationID(_ page: Page) throws -> Int {
    try #require(affiliations(page).first?["id"] as? Int)
}

private func summaries(_ page: Page, _ key: String) -> [String] {
    (page.json[key] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
}
