import Decisions
import Foundation
import FreshgroundCore
import HTTPTypes
import Testing

/// Olive organizes Riverside Circle; mona and nia are members (then voter3, voter4 … when more are asked for); sam belongs
/// to no group.
private struct Circle {
    var olive: Visitor
    var mona: Visitor
    var nia: Visitor
    var sam: Visitor
    var more: [Visitor]
    let slug: String

    init(_ app: TestApp, more count: Int = 0) async throws {
        olive = try await app.person("olive")
        slug = try await olive.createGroup("Riverside Circle")
        mona = try await app.person("mona")
        try await makeMember(app, &mona, of: slug, organizer: &olive)
        nia = try await app.person("nia")
        try await makeMember(app, &nia, of: slug, organizer: &olive)
        more = []
        for index in 0..<count {
            var member = try await app.person("voter\(index + 3)")
            try await makeMember(app, &member, of: slug, organizer: &olive)
            more.append(member)
        }
        sam = try await app.person("sam")
    }
}

/// A time as the API takes it: local wall time, here in UTC.
private func wallTime(_ date: Date) -> String { String(date.ISO8601Format().prefix(16)) }

/// The API's operation for the calls below.
private enum Op {
    static let mine = "GET /api/v1/decisions"
    static let group = "GET /api/v1/groups/{slug}/decisions"
    static let create = "POST /api/v1/groups/{slug}/decisions"
    static let one = "GET /api/v1/decisions/{id}"
    static let ballot = "POST /api/v1/decisions/{id}/ballot"
    static let close = "POST /api/v1/decisions/{id}/close"
}

/// Olive opens a decision through the API (a secret motion closing in a day, unless `fields` say otherwise); its id.
private func putToVote(
    _ app: TestApp,
    _ calls: inout LibraryAPIDocumentTests.Calls,
    _ circle: inout Circle,
    _ fields: [String: Any] = [:]
) async throws -> Int {
    var body: [String: Any] = [
        "title": "Join the tenants' march", "body": "We march on Saturday.",
        "closesAt": wallTime(app.clock.now.addingTimeInterval(86_400)),
    ]
    body.merge(fields) { _, new in new }
    let page = try await calls.call(&circle.olive, Op.create, "/api/v1/groups/\(circle.slug)/decisions", json: body)
    return try #require(APITests.integer(page.json["id"]), "\(page.body.prefix(2000))")
}

private func dig(_ page: Page, _ keys: String...) -> Any? { APITests.dig(page.json, keys) }

/// Every decisions operation, called as a client would, answers with a status and body its document part describes.
@Suite("Decisions API document")
struct DecisionsAPIDocumentTests {
    static let operations: Set<String> = [Op.mine, Op.group, Op.create, Op.one, Op.ballot, Op.close]

    @Test func everyDecisionsOperationAnswersAsDocumentedToEachKindOfCaller() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await Circle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let groupPath = "/api/v1/groups/\(circle.slug)/decisions"
            let question: [String: Any] = [
                "title": "March?", "closesAt": wallTime(app.clock.now.addingTimeInterval(3_600)),
            ]

            // act and check: opening, by each kind of caller
            try await calls.call(&anonymous, Op.create, groupPath, json: question, status: .unauthorized)
            try await calls.call(&circle.sam, Op.create, groupPath, json: question, status: .notFound)
            let refused = try await calls.call(&circle.mona, Op.create, groupPath, json: question, status: .forbidden)
            #expect(refused.contains("Only the organizers of Riverside Circle"))
            let empty = try await calls.call(
                &circle.olive,
                Op.create,
                groupPath,
                json: [:],
                status: .unprocessableContent
            )
            #expect(dig(empty, "errors", "title") != nil && dig(empty, "errors", "closesAt") != nil)
            let created = try await calls.call(&circle.olive, Op.create, groupPath, json: question)
            let id = try #require(APITests.integer(created.json["id"]))
            let at = "/api/v1/decisions/\(id)"
            #expect(created.location == at)
            #expect(created.json["title"] as? String == "March?" && created.json["status"] as? String == "open")

            // the lists
            let mine = try await calls.call(&circle.mona, Op.mine, "/api/v1/decisions")
            let item = try #require(jsonItems(mine).first)
            #expect(APITests.integer(item["id"]) == id && item["awaitsYou"] as? Bool == true)
            #expect(APITests.dig(item, ["group", "name"]) as? String == "Riverside Circle")
            #expect(jsonItems(try await calls.call(&circle.sam, Op.mine, "/api/v1/decisions")).isEmpty)
            try await calls.call(&anonymous, Op.mine, "/api/v1/decisions", status: .unauthorized)
            try await calls.call(&circle.mona, Op.mine, "/api/v1/decisions?page=0", status: .unprocessableContent)
            let listed = try await calls.call(&circle.nia, Op.group, groupPath)
            #expect(jsonItems(listed).map { $0["title"] as? String } == ["March?"])
            try await calls.call(&circle.sam, Op.group, groupPath, status: .notFound)
            try await calls.call(&anonymous, Op.group, groupPath, status: .unauthorized)

            // the decision
            try await calls.call(&circle.mona, Op.one, at)
            let hidden = try await calls.call(&circle.sam, Op.one, at, status: .notFound)
            #expect(!hidden.contains("March"))
            try await calls.call(&anonymous, Op.one, at, status: .unauthorized)
            try await calls.call(&circle.mona, Op.one, "/api/v1/decisions/\(id + 1000)", status: .notFound)

            // voting
            let yes: [String: Any] = ["marks": [1]]
            try await calls.call(&anonymous, Op.ballot, "\(at)/ballot", json: yes, status: .unauthorized)
            try await calls.call(&circle.sam, Op.ballot, "\(at)/ballot", json: yes, status: .notFound)
            let cast = try await calls.call(&circle.mona, Op.ballot, "\(at)/ballot", json: yes)
            #expect(cast.json["tracker"] is NSNull)
            let again = try await calls.call(
                &circle.mona,
                Op.ballot,
                "\(at)/ballot",
                json: yes,
                status: .unprocessableContent
            )
            #expect(dig(again, "errors", "_form") as? String == "You have already voted.")
            try await calls.call(&circle.nia, Op.ballot, "\(at)/ballot", json: [:], status: .badRequest)

            // closing
            try await calls.call(&anonymous, Op.close, "\(at)/close", status: .unauthorized)
            try await calls.call(&circle.sam, Op.close, "\(at)/close", status: .notFound)
            try await calls.call(&circle.mona, Op.close, "\(at)/close", status: .forbidden)
            #expect(dig(try await circle.mona.api(.get, at), "status") as? String == "open")
            try await calls.call(&circle.olive, Op.close, "\(at)/close")
            try await calls.call(&circle.olive, Op.close, "\(at)/close")
            let late = try await calls.call(
                &circle.nia,
                Op.ballot,
                "\(at)/ballot",
                json: yes,
                status: .unprocessableContent
            )
            #expect(dig(late, "errors", "_form") as? String == "Voting has closed.")
            let closed = try await calls.call(&circle.nia, Op.one, at)
            #expect(closed.json["status"] as? String == "closed" && closed.json["closedAt"] is String)
            #expect(
                dig(closed, "results", "explanation") as? String
                    == "Passed: 1 yes of 1 yes and no vote; more than half needed."
            )
            #expect(calls.exercised == Self.operations)
        }
    }

    /// The document's enumerations are the engine's, so a client is told of every kind and rule and of no other.
    @Test func theDocumentNamesExactlyTheEnginesKindsAndRules() async throws {
        try await withApp(mail: false) { app in
            // setup
            var anonymous = app.visitor()

            // act
            let document = try await LibraryAPIDocumentTests.Calls.load(&anonymous).document

            // check
            func values(_ keys: String...) -> Set<String> {
                Set(
                    (APITests.dig(document, ["components", "schemas"] + keys) as? [Any] ?? []).compactMap {
                        $0 as? String
                    }
                )
            }
            #expect(values("DecisionKind", "enum") == Set(DecisionKind.allCases.map(\.rawValue)))
            #expect(
                values("DecisionRules", "properties", "rankedRule", "enum") == Set(RankedRule.allCases.map(\.rawValue))
            )
            #expect(
                values("DecisionRules", "properties", "majority", "properties", "kind", "enum")
                    == Set(MajorityKind.allCases.map(\.rawValue))
            )
            #expect(
                values("DecisionRules", "properties", "majority", "properties", "base", "enum")
                    == Set(MajorityBase.allCases.map(\.rawValue))
            )
            #expect(
                values("DecisionRules", "properties", "reasons", "enum") == Set(ReasonRule.allCases.map(\.rawValue))
            )
            #expect(values("DecisionInput", "properties", "kind", "enum") == Set(DecisionKind.allCases.map(\.rawValue)))
        }
    }
}

@Suite("Decisions JSON API")
struct DecisionsAPITests {
    @Test func aSecretVotesResultsAreNullUntilTheClockPassesTheClose() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await Circle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(app, &calls, &circle)
            let at = "/api/v1/decisions/\(id)"
            try await calls.call(&circle.mona, Op.ballot, "\(at)/ballot", json: ["marks": [1]])
            try await calls.call(&circle.nia, Op.ballot, "\(at)/ballot", json: ["marks": [1], "reason": "Solidarity"])

            // act
            let twoVoted = try await calls.call(&circle.olive, Op.one, at)
            try await calls.call(&circle.olive, Op.ballot, "\(at)/ballot", json: ["marks": [-1]])
            let open = try await calls.call(&circle.mona, Op.one, at)
            app.clock.advance(seconds: 86_400 + 60)
            let closed = try await calls.call(&circle.mona, Op.one, at)

            // check: the rules as stated, no count and no turnout below three while voting runs
            #expect(twoVoted.json["results"] is NSNull && dig(twoVoted, "turnout", "voted") is NSNull)
            #expect(dig(twoVoted, "turnout", "entitled") as? Int == 3)
            #expect(dig(twoVoted, "you", "canVote") as? Bool == true)
            #expect(
                dig(open, "rules", "secret") as? Bool == true && dig(open, "rules", "resultsHidden") as? Bool == true
            )
            #expect(dig(open, "rules", "majority", "summary") as? String == "more than half of the yes and no votes")
            #expect(dig(open, "rules", "quorum", "summary") as? String == "no quorum")
            #expect(open.json["kind"] as? String == "motion" && dig(open, "rules", "reasons") as? String == "optional")
            #expect(open.json["results"] is NSNull && open.json["namedVotes"] is NSNull)
            #expect(dig(open, "turnout", "voted") as? Int == 3)
            #expect(dig(open, "you", "voted") as? Bool == true && dig(open, "you", "canVote") as? Bool == false)
            #expect(closed.json["status"] as? String == "closed" && closed.json["closedAt"] is NSNull)
            #expect(
                dig(closed, "results", "final") as? Bool == true && dig(closed, "results", "passed") as? Bool == true
            )
            #expect(dig(closed, "results", "totals") as? [[Int]] == [[2, 1, 0]])
            #expect(
                dig(closed, "results", "voters") as? Int == 3 && dig(closed, "results", "quorumMet") as? Bool == true
            )
            #expect(
                dig(closed, "results", "explanation") as? String
                    == "Passed: 2 yes of 3 yes and no votes; more than half needed."
            )
            #expect(closed.json["namedVotes"] is NSNull && !closed.contains("Solidarity") && !closed.contains("nia"))
            #expect(dig(closed, "you", "canVote") as? Bool == false)
        }
    }

    @Test func anOpenVoteShowsWhoVotedWhatWhileItRunsAndLaterMembersCannotVote() async throws {
        try await withApp(mail: false) { app in
            // setup: an open vote on a meeting day, choose one or two, a reason required
            var circle = try await Circle(app)
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
                Op.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 0, 1], "reason": "Not Tuesdays"]
            )
            let tooMany = try await calls.call(
                &circle.nia,
                Op.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 1, 1], "reason": "Any day"],
                status: .unprocessableContent
            )
            let noReason = try await calls.call(
                &circle.nia,
                Op.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 1, 0]],
                status: .unprocessableContent
            )
            try await calls.call(
                &circle.nia,
                Op.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 1, 0], "reason": "Early in the week"]
            )
            let notAVoter = try await calls.call(
                &later,
                Op.ballot,
                "\(at)/ballot",
                json: ["marks": [1, 0, 0], "reason": "Me too"],
                status: .forbidden
            )
            let seenByOlive = try await calls.call(&circle.olive, Op.one, at)
            let seenByLater = try await calls.call(&later, Op.one, at)

            // check
            #expect(dig(tooMany, "errors", "marks") as? String == "Choose at most 2.")
            #expect(dig(noReason, "errors", "reason") as? String == "Give a reason for your vote.")
            #expect(notAVoter.contains("You are not among those who may vote"))
            #expect(dig(seenByOlive, "rules", "options") as? [String] == ["Monday", "Tuesday", "Friday"])
            #expect(dig(seenByOlive, "results", "final") as? Bool == false)
            #expect(dig(seenByOlive, "results", "winners") as? [String] == ["Monday"])
            #expect(dig(seenByOlive, "results", "totals") as? [[Int]] == [[2, 0], [1, 1], [1, 1]])
            #expect(dig(seenByOlive, "results", "passed") is NSNull)
            let named = try #require(seenByOlive.json["namedVotes"] as? [[String: Any]])
            #expect(named.map { $0["handle"] as? String } == ["mona", "nia"])
            #expect(named.map { $0["vote"] as? [Int] } == [[1, 0, 1], [1, 1, 0]])
            #expect(named.map { $0["reason"] as? String } == ["Not Tuesdays", "Early in the week"])
            #expect(
                dig(seenByLater, "you", "entitled") as? Bool == false
                    && dig(seenByLater, "you", "canVote") as? Bool == false
            )
            #expect(dig(seenByLater, "turnout", "entitled") as? Int == 3)
        }
    }

    @Test func marksAreCheckedByTheDecisionsRulesAndARankedCountPublishesItsStages() async throws {
        try await withApp(mail: false) { app in
            // setup: instant runoff among three
            var circle = try await Circle(app)
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
                    Op.ballot,
                    at,
                    json: ["marks": marks],
                    status: .unprocessableContent
                )
                return dig(page, "errors", "marks") as? String
            }

            // act and check: each bad ballot is refused naming the marks, and the voter may still vote
            #expect(
                try await refused([1, 1, 0]) == "Number your choices 1, 2, 3… with no number left out or used twice."
            )
            #expect(try await refused([1, 2]) == "The ballot must have a mark for each of the 3 candidates.")
            #expect(try await refused([0, 0, 0]) == "Rank at least one candidate.")
            #expect(try await refused([4, 1, 2]) == "Rank each candidate from 1 to 3, or leave it unranked.")
            #expect(try await refused([5000, 1, 2]) != nil)
            try await calls.call(&circle.mona, Op.ballot, at, json: ["marks": "1"], status: .badRequest)
            try await calls.call(&circle.mona, Op.ballot, at, json: ["marks": [2, 1, 3]])
            try await calls.call(&circle.nia, Op.ballot, at, json: ["marks": [1, 2, 0]])
            try await calls.call(&circle.olive, Op.ballot, at, json: ["marks": [0, 1, 0]])
            try await calls.call(&circle.olive, Op.close, "/api/v1/decisions/\(id)/close")
            let closed = try await calls.call(&circle.mona, Op.one, "/api/v1/decisions/\(id)")

            // check: Bo has two first preferences of three, over the quota of two, elected at the first stage
            #expect(closed.json["closedAt"] is String && dig(closed, "results", "final") as? Bool == true)
            #expect(dig(closed, "results", "winners") as? [String] == ["Bo"])
            #expect(dig(closed, "results", "quota") as? String == "2.00000")
            let stages = try #require(dig(closed, "results", "stages") as? [[String: Any]])
            #expect(stages.first?["action"] as? String == "first-preferences" && stages.first?["candidate"] is NSNull)
            #expect(
                stages.first?["votes"] as? [String: String] == ["Ana": "1.00000", "Bo": "2.00000", "Cy": "0.00000"]
            )
            #expect(stages.first?["elected"] as? [String] == ["Bo"])
            #expect(dig(closed, "results", "totals") as? [[Int]] == [[1, 1, 0], [2, 1, 0], [0, 0, 1]])
        }
    }

    @Test func aRefusedDecisionNamesEachFieldAsTheAPINamesIt() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await Circle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let path = "/api/v1/groups/\(circle.slug)/decisions"
            let closes = wallTime(app.clock.now.addingTimeInterval(86_400))
            func errors(_ body: [String: Any]) async throws -> [String: String] {
                let page = try await calls.call(
                    &circle.olive,
                    Op.create,
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
            let tooSoon = try await errors(["title": "Now", "closesAt": wallTime(app.clock.now.addingTimeInterval(60))])
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
            var circle = try await Circle(app)
            let quiet = try await circle.olive.createGroup("Quiet Harbour Circle", visibility: "private")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let created = try await calls.call(
                &circle.olive,
                Op.create,
                "/api/v1/groups/\(quiet)/decisions",
                json: ["title": "Strike on Friday?", "closesAt": wallTime(app.clock.now.addingTimeInterval(3_600))]
            )
            let id = try #require(APITests.integer(created.json["id"]))

            // act: the outsider and a member of the other group read every path, before and after the close
            var pages: [Page] = []
            for visitor in [circle.sam, circle.mona] {
                var reader = visitor
                pages.append(try await calls.call(&reader, Op.mine, "/api/v1/decisions"))
                pages.append(
                    try await calls.call(&reader, Op.group, "/api/v1/groups/\(quiet)/decisions", status: .notFound)
                )
                pages.append(try await calls.call(&reader, Op.one, "/api/v1/decisions/\(id)", status: .notFound))
                pages.append(
                    try await calls.call(
                        &reader,
                        Op.ballot,
                        "/api/v1/decisions/\(id)/ballot",
                        json: ["marks": [1]],
                        status: .notFound
                    )
                )
            }
            app.clock.advance(seconds: 7_200)
            pages.append(try await calls.call(&circle.sam, Op.one, "/api/v1/decisions/\(id)", status: .notFound))
            let insider = try await calls.call(&circle.olive, Op.one, "/api/v1/decisions/\(id)")

            // check: nothing names the group or the question; its organizer sees both
            for page in pages {
                #expect(!page.contains("Quiet Harbour") && !page.contains("Strike on Friday") && !page.contains(quiet))
            }
            #expect(insider.contains("Quiet Harbour Circle") && insider.contains("Strike on Friday?"))
        }
    }

    @Test func aSecretBallotGetsATrackerOnlyWhenTheDecisionHasABallotBoard() async throws {
        try await withApp(mail: false) { app in
            // setup: twenty voters, as many as a ballot board needs, and a smaller decision in another group
            var circle = try await Circle(app, more: DecisionRules.trackerMinimumElectorate - 3)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(app, &calls, &circle)
            let small = try await circle.sam.createGroup("Small Circle")
            let closes = wallTime(app.clock.now.addingTimeInterval(86_400))
            let other = try await calls.call(
                &circle.sam,
                Op.create,
                "/api/v1/groups/\(small)/decisions",
                json: ["title": "Meet on Monday?", "closesAt": closes]
            )
            let otherID = try #require(APITests.integer(other.json["id"]))

            // act
            let cast = try await calls.call(
                &circle.mona,
                Op.ballot,
                "/api/v1/decisions/\(id)/ballot",
                json: ["marks": [0]]
            )
            let alone = try await calls.call(
                &circle.sam,
                Op.ballot,
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
