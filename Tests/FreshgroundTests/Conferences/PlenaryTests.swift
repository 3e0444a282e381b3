import Foundation
import HTTPTypes
import Testing

@Suite("Conferences: the plenary votes on action proposals and their amendments")
struct PlenaryTests {
    @Test func aProposalIsAmendedThenAdoptedByTheRegisteredParticipants() async throws {
        try await withApp { app in
            // setup: bob, mona and sara are registered; carol is not; olive organizes
            var setup = try await plenarySetup(app)
            let action = try await ActionProposalTests.proposeAction(&setup.net.bob, setup, title: "A rent strike")
            let page = "\(setup.base)/actions/\(action)"

            // act: mona amends, carol (not registered) may not; olive puts the amendment to the vote
            let amendment = try await proposeAmendment(
                &setup.net.mona,
                setup,
                action,
                text: "And we occupy the town hall."
            )
            let byOutsider = try await setup.net.carol.post(
                "\(page)/amendments",
                [("amendmentMode", "add"), ("amendmentText", "Carol's words")]
            )
            let emptyAmendment = try await setup.net.sara.post(
                "\(page)/amendments",
                [("amendmentMode", "add"), ("amendmentText", "  ")]
            )
            try await expectRedirect(
                try await setup.net.olive.post(
                    "\(page)/amendments/\(amendment)/vote",
                    [("amendment-\(amendment)-closesAt", plenaryCloses), ("_submitted", "1")]
                )
            )
            let amendmentVote = try await amendmentDecision(app, amendment)
            let whileAmending = try await setup.net.olive.post(
                "\(page)/vote",
                [("kind", "motion"), ("closesAt", "2026-09-26T18:00"), ("_submitted", "1")]
            )
            let duringAmendmentVote = try await setup.net.bob.get(page)
            try await expectRedirect(try await vote(&setup.net.bob, on: amendmentVote, [("position", "yes")]))
            try await expectRedirect(try await vote(&setup.net.mona, on: amendmentVote, [("position", "yes")]))
            try await expectRedirect(try await vote(&setup.net.sara, on: amendmentVote, [("position", "no")]))
            let byCarol = try await vote(&setup.net.carol, on: amendmentVote, [("position", "no")])
            let byOlive = try await vote(&setup.net.olive, on: amendmentVote, [("position", "no")])
            try await closePlenaryVotes(app)
            let amended = try await setup.net.sara.get(page)
            // the proposal, as amended, goes to the plenary
            let decision = try await putToPlenary(app, &setup.net.olive, setup, action, closes: "2026-09-26T18:00")
            let inVote = try await signedOutGet(app, "\(setup.base)/actions")
            let lateAmendment = try await setup.net.mona.post(
                "\(page)/amendments",
                [("amendmentMode", "replace"), ("amendmentText", "Too late")]
            )
            let ballotPage = try await setup.net.bob.get("/decisions/\(decision)")
            try await expectRedirect(try await vote(&setup.net.bob, on: decision, [("position", "yes")]))
            try await expectRedirect(try await vote(&setup.net.mona, on: decision, [("position", "yes")]))
            try await expectRedirect(try await vote(&setup.net.sara, on: decision, [("position", "abstain")]))
            try await app.advanceClockAfterMail(seconds: 3 * 86_400)
            var anonymous = app.visitor()
            let adopted = try await anonymous.get(page)
            let list = try await anonymous.get("\(setup.base)/actions")

            // check
            #expect(byOutsider.status == .forbidden && emptyAmendment.status == .unprocessableContent)
            #expect(conferenceFieldError(emptyAmendment, "amendmentText") == "Write the amendment&#39;s text.")
            #expect(whileAmending.status == .unprocessableContent)
            #expect(whileAmending.contains("An amendment is still being voted on"))
            #expect(duringAmendmentVote.contains("In plenary vote</strong> until"))
            #expect(byCarol.status == .notFound, "carol is not registered: the vote is not hers to see")
            #expect(byOlive.status == .forbidden, "olive organizes but did not register")
            #expect(amended.contains("The text, as amended"))
            #expect(
                ordered(["Every group brings ten people.", "And we occupy the town hall."], in: amended.body).count == 2
            )
            #expect(amended.contains("The text as first proposed"), "the history is kept")
            #expect(amended.contains("Adopted</strong>: Passed: 2 yes of"))
            #expect(inVote.contains("In plenary vote</strong> until"))
            #expect(lateAmendment.status == .unprocessableContent)
            #expect(ballotPage.contains("And we occupy the town hall."), "the vote is on the amended text")
            #expect(adopted.contains("Adopted</strong>: Passed: 2 yes of"))
            #expect(adopted.contains("What became of it"), "an adopted action has a tracker")
            #expect(list.contains("Adopted</strong>: Passed: 2 yes of"))
            let voters = try await app.store.sql.raw(
                "SELECT COUNT(*) AS n FROM decision_electorate WHERE decision_id = \(bind: decision)"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(voters == 3, "the registered participants, and nobody else")
        }
    }

    @Test func aProposalThePlenaryRejectsIsNotAdoptedAndHasNoTracker() async throws {
        try await withApp { app in
            // setup
            var setup = try await plenarySetup(app)
            let action = try await ActionProposalTests.proposeAction(&setup.net.bob, setup, title: "Disband")
            // act: a consent proposal that sara blocks
            let decision = try await putToPlenary(app, &setup.net.olive, setup, action, kind: "consent")
            try await expectRedirect(try await vote(&setup.net.bob, on: decision, [("position", "agree")]))
            try await expectRedirect(try await vote(&setup.net.sara, on: decision, [("position", "block")]))
            try await closePlenaryVotes(app)
            let page = try await setup.net.mona.get("\(setup.base)/actions/\(action)")
            let update = try await setup.net.olive.post(
                "\(setup.base)/actions/\(action)/updates",
                [("status", "done"), ("progress", "100"), ("update", "Done")]
            )
            // check
            #expect(page.contains("Not adopted</strong>:"))
            #expect(!page.contains("What became of it"))
            #expect(update.status == .conflict)
        }
    }

    @Test func nobodyRegisteredMeansNoVote() async throws {
        try await withApp { app in
            // setup: nobody RSVPed
            var setup = try await conferenceSetup(app, blind: false)
            let action = try await ActionProposalTests.proposeAction(&setup.net.bob, setup, title: "Alone")
            // act
            let refused = try await setup.net.olive.post(
                "\(setup.base)/actions/\(action)/vote",
                [("kind", "motion"), ("closesAt", ""), ("_submitted", "1")]
            )
            let noTime = try await setup.net.olive.post(
                "\(setup.base)/actions/\(action)/vote",
                [("kind", "motion"), ("closesAt", plenaryCloses), ("_submitted", "1")]
            )
            // check: the form comes back with its message
            #expect(refused.status == .unprocessableContent && noTime.status == .unprocessableContent)
            #expect(noTime.contains("Nobody is registered for the conference yet."))
            #expect(noTime.contains("value=\"\(plenaryCloses)\""), "the form keeps its input")
        }
    }

    @Test func everyPlenaryRouteAnswersOnlyThoseItIsFor() async throws {
        try await withApp { app in
            // setup: bob and mona registered; carol not; olive organizes
            var setup = try await plenarySetup(app)
            let action = try await ActionProposalTests.proposeAction(&setup.net.bob, setup, title: "Matrix")
            let page = "\(setup.base)/actions/\(action)"
            let amendment = try await proposeAmendment(&setup.net.bob, setup, action, text: "More")
            var anonymous = app.visitor()
            let voteForm = [("closesAt", plenaryCloses), ("kind", "motion"), ("_submitted", "1")]
            let amendForm = [("amendment-\(amendment)-closesAt", plenaryCloses), ("_submitted", "1")]
            let update = [("status", "done"), ("progress", "100"), ("update", "Done")]
            // act and check: who may do what before the vote
            var answers: [(String, HTTPResponse.Status, HTTPResponse.Status)] = []
            func expect(_ label: String, _ page: Page, _ status: HTTPResponse.Status) {
                answers.append((label, page.status, status))
            }
            expect("anonymous reads the action", try await anonymous.get(page), .ok)
            expect(
                "an action of another conference",
                try await anonymous.get("/events/\(setup.id + 1000)/conference/actions/\(action)"),
                .notFound
            )
            expect(
                "anonymous amends",
                try await anonymous.post("\(page)/amendments", [("amendmentMode", "add"), ("amendmentText", "x")]),
                .unauthorized
            )
            expect(
                "carol amends",
                try await setup.net.carol.post(
                    "\(page)/amendments",
                    [("amendmentMode", "add"), ("amendmentText", "x")]
                ),
                .forbidden
            )
            expect(
                "anonymous puts an amendment",
                try await anonymous.post("\(page)/amendments/\(amendment)/vote", amendForm),
                .unauthorized
            )
            expect(
                "bob puts an amendment",
                try await setup.net.bob.post("\(page)/amendments/\(amendment)/vote", amendForm),
                .forbidden
            )
            expect("bob opens the vote", try await setup.net.bob.post("\(page)/vote", voteForm), .forbidden)
            expect(
                "olive names groups before adoption",
                try await setup.net.olive.post("\(page)/responsible", [("groups", "")]),
                .conflict
            )
            expect(
                "bob names groups",
                try await setup.net.bob.post("\(page)/responsible", [("groups", "")]),
                .forbidden
            )
            expect(
                "olive updates before adoption",
                try await setup.net.olive.post("\(page)/updates", update),
                .conflict
            )
            expect("anonymous updates", try await anonymous.post("\(page)/updates", update), .unauthorized)
            expect("anonymous reads proxies", try await anonymous.get("\(setup.base)/proxies"), .seeOther)
            expect("carol reads proxies", try await setup.net.carol.get("\(setup.base)/proxies"), .ok)
            expect(
                "anonymous gives",
                try await anonymous.post("\(setup.base)/proxies", [("holder", "bob")]),
                .unauthorized
            )
            expect(
                "carol gives",
                try await setup.net.carol.post("\(setup.base)/proxies", [("holder", "bob")]),
                .forbidden
            )
            expect("carol revokes", try await setup.net.carol.post("\(setup.base)/proxies/revoke"), .conflict)
            expect("anonymous revokes", try await anonymous.post("\(setup.base)/proxies/revoke"), .unauthorized)
            expect(
                "olive puts the amendment",
                try await setup.net.olive.post("\(page)/amendments/\(amendment)/vote", amendForm),
                .seeOther
            )
            let decision = try await amendmentDecision(app, amendment)
            expect(
                "carol casts by proxy",
                try await setup.net.carol.post(
                    "\(setup.base)/decisions/\(decision)/proxy-vote",
                    [("for", "bob"), ("position", "yes")]
                ),
                .notFound
            )
            expect(
                "a decision of no conference",
                try await setup.net.bob.post(
                    "\(setup.base)/decisions/\(decision + 1000)/proxy-vote",
                    [("for", "mona"), ("position", "yes")]
                ),
                .notFound
            )
            expect(
                "anonymous casts by proxy",
                try await anonymous.post(
                    "\(setup.base)/decisions/\(decision)/proxy-vote",
                    [("for", "bob"), ("position", "yes")]
                ),
                .unauthorized
            )
            expect(
                "a public group's actions",
                try await anonymous.get("/conferences/groups/\(setup.net.leeds)/actions"),
                .ok
            )
            expect("no such group", try await anonymous.get("/conferences/groups/no-such-group/actions"), .notFound)
            for (label, got, wanted) in answers {
                #expect(got == wanted, "\(label): \(got) instead of \(wanted)")
            }
        }
    }
}
