import Foundation
import HTTPTypes
import Testing

@Suite("Conferences: call for proposals and review")
struct ConferenceCfPTests {
    /// Every way the proposer of the test's proposal could be recognised.
    static let identity = ["sara", "Leeds Students", "leeds-students", "bob"]

    @Test func blindReviewHidesWhoProposedFromTheCommitteeUntilTheDecision() async throws {
        try await withApp { app in
            // setup: sara proposes for her group with bob, who accepts; carol sits on the committee
            var setup = try await conferenceSetup(app, blind: true)
            let proposal = try await propose(
                &setup.net.sara,
                setup,
                title: "Rent strikes that won",
                group: setup.net.students,
                speakers: "bob"
            )
            try await expectRedirect(try await answerCoSpeaking(&setup.net.bob, setup, proposal, "accept"))
            let at = "\(setup.base)/proposals/\(proposal)"
            let api = "/api/v1/conferences/\(setup.id)/proposals"

            // act: the committee reads and reviews it, in pages and the API
            let list = try await setup.net.carol.get("\(setup.base)/proposals")
            let page = try await setup.net.carol.get(at)
            let listJSON = try await setup.net.carol.api(.get, api)
            let oneJSON = try await setup.net.carol.api(.get, "\(api)/\(proposal)")
            try await expectRedirect(
                try await setup.net.carol.post("\(at)/review", [("score", "4"), ("comment", "Strong and practical.")])
            )
            let organizerView = try await setup.net.olive.get(at)

            // check: the title is there, who proposed it is not, anywhere
            #expect(list.status == .ok && list.contains("Rent strikes that won"))
            #expect(page.status == .ok && page.contains("Anonymous (blind review)"))
            for body in [list.body, page.body, listJSON.body, oneJSON.body, organizerView.body] {
                for text in Self.identity { #expect(!body.contains(text), "\(text) shows under blind review") }
            }
            let item = try #require(jsonItems(listJSON).first)
            #expect(item["anonymous"] as? Bool == true)
            #expect(item["proposer"] == nil && item["group"] == nil && item["coSpeakers"] == nil)

            // act: the organizer accepts it
            try await decide(&setup.net.olive, setup, proposal, "accept")
            let after = try await setup.net.carol.get(at)
            let afterJSON = try await setup.net.carol.api(.get, "\(api)/\(proposal)")
            // check: now the committee sees who proposed it, for which group, with whom
            #expect(after.contains("sara (@sara) for Leeds Students, with bob (@bob)"))
            #expect((afterJSON.json["proposer"] as? [String: Any])?["handle"] as? String == "sara")
            #expect(afterJSON.json["anonymous"] as? Bool == false)
        }
    }

    @Test func theProposerSeesReviewsButNeverWhoWroteThem() async throws {
        try await withApp { app in
            // setup: an open (not blind) review, so reviewers' names exist to leak
            var setup = try await conferenceSetup(app, blind: false)
            let proposal = try await propose(&setup.net.sara, setup, title: "Tenant unions 101")
            let at = "\(setup.base)/proposals/\(proposal)"
            try await expectRedirect(
                try await setup.net.carol.post("\(at)/review", [("score", "5"), ("comment", "Great for newcomers.")])
            )
            try await expectRedirect(
                try await setup.net.yann.post("\(at)/review", [("score", "2"), ("comment", "Too basic.")])
            )

            // act
            let proposerPage = try await setup.net.sara.get(at)
            let proposerJSON = try await setup.net.sara.api(
                .get,
                "/api/v1/conferences/\(setup.id)/proposals/\(proposal)"
            )
            let committeePage = try await setup.net.carol.get(at)

            // check: scores and comments reach the proposer, the reviewers' names do not
            #expect(proposerPage.contains("Great for newcomers.") && proposerPage.contains("Too basic."))
            #expect(proposerPage.contains("Reviewer 1") && proposerPage.contains("Reviewer 2"))
            #expect(!proposerPage.contains("@carol") && !proposerPage.contains("@yann"))
            let reviews = try #require(proposerJSON.json["reviews"] as? [[String: Any]])
            #expect(reviews.map { $0["score"] as? Int } == [5, 2])
            #expect(reviews.allSatisfy { $0["reviewer"] == nil })
            #expect(!proposerJSON.body.contains("carol") && !proposerJSON.body.contains("yann"))
            // the committee sees each other's names, and who proposed (review is open)
            #expect(committeePage.contains("carol (@carol)") && committeePage.contains("yann (@yann)"))
            #expect(committeePage.contains("sara (@sara)"))
        }
    }

    @Test func onlyTheCommitteeReviewsAndOnlyItAndTheOrganizersSeeProposals() async throws {
        try await withApp { app in
            // setup: sara proposes; carol proposes too (and sits on the committee)
            var setup = try await conferenceSetup(app, blind: false)
            let proposal = try await propose(&setup.net.sara, setup, title: "Organising the precarious")
            let carols = try await propose(&setup.net.carol, setup, title: "Centers and circles")
            let at = "\(setup.base)/proposals/\(proposal)"
            let review = [("score", "3"), ("comment", "Fine.")]

            // act
            let bobList = try await setup.net.bob.get("\(setup.base)/proposals")
            let bobPage = try await setup.net.bob.get(at)
            let bobReview = try await setup.net.bob.post("\(at)/review", review)
            let organizerReview = try await setup.net.olive.post("\(at)/review", review)
            let ownReview = try await setup.net.carol.post("\(setup.base)/proposals/\(carols)/review", review)
            let badScore = try await setup.net.yann.post("\(at)/review", [("score", "9"), ("comment", "")])
            var anonymous = app.visitor()
            let anonymousList = try await anonymous.get("\(setup.base)/proposals")
            let bobAPI = try await setup.net.bob.api(.get, "/api/v1/conferences/\(setup.id)/proposals")
            let organizerList = try await setup.net.olive.get("\(setup.base)/proposals")

            // check
            #expect(bobList.status == .forbidden)
            #expect(bobPage.status == .notFound, "someone else's proposal is not confirmed to exist")
            #expect(bobReview.status == .forbidden)
            #expect(organizerReview.status == .forbidden, "organizers decide; the committee reviews")
            #expect(ownReview.status == .forbidden)
            #expect(badScore.status == .unprocessableContent)
            #expect(conferenceFieldError(badScore, "score") == "Give a score from 1 (weak) to 5 (strong).")
            #expect(anonymousList.status == .seeOther && anonymousList.location?.hasPrefix("/login") == true)
            #expect(bobAPI.status == .forbidden)
            #expect(organizerList.status == .ok && organizerList.contains("Organising the precarious"))
            let reviews = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM proposal_reviews").first()
            #expect(try reviews?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test func aSecondReviewByTheSameMemberReplacesTheFirst() async throws {
        try await withApp { app in
            var setup = try await conferenceSetup(app, blind: false)
            let proposal = try await propose(&setup.net.sara, setup, title: "Housing first")
            let at = "\(setup.base)/proposals/\(proposal)"
            // act
            try await expectRedirect(
                try await setup.net.carol.post("\(at)/review", [("score", "2"), ("comment", "Hm.")])
            )
            try await expectRedirect(
                try await setup.net.carol.post("\(at)/review", [("score", "5"), ("comment", "Yes!")])
            )
            // check
            let shown = try await setup.net.carol.api(.get, "/api/v1/conferences/\(setup.id)/proposals/\(proposal)")
            let reviews = try #require(shown.json["reviews"] as? [[String: Any]])
            #expect(
                reviews.count == 1 && reviews[0]["score"] as? Int == 5 && reviews[0]["comment"] as? String == "Yes!"
            )
            #expect(shown.json["averageScore"] as? Double == 5)
        }
    }

    @Test func proposalsNeedAnOpenCallAGroupYouRunAndRealCoSpeakers() async throws {
        try await withApp { app in
            var setup = try await conferenceSetup(app, blind: false)
            let fields = { (group: String, speakers: String, title: String) in
                [
                    ("kind", "talk"), ("title", title), ("abstract", "About it."), ("group", group),
                    ("speakers", speakers),
                ]
            }
            // act: bob proposes for a group he only belongs to, with an unknown co-speaker, without a title
            let notHis = try await setup.net.bob.post("\(setup.base)/proposals", fields(setup.net.leeds, "", "A talk"))
            let unknown = try await setup.net.bob.post("\(setup.base)/proposals", fields("", "nobody-here", "A talk"))
            let untitled = try await setup.net.bob.post("\(setup.base)/proposals", fields("", "", ""))
            // check: each message sits next to its field, and the form keeps what was typed
            #expect(notHis.status == .unprocessableContent)
            #expect(conferenceFieldError(notHis, "group") == "You can only propose for a group you organize or edit.")
            #expect(
                conferenceFieldError(unknown, "speakers")
                    == "There is no person called “nobody-here” among those you can choose. Pick from the list of names."
            )
            #expect(unknown.contains("value=\"nobody-here\""))
            #expect(conferenceFieldError(untitled, "title") != nil && untitled.contains("aria-invalid=\"true\""))

            // act: the organizer closes the call at a time that then passes
            try await expectRedirect(
                try await setup.net.olive.post(
                    "\(setup.base)/settings",
                    [("cfpOpen", "on"), ("cfpClosesAt", "2026-10-01T12:00"), ("_submitted", "1")]
                )
            )
            let beforeClose = try await setup.net.bob.post("\(setup.base)/proposals", fields("", "", "Early bird"))
            app.clock.advance(seconds: 15 * 86_400)
            let afterClose = try await setup.net.bob.post("\(setup.base)/proposals", fields("", "", "Too late"))
            let badClose = try await setup.net.olive.post(
                "\(setup.base)/settings",
                [("cfpOpen", "on"), ("cfpClosesAt", "next week"), ("_submitted", "1")]
            )
            // check
            #expect(beforeClose.status == .seeOther)
            #expect(afterClose.status == .conflict)
            #expect(badClose.status == .unprocessableContent && conferenceFieldError(badClose, "cfpClosesAt") != nil)
        }
    }

    @Test func onlyOrganizersRunTheConference() async throws {
        try await withApp { app in
            var setup = try await conferenceSetup(app, blind: false)
            let proposal = try await propose(&setup.net.sara, setup, title: "Who decides?")
            // act: a committee member and a host member try the organizers' work
            let decision = try await setup.net.carol.post(
                "\(setup.base)/proposals/\(proposal)/decision",
                [("decision", "accept")]
            )
            let settings = try await setup.net.bob.post("\(setup.base)/settings", [("blindReview", "on")])
            let room = try await setup.net.bob.post("\(setup.base)/rooms", [("roomName", "Broom cupboard")])
            let member = try await setup.net.carol.post("\(setup.base)/committee", [("handle", "mona")])
            let duplicate = try await setup.net.olive.post("\(setup.base)/rooms", [("roomName", "main hall")])
            // check
            #expect(decision.status == .forbidden && settings.status == .forbidden)
            #expect(room.status == .forbidden && member.status == .forbidden)
            #expect(duplicate.status == .unprocessableContent)
            #expect(
                conferenceFieldError(duplicate, "roomName") == "This conference already has a room called main hall."
            )
            let shown = try await setup.net.olive.api(.get, "/api/v1/conferences/\(setup.id)")
            #expect((shown.json["settings"] as? [String: Any])?["blindReview"] as? Bool == false)
            #expect((shown.json["committee"] as? [Any])?.count == 2)
        }
    }

    @Test func theProposerWithdrawsAndTheSessionLeavesTheSchedule() async throws {
        try await withApp { app in
            var setup = try await conferenceSetup(app, blind: false)
            let proposal = try await propose(&setup.net.sara, setup, title: "Withdrawn talk", speakers: "bob")
            try await decide(&setup.net.olive, setup, proposal, "accept")
            try await placeInMainHallAtTen(&setup.net.olive, setup, proposal)
            // act: the co-speaker and a stranger try first, then the proposer withdraws
            let byCoSpeaker = try await setup.net.bob.post("\(setup.base)/proposals/\(proposal)/withdraw")
            let byStranger = try await setup.net.mona.post("\(setup.base)/proposals/\(proposal)/withdraw")
            let bySara = try await setup.net.sara.post("\(setup.base)/proposals/\(proposal)/withdraw")
            let again = try await setup.net.sara.post("\(setup.base)/proposals/\(proposal)/withdraw")
            let decideAfter = try await setup.net.olive.post(
                "\(setup.base)/proposals/\(proposal)/decision",
                [("decision", "accept")]
            )
            // check
            #expect(byCoSpeaker.status == .forbidden && byStranger.status == .notFound)
            #expect(bySara.status == .seeOther && again.status == .conflict && decideAfter.status == .conflict)
            let schedule = try await setup.net.olive.api(.get, "/api/v1/conferences/\(setup.id)/schedule")
            #expect((schedule.json["sessions"] as? [Any])?.isEmpty == true)
            let mine = try await setup.net.sara.get(setup.base)
            #expect(mine.contains("Withdrawn talk") && mine.contains("withdrawn"))
        }
    }

    @Test func aNonConferenceEventHasNoConferencePages() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let talk = try await scheduleEvent(&net.olive, host: net.leeds)
            // act
            let page = try await net.olive.get("/events/\(talk)/conference")
            let api = try await net.olive.api(.get, "/api/v1/conferences/\(talk)")
            let junk = try await net.olive.get("/events/not-a-number/conference")
            // check
            #expect(page.status == .notFound && api.status == .notFound)
            #expect(junk.status.code < 500)
        }
    }
}
