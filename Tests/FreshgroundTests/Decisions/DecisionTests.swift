import Foundation
import Testing

@Suite("Decisions: putting a question to a group's vote")
struct DecisionTests {
    @Test func aSecretMotionIsCountedAtTheCloseAndSaysWhichRuleDecided() async throws {
        try await withApp(mail: false) { app in
            // setup: olive, mona, nia, m4, m5; a secret motion by simple majority of yes and no
            var circle = try await decisionCircle(app, members: 4)
            let id = try await openDecision(app, &circle.olive, in: circle.slug)

            // act
            for (index, choice) in ["yes", "yes", "no", "abstain"].enumerated() {
                try #require(try await vote(&circle.members[index], on: id, [("position", choice)]).status == .seeOther)
            }
            try #require(try await vote(&circle.olive, on: id, [("position", "yes")]).status == .seeOther)
            let during = try await circle.mona.get("/decisions/\(id)")
            app.clock.advance(seconds: 2 * 86_400)
            let after = try await circle.nia.get("/decisions/\(id)")
            let again = try await circle.olive.get("/decisions/\(id)")

            // check: nothing of the count before the close; the outcome and its rule after
            #expect(during.contains("The ballot is secret: no count is shown before voting closes."))
            #expect(during.contains("5 of 5 have voted.") && during.contains("You have voted."))
            #expect(!during.contains("Passed") && !during.contains("<table class=\"totals\""))
            #expect(during.contains("more than half of the yes and no votes"))
            #expect(after.contains("Passed: 3 yes of 4 yes and no votes; more than half needed."))
            #expect(after.contains("<th scope=\"row\">Votes</th><td>3</td><td>1</td><td>1</td>"))
            #expect(after.contains("Voting closed"))
            #expect(again.body.contains("Passed: 3 yes of 4"))
        }
    }

    @Test func anOpenConsentVoteFailsOnOneBlockAndPutsTheDissentOnRecord() async throws {
        try await withApp(mail: false) { app in
            // setup: an open consent proposal with reasons
            var circle = try await decisionCircle(app)
            let id = try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                title: "Share a stall with the Greens",
                [("kind", "consent"), ("secret", "-"), ("reasons", "optional")]
            )

            // act
            try #require(try await vote(&circle.olive, on: id, [("position", "agree")]).status == .seeOther)
            let blocked = try await vote(
                &circle.mona,
                on: id,
                [("position", "block"), ("reason", "They voted for the evictions.")]
            )
            let during = try await circle.nia.get("/decisions/\(id)")
            let confirm = try await circle.olive.get("/decisions/\(id)/close")
            let closed = try await circle.olive.post("/decisions/\(id)/close")
            let after = try await circle.nia.get("/decisions/\(id)")
            let late = try await vote(&circle.nia, on: id, [("position", "agree")])

            // check: the running count is shown (an open vote), the block decides, names and reasons are public
            #expect(blocked.status == .seeOther)
            #expect(during.contains("Shown as votes come in") && during.contains("Blocked by 1."))
            #expect(confirm.contains("Close the vote now") && confirm.contains("class=\"danger\""))
            #expect(closed.status == .seeOther)
            #expect(after.contains("Blocked by 1.") && !after.contains("Voting closes"))
            #expect(after.contains("<th scope=\"row\">@mona</th><td>Block</td><td>They voted for the evictions.</td>"))
            #expect(after.contains("<th scope=\"row\">@olive</th><td>Agree</td>"))
            #expect(after.contains("Voting has closed; you did not vote."))
            #expect(late.status == .unprocessableContent || late.status == .forbidden)
        }
    }

    @Test func aRankedElectionPublishesItsStagesChartAndBallots() async throws {
        try await withApp(mail: false) { app in
            // setup: two seats among three candidates, by Scottish STV
            var circle = try await decisionCircle(app, members: 4)
            let id = try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                title: "Editorial board",
                [("kind", "ranked"), ("options", "Ana\nBo\nCy"), ("seats", "2")]
            )
            let ballots: [[(String, String)]] = [
                [("option-0", "1"), ("option-1", "2")], [("option-0", "1"), ("option-2", "2")],
                [("option-0", "1"), ("option-1", "2")], [("option-1", "1")], [("option-2", "1"), ("option-1", "2")],
            ]

            // act
            var voters = circle.members + [circle.olive]
            for index in ballots.indices {
                try #require(try await vote(&voters[index], on: id, ballots[index]).status == .seeOther)
            }
            app.clock.advance(seconds: 2 * 86_400)
            let page = try await circle.mona.get("/decisions/\(id)")
            let blt = try await circle.mona.get("/decisions/\(id)/ballots.blt")

            // check: quota 5/3+1 = 2; Ana 3 elected at stage 1, her surplus of 1 passes at a third a paper: two to Bo, one to Cy
            #expect(page.contains("Elected by Scottish STV"))
            #expect(page.contains("The count, stage by stage") && page.contains("quota 2.00000"))
            #expect(page.contains("Surplus of Ana") && page.contains("+0.66666") && page.contains("+0.33333"))
            #expect(page.contains("<svg role=\"img\"") && page.contains("Votes at the last stage"))
            #expect(blt.status == .ok && blt.contains("\"Ana\"") && blt.contains("3 2"))
            #expect(blt.headers[.contentDisposition]?.contains("attachment") == true)
        }
    }

    @Test func aRefusedBallotComesBackWithEveryMarkAsSent() async throws {
        try await withApp(mail: false) { app in
            // setup: a ranked vote with reasons required
            var circle = try await decisionCircle(app)
            let id = try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                [("kind", "ranked"), ("options", "Ana\nBo\nCy"), ("reasons", "required")]
            )

            // act: two firsts and no reason, then a right ballot
            let refused = try await vote(
                &circle.mona,
                on: id,
                [("option-0", "1"), ("option-1", "1"), ("option-2", "")]
            )
            let fixed = try await vote(
                &circle.mona,
                on: id,
                [("option-0", "1"), ("option-1", "2"), ("reason", "Ana writes best.")]
            )
            let twice = try await vote(&circle.mona, on: id, [("option-0", "1"), ("reason", "again")])

            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("id=\"ballot-error\"") && refused.contains("Give a reason for your vote."))
            #expect(refused.contains("<option value=\"1\" selected>1</option>"))
            #expect(fixed.status == .seeOther)
            #expect(twice.status == .unprocessableContent || twice.status == .forbidden)
            let page = try await circle.mona.get("/decisions/\(id)")
            #expect(page.contains("You have voted.") && !page.contains("Cast my vote"))
        }
    }

    @Test func theFormKeepsEverythingOnErrorAndStatesTheRules() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await decisionCircle(app)

            // act: no closing time and a single ranked choice
            let refused = try await circle.olive.post(
                "/groups/\(circle.slug)/decisions/new",
                [
                    ("title", "Who chairs"), ("kind", "ranked"), ("options", "Ana"), ("seats", "1"),
                    ("majority", "two-thirds"), ("base", "cast"), ("quorumPercent", "50"), ("zone", "Europe/Berlin"),
                    ("closesAt", ""), ("_submitted", "1"), ("rankedRule", "irv"), ("reasons", "none"),
                ]
            )

            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("value=\"Who chairs\"") && refused.contains("Europe/Berlin"))
            #expect(refused.contains("<option value=\"two-thirds\" selected>"))
            #expect(refused.contains("<option value=\"irv\" selected>"))
            #expect(refused.contains("Say when voting closes."))
            #expect(!refused.contains("name=\"secret\" type=\"checkbox\" value=\"on\" checked"))
        }
    }
}
