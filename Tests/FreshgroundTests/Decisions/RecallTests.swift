import Foundation
import Testing

@Suite("Decisions: recalling a holder of a seat")
struct RecallTests {
    @Test func aRecallReachingItsCosignersOpensAVoteWhosePassingEndsTheTerm() async throws {
        try await withApp(mail: false) { app in
            // setup: five active members (three co-signers needed); mona elected to the one-seat body
            var circle = try await decisionCircle(app, members: 4)
            let body = try await createBody(&circle.olive, in: circle.slug, name: "Officers", seats: 1)
            let election = try await startElection(app, &circle.olive, body: body, candidates: "mona", kind: "election")
            try #require(try await vote(&circle.nia, on: election, [("option-0", "yes")]).status == .seeOther)
            try #require(try await circle.olive.post("/decisions/\(election)/close").status == .seeOther)
            let refused = try await circle.nia.post("/bodies/\(body)/recall", [("holder", "mona"), ("reason", "")])
            let started = try await circle.nia.post(
                "/bodies/\(body)/recall",
                [("holder", "mona"), ("reason", "Spent the strike fund on a car.")]
            )
            let recall = try #require(started.location)

            // act: one co-signs and takes it back; three co-sign
            let first = try await circle.members[2].post("\(recall)/sign")
            let twoOfThree = try await circle.members[2].get(recall)
            let confirm = try await circle.members[2].get("\(recall)/withdraw")
            try #require(try await circle.members[2].post("\(recall)/withdraw").status == .seeOther)
            let withdrawn = try await circle.olive.get(recall)
            let own = try await circle.mona.post("\(recall)/sign")
            try #require(try await circle.members[2].post("\(recall)/sign").status == .seeOther)
            try #require(try await circle.members[3].post("\(recall)/sign").status == .seeOther)
            let opening = try await circle.olive.post("\(recall)/sign")
            let vote = try #require(opening.location.flatMap { Int($0.split(separator: "/").last ?? "") })
            let second = try await circle.nia.post(
                "/bodies/\(body)/recall",
                [("holder", "mona"), ("reason", "Once more.")]
            )
            let opened = try await circle.nia.get(recall)
            let notices = try await circle.mona.get("/notifications")
            let organizerNotices = try await circle.olive.get("/notifications")
            let decision = try await circle.nia.get("/decisions/\(vote)")
            for index in [1, 2, 3] {
                try #require(try await voteOn(&circle.members[index], vote, "yes").status == .seeOther)
            }
            try #require(try await voteOn(&circle.olive, vote, "yes").status == .seeOther)
            try #require(try await voteOn(&circle.mona, vote, "no").status == .seeOther)
            let before = try await anonymousGet(app, "/groups/\(circle.slug)/bodies")
            app.clock.advance(seconds: 600)
            let recalledAt = app.clock.now
            try #require(try await circle.olive.post("/decisions/\(vote)/close").status == .seeOther)
            let after = try await anonymousGet(app, "/groups/\(circle.slug)/bodies")
            let membersAfter = try await circle.nia.get("/groups/\(circle.slug)/bodies")

            // check
            #expect(
                refused.status == .unprocessableContent && refused.contains("Say why the holder should be recalled.")
            )
            #expect(first.status == .seeOther && twoOfThree.contains("1 of the 3 co-signers needed"))
            #expect(twoOfThree.contains("Spent the strike fund on a car.") && twoOfThree.contains("Started by @nia"))
            #expect(confirm.contains("Take your name off the recall of @mona?") && confirm.contains("class=\"danger\""))
            #expect(
                withdrawn.contains("0 of the 3 co-signers needed") && withdrawn.contains("Nobody has co-signed yet.")
            )
            #expect(own.status == .unprocessableContent && own.contains("your own seat"))
            #expect(second.status == .unprocessableContent && second.contains("already under way"))
            #expect(second.contains("Once more."))
            #expect(opened.contains("The recall vote is open") && opened.contains("@olive"))
            #expect(notices.contains("a vote on recalling @mona from Officers is open"))
            #expect(organizerNotices.contains("a vote on recalling @mona from Officers is open"))
            #expect(decision.contains("Recall @mona from Officers") && decision.contains("two-thirds"))
            #expect(decision.contains("Secret"))
            #expect(before.contains("<th scope=\"row\">@mona</th>"))
            #expect(!after.contains("<th scope=\"row\">@mona</th>"))
            #expect(after.contains("@mona: recalled") && after.contains(timeAttribute(recalledAt)))
            #expect(membersAfter.contains("href=\"/decisions/\(vote)\">a recall vote</a>"))
            #expect(after.contains("by a recall vote") && !after.contains("/decisions/\(vote)"))
        }
    }

    @Test func aRecallThatFailsLeavesTheHolderSeated() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await decisionCircle(app, members: 4)
            let body = try await createBody(&circle.olive, in: circle.slug, name: "Officers", seats: 1)
            let election = try await startElection(app, &circle.olive, body: body, candidates: "mona", kind: "election")
            try #require(try await vote(&circle.nia, on: election, [("option-0", "yes")]).status == .seeOther)
            try #require(try await circle.olive.post("/decisions/\(election)/close").status == .seeOther)
            let started = try await circle.nia.post(
                "/bodies/\(body)/recall",
                [("holder", "mona"), ("reason", "Late to meetings.")]
            )
            let recall = try #require(started.location)
            for index in [2, 3] {
                try #require(try await circle.members[index].post("\(recall)/sign").status == .seeOther)
            }
            let opening = try await circle.olive.post("\(recall)/sign")
            let vote = try #require(opening.location.flatMap { Int($0.split(separator: "/").last ?? "") })

            // act: one yes of three votes cast (abstentions count) falls short of two-thirds
            try #require(try await voteOn(&circle.nia, vote, "yes").status == .seeOther)
            try #require(try await voteOn(&circle.olive, vote, "no").status == .seeOther)
            try #require(try await voteOn(&circle.mona, vote, "abstain").status == .seeOther)
            try #require(try await circle.olive.post("/decisions/\(vote)/close").status == .seeOther)
            let page = try await circle.sam.get("/groups/\(circle.slug)/bodies")

            // check
            #expect(page.contains("<th scope=\"row\">@mona</th>") && !page.contains("recalled"))
        }
    }
}

/// Votes on a motion through the form.
private func voteOn(_ visitor: inout Visitor, _ id: Int, _ position: String) async throws -> Page {
    try await vote(&visitor, on: id, [("position", position)])
}
