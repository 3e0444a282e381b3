import Foundation
import HTTPTypes
import Testing

@Suite("Conferences: proxies in the plenary")
struct ProxyTests {
    /// Gives `visitor`'s vote to the person with `holder` (a handle).
    static func give(_ visitor: inout Visitor, _ setup: ConferenceSetup, to holder: String) async throws -> Page {
        try await visitor.post("\(setup.base)/proxies", [("holder", "@\(holder)")])
    }

    /// `holder` casts the vote of `giver` in `decision` through the action page's form.
    static func castFor(
        _ holder: inout Visitor,
        _ setup: ConferenceSetup,
        _ decision: Int,
        _ giver: String,
        _ position: String
    ) async throws -> Page {
        try await holder.post(
            "\(setup.base)/decisions/\(decision)/proxy-vote",
            [("for", giver), ("position", position), ("reason", "")]
        )
    }

    @Test func aHolderHoldsAtMostTwoVotesOneProxyPerPersonAndNoChains() async throws {
        try await withApp { app in
            // setup: bob, mona, sara registered, and yann too
            var setup = try await plenarySetup(app)
            try await register(&setup.net.yann, setup)
            // act
            let monaToBob = try await Self.give(&setup.net.mona, setup, to: "bob")
            let saraToBob = try await Self.give(&setup.net.sara, setup, to: "bob")
            let yannToBob = try await Self.give(&setup.net.yann, setup, to: "bob")
            let monaAgain = try await Self.give(&setup.net.mona, setup, to: "yann")
            let bobToYann = try await Self.give(&setup.net.bob, setup, to: "yann")
            let yannToSelf = try await Self.give(&setup.net.yann, setup, to: "yann")
            let yannToCarol = try await Self.give(&setup.net.yann, setup, to: "carol")
            let carolToYann = try await Self.give(&setup.net.carol, setup, to: "yann")
            var anonymous = app.visitor()
            let anonymousPage = try await anonymous.get("\(setup.base)/proxies")
            let bobsPage = try await setup.net.bob.get("\(setup.base)/proxies")
            try await expectRedirect(try await setup.net.sara.post("\(setup.base)/proxies/revoke"))
            let yannAfterRevoke = try await Self.give(&setup.net.yann, setup, to: "bob")
            let revokeNothing = try await setup.net.carol.post("\(setup.base)/proxies/revoke")
            // check
            #expect(monaToBob.status == .seeOther && saraToBob.status == .seeOther)
            #expect(
                conferenceFieldError(yannToBob, "holder")
                    == "That person already holds 2 votes, the most anyone may hold."
            )
            #expect(monaAgain.status == .unprocessableContent)
            #expect(monaAgain.contains("You have already given your vote: revoke that proxy first."))
            #expect(bobToYann.status == .unprocessableContent, "someone holding votes cannot give theirs")
            #expect(conferenceFieldError(yannToSelf, "holder") == "Give your vote to someone else.")
            #expect(conferenceFieldError(yannToCarol, "holder") == "That person is not registered for the conference.")
            #expect(yannToCarol.contains("value=\"@carol\""), "the form keeps its input")
            #expect(carolToYann.status == .forbidden)
            #expect(anonymousPage.status == .seeOther, "to sign in")
            #expect(
                ordered(["mona", "sara"], in: bobsPage.body.components(separatedBy: "Votes you hold").last ?? "").count
                    == 2
            )
            #expect(yannAfterRevoke.status == .seeOther, "a revoked proxy frees a place")
            #expect(revokeNothing.status == .conflict)
        }
    }

    @Test func theFirstBallotForAPersonCountsAndTheOpenVoteRecordsWhoActed() async throws {
        try await withApp { app in
            // setup: mona and sara give their votes to bob; an open motion
            var setup = try await plenarySetup(app)
            try await register(&setup.net.yann, setup)
            try await expectRedirect(try await Self.give(&setup.net.mona, setup, to: "bob"))
            try await expectRedirect(try await Self.give(&setup.net.sara, setup, to: "bob"))
            let action = try await ActionProposalTests.proposeAction(&setup.net.bob, setup, title: "Shared kitchens")
            let decision = try await putToPlenary(app, &setup.net.olive, setup, action)
            // act
            let actionPage = try await setup.net.bob.get("\(setup.base)/actions/\(action)")
            try await expectRedirect(try await vote(&setup.net.sara, on: decision, [("position", "no")]))
            try await expectRedirect(try await vote(&setup.net.bob, on: decision, [("position", "yes")]))
            let forMona = try await Self.castFor(&setup.net.bob, setup, decision, "mona", "yes")
            let forMonaAgain = try await Self.castFor(&setup.net.bob, setup, decision, "mona", "no")
            let forSara = try await Self.castFor(&setup.net.bob, setup, decision, "sara", "yes")
            let monaHerself = try await vote(&setup.net.mona, on: decision, [("position", "no")])
            let byYann = try await Self.castFor(&setup.net.yann, setup, decision, "mona", "no")
            let forHimself = try await Self.castFor(&setup.net.bob, setup, decision, "bob", "no")
            let revokeDuringVote = try await setup.net.mona.post("\(setup.base)/proxies/revoke")
            try await closePlenaryVotes(app)
            let result = try await setup.net.mona.get("/decisions/\(decision)")
            // check
            #expect(actionPage.contains("The vote of mona (@mona), whose proxy you hold"))
            #expect(forMona.status == .seeOther)
            #expect(
                forMonaAgain.status == .unprocessableContent
                    && forMonaAgain.contains("This person&#39;s vote is already cast.")
            )
            #expect(forSara.status == .unprocessableContent, "sara voted first: her own vote counts")
            #expect(monaHerself.status == .unprocessableContent, "bob cast mona's vote first")
            #expect(byYann.status == .forbidden)
            #expect(forHimself.status == .unprocessableContent)
            #expect(revokeDuringVote.status == .conflict)
            let rows = try await app.store.sql.raw(
                """
                SELECT p.handle AS voter, a.handle AS acting, v.marks FROM decision_votes v \
                JOIN people p ON p.id = v.person_id JOIN people a ON a.id = v.acting_id \
                WHERE v.decision_id = \(bind: decision) ORDER BY p.handle
                """
            ).all()
            let stored = try rows.map {
                "\(try $0.decode(column: "voter", as: String.self))/\(try $0.decode(column: "acting", as: String.self))"
            }
            #expect(stored == ["bob/bob", "mona/bob", "sara/sara"])
            #expect(result.contains("Passed: 2 yes of 3"))
        }
    }

    @Test func aSecretVoteByProxyOnlyMarksTheRepresentedPersonAsVoted() async throws {
        try await withApp { app in
            // setup
            var setup = try await plenarySetup(app)
            try await expectRedirect(try await Self.give(&setup.net.mona, setup, to: "bob"))
            let action = try await ActionProposalTests.proposeAction(&setup.net.bob, setup, title: "Secret kitchens")
            let decision = try await putToPlenary(app, &setup.net.olive, setup, action, secret: true)
            // act
            try await expectRedirect(try await Self.castFor(&setup.net.bob, setup, decision, "mona", "yes"))
            // check: mona's row turned to voted, bob's did not; one ballot with no person
            let voted = try await app.store.sql.raw(
                """
                SELECT p.handle FROM decision_electorate e JOIN people p ON p.id = e.person_id \
                WHERE e.decision_id = \(bind: decision) AND e.voted = TRUE
                """
            ).all().map { try $0.decode(column: "handle", as: String.self) }
            #expect(voted == ["mona"])
            let ballots = try await app.store.sql.raw(
                "SELECT COUNT(*) AS n FROM decision_ballots WHERE decision_id = \(bind: decision)"
            ).first()?.decode(column: "n", as: Int.self)
            let named = try await app.store.sql.raw(
                "SELECT COUNT(*) AS n FROM decision_votes WHERE decision_id = \(bind: decision)"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(ballots == 1 && named == 0)
        }
    }
}
