import Foundation
import HTTPTypes
import Testing

/// The plenary through the JSON API (issue 13, items 5, 7 and 8): every operation answers as the document says
/// (`LibraryAPIDocumentTests.Calls`), and does what the action page's forms do.
@Suite("Conferences: the plenary's JSON API")
struct PlenaryAPITests {
    /// The plenary's operations; `ConferencesAPIDocumentTests.operations` includes them.
    static let operations: Set<String> = [
        "GET /api/v1/conferences/{id}/actions/{action}", "POST /api/v1/conferences/{id}/actions/{action}/amendments",
        "POST /api/v1/conferences/{id}/actions/{action}/amendments/{amendment}/vote",
        "POST /api/v1/conferences/{id}/actions/{action}/vote",
        "POST /api/v1/conferences/{id}/decisions/{decision}/proxy-ballot",
        "POST /api/v1/conferences/{id}/actions/{action}/responsible",
        "POST /api/v1/conferences/{id}/actions/{action}/updates", "GET /api/v1/conferences/{id}/proxies",
        "POST /api/v1/conferences/{id}/proxies", "POST /api/v1/conferences/{id}/proxies/revoke",
        "GET /api/v1/groups/{slug}/conference-actions",
    ]

    static let action = "GET /api/v1/conferences/{id}/actions/{action}"
    static let amend = "POST /api/v1/conferences/{id}/actions/{action}/amendments"
    static let amendmentVote = "POST /api/v1/conferences/{id}/actions/{action}/amendments/{amendment}/vote"
    static let vote = "POST /api/v1/conferences/{id}/actions/{action}/vote"
    static let proxyBallot = "POST /api/v1/conferences/{id}/decisions/{decision}/proxy-ballot"
    static let proxies = "GET /api/v1/conferences/{id}/proxies"
    static let give = "POST /api/v1/conferences/{id}/proxies"
    static let revoke = "POST /api/v1/conferences/{id}/proxies/revoke"

    /// Proposes an action through the API; returns its id.
    static func proposeAction(_ visitor: inout Visitor, _ setup: ConferenceSetup, title: String) async throws -> Int {
        let page = try await visitor.api(
            .post,
            "/api/v1/conferences/\(setup.id)/actions",
            json: #"{"title":"\#(title)","text":"Every group brings ten people."}"#
        )
        let items = LibraryAPIDocumentTests.items(page)
        return try #require(items.last { $0["title"] as? String == title }.flatMap { APITests.integer($0["id"]) })
    }

    /// Casts `visitor`'s own vote on a motion through the decisions API.
    static func ballot(_ visitor: inout Visitor, _ decision: Int, yes: Bool) async throws -> Page {
        try await visitor.api(.post, "/api/v1/decisions/\(decision)/ballot", json: #"{"marks":[\#(yes ? 1 : -1)]}"#)
    }

    /// The decision of a vote in an action's answer (`vote` of the action or of its first amendment).
    static func decision(_ vote: Any?) -> Int? { APITests.integer((vote as? [String: Any])?["decision"]) }

    static func errors(_ page: Page) -> [String: String] { page.json["errors"] as? [String: String] ?? [:] }

    @Test func anActionIsAmendedAdoptedAndTrackedThroughTheAPI() async throws {
        try await withApp { app in
            // setup: bob, mona and sara registered; olive organizes; sara organizes Leeds Students, bob is a member
            var setup = try await plenarySetup(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let action = try await Self.proposeAction(&setup.net.bob, setup, title: "Tenants' union in every street")
            let at = "/api/v1/conferences/\(setup.id)/actions/\(action)"

            // act: mona amends, olive puts the amendment to the vote, bob and mona adopt it
            let fresh = try await calls.call(&anonymous, Self.action, at)
            let amended = try await calls.call(
                &setup.net.mona,
                Self.amend,
                "\(at)/amendments",
                json: ["mode": "add", "text": "Every street elects a steward."]
            )
            let byCarol = try await calls.call(
                &setup.net.carol,
                Self.amend,
                "\(at)/amendments",
                json: ["mode": "add", "text": "Mine."],
                status: .forbidden
            )
            let badMode = try await calls.call(
                &setup.net.bob,
                Self.amend,
                "\(at)/amendments",
                json: ["mode": "sideways", "text": "x"],
                status: .unprocessableContent
            )
            let amendment = try #require(
                (amended.json["amendments"] as? [[String: Any]])?.first.flatMap { APITests.integer($0["id"]) }
            )
            let noClose = try await calls.call(
                &setup.net.olive,
                Self.amendmentVote,
                "\(at)/amendments/\(amendment)/vote",
                json: ["closesAt": "soon"],
                status: .unprocessableContent
            )
            let amendmentOpened = try await calls.call(
                &setup.net.olive,
                Self.amendmentVote,
                "\(at)/amendments/\(amendment)/vote",
                json: ["closesAt": plenaryCloses]
            )
            let tooEarly = try await calls.call(
                &setup.net.olive,
                Self.vote,
                "\(at)/vote",
                json: ["closesAt": "2026-09-30T18:00"],
                status: .unprocessableContent
            )
            let amendmentDecision = try #require(
                Self.decision((amendmentOpened.json["amendments"] as? [[String: Any]])?.first?["vote"])
            )
            #expect(try await Self.ballot(&setup.net.bob, amendmentDecision, yes: true).status == .created)
            #expect(try await Self.ballot(&setup.net.mona, amendmentDecision, yes: true).status == .created)
            try await closePlenaryVotes(app)
            // check
            #expect((fresh.json["vote"] as? [String: Any])?["status"] as? String == "not-put")
            #expect(fresh.json["amendable"] as? Bool == true)
            #expect((fresh.json["viewer"] as? [String: Any])?["participant"] as? Bool == false)
            #expect(byCarol.status == .forbidden)
            #expect(Self.errors(badMode)["mode"] != nil)
            #expect(Self.errors(noClose)["closesAt"] != nil)
            #expect(
                Self.errors(tooEarly)["_form"]
                    == "An amendment is still being voted on: the proposal's vote waits for its result."
            )

            // act: olive puts the amended proposal to the vote; bob and mona vote yes, sara no
            let opened = try await calls.call(
                &setup.net.olive,
                Self.vote,
                "\(at)/vote",
                json: ["kind": "motion", "closesAt": "2026-09-30T18:00", "secret": false]
            )
            let lateAmendment = try await calls.call(
                &setup.net.sara,
                Self.amend,
                "\(at)/amendments",
                json: ["mode": "replace", "text": "Too late."],
                status: .unprocessableContent
            )
            let decision = try #require(Self.decision(opened.json["vote"]))
            for (index, yes) in [true, true, false].enumerated() {
                var voter = [setup.net.bob, setup.net.mona, setup.net.sara][index]
                #expect(try await Self.ballot(&voter, decision, yes: yes).status == .created)
            }
            let byBobEarly = try await calls.call(
                &setup.net.olive,
                "POST /api/v1/conferences/{id}/actions/{action}/updates",
                "\(at)/updates",
                json: ["status": "planned", "progress": 0, "text": "Not yet."],
                status: .conflict
            )
            try await app.advanceClockAfterMail(seconds: 10 * 86_400)
            let adopted = try await calls.call(&setup.net.bob, Self.action, at)
            // check
            #expect((amendmentOpened.json["vote"] as? [String: Any])?["status"] as? String == "not-put")
            #expect((opened.json["vote"] as? [String: Any])?["status"] as? String == "voting")
            #expect(lateAmendment.json["errors"] != nil)
            #expect(byBobEarly.status == .conflict)
            #expect(adopted.json["adopted"] as? Bool == true)
            #expect((adopted.json["vote"] as? [String: Any])?["status"] as? String == "adopted")
            #expect((adopted.json["text"] as? String)?.hasSuffix("Every street elects a steward.") == true)
            #expect(adopted.json["originalText"] as? String == "Every group brings ten people.")
            #expect(
                (adopted.json["amendments"] as? [[String: Any]])?.first.flatMap { $0["vote"] as? [String: Any] }?[
                    "status"
                ] as? String == "adopted"
            )
            #expect((adopted.json["tracker"] as? [String: Any])?["status"] as? String == "planned")

            // act: olive names Leeds Students responsible; sara, its organizer, posts a dated update
            let named = try await calls.call(
                &setup.net.olive,
                "POST /api/v1/conferences/{id}/actions/{action}/responsible",
                "\(at)/responsible",
                json: ["groups": [setup.net.students]]
            )
            try await calls.call(
                &setup.net.olive,
                "POST /api/v1/conferences/{id}/actions/{action}/responsible",
                "\(at)/responsible",
                json: ["groups": ["nobody-here"]],
                status: .unprocessableContent
            )
            try await calls.call(
                &setup.net.bob,
                "POST /api/v1/conferences/{id}/actions/{action}/updates",
                "\(at)/updates",
                json: ["status": "done", "progress": 100, "text": "All done"],
                status: .forbidden
            )
            let tooMuch = try await calls.call(
                &setup.net.sara,
                "POST /api/v1/conferences/{id}/actions/{action}/updates",
                "\(at)/updates",
                json: ["status": "done", "progress": 140, "text": "Twice as good"],
                status: .unprocessableContent
            )
            let updated = try await calls.call(
                &setup.net.sara,
                "POST /api/v1/conferences/{id}/actions/{action}/updates",
                "\(at)/updates",
                json: ["status": "in-progress", "progress": 40, "text": "Leaflets printed for 30 streets."]
            )
            let groupList = try await calls.call(
                &anonymous,
                "GET /api/v1/groups/{slug}/conference-actions",
                "/api/v1/groups/\(setup.net.students)/conference-actions"
            )
            let otherList = try await calls.call(
                &anonymous,
                "GET /api/v1/groups/{slug}/conference-actions",
                "/api/v1/groups/\(setup.net.york)/conference-actions"
            )
            let actionPage = try await anonymous.get("\(setup.base)/actions/\(action)")
            let groupPage = try await anonymous.get("/conferences/groups/\(setup.net.students)/actions")
            // check
            let tracker = try #require(updated.json["tracker"] as? [String: Any])
            #expect(
                ((named.json["tracker"] as? [String: Any])?["responsible"] as? [[String: Any]])?.compactMap {
                    $0["slug"] as? String
                } == [setup.net.students]
            )
            #expect(Self.errors(tooMuch)["progress"] != nil)
            #expect(tracker["status"] as? String == "in-progress" && APITests.integer(tracker["progress"]) == 40)
            #expect(
                (tracker["updates"] as? [[String: Any]])?.first?["text"] as? String
                    == "Leaflets printed for 30 streets."
            )
            let listed = LibraryAPIDocumentTests.items(groupList)
            #expect(listed.count == 1 && listed.first?["status"] as? String == "in-progress")
            #expect(APITests.integer(listed.first?["progress"]) == 40)
            #expect(LibraryAPIDocumentTests.items(otherList).isEmpty)
            #expect(actionPage.contains("<strong>In progress</strong> · 40 % done"))
            #expect(actionPage.contains("Leaflets printed for 30 streets."))
            #expect(actionPage.contains("Every street elects a steward."))
            #expect(groupPage.contains("In progress · 40 %"))

            // act, check: the proxies' operations, as documented
            try await Self.proxiesAsDocumented(app, &setup, &calls)
            #expect(
                Self.operations.subtracting(calls.exercised).isEmpty,
                "not exercised: \(Self.operations.subtracting(calls.exercised))"
            )
        }
    }

    /// Giving, holding, casting and revoking proxies through the API, each call checked against the document.
    static func proxiesAsDocumented(
        _ app: TestApp,
        _ setup: inout ConferenceSetup,
        _ calls: inout LibraryAPIDocumentTests.Calls
    ) async throws {
        let base = "/api/v1/conferences/\(setup.id)"
        var anonymous = app.visitor()
        try await calls.call(&anonymous, Self.proxies, "\(base)/proxies", status: .unauthorized)
        try await calls.call(&setup.net.mona, Self.give, "\(base)/proxies", json: ["holder": "@bob"])
        let toCarol = try await calls.call(
            &setup.net.sara,
            Self.give,
            "\(base)/proxies",
            json: ["holder": "carol"],
            status: .unprocessableContent
        )
        #expect(Self.errors(toCarol)["holder"] == "That person is not registered for the conference.")
        let held = try await calls.call(&setup.net.bob, Self.proxies, "\(base)/proxies")
        #expect((held.json["held"] as? [[String: Any]])?.compactMap { $0["handle"] as? String } == ["mona"])
        let action = try await Self.proposeAction(&setup.net.bob, setup, title: "Shared kitchens")
        let opened = try await calls.call(
            &setup.net.olive,
            Self.vote,
            "\(base)/actions/\(action)/vote",
            json: ["kind": "consent", "closesAt": "2026-10-30T18:00"]
        )
        let decision = try #require(Self.decision(opened.json["vote"]))
        try await calls.call(
            &setup.net.bob,
            Self.proxyBallot,
            "\(base)/decisions/\(decision)/proxy-ballot",
            json: ["for": "mona", "position": "agree", "reason": "She asked me to."]
        )
        let again = try await calls.call(
            &setup.net.bob,
            Self.proxyBallot,
            "\(base)/decisions/\(decision)/proxy-ballot",
            json: ["for": "mona", "position": "block"],
            status: .unprocessableContent
        )
        #expect(Self.errors(again)["_form"] == "This person's vote is already cast.")
        try await calls.call(&setup.net.mona, Self.revoke, "\(base)/proxies/revoke", status: .conflict)
    }

    @Test func aProxyGivenThroughTheAPILetsTheHolderCastOnceUntilItIsRevoked() async throws {
        try await withApp { app in
            // setup: bob, mona, sara and yann registered; an open motion
            var setup = try await plenarySetup(app)
            try await register(&setup.net.yann, setup)
            let base = "/api/v1/conferences/\(setup.id)"
            let action = try await Self.proposeAction(&setup.net.bob, setup, title: "Shared kitchens")
            let opened = try await setup.net.olive.api(
                .post,
                "\(base)/actions/\(action)/vote",
                json: #"{"closesAt":"\#(plenaryCloses)"}"#
            )
            let decision = try #require(Self.decision(opened.json["vote"]))
            func cast(_ holder: inout Visitor, for giver: String, _ position: String) async throws -> Page {
                try await holder.api(
                    .post,
                    "\(base)/decisions/\(decision)/proxy-ballot",
                    json: #"{"for":"\#(giver)","position":"\#(position)"}"#
                )
            }
            // act
            let given = try await setup.net.mona.api(.post, "\(base)/proxies", json: #"{"holder":"bob"}"#)
            let page = try await setup.net.bob.get("\(setup.base)/actions/\(action)")
            let forMona = try await cast(&setup.net.bob, for: "mona", "yes")
            let forMonaAgain = try await cast(&setup.net.bob, for: "mona", "no")
            let monaHerself = try await Self.ballot(&setup.net.mona, decision, yes: false)
            let byYann = try await cast(&setup.net.yann, for: "mona", "no")
            try #require(
                try await setup.net.sara.api(.post, "\(base)/proxies", json: #"{"holder":"yann"}"#).status == .created
            )
            let revoked = try await setup.net.sara.api(.post, "\(base)/proxies/revoke")
            let afterRevoke = try await cast(&setup.net.yann, for: "sara", "yes")
            let saraHerself = try await Self.ballot(&setup.net.sara, decision, yes: true)
            try await closePlenaryVotes(app)
            let result = try await setup.net.mona.get("/decisions/\(decision)")
            // check
            #expect(given.status == .created)
            #expect((given.json["given"] as? [String: Any])?["handle"] as? String == "bob")
            #expect(page.contains("The vote of mona (@mona), whose proxy you hold"))
            #expect(forMona.status == .noContent)
            #expect(forMonaAgain.status == .unprocessableContent, "the first ballot for a person counts")
            #expect(monaHerself.status == .unprocessableContent, "bob cast mona's vote first")
            #expect(byYann.status == .forbidden)
            #expect(revoked.status == .ok && revoked.json["given"] is NSNull)
            #expect(afterRevoke.status == .forbidden, "a revoked proxy casts nothing")
            #expect(saraHerself.status == .created, "sara's vote is hers again")
            #expect(result.contains("Passed: 2 yes of 2"))
        }
    }

    @Test func aPrivateConferencesPlenaryIsNotFoundForStrangers() async throws {
        try await withApp { app in
            // setup: a private conference of Leeds Tenants; bob (a member) registers; an adopted action
            var setup = try await privateConferenceSetup(app)
            let id = setup.id
            try await register(&setup.net.bob, setup)
            let action = try await Self.proposeAction(&setup.net.bob, setup, title: "Quiet strike")
            let at = "/api/v1/conferences/\(id)/actions/\(action)"
            let opened = try await setup.net.olive.api(.post, "\(at)/vote", json: #"{"closesAt":"\#(plenaryCloses)"}"#)
            let decision = try #require(Self.decision(opened.json["vote"]))
            #expect(try await Self.ballot(&setup.net.bob, decision, yes: true).status == .created)
            try await closePlenaryVotes(app)
            let named = try await setup.net.olive.api(
                .post,
                "\(at)/responsible",
                json: #"{"groups":["\#(setup.net.students)"]}"#
            )
            var anonymous = app.visitor()
            // act
            let byMona = try await setup.net.mona.api(.get, at)
            let byAnonymous = try await anonymous.api(.get, at)
            let monaAmends = try await setup.net.mona.api(
                .post,
                "\(at)/amendments",
                json: #"{"mode":"add","text":"Mine."}"#
            )
            let anonymousAmends = try await anonymous.api(
                .post,
                "\(at)/amendments",
                json: #"{"mode":"add","text":"Mine."}"#
            )
            let monasProxies = try await setup.net.mona.api(.get, "/api/v1/conferences/\(id)/proxies")
            let monaCasts = try await setup.net.mona.api(
                .post,
                "/api/v1/conferences/\(id)/decisions/\(decision)/proxy-ballot",
                json: #"{"for":"bob","position":"yes"}"#
            )
            let listByMona = try await setup.net.mona.api(
                .get,
                "/api/v1/groups/\(setup.net.students)/conference-actions"
            )
            let listByBob = try await setup.net.bob.api(
                .get,
                "/api/v1/groups/\(setup.net.students)/conference-actions"
            )
            let byBob = try await setup.net.bob.api(.get, at)
            // check
            #expect(named.status == .ok)
            #expect(byMona.status == .notFound && byAnonymous.status == .notFound)
            #expect(!byMona.body.contains("Quiet strike") && !byAnonymous.body.contains("Quiet strike"))
            #expect(monaAmends.status == .notFound && anonymousAmends.status == .unauthorized)
            #expect(monasProxies.status == .notFound && monaCasts.status == .notFound)
            #expect(listByMona.status == .ok && !listByMona.body.contains("Quiet strike"))
            #expect(LibraryAPIDocumentTests.items(listByBob).first?["title"] as? String == "Quiet strike")
            #expect(byBob.json["adopted"] as? Bool == true)
        }
    }
}
