import Decisions
import Foundation
import Testing

@Suite("Decisions: what voters are told, and published results")
struct DecisionNoticeTests {
    @Test func votersAreToldOfTheOpeningTheLastDayAndTheResultButNeverOfABallot() async throws {
        try await withApp(mail: false) { app in
            // setup: a secret motion closing in two days
            var circle = try await decisionCircle(app)
            let id = try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                title: "Buy a banner",
                [("closesAt", utcInput(app.clock.now.addingTimeInterval(2 * 86_400)))]
            )
            let services = app.services()

            // act
            try #require(try await vote(&circle.mona, on: id, [("position", "yes")]).status == .seeOther)
            let early = try await sendDecisionNotices(services: services)
            app.clock.advance(seconds: 86_400 + 60)
            let reminded = try await sendDecisionNotices(services: services)
            let again = try await sendDecisionNotices(services: services)
            app.clock.advance(seconds: 86_400)
            let announced = try await sendDecisionNotices(services: services)
            let opened = try await notices(app, about: "a vote on “Buy a banner”")
            let closing = try await notices(app, about: "Voting on “Buy a banner” closes")
            let result = try await notices(app, about: "Result of “Buy a banner”")

            // check: the opening goes to the voters but the organizer who opened it; the reminder only to those who
            // have not voted; the result to all, with the rule that decided
            #expect(early == 0 && reminded == 1 && again == 0 && announced == 1)
            #expect(opened.map(\.handle) == ["mona", "nia"])
            #expect(closing.map(\.handle) == ["nia", "olive"])
            #expect(result.map(\.handle) == ["mona", "nia", "olive"])
            #expect(result.first?.body.hasPrefix("Passed: 1 yes of 1 yes and no vote;") == true)
            #expect(result.allSatisfy { $0.kind == "vote" && $0.path == "/decisions/\(id)" })
        }
    }

    @Test func organizersCanTurnTheReminderOffAndTheFormKeepsTheirChoice() async throws {
        try await withApp(mail: false) { app in
            // setup: a motion without a reminder, closing in two days
            var circle = try await decisionCircle(app)
            let id = try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                title: "Paint the office",
                [("remind", "-"), ("closesAt", utcInput(app.clock.now.addingTimeInterval(2 * 86_400)))]
            )
            let refused = try await circle.olive.post(
                "/groups/\(circle.slug)/decisions/new",
                [("title", ""), ("kind", "motion"), ("_submitted", "1"), ("reasons", "optional")]
            )

            // act
            let blank = try await circle.olive.get("/groups/\(circle.slug)/decisions/new")
            let page = try await circle.mona.get("/decisions/\(id)")
            app.clock.advance(seconds: 86_400 + 60)
            let reminded = try await sendDecisionNotices(services: app.services())
            let closing = try await notices(app, about: "Voting on “Paint the office” closes")

            // check: stated on the page, and nobody reminded; a refused form leaves the box as it was sent (unticked)
            #expect(blank.contains(#"id="remind" name="remind" type="checkbox" value="on" checked"#))
            #expect(page.contains("<dt>Reminder</dt><dd>None</dd>"))
            #expect(reminded == 0 && closing.isEmpty)
            #expect(refused.status == .unprocessableContent)
            #expect(!refused.contains(#"id="remind" name="remind" type="checkbox" value="on" checked"#))
        }
    }

    @Test func aPublishedResultIsReadByEveryoneWithoutWhoVotedWhat() async throws {
        try await withApp(mail: false) { app in
            // setup: an open motion published once closed, and one not published
            var circle = try await decisionCircle(app)
            let published = try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                title: "Endorse the strike",
                [("secret", "-"), ("publicResults", "on")]
            )
            let unpublished = try await openDecision(app, &circle.olive, in: circle.slug, title: "Change the treasurer")
            try #require(
                try await vote(&circle.mona, on: published, [("position", "yes"), ("reason", "Solidarity.")]).status
                    == .seeOther
            )
            var anonymous = app.visitor()

            // act
            let before = try await anonymous.get("/decisions/\(published)")
            app.clock.advance(seconds: 2 * 86_400)
            let after = try await anonymous.get("/decisions/\(published)")
            let stranger = try await circle.sam.get("/decisions/\(published)")
            let hidden = try await anonymous.get("/decisions/\(unpublished)")
            let feed = try await anonymous.get("/groups/\(circle.slug)/decisions.atom")
            let parsed = try parseFeed(feed.body)

            // check
            #expect(before.status == .notFound && hidden.status == .notFound)
            #expect(after.status == .ok && after.contains("Passed: 1 yes of 1 yes and no vote;"))
            #expect(!after.contains("@mona") && !after.contains("Solidarity.") && !after.contains("Who voted what"))
            #expect(stranger.status == .ok && !stranger.contains("@mona"))
            #expect(feed.status == .ok && parsed.entries.map(\.title) == ["Result: Endorse the strike"])
            #expect(!feed.contains("Change the treasurer"))
        }
    }

    @Test func aPublishedRankedResultShowsTheCountButNotTheBallotsToOutsiders() async throws {
        try await withApp(mail: false) { app in
            // setup: a published STV choice, closed
            var circle = try await decisionCircle(app)
            let id = try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                title: "Choose the paper's name",
                [("kind", "ranked"), ("options", "Spark\nTide\nRoots"), ("seats", "1"), ("publicResults", "on")]
            )
            try #require(try await vote(&circle.mona, on: id, [("option-1", "1")]).status == .seeOther)
            app.clock.advance(seconds: 2 * 86_400)
            var anonymous = app.visitor()

            // act
            let outsider = try await anonymous.get("/decisions/\(id)")
            let ballots = try await anonymous.get("/decisions/\(id)/ballots.blt")
            let member = try await circle.nia.get("/decisions/\(id)")

            // check: the count for everyone; the ballot file and its link for the electorate only
            #expect(outsider.status == .ok && outsider.contains("Tide"))
            #expect(!outsider.contains("ballots.blt") && ballots.status == .notFound)
            #expect(member.contains("href=\"/decisions/\(id)/ballots.blt\""))
        }
    }

    @Test func aPrivateGroupCannotPublishAResult() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await decisionCircle(app, visibility: "private")

            // act
            let refused = try await circle.olive.post(
                "/groups/\(circle.slug)/decisions/new",
                [
                    ("title", "Publish me"), ("kind", "motion"), ("publicResults", "on"), ("_submitted", "1"),
                    ("closesAt", utcInput(app.clock.now.addingTimeInterval(86_400))), ("majority", "simple"),
                    ("base", "yes-no"), ("reasons", "none"), ("rankedRule", "scottish-stv"),
                ]
            )
            var outsider = app.visitor()
            let feed = try await outsider.get("/groups/\(circle.slug)/decisions.atom")

            // check
            #expect(refused.status == .unprocessableContent && refused.contains("Only a public group can publish"))
            #expect(refused.contains("value=\"Publish me\""))
            #expect(feed.status == .notFound)
        }
    }
}
