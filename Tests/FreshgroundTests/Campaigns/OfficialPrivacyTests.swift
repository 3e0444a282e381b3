import Foundation
import Testing

/// A private group's official, its co-endorsements and its accountability reviews exist only for those who may see
/// the group: pages, the JSON API and search are "not found" or silent for an anonymous visitor, a signed-in
/// stranger and the site's admin.
@Suite("Campaigns: a private group's officials and reviews stay private")
struct OfficialPrivacyTests {
    @Test func aPrivateGroupsOfficialAndItsReviewsAreInvisibleToOutsidersAndTheAdmin() async throws {
        try await withApp { app in
            // setup: the private Leeds Tenants (olive organizes, bob is a member) records Ada Brennan and opens a
            // review, which Ada answers through the mailed link.
            var s = try await OfficialTests().setup(app, visibility: "private")
            let email = "hidwen-\(UUID().uuidString.prefix(8).lowercased())@council.example"
            try #require(
                try await s.olive.post("/officials/\(s.official)/contact", [("contactEmail", email)]).status
                    == .seeOther
            )
            try #require(
                try await s.olive.post(
                    "/officials/\(s.official)/reviews",
                    [("questions", "QuietQuestionText about repairs"), ("replyBy", "2026-12-01")]
                ).status == .seeOther
            )
            let mail = try #require(try await Mailbox.messages(to: email).last)
            let link = try #require(Mailbox.links(in: mail.body).first { $0.contains("/officials/answer/") })
            let answerPath = String(link[try #require(link.range(of: "/officials/answer/")).lowerBound...])
            var hidwen = app.visitor()
            _ = try await hidwen.get(answerPath)
            try #require(try await hidwen.post(answerPath, [("answer", "QuietAnswerText")]).status == .seeOther)
            let review = try #require(
                try await app.store.sql.select().column("id").from("official_reviews").first()?.decode(
                    column: "id",
                    as: Int.self
                )
            )
            let admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            let stranger = try await app.person("eve")
            let hidden = [
                s.page, "\(s.page)?page=2", "/officials/\(s.official)/reviews/\(review)", "/groups/\(s.slug)/officials",
                "/api/v1/officials/\(s.official)", "/api/v1/officials/\(s.official)/reviews",
                "/api/v1/groups/\(s.slug)/officials",
            ]
            for (who, visitor) in [("anonymous", app.visitor()), ("stranger", stranger), ("admin", admin)] {
                var visitor = visitor
                for path in hidden {
                    // act
                    let page =
                        path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
                    // check
                    #expect(page.status == .notFound, "\(who) \(path): \(page.status)")
                    #expect(!page.contains("Ada Brennan") && !page.contains("QuietQuestionText"), "\(who) \(path)")
                }
                let words = ["Ada Brennan", "QuietQuestionText", "QuietAnswerText"]
                for query in words {
                    // The search page repeats the query; nothing else of the official may appear.
                    let found = try await visitor.get("/search?q=\(Visitor.encode(query))")
                    #expect(found.status == .ok, "\(who) search")
                    #expect(!found.contains("/officials/"), "\(who) search \(query)")
                    for other in words where other != query {
                        #expect(!found.contains(other), "\(who) search \(query)")
                    }
                }
                let start = try await visitor.get("/")
                #expect(!start.contains("Ada Brennan"), "\(who) start page")
            }
            // check: the group's members see all of it
            let members = try await s.bob.get("/officials/\(s.official)/reviews/\(review)")
            #expect(
                members.status == .ok && members.contains("QuietQuestionText") && members.contains("QuietAnswerText")
            )
        }
    }
}
