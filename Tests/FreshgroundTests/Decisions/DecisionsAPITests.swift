import Decisions
import Foundation
import FreshgroundCore
import HTTPTypes
import Testing

@Suite("Decisions JSON API")
struct DecisionsAPITests {
    @Test func aSecretVotesResultsAreNullUntilTheClockPassesTheClose() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await APICircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(app, &calls, &circle)
            let at = "/api/v1/decisions/\(id)"
            try await calls.call(&circle.mona, DecisionOp.ballot, "\(at)/ballot", json: ["marks": [1]])
            try await calls.call(
                &circle.nia,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: ["marks": [1], "reason": "Solidarity"]
            )

            // act
            let twoVoted = try await calls.call(&circle.olive, DecisionOp.one, at)
            try await calls.call(&circle.olive, DecisionOp.ballot, "\(at)/ballot", json: ["marks": [-1]])
            let open = try await calls.call(&circle.mona, DecisionOp.one, at)
            app.clock.advance(seconds: 86_400 + 60)
            let closed = try await calls.call(&circle.mona, DecisionOp.one, at)

            // check: the rules as stated, no count and no turnout below three while voting runs
            #expect(twoVoted.json["results"] is NSNull && jsonField(twoVoted, "turnout", "voted") is NSNull)
            #expect(jsonField(twoVoted, "turnout", "entitled") as? Int == 3)
            #expect(jsonField(twoVoted, "you", "canVote") as? Bool == true)
            #expect(
                jsonField(open, "rules", "secret") as? Bool == true
                    && jsonField(open, "rules", "resultsHidden") as? Bool == true
            )
            #expect(
                jsonField(open, "rules", "majority", "summary") as? String == "more than half of the yes and no votes"
            )
            #expect(jsonField(open, "rules", "quorum", "summary") as? String == "no quorum")
            #expect(
                open.json["kind"] as? String == "motion" && jsonField(open, "rules", "reasons") as? String == "optional"
            )
            #expect(open.json["results"] is NSNull && open.json["namedVotes"] is NSNull)
            #expect(jsonField(open, "turnout", "voted") as? Int == 3)
            #expect(
                jsonField(open, "you", "voted") as? Bool == true && jsonField(open, "you", "canVote") as? Bool == false
            )
            #expect(closed.json["status"] as? String == "closed" && closed.json["closedAt"] is NSNull)
            #expect(
                jsonField(closed, "results", "final") as? Bool == true
                    && jsonField(closed, "results", "passed") as? Bool == true
            )
            #expect(jsonField(closed, "results", "totals") as? [[Int]] == [[2, 1, 0]])
            #expect(
                jsonField(closed, "results", "voters") as? Int == 3
                    && jsonField(closed, "results", "quorumMet") as? Bool == true
            )
            #expect(
                jsonField(closed, "results", "explanation") as? String
                    == "Passed: 2 yes of 3 yes and no votes; more than half needed."
            )
            #expect(closed.json["namedVotes"] is NSNull && !closed.contains("Solidarity") && !closed.contains("nia"))
            #expect(jsonField(closed, "you", "canVote") as? Bool == false)
        }
    }

    @Test func anOpenVoteShowsWhoVotedWhatWhileItRunsAndLaterMembersCannotVote() async throws {
        try await withApp(mail: false) { app in
            // setup: an open vote on a meeting day, choose one or two, a reason required
            var circle = try await APICircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(
                app,
                &calls,
                &circle,
                [
                    "title": "Which day do we meet?", "kind": "approval", "options": ["Monday", "Tuesday", "Friday"],
                    "minChoices": 1, "maxChoices": 2, "secret": false, "reasons": "required",
                ]
            )
            let at = "/api/v1/decisions/\(id)"
            var later = try await app.person("lena")
            try await makeMember(app, &later, of: circle.slug, organizer: &circle.olive)

            // act
            try await calls.call(
                &circle.mona,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 0, 1], "reason": "Not Tuesdays"]
            )
            let tooMany = try await calls.call(
                &circle.nia,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 1, 1], "reason": "Any day"],
                status: .unprocessableContent
            )
            let noReason = try await calls.call(
                &circle.nia,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 1, 0]],
                status: .unprocessableContent
            )
            try await calls.call(
                &circle.nia,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 1, 0], "reason": "Early in the week"]
            )
            let notAVoter = try await calls.call(
                &later,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 0, 0], "reason": "Me too"],
                status: .forbidden
            )
            let seenByOlive = try await calls.call(&circle.olive, DecisionOp.one, at)
            let seenByLater = try await calls.call(&later, DecisionOp.one, at)

            // check
            #expect(jsonField(tooMany, "errors", "marks") as? String == "Choose at most 2.")
            #expect(jsonField(noReason, "errors", "reason") as? String == "Give a reason for your vote.")
            #expect(notAVoter.contains("You are not among those who may vote"))
            #expect(jsonField(seenByOlive, "rules", "options") as? [String] == ["Monday", "Tuesday", "Friday"])
            #expect(jsonField(seenByOlive, "results", "final") as? Bool == false)
            #expect(jsonField(seenByOlive, "results", "winners") as? [String] == ["Monday"])
            #expect(jsonField(seenByOlive, "results", "totals") as? [[Int]] == [[2, 0], [1, 1], [1, 1]])
            #expect(jsonField(seenByOlive, "results", "passed") is NSNull)
            let named = try #require(seenByOlive.json["namedVotes"] as? [[String: Any]])
            #expect(named.map { $0["handle"] as? String } == ["mona", "nia"])
            #expect(named.map { $0["vote"] as? [Int] } == [[1, 0, 1], [1, 1, 0]])
            #expect(named.map { $0["reason"] as? String } == ["Not Tuesdays", "Early in the week"])
            #expect(
                jsonField(seenByLater, "you", "entitled") as? Bool == false
                    && jsonField(seenByLater, "you", "canVote") as? Bool == false
            )
            #expect(jsonField(seenByLater, "turnout", "entitled") as? Int == 3)
        }
    }

    @Test func marksAreCheckedByTheDecisionsRulesAndARankedCountPublishesItsStages() async throws {
        try await withApp(mail: false) { app in
            // setup: instant runoff among three
            var circle = try await APICircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(
                app,
                &calls,
                &circle,
                ["title": "Who convenes?", "kind": "ranked", "options": ["Ana", "Bo", "Cy"], "rankedRule": "irv"]
            )
            let at = "/api/v1/decisions/\(id)/ballot"
            func refused(_ marks: [Int]) async throws -> String? {
                let page = try await calls.call(
                    &circle.mona,
                    DecisionOp.ballot,
                    at,
                    json: ["marks": marks],
                    status: .unprocessableContent
                )
                return jsonField(page, "errors", "marks") as? String
            }

            // act and check: each bad ballot is refused naming the marks, and the voter may still vote
            #expect(
                try await refused([1, 1, 0]) == "Number your choices 1, 2, 3… with no number left out or used twice."
            )
            #expect(try await refused([1, 2]) == "The ballot must have a mark for each of the 3 candidates.")
            #expect(try await refused([0, 0, 0]) == "Rank at least one candidate.")
            #expect(try await refused([4, 1, 2]) == "Rank each candidate from 1 to 3, or leave it unranked.")
            #expect(try await refused([5000, 1, 2]) != nil)
            try await calls.call(&circle.mona, DecisionOp.ballot, at, json: ["marks": "1"], status: .badRequest)
            try await calls.call(&circle.mona, DecisionOp.ballot, at, json: ["marks": [2, 1, 3]])
            try await calls.call(&circle.nia, DecisionOp.ballot, at, json: ["marks": [1, 2, 0]])
            try await calls.call(&circle.olive, DecisionOp.ballot, at, json: ["marks": [0, 1, 0]])
            try await calls.call(&circle.olive, DecisionOp.close, "/api/v1/decisions/\(id)/close")
            let closed = try await calls.call(&circle.mona, DecisionOp.one, "/api/v1/decisions/\(id)")

            // check: Bo has two first preferences of three, over the quota of two, elected at the first stage
            #expect(closed.json["closedAt"] is String && jsonField(closed, "results", "final") as? Bool == true)
            #expect(jsonField(closed, "results", "winners") as? [String] == ["Bo"])
            #expect(jsonField(closed, "results", "quota") as? String == "2.00000")
            let stages = try #require(jsonField(closed, "results", "stages") as? [[String: Any]])
            #expect(stages.first?["action"] as? String == "first-preferences" && stages.first?["candidate"] is NSNull)
            #expect(
                stages.first?["votes"] as? [String: String] == ["Ana": "1.00000", "Bo": "2.00000", "Cy": "0.00000"]
            )
            #expect(stages.first?["elected"] as? [String] == ["Bo"])
            #expect(jsonField(closed, "results", "totals") as? [[Int]] == [[1, 1, 0], [2, 1, 0], [0, 0, 1]])
        }
    }

    @Test func aRefusedDecisionNamesEachFieldAsTheAPINamesIt() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await APICircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let path = "/api/v1/groups/\(circle.slug)/decisions"
            let closes = apiLocalTime(app.clock.now.addingTimeInterval(86_400))
            func errors(_ body: [String: Any]) async throws -> [String: String] {
                let page = try await calls.call(
                    &circle.olive,
                    DecisionOp.create,
                    path,
                    json: body,
                    status: .unprocessableContent
                )
                return page.json["errors"] as? [String: String] ?? [:]
            }

            // act
            let oneCandidate = try await errors([
                "title": "Elect", "kind": "ranked", "options": ["Ana"], "closesAt": closes,
            ])
            let irvForTwo = try await errors([
                "title": "Elect", "kind": "ranked", "options": ["Ana", "Bo", "Cy"], "seats": 2, "rankedRule": "irv",
                "closesAt": closes,
            ])
            let unknownKind = try await errors(["title": "Elect", "kind": "poll", "closesAt": closes])
            let tooSoon = try await errors([
                "title": "Now", "closesAt": apiLocalTime(app.clock.now.addingTimeInterval(60)),
            ])
            let badZone = try await errors(["title": "Elect", "zone": "Mars/Olympus", "closesAt": closes])

            // check
            #expect(oneCandidate["options"] == "Give at least two candidates.")
            #expect(irvForTwo["seats"]?.hasPrefix("Instant-runoff fills one seat") == true)
            #expect(unknownKind.keys.sorted() == ["kind"])
            #expect(tooSoon["closesAt"] == "Voting must stay open at least 15 minutes after it opens.")
            #expect(badZone["zone"] != nil)
            let count = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM decisions").first()?.decode(
                column: "n",
                as: Int.self
            )
            #expect(count == 0)
        }
    }

    @Test func aPrivateGroupsDecisionIsNotFoundAndUnnamedForOutsiders() async throws {
        try await withApp(mail: false) { app in
            // setup: a private group's vote, and a public group's member who belongs to no private group
            var circle = try await APICircle(app)
            let quiet = try await circle.olive.createGroup("Quiet Harbour Circle", visibility: "private")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let created = try await calls.call(
                &circle.olive,
                DecisionOp.create,
                "/api/v1/groups/\(quiet)/decisions",
                json: ["title": "Strike on Friday?", "closesAt": apiLocalTime(app.clock.now.addingTimeInterval(3_600))]
            )
            let id = try #require(APITests.integer(created.json["id"]))

            // act: the outsider and a member of the other group read every path, before and after the close
            var pages: [Page] = []
            for visitor in [circle.sam, circle.mona] {
                var reader = visitor
                pages.append(try await calls.call(&reader, DecisionOp.mine, "/api/v1/decisions"))
                pages.append(
                    try await calls.call(
                        &reader,
                        DecisionOp.group,
                        "/api/v1/groups/\(quiet)/decisions",
                        status: .notFound
                    )
                )
                pages.append(
                    try await calls.call(&reader, DecisionOp.one, "/api/v1/decisions/\(id)", status: .notFound)
                )
                pages.append(
                    try await calls.call(
                        &reader,
                        DecisionOp.ballot,
                        "/api/v1/decisions/\(id)/ballot",
                        json: ["marks": [1]],
                        status: .notFound
                    )
                )
            }
            app.clock.advance(seconds: 7_200)
            pages.append(
                try await calls.call(&circle.sam, DecisionOp.one, "/api/v1/decisions/\(id)", status: .notFound)
            )
            let insider = try await calls.call(&circle.olive, DecisionOp.one, "/api/v1/decisions/\(id)")

            // check: nothing names the group or the question; its organizer sees both
            for page in pages {
                #expect(!page.contains("Quiet Harbour") && !page.contains("Strike on Friday") && !page.contains(quiet))
            }
            #expect(insider.contains("Quiet Harbour Circle") && insider.contains("Strike on Friday?"))
        }
    }

    @Test func groupsVoteAsUnitsCastByTheirOrganizers() async throws {
        try await withApp(mail: false) { app in
            // setup: Riverside Circle (olive organizes; mona, nia members) and sam's Harbour Circle vote as units
            var circle = try await APICircle(app)
            let harbour = try await circle.sam.createGroup("Harbour Circle")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(
                app,
                &calls,
                &circle,
                [
                    "title": "A joint march?", "secret": false, "electorate": "groups",
                    "units": [["group": "Riverside Circle"], ["group": harbour, "voices": 1]],
                ]
            )
            let at = "/api/v1/decisions/\(id)"

            // act
            let seenBySam = try await calls.call(&circle.sam, DecisionOp.one, at)
            try await calls.call(&circle.sam, DecisionOp.ballot, "\(at)/ballot", json: ["marks": [1], "unit": harbour])
            let again = try await calls.call(
                &circle.sam,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: ["marks": [1], "unit": harbour],
                status: .unprocessableContent
            )
            let member = try await calls.call(
                &circle.mona,
                DecisionOp.ballot,
                "\(at)/ballot",
                json: ["marks": [1], "unit": circle.slug],
                status: .forbidden
            )
            try await calls.call(&circle.olive, DecisionOp.ballot, "\(at)/ballot", json: ["marks": [-1]])
            let seenByOlive = try await calls.call(&circle.olive, DecisionOp.one, at)

            // check: each group's delegate cast its vote once; a plain member cannot
            #expect(seenBySam.json["electorate"] as? String == "groups")
            let units = try #require(jsonField(seenBySam, "you", "units") as? [[String: Any]])
            #expect(units.map { APITests.dig($0, ["group", "slug"]) as? String } == [harbour])
            #expect(units.first?["delegate"] as? Bool == true && units.first?["voted"] as? Bool == false)
            #expect(jsonField(seenBySam, "you", "canVote") as? Bool == true)
            #expect(jsonField(again, "errors", "_form") as? String == "Harbour Circle has already voted.")
            #expect(member.contains("Only the organizers of Riverside Circle cast its vote."))
            #expect(jsonField(seenByOlive, "results", "totals") as? [[Int]] == [[1, 1, 0]])
            #expect(jsonField(seenByOlive, "you", "canVote") as? Bool == false)
        }
    }

    @Test func aSecretBallotGetsATrackerOnlyWhenTheDecisionHasABallotBoard() async throws {
        try await withApp(mail: false) { app in
            // setup: twenty voters, as many as a ballot board needs, and a smaller decision in another group
            var circle = try await APICircle(app, more: DecisionRules.trackerMinimumElectorate - 3)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(app, &calls, &circle)
            let small = try await circle.sam.createGroup("Small Circle")
            let closes = apiLocalTime(app.clock.now.addingTimeInterval(86_400))
            let other = try await calls.call(
                &circle.sam,
                DecisionOp.create,
                "/api/v1/groups/\(small)/decisions",
                json: ["title": "Meet on Monday?", "closesAt": closes]
            )
            let otherID = try #require(APITests.integer(other.json["id"]))

            // act
            let cast = try await calls.call(
                &circle.mona,
                DecisionOp.ballot,
                "/api/v1/decisions/\(id)/ballot",
                json: ["marks": [0]]
            )
            let alone = try await calls.call(
                &circle.sam,
                DecisionOp.ballot,
                "/api/v1/decisions/\(otherID)/ballot",
                json: ["marks": [1]]
            )
            app.clock.advance(seconds: 86_400 + 60)
            let board = try await circle.nia.get("/decisions/\(id)/board")

            // check: the tracker is the ballot's on the board, and the small vote has none
            let tracker = try #require(cast.json["tracker"] as? String)
            #expect(tracker.count >= 8)
            #expect(board.status == .ok && board.contains(tracker))
            #expect(alone.json["tracker"] is NSNull)
        }
    }
}
