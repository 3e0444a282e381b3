import Foundation
import Testing

@Suite("Decisions: votes and results on a member's home page")
struct DecisionHomeTests {
    @Test func aMemberSeesTheVoteWaitingForThemThenItsResultForTwoWeeks() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle's secret motion closing in a day
            var circle = try await decisionCircle(app, visibility: "private")
            let id = try await openDecision(app, &circle.olive, in: circle.slug, title: "Buy a banner")

            // act
            let before = try await circle.mona.get("/").body
            try #require(try await vote(&circle.mona, on: id, [("position", "yes")]).status == .seeOther)
            let voted = try await circle.mona.get("/").body
            let stranger = try await circle.sam.get("/").body
            app.clock.advance(seconds: 86_400 + 60)
            let closed = try await circle.nia.get("/").body
            app.clock.advance(seconds: 14 * 86_400)
            let later = try await circle.nia.get("/").body

            // check: waiting for mona's vote, then open without asking; a result for two weeks; nothing for sam
            let link = "<a href=\"/decisions/\(id)\">Buy a banner</a>"
            #expect(before.contains("Votes in your groups") && before.contains(link))
            #expect(before.contains("waiting for your vote"))
            #expect(voted.contains(link) && !voted.contains("waiting for your vote") && voted.contains("open until"))
            #expect(!stranger.contains("Buy a banner") && !stranger.contains("Votes in your groups"))
            #expect(closed.contains("Results of the last two weeks") && closed.contains(link))
            #expect(closed.contains("closed "))
            #expect(!later.contains("Buy a banner") && !later.contains("Votes in your groups"))
        }
    }

    @Test func votesWaitingForThePersonComeBeforeOnesTheyHaveCast() async throws {
        try await withApp(mail: false) { app in
            // setup: two motions, the one closing first already voted on
            var circle = try await decisionCircle(app)
            let first = try await openDecision(app, &circle.olive, in: circle.slug, title: "Print leaflets")
            try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                title: "Hire a hall",
                [("closesAt", utcInput(app.clock.now.addingTimeInterval(3 * 86_400)))]
            )
            try #require(try await vote(&circle.mona, on: first, [("position", "no")]).status == .seeOther)

            // act
            let home = try await circle.mona.get("/").body
            let second = try await circle.mona.get("/?page=2").body

            // check: the one still waiting is listed first; the second page of posts repeats no section
            let hall = try #require(home.range(of: "Hire a hall"))
            let leaflets = try #require(home.range(of: "Print leaflets"))
            #expect(hall.lowerBound < leaflets.lowerBound)
            #expect(!second.contains("Votes in your groups"))
        }
    }

    @Test func eachListShowsFiveOpenClosingSoonestAndResultsNewestFirst() async throws {
        try await withApp(mail: false) { app in
            // setup: six motions, closing one to six days from now, created in a shuffled order
            var circle = try await decisionCircle(app)
            for day in [4, 1, 6, 3, 5, 2] {
                let closes = utcInput(app.clock.now.addingTimeInterval(Double(day) * 86_400))
                try await openDecision(
                    app,
                    &circle.olive,
                    in: circle.slug,
                    title: "Motion \(day)",
                    [("closesAt", closes)]
                )
            }

            // act
            let open = try await circle.mona.get("/").body
            app.clock.advance(seconds: 6 * 86_400 + 60)
            let closed = try await circle.mona.get("/").body

            // check: open, the five closing soonest in that order; closed, the five latest to close, newest first
            let titles = { (page: String) in
                (1...6).compactMap { day in page.range(of: "Motion \(day)<").map { (day, $0.lowerBound) } }
                    .sorted { $0.1 < $1.1 }.map(\.0)
            }
            #expect(titles(open) == [1, 2, 3, 4, 5])
            #expect(titles(closed) == [6, 5, 4, 3, 2])
        }
    }
}
