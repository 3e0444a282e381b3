import Foundation
import HTTPTypes
import SQLKit
import Testing

/// Full-text search over published pieces and debates: FTS5 on SQLite, tsvector on PostgreSQL, same results.
/// Search words avoid English stop words, which PostgreSQL drops.
@Suite("Library: search")
struct SearchTests {
    @Test func aWordFindsItsOtherFormsAndTheMatchIsMarked() async throws {
        try await withApp { app in
            // setup
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let id = try await Discussion.publish(
                &carol,
                in: center,
                "Dockers walk out",
                body: "A strike began at dawn."
            )
            // act
            let page = try await Discussion.anonymous(app, "/search?q=strikes")
            let api = try await Discussion.anonymous(app, "/api/v1/search?q=strikes")
            // check
            #expect(
                page.contains(
                    #"<h3><a href="/library/\#(id)">Dockers walk out</a> <span class="badge">Article</span></h3>"#
                )
            )
            #expect(page.contains("<mark>strike</mark>"))
            let items = Discussion.items(api)
            #expect(items.count == 1)
            let hit = try #require(items.first)
            #expect(hit["type"] as? String == "publication")
            #expect(hit["id"] as? Int == id)
            #expect(hit["title"] as? String == "Dockers walk out")
            #expect(hit["publicationKind"] as? String == "article")
            #expect(hit["byline"] as? String == "carol")
            #expect(hit["url"] as? String == "/library/\(id)")
            #expect((hit["snippet"] as? String)?.contains("\u{E000}strike\u{E001}") == true)
        }
    }

    @Test func everyWordMustMatch() async throws {
        try await withApp { app in
            // setup
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            try await Discussion.publish(&carol, in: center, "Rent strike", body: "Tenants withhold rent.")
            try await Discussion.publish(&carol, in: center, "Rent freeze", body: "Council caps rent.")
            // act
            let both = try await Discussion.anonymous(app, "/api/v1/search?q=rent%20strike")
            let one = try await Discussion.anonymous(app, "/api/v1/search?q=rent")
            let none = try await Discussion.anonymous(app, "/search?q=rent%20bakery")
            // check
            #expect(Discussion.items(both).map { $0["title"] as? String } == ["Rent strike"])
            #expect(Discussion.items(one).count == 2)
            #expect(none.contains("Nothing matches “rent bakery”."))
        }
    }

    @Test func aTitleMatchRanksAboveABodyOnlyMatch() async throws {
        try await withApp { app in
            // setup: the body-only match is newer, so only ranking can put the title first
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            try await Discussion.publish(&carol, in: center, "Picket lines hold", body: "Wages and hours.")
            app.clock.advance(seconds: 60)
            try await Discussion.publish(&carol, in: center, "Morning notes", body: "We joined a picket at noon.")
            // act
            let api = try await Discussion.anonymous(app, "/api/v1/search?q=picket")
            let page = try await Discussion.anonymous(app, "/search?q=picket")
            // check
            #expect(Discussion.items(api).map { $0["title"] as? String } == ["Picket lines hold", "Morning notes"])
            let order = try Discussion.offsets(of: ["Picket lines hold", "Morning notes"], in: page.body)
            #expect(order == order.sorted())
        }
    }

    @Test func searchIsNarrowedByKindGroupAndTag() async throws {
        try await withApp { app in
            // setup: two journals, two kinds, two tags, one word in common
            var carol = try await app.person("carol")
            let north = try await carol.createGroup("North Center", kind: "center")
            var dave = try await app.person("dave")
            let south = try await dave.createGroup("South Center", kind: "center")
            try await Discussion.publish(&carol, in: north, "Boycott diary", extra: [("tags", "housing")])
            try await Discussion.publish(&carol, in: north, "Boycott pamphlet", kind: "pamphlet")
            try await Discussion.publish(&dave, in: south, "Southern boycott", extra: [("tags", "transport")])
            var reader = app.visitor()
            func titles(_ query: String) async throws -> [String] {
                Discussion.items(try await reader.api(.get, "/api/v1/search?q=boycott&\(query)"))
                    .compactMap { $0["title"] as? String }.sorted()
            }
            // act
            let byKind = try await titles("kind=pamphlet")
            let byGroup = try await titles("group=south-center")
            let byTag = try await titles("tag=housing")
            let byAll = try await titles("kind=article&group=north-center&tag=housing")
            let page = try await reader.get("/search?q=boycott&kind=pamphlet")
            // check
            #expect(byKind == ["Boycott pamphlet"])
            #expect(byGroup == ["Southern boycott"])
            #expect(byTag == ["Boycott diary"])
            #expect(byAll == ["Boycott diary"])
            #expect(page.contains("Boycott pamphlet"))
            #expect(!page.contains("Boycott diary"))
            #expect(!page.contains("Southern boycott"))
        }
    }

    @Test func searchIsNarrowedByDateRange() async throws {
        try await withApp { app in
            // setup: one piece published on each of three days ten days apart
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            var days: [String] = []
            for title in ["Early walkout", "Middle walkout", "Late walkout"] {
                days.append(Discussion.day(app.clock.now))
                try await Discussion.publish(&carol, in: center, title)
                app.clock.advance(seconds: 10 * 86_400)
            }
            var reader = app.visitor()
            func titles(_ query: String) async throws -> [String] {
                Discussion.items(try await reader.api(.get, "/api/v1/search?q=walkout&\(query)"))
                    .compactMap { $0["title"] as? String }.sorted()
            }
            // act
            let oneDay = try await titles("from=\(days[1])&until=\(days[1])")
            let fromMiddle = try await titles("from=\(days[1])")
            let untilMiddle = try await titles("until=\(days[1])")
            let page = try await reader.get("/search?q=walkout&from=\(days[2])")
            // check
            #expect(oneDay == ["Middle walkout"])
            #expect(fromMiddle == ["Late walkout", "Middle walkout"])
            #expect(untilMiddle == ["Early walkout", "Middle walkout"])
            #expect(page.contains("Late walkout"))
            #expect(!page.contains("Middle walkout"))
        }
    }

    @Test func aMalformedDateIsRefusedWithAMessage() async throws {
        try await withApp { app in
            // setup
            var reader = app.visitor()
            // act
            let page = try await reader.get("/search?q=walkout&from=21%2F09%2F2026")
            let api = try await reader.api(.get, "/api/v1/search?q=walkout&until=yesterday")
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("Give the date as YYYY-MM-DD."))
            #expect(api.status == .unprocessableContent)
            #expect((api.json["errors"] as? [String: String])?["until"] == "Give the date as YYYY-MM-DD.")
        }
    }

    @Test func resultsComeTwentyAPage() async throws {
        try await withApp { app in
            // setup
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            for number in 1...23 {
                try await Discussion.publish(&carol, in: center, "Solidarity note \(number)")
            }
            var reader = app.visitor()
            // act
            let first = try await reader.api(.get, "/api/v1/search?q=solidarity")
            let second = try await reader.api(.get, "/api/v1/search?q=solidarity&page=2")
            let page = try await reader.get("/search?q=solidarity")
            // check
            let ids = (Discussion.items(first) + Discussion.items(second)).compactMap { $0["id"] as? Int }
            #expect(Discussion.items(first).count == 20)
            #expect(first.json["hasNext"] as? Bool == true)
            #expect(Discussion.items(second).count == 3)
            #expect(second.json["hasNext"] as? Bool == false)
            #expect(Set(ids).count == 23, "the pages do not overlap")
            #expect(page.contains(#"<a rel="next" href="/search?q=solidarity&amp;page=2">"#))
        }
    }

    @Test func unpublishedAndPrivatePiecesNeverAppear() async throws {
        try await withApp { app in
            // setup: carol sees all of these, and still only the public published one is found
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let secret = try await carol.createGroup("Secret Cell", kind: "center", visibility: "private")
            let published = try await Discussion.publish(&carol, in: center, "Sabotage published")
            _ = try await Discussion.draft(&carol, in: center, "Sabotage draft")
            let submitted = try await Discussion.draft(&carol, in: center, "Sabotage submitted")
            try await Discussion.submit(&carol, submitted)
            try await Discussion.publish(&carol, in: secret, "Sabotage secret")
            // act
            let api = try await carol.api(.get, "/api/v1/search?q=sabotage")
            let page = try await carol.get("/search?q=sabotage")
            // check
            #expect(Discussion.items(api).compactMap { $0["id"] as? Int } == [published])
            for hidden in ["Sabotage draft", "Sabotage submitted", "Sabotage secret"] {
                #expect(!page.contains(hidden), "\(hidden)")
            }
            #expect(page.contains("Sabotage published"))
        }
    }

    @Test func aWithdrawnPieceDisappearsFromSearch() async throws {
        try await withApp { app in
            // setup
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let id = try await Discussion.publish(&carol, in: center, "Occupation report")
            let before = try await Discussion.anonymous(app, "/api/v1/search?q=occupation")
            // act
            let withdraw = try await carol.post("/library/\(id)/withdraw", [("note", "Names in it")])
            let after = try await Discussion.anonymous(app, "/api/v1/search?q=occupation")
            let page = try await Discussion.anonymous(app, "/search?q=occupation")
            // check
            #expect(Discussion.items(before).count == 1)
            #expect(withdraw.status == .seeOther)
            #expect(Discussion.items(after).isEmpty)
            #expect(page.contains("Nothing matches “occupation”."))
        }
    }

    @Test func debatesAreFoundByQuestionAndPositionAsDebates() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let id = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            _ = try await Discussion.state(&alice, in: id, "Unionize through a ballot")
            // act
            let byQuestion = try await Discussion.anonymous(app, "/api/v1/search?q=dockers")
            let byPosition = try await Discussion.anonymous(app, "/api/v1/search?q=ballot")
            let filtered = try await Discussion.anonymous(app, "/api/v1/search?q=dockers&kind=article")
            let page = try await Discussion.anonymous(app, "/search?q=ballot")
            // check
            let hit = try #require(Discussion.items(byQuestion).first)
            #expect(Discussion.items(byQuestion).count == 1)
            #expect(hit["type"] as? String == "debate")
            #expect(hit["id"] as? Int == id)
            #expect(hit["title"] as? String == "Should dockers unionize?")
            #expect(hit["url"] as? String == "/debates/\(id)")
            #expect(hit["publicationKind"] is NSNull)
            #expect(Discussion.items(byPosition).compactMap { $0["url"] as? String } == ["/debates/\(id)"])
            #expect(Discussion.items(filtered).isEmpty, "a publication filter leaves debates out")
            #expect(
                page.contains(
                    #"<a href="/debates/\#(id)">Should dockers unionize?</a> <span class="badge">Debate</span>"#
                )
            )
        }
    }

    @Test func aPieceLeavesSearchWhileItsJournalIsPrivate() async throws {
        try await withApp { app in
            // setup: a piece signed with a pseudonym in North Center's public journal
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let id = try await Discussion.publish(
                &carol,
                in: center,
                "Harbour blockade",
                body: "The blockade held at the harbour gate.",
                extra: [("byline", "Gull Watcher"), ("pseudonym", "on")]
            )
            let before = try await Self.searched(app, "blockade")
            // act
            try await Self.setVisibility(&carol, center, "private")
            let piece = try await Discussion.anonymous(app, "/library/\(id)")
            let whilePrivate = try await Self.searched(app, "blockade")
            let byGroup = try await Self.searched(app, "blockade", "&group=\(center)")
            try await Self.setVisibility(&carol, center, "public")
            let after = try await Self.searched(app, "blockade")
            // check
            for found in [before, after] {
                #expect(Discussion.items(found.api).compactMap { $0["id"] as? Int } == [id])
                #expect(found.page.contains(#"<a href="/library/\#(id)">Harbour blockade</a>"#))
                #expect(found.page.contains("Gull Watcher"))
                #expect(found.page.contains("<mark>blockade</mark>"))
            }
            #expect(piece.status == .notFound)
            for hidden in [whilePrivate, byGroup] {
                #expect(Discussion.items(hidden.api).isEmpty)
                #expect(hidden.api.json["hasNext"] as? Bool == false)
                for text in ["Harbour blockade", "Gull Watcher", "harbour gate", "/library/\(id)"] {
                    #expect(!hidden.page.contains(text), "\(text)")
                    #expect(!hidden.api.body.contains(text), "\(text)")
                }
            }
            #expect(whilePrivate.page.contains("Nothing matches “blockade”."))
            // The search form takes a group by name among those the visitor can see: a private one is refused
            // like a group that does not exist, without naming it.
            #expect(byGroup.page.status == .unprocessableContent)
            #expect(byGroup.page.contains("There is no group called “\(center)” among those you can choose."))
            #expect(!byGroup.page.contains("North Center"))
        }
    }

    @Test func aPrivateCoPublisherNarrowsNothingButThePieceStaysFound() async throws {
        try await withApp { app in
            // setup: North Center's piece, co-published by South Center, which then turns private
            var carol = try await app.person("carol")
            let north = try await carol.createGroup("North Center", kind: "center")
            var dave = try await app.person("dave")
            let south = try await dave.createGroup("South Center", kind: "center")
            let id = try await Discussion.publish(&carol, in: north, "Harbour blockade")
            try #require(try await carol.post("/library/\(id)/copublishers", [("group", south)]).status == .seeOther)
            let answer = try await dave.post("/library/\(id)/copublishers/\(south)", [("answer", "accept")])
            try #require(answer.status == .seeOther)
            let bySouth = try await Self.searched(app, "blockade", "&group=\(south)")
            // act
            try await Self.setVisibility(&dave, south, "private")
            let bySouthPrivate = try await Self.searched(app, "blockade", "&group=\(south)")
            let byNorth = try await Self.searched(app, "blockade", "&group=\(north)")
            let plain = try await Self.searched(app, "blockade")
            // check: the filter no longer tells that the private group co-publishes it
            #expect(Discussion.items(bySouth.api).compactMap { $0["id"] as? Int } == [id])
            #expect(Discussion.items(bySouthPrivate.api).isEmpty)
            #expect(!bySouthPrivate.page.contains("Harbour blockade"))
            #expect(Discussion.items(byNorth.api).compactMap { $0["id"] as? Int } == [id])
            #expect(Discussion.items(plain.api).compactMap { $0["id"] as? Int } == [id])
        }
    }

    @Test func aPieceNoLongerPublishedIsNotShownEvenIfStillIndexed() async throws {
        try await withApp { app in
            // setup: two pieces; one leaves the published state behind the index's back
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let kept = try await Discussion.publish(&carol, in: center, "Blockade diary")
            let gone = try await Discussion.publish(&carol, in: center, "Blockade pamphlet")
            // act
            try await app.store.sql.raw("UPDATE posts SET status = 'withdrawn' WHERE id = \(bind: gone)").run()
            let found = try await Self.searched(app, "blockade")
            // check
            #expect(Discussion.items(found.api).compactMap { $0["id"] as? Int } == [kept])
            #expect(!found.page.contains("Blockade pamphlet"))
        }
    }

    /// The search page and the API, as an anonymous visitor gets them.
    static func searched(_ app: TestApp, _ words: String, _ more: String = "") async throws -> (page: Page, api: Page) {
        (
            try await Discussion.anonymous(app, "/search?q=\(words)\(more)"),
            try await Discussion.anonymous(app, "/api/v1/search?q=\(words)\(more)")
        )
    }

    /// The organizer changes the group's visibility through its edit form (the rest as the tests create it).
    static func setVisibility(_ organizer: inout Visitor, _ slug: String, _ visibility: String) async throws {
        let name = slug.split(separator: "-").map { $0.capitalized }.joined(separator: " ")
        let fields: [(String, String)] = [
            ("name", name), ("description", ""),
            ("place_kind", "city"), ("city", "Leeds"), ("visibility", visibility), ("join_policy", "open"),
            ("basis", "We stand for solidarity."),
        ]
        let page = try await organizer.post("/groups/\(slug)/edit", fields)
        try #require(page.status == .seeOther, "\(slug) could not turn \(visibility): \(page.status)")
    }
}
