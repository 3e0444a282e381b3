import Foundation
import Testing

@Suite("Decisions: who may see, vote on and run a decision")
struct DecisionAccessTests {
    @Test func outsidersAreToldNothingAndMembersOnlyVote() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle's decision; a latecomer joins after it opened
            var circle = try await decisionCircle(app, visibility: "private")
            let id = try await openDecision(app, &circle.olive, in: circle.slug, title: "Secret strike fund")
            var late = try await app.person("lee")
            let token = try await circle.olive.createInvite(circle.slug)
            try #require(try await late.post("/invites/\(token)").status == .seeOther)
            let anonymous = app.visitor()
            let admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()

            // act and check: strangers, the admin and anonymous visitors learn nothing
            for visitor in [circle.sam, admin, anonymous] {
                var visitor = visitor
                for path in [
                    "/decisions/\(id)", "/decisions/\(id)/board", "/decisions/\(id)/ballots.blt",
                    "/decisions/\(id)/close", "/groups/\(circle.slug)/decisions",
                    "/groups/\(circle.slug)/decisions/new",
                ] {
                    let page = try await visitor.get(path)
                    #expect(
                        page.status == .notFound
                            || (page.status == .seeOther && page.location?.hasPrefix("/login") == true),
                        "\(path) answered \(page.status)"
                    )
                    #expect(!page.contains("Secret strike fund"))
                }
                let mine = try await visitor.get("/decisions")
                #expect(!mine.contains("Secret strike fund"))
                let cast = try await visitor.post("/decisions/\(id)/vote", [("position", "yes")])
                #expect([.notFound, .unauthorized, .forbidden].contains(cast.status))
            }
            // A member who joined after the vote opened sees it but is not among the voters.
            let latePage = try await late.get("/decisions/\(id)")
            let lateVote = try await vote(&late, on: id, [("position", "yes")])
            #expect(latePage.contains("Secret strike fund") && latePage.contains("You are not among the voters"))
            #expect(lateVote.status == .forbidden)
            // A plain member may not open or close decisions.
            let form = try await circle.mona.get("/groups/\(circle.slug)/decisions/new")
            let close = try await circle.mona.post("/decisions/\(id)/close")
            #expect(form.status == .forbidden && close.status == .forbidden)
            // Members find it in their lists, waiting for their vote.
            let list = try await circle.mona.get("/decisions")
            let groupList = try await circle.mona.get("/groups/\(circle.slug)/decisions")
            #expect(list.contains("Secret strike fund") && list.contains("waiting for your vote"))
            #expect(groupList.contains("Secret strike fund") && !groupList.contains("Put a question to the vote"))
            // Nobody voted: the count stays hidden, and so does turnout under three.
            try #require(try await vote(&circle.mona, on: id, [("position", "yes")]).status == .seeOther)
            let page = try await circle.olive.get("/decisions/\(id)")
            #expect(page.contains("Fewer than 3 have voted so far."))
        }
    }

    @Test func emptyListsSayWhatWillAppear() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await decisionCircle(app)

            // act
            let mine = try await circle.sam.get("/decisions")
            let group = try await circle.olive.get("/groups/\(circle.slug)/decisions")
            let groupPage = try await circle.mona.get("/groups/\(circle.slug)")

            // check
            #expect(mine.contains("No decisions in your groups yet."))
            #expect(group.contains("No decisions yet.") && group.contains("Put a question to the vote"))
            #expect(groupPage.contains("href=\"/groups/\(circle.slug)/decisions\">Decisions</a>"))
        }
    }
}
