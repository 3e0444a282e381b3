import Foundation
import Testing

@Suite("Decisions: elected bodies and their elections")
struct BodyTests {
    @Test func organizersCreateChangeAndDeleteBodiesAndRefusedFormsKeepInput() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await decisionCircle(app)
            let empty = try await circle.mona.get("/groups/\(circle.slug)/bodies")

            // act
            let refused = try await circle.olive.post(
                "/groups/\(circle.slug)/bodies/new",
                [("name", ""), ("seats", "many"), ("termMonths", "12"), ("description", "Keeps the minutes.")]
            )
            let id = try await createBody(&circle.olive, in: circle.slug, name: "Officers", seats: 2, months: 6)
            let list = try await circle.sam.get("/groups/\(circle.slug)/bodies")
            let changed = try await circle.olive.post(
                "/bodies/\(id)/edit",
                [("name", "Officers of the circle"), ("seats", "3"), ("termMonths", "24"), ("description", "")]
            )
            let afterChange = try await anonymousGet(app, "/groups/\(circle.slug)/bodies")
            let confirm = try await circle.olive.get("/bodies/\(id)/delete")
            let deleted = try await circle.olive.post("/bodies/\(id)/delete")
            let afterDelete = try await circle.olive.get("/groups/\(circle.slug)/bodies")
            let decisions = try await circle.mona.get("/groups/\(circle.slug)/decisions")

            // check
            #expect(
                empty.contains("Riverside Circle has no elected bodies yet.") && !empty.contains("Add an elected body")
            )
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Name the body") && refused.contains("Give a whole number of seats"))
            #expect(refused.contains("value=\"many\"") && refused.contains("Keeps the minutes."))
            #expect(list.contains("Officers") && list.contains("2 seats · terms of 6 months"))
            #expect(list.contains("Nobody holds a seat on Officers now: no election of it has closed yet"))
            #expect(!list.contains("Start an election") && !list.contains("Recalls"))
            #expect(changed.status == .seeOther && afterChange.contains("3 seats · terms of 24 months"))
            #expect(confirm.contains("Delete Officers of the circle?") && confirm.contains("class=\"danger\""))
            #expect(deleted.status == .seeOther && afterDelete.contains("has no elected bodies yet."))
            #expect(decisions.contains("href=\"/groups/\(circle.slug)/bodies\">Elected bodies of Riverside Circle</a>"))
        }
    }

    @Test func anSTVElectionOfAThreeSeatBoardSeatsItsWinnersFromTheClose() async throws {
        try await withApp(mail: false) { app in
            // setup: six voters, four candidates; quota 6/4+1 = 2
            var circle = try await decisionCircle(app, members: 5)
            let body = try await createBody(&circle.olive, in: circle.slug, seats: 3, months: 12)
            let refused = try await circle.olive.post(
                "/bodies/\(body)/election",
                [
                    ("candidates", "mona, nobody-here"), ("kind", "ranked"), ("secret", "on"), ("zone", "UTC"),
                    ("closesAt", ""), ("_submitted", "1"),
                ]
            )
            let id = try await startElection(app, &circle.olive, body: body, candidates: "mona, nia, member3, member4")
            let ballots: [[(String, String)]] = [
                [("option-0", "1"), ("option-3", "2")], [("option-0", "1")], [("option-1", "1")],
                [("option-1", "1"), ("option-3", "2")], [("option-2", "1")], [("option-2", "1"), ("option-0", "2")],
            ]
            var voters = [circle.olive] + circle.members

            // act
            for index in ballots.indices {
                try #require(try await vote(&voters[index], on: id, ballots[index]).status == .seeOther)
            }
            let during = try await circle.sam.get("/groups/\(circle.slug)/bodies")
            app.clock.advance(seconds: 3_600)
            let closedAt = app.clock.now
            try #require(try await circle.olive.post("/decisions/\(id)/close").status == .seeOther)
            app.clock.advance(seconds: 60)
            let page = try await anonymousGet(app, "/groups/\(circle.slug)/bodies")
            let decision = try await circle.mona.get("/decisions/\(id)")
            let membersPage = try await circle.mona.get("/groups/\(circle.slug)/bodies")
            // the term is read from the body at display time, never copied at the close
            try #require(
                try await circle.olive.post(
                    "/bodies/\(body)/edit",
                    [("name", "Editorial board"), ("seats", "3"), ("termMonths", "6"), ("description", "")]
                ).status == .seeOther
            )
            let shorter = try await anonymousGet(app, "/groups/\(circle.slug)/bodies")

            // check
            #expect(refused.status == .unprocessableContent && refused.contains("nobody-here"))
            #expect(refused.contains("value=\"mona, nobody-here\"") || refused.contains("mona, nobody-here"))
            #expect(during.contains("Election under way") && during.contains("no election of it has closed yet"))
            #expect(decision.contains("Election of Editorial board") && decision.contains("@member4"))
            let holders = try #require(page.body.range(of: "held now")).upperBound
            let table = String(page.body[holders...])
            for handle in ["@mona", "@nia", "@member3"] {
                #expect(table.contains("<th scope=\"row\">\(handle)</th>"), "\(handle) holds a seat")
            }
            #expect(!table.contains("<th scope=\"row\">@member4</th>"))
            #expect(page.contains(timeAttribute(closedAt)))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            #expect(page.contains(timeAttribute(calendar.date(byAdding: .month, value: 12, to: closedAt)!)))
            #expect(shorter.contains(timeAttribute(calendar.date(byAdding: .month, value: 6, to: closedAt)!)))
            // the election is linked for members, who may open it; outsiders read its title only
            #expect(membersPage.contains("href=\"/decisions/\(id)\">Election of Editorial board</a>"))
            #expect(page.contains("<td>Election of Editorial board</td>") && !page.contains("/decisions/\(id)"))
        }
    }

    @Test func everyBodyRouteAnswersAnonymousStrangersMembersAndOrganizers() async throws {
        try await withApp(mail: false) { app in
            // setup: a public circle's body with a recall petition, and a private circle's body
            var circle = try await decisionCircle(app, members: 3)
            let body = try await createBody(&circle.olive, in: circle.slug, seats: 1)
            let election = try await startElection(app, &circle.olive, body: body, candidates: "mona", kind: "election")
            try #require(try await vote(&circle.nia, on: election, [("option-0", "yes")]).status == .seeOther)
            try #require(try await circle.olive.post("/decisions/\(election)/close").status == .seeOther)
            let started = try await circle.nia.post(
                "/bodies/\(body)/recall",
                [("holder", "mona"), ("reason", "Never answers the mail.")]
            )
            let recall = try #require(started.location)
            var hana = try await app.person("hana")
            let hidden = try await hana.createGroup("Hidden Circle", visibility: "private")
            let hiddenBody = try await createBody(&hana, in: hidden, name: "Secret committee")
            var hugo = try await app.person("hugo")
            let token = try await hana.createInvite(hidden)
            try #require(try await hugo.post("/invites/\(token)").status == .seeOther)
            var anonymous = app.visitor()
            let pages = [
                "/groups/\(circle.slug)/bodies/new", "/bodies/\(body)/edit", "/bodies/\(body)/delete",
                "/bodies/\(body)/election", "/bodies/\(body)/recall", recall, "\(recall)/withdraw",
            ]
            let posts = [
                "/groups/\(circle.slug)/bodies/new", "/bodies/\(body)/edit", "/bodies/\(body)/delete",
                "/bodies/\(body)/election", "/bodies/\(body)/recall", "\(recall)/sign", "\(recall)/withdraw",
            ]

            // act and check: anonymous visitors are sent to log in (pages) or refused (posts)
            for path in pages {
                var visitor = anonymous
                let page = try await visitor.get(path)
                #expect(page.status == .seeOther && page.location?.hasPrefix("/login") == true, "\(path)")
            }
            for path in posts {
                var visitor = anonymous
                #expect(
                    [.unauthorized, .forbidden, .notFound].contains(try await visitor.post(path).status),
                    "\(path)"
                )
            }
            // a signed-in stranger reads the public list, may change nothing and never sees the petition
            #expect(try await circle.sam.get("/groups/\(circle.slug)/bodies").status == .ok)
            for path in pages.prefix(5) {
                #expect(try await circle.sam.get(path).status == .forbidden, "\(path)")
            }
            for path in [recall, "\(recall)/withdraw"] {
                let page = try await circle.sam.get(path)
                #expect(page.status == .notFound && !page.contains("Never answers the mail."), "\(path)")
            }
            for path in posts {
                #expect([.forbidden, .notFound].contains(try await circle.sam.post(path).status), "\(path)")
            }
            // a member runs no body but starts and reads recalls
            for path in pages.prefix(4) {
                #expect(try await circle.nia.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await circle.nia.get("/bodies/\(body)/recall").status == .ok)
            let petition = try await circle.members[2].get(recall)
            #expect(petition.status == .ok && petition.contains("Never answers the mail."))
            let memberList = try await circle.nia.get("/groups/\(circle.slug)/bodies")
            #expect(memberList.contains("Recall of @mona") && !memberList.contains("Start an election"))
            let publicList = try await anonymous.get("/groups/\(circle.slug)/bodies")
            #expect(publicList.contains("@mona") && !publicList.contains("Recall of @mona"))
            // the organizer runs every page
            for path in pages {
                #expect(try await circle.olive.get(path).status == .ok, "\(path)")
            }
            // a private group's bodies exist for nobody outside it
            for visitor in [circle.sam, anonymous, circle.olive] {
                var visitor = visitor
                for path in [
                    "/groups/\(hidden)/bodies", "/bodies/\(hiddenBody)/edit", "/bodies/\(hiddenBody)/recall",
                ] {
                    let page = try await visitor.get(path)
                    #expect(
                        page.status == .notFound || page.location?.hasPrefix("/login") == true,
                        "\(path) answered \(page.status)"
                    )
                    #expect(!page.contains("Secret committee"))
                }
            }
            let inside = try await hugo.get("/groups/\(hidden)/bodies")
            #expect(inside.contains("Secret committee") && inside.contains("Only the members of"))
        }
    }
}
