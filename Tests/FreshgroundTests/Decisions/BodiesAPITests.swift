import Foundation
import HTTPTypes
import Testing

/// Elected bodies, their elections, recalls and dissent through the JSON API, every answer checked against the
/// document; and the Schulze figures in a decision's results.
@Suite("Decisions JSON API: bodies, recalls, dissent")
struct BodiesAPITests {
    /// Every operation of this part of the API; `APITests` checks the document lists these with the others.
    static let operations: Set<String> = [
        BodyOp.list, BodyOp.create, BodyOp.one, BodyOp.change, BodyOp.delete, BodyOp.election, BodyOp.startRecall,
        BodyOp.recall, BodyOp.sign, BodyOp.unsign, BodyOp.dissents, BodyOp.dissent, BodyOp.cosign, BodyOp.withdraw,
    ]

    @Test func anOrganizerCreatesABodyAndOpensItsElectionThroughTheAPI() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await APICircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let bodies = "/api/v1/groups/\(circle.slug)/bodies"
            let board: [String: Any] = ["name": "Editorial board", "seats": 2, "description": "Edits the journal."]

            // act
            let empty = try await calls.call(&circle.mona, BodyOp.list, bodies)
            try await calls.call(&anonymous, BodyOp.create, bodies, json: board, status: .unauthorized)
            let notYours = try await calls.call(&circle.mona, BodyOp.create, bodies, json: board, status: .forbidden)
            let refused = try await calls.call(
                &circle.olive,
                BodyOp.create,
                bodies,
                json: ["name": " "],
                status: .unprocessableContent
            )
            let created = try await calls.call(&circle.olive, BodyOp.create, bodies, json: board)
            let id = try #require(APITests.integer(created.json["id"]))
            let at = "/api/v1/bodies/\(id)"
            let changed = try await calls.call(&circle.olive, BodyOp.change, at, json: ["termMonths": 6])
            let noCandidate = try await calls.call(
                &circle.olive,
                BodyOp.election,
                "\(at)/election",
                json: ["candidates": ["mona", "nobody-here"], "closesAt": apiLocalTime(app.clock.now + 86_400)],
                status: .unprocessableContent
            )
            let election = try await calls.call(
                &circle.olive,
                BodyOp.election,
                "\(at)/election",
                json: ["candidates": ["mona", "nia", "olive"], "closesAt": apiLocalTime(app.clock.now + 86_400)]
            )
            let decision = try #require(APITests.integer(election.json["id"]))
            let listed = try await calls.call(&circle.sam, BodyOp.list, bodies)
            let seen = try await calls.call(&circle.nia, BodyOp.one, at)
            let spare = try await calls.call(&circle.olive, BodyOp.create, bodies, json: ["name": "Officers"])
            let spareAt = try #require(spare.location)
            try await calls.call(&circle.mona, BodyOp.delete, spareAt, status: .forbidden)
            try await calls.call(&circle.olive, BodyOp.delete, spareAt)
            try await calls.call(&circle.olive, BodyOp.one, spareAt, status: .notFound)
            let page = try await circle.nia.get("/groups/\(circle.slug)/bodies")

            // check
            #expect(jsonItems(empty).isEmpty && empty.json["canManage"] as? Bool == false)
            #expect(empty.json["canPetition"] as? Bool == true)
            #expect(notYours.contains("Only the organizers of Riverside Circle can change its elected bodies."))
            #expect(jsonField(refused, "errors", "name") as? String == "Name the body, such as “Editorial board”.")
            #expect(created.status == .created && created.location == at)
            #expect(created.json["seats"] as? Int == 2 && created.json["termMonths"] as? Int == 12)
            #expect(changed.json["termMonths"] as? Int == 6 && changed.json["name"] as? String == "Editorial board")
            #expect((jsonField(noCandidate, "errors", "candidates") as? String)?.contains("nobody-here") == true)
            #expect(election.location == "/api/v1/decisions/\(decision)")
            #expect(election.json["title"] as? String == "Election of Editorial board")
            #expect(jsonField(election, "rules", "options") as? [String] == ["@mona", "@nia", "@olive"])
            #expect(jsonField(election, "rules", "seats") as? Int == 2 && election.json["kind"] as? String == "ranked")
            let item = try #require(jsonItems(listed).first)
            #expect(item["name"] as? String == "Editorial board" && (item["holders"] as? [Any])?.isEmpty == true)
            let elections = item["elections"] as? [[String: Any]]
            #expect(elections?.count == 1 && APITests.integer(elections?.first?["id"]) == decision)
            #expect(elections?.first?["title"] as? String == "Election of Editorial board")
            #expect(item["recalls"] is NSNull && listed.json["canPetition"] as? Bool == false)
            #expect(jsonItems(listed).count == 1)
            #expect(seen.json["recalls"] as? [Any] != nil)
            #expect(page.contains("Election under way") && page.contains("terms of 6 months"))
            #expect(!page.contains("Officers"))
        }
    }

    @Test func aMemberStartsARecallAndCoSignersReachTheThresholdThatOpensTheVote() async throws {
        try await withApp(mail: false) { app in
            // setup: five active members, so three co-signers are needed; mona holds the one seat
            var circle = try await APICircle(app, more: 2)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let body = try await seatedBody(app, &calls, &circle, holder: "mona")
            let recalls = "/api/v1/bodies/\(body)/recalls"

            // act
            let noReason = try await calls.call(
                &circle.nia,
                BodyOp.startRecall,
                recalls,
                json: ["holder": "mona"],
                status: .unprocessableContent
            )
            try await calls.call(&circle.sam, BodyOp.startRecall, recalls, json: ["holder": "mona"], status: .forbidden)
            let started = try await calls.call(
                &circle.nia,
                BodyOp.startRecall,
                recalls,
                json: ["holder": "mona", "reason": "Spent the strike fund on a car."]
            )
            let at = try #require(started.location)
            let own = try await calls.call(&circle.mona, BodyOp.sign, "\(at)/signature", status: .unprocessableContent)
            let first = try await calls.call(&circle.more[0], BodyOp.sign, "\(at)/signature")
            let withdrawn = try await calls.call(&circle.more[0], BodyOp.unsign, "\(at)/signature")
            try await calls.call(&circle.more[0], BodyOp.sign, "\(at)/signature")
            try await calls.call(&circle.more[1], BodyOp.sign, "\(at)/signature")
            let twoOfThree = try await calls.call(&circle.olive, BodyOp.recall, at)
            let opened = try await calls.call(&circle.olive, BodyOp.sign, "\(at)/signature")
            let late = try await calls.call(
                &circle.more[0],
                BodyOp.unsign,
                "\(at)/signature",
                status: .unprocessableContent
            )
            let listed = try await calls.call(&circle.nia, BodyOp.list, "/api/v1/groups/\(circle.slug)/bodies")
            try await calls.call(&circle.sam, BodyOp.recall, at, status: .notFound)
            let vote = try #require(APITests.integer(opened.json["decision"]))
            let decision = try await circle.nia.api(.get, "/api/v1/decisions/\(vote)")

            // check
            #expect(jsonField(noReason, "errors", "reason") as? String == "Say why the holder should be recalled.")
            #expect(started.status == .created && started.json["signatures"] as? Int == 0)
            #expect(started.json["needed"] as? Int == 3 && started.json["decision"] is NSNull)
            #expect(jsonField(started, "holder", "handle") as? String == "mona")
            #expect(jsonField(started, "startedBy", "handle") as? String == "nia")
            #expect(jsonField(own, "errors", "_form") as? String == "You cannot co-sign the recall of your own seat.")
            #expect(first.json["signatures"] as? Int == 1 && first.json["signed"] as? Bool == true)
            #expect(withdrawn.json["signatures"] as? Int == 0 && withdrawn.json["signed"] as? Bool == false)
            #expect(twoOfThree.json["signatures"] as? Int == 2 && twoOfThree.json["decision"] is NSNull)
            #expect(
                (twoOfThree.json["signers"] as? [[String: Any]])?.map { $0["handle"] as? String }
                    == ["voter3", "voter4"]
            )
            #expect(opened.json["signatures"] as? Int == 3 && opened.json["signed"] as? Bool == true)
            #expect(
                jsonField(late, "errors", "_form") as? String == "The recall vote has opened: the petition is closed."
            )
            let recall = try #require((jsonItems(listed).first?["recalls"] as? [[String: Any]])?.first)
            #expect(APITests.integer(recall["decision"]) == vote)
            #expect(decision.json["title"] as? String == "Recall @mona from Editorial board")
            #expect(jsonField(decision, "rules", "majority", "kind") as? String == "two-thirds")
        }
    }

    @Test func aDissentStatementPostedThroughTheAPIAppearsOnTheDecisionPage() async throws {
        try await withApp(mail: false) { app in
            // setup: a motion mona votes against; sam is no member
            var circle = try await APICircle(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(app, &calls, &circle)
            let at = "/api/v1/decisions/\(id)/dissents"
            try await calls.call(
                &circle.mona,
                DecisionOp.ballot,
                "/api/v1/decisions/\(id)/ballot",
                json: ["marks": [-1]]
            )
            let tooEarly = try await calls.call(
                &circle.mona,
                BodyOp.dissent,
                at,
                json: ["statement": "Wrong day."],
                status: .forbidden
            )
            try await calls.call(&circle.olive, DecisionOp.close, "/api/v1/decisions/\(id)/close")

            // act
            let empty = try await calls.call(
                &circle.mona,
                BodyOp.dissent,
                at,
                json: ["statement": " "],
                status: .unprocessableContent
            )
            let posted = try await calls.call(
                &circle.mona,
                BodyOp.dissent,
                at,
                json: ["statement": "The march clashes with the rent strike meeting."]
            )
            let statement = try #require(APITests.integer(posted.json["id"]))
            let cosigned = try await calls.call(&circle.nia, BodyOp.cosign, "/api/v1/dissents/\(statement)/signature")
            let listed = try await calls.call(&circle.olive, BodyOp.dissents, at)
            let page = try await circle.olive.get("/decisions/\(id)")
            try await calls.call(&circle.nia, BodyOp.withdraw, "/api/v1/dissents/\(statement)", status: .forbidden)
            try await calls.call(&circle.mona, BodyOp.withdraw, "/api/v1/dissents/\(statement)")
            let after = try await calls.call(&circle.olive, BodyOp.dissents, at)
            let pageAfter = try await circle.olive.get("/decisions/\(id)")

            // check
            #expect(tooEarly.contains("once it has closed"))
            #expect(jsonField(empty, "errors", "statement") as? String == "Write your statement.")
            #expect(posted.status == .created && jsonField(posted, "author", "handle") as? String == "mona")
            #expect((cosigned.json["cosigners"] as? [[String: Any]])?.map { $0["handle"] as? String } == ["nia"])
            #expect(listed.json["canDissent"] as? Bool == true)
            #expect(
                jsonItems(listed).map { $0["statement"] as? String } == [
                    "The march clashes with the rent strike meeting."
                ]
            )
            #expect(
                page.contains("Dissent by @mona") && page.contains("The march clashes with the rent strike meeting.")
            )
            #expect(page.contains("Co-signed by @nia."))
            #expect(jsonItems(after).isEmpty && !pageAfter.contains("rent strike meeting"))
        }
    }

    @Test func strangersAreToldNothingOfAPrivateGroupsBodiesRecallsAndDissent() async throws {
        try await withApp(mail: false) { app in
            // setup: hana's private circle with a body, a closed vote and a dissent statement; sam is a stranger
            var hana = try await app.person("hana")
            let slug = try await hana.createGroup("Hidden Circle", visibility: "private")
            var sam = try await app.person("sam")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let created = try await calls.call(
                &hana,
                BodyOp.create,
                "/api/v1/groups/\(slug)/bodies",
                json: ["name": "Secret committee"]
            )
            let body = try #require(created.location)
            let opened = try await hana.api(
                .post,
                "/api/v1/groups/\(slug)/decisions",
                json: #"{"title":"Occupy the depot","closesAt":"\#(apiLocalTime(app.clock.now + 3_600))"}"#
            )
            let decision = try #require(APITests.integer(opened.json["id"]), "\(opened.body)")
            try #require(
                try await hana.api(.post, "/api/v1/decisions/\(decision)/ballot", json: #"{"marks":[-1]}"#).status
                    == .created
            )
            try #require(try await hana.api(.post, "/api/v1/decisions/\(decision)/close").status == .noContent)
            let posted = try await calls.call(
                &hana,
                BodyOp.dissent,
                "/api/v1/decisions/\(decision)/dissents",
                json: ["statement": "We were too few."]
            )
            let statement = "/api/v1/dissents/\(try #require(APITests.integer(posted.json["id"])))"

            // act
            let answers = [
                try await calls.call(&sam, BodyOp.list, "/api/v1/groups/\(slug)/bodies", status: .notFound),
                try await calls.call(&sam, BodyOp.one, body, status: .notFound),
                try await calls.call(&sam, BodyOp.change, body, json: ["name": "Ours"], status: .notFound),
                try await calls.call(&sam, BodyOp.delete, body, status: .notFound),
                try await calls.call(&sam, BodyOp.election, "\(body)/election", json: [:], status: .notFound),
                try await calls.call(&sam, BodyOp.startRecall, "\(body)/recalls", json: [:], status: .notFound),
                try await calls.call(
                    &sam,
                    BodyOp.dissents,
                    "/api/v1/decisions/\(decision)/dissents",
                    status: .notFound
                ),
                try await calls.call(
                    &sam,
                    BodyOp.dissent,
                    "/api/v1/decisions/\(decision)/dissents",
                    json: ["statement": "Me too."],
                    status: .notFound
                ),
                try await calls.call(&sam, BodyOp.cosign, "\(statement)/signature", status: .notFound),
                try await calls.call(&sam, BodyOp.withdraw, statement, status: .notFound),
            ]
            let anonymousAnswers = [
                try await calls.call(&anonymous, BodyOp.list, "/api/v1/groups/\(slug)/bodies", status: .unauthorized),
                try await calls.call(&anonymous, BodyOp.one, body, status: .unauthorized),
                try await calls.call(
                    &anonymous,
                    BodyOp.dissents,
                    "/api/v1/decisions/\(decision)/dissents",
                    status: .unauthorized
                ),
            ]
            let missing = try await calls.call(&hana, BodyOp.recall, "/api/v1/recalls/999999", status: .notFound)
            let still = try await calls.call(&hana, BodyOp.dissents, "/api/v1/decisions/\(decision)/dissents")

            // check
            for answer in answers + anonymousAnswers + [missing] {
                #expect(!answer.contains("Hidden Circle") && !answer.contains("Secret committee"))
                #expect(!answer.contains("too few"))
            }
            #expect(jsonItems(still).count == 1)
        }
    }

    @Test func aSchulzeResultCarriesThePairwiseCountsAndStrongestPathsByHand() async throws {
        try await withApp(mail: false) { app in
            // setup: seven voters; three rank Park > Library > Hall, two Library > Hall > Park, two Hall > Park >
            // Library. By hand: d[P][L] = 5, d[L][P] = 2; d[L][H] = 5, d[H][L] = 2; d[H][P] = 4, d[P][H] = 3: a
            // cycle. Strongest paths: P→L 5, P→H min(5, 5) = 5, L→H 5, L→P min(5, 4) = 4, H→P 4, H→L min(4, 5) = 4.
            // So Park wins, though Hall beats Park head to head.
            var circle = try await APICircle(app, more: 4)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let id = try await putToVote(
                app,
                &calls,
                &circle,
                ["title": "Where we meet", "kind": "schulze", "options": ["Park", "Library", "Hall"]]
            )
            let ballots: [[Int]] = [[1, 2, 3], [1, 2, 3], [1, 2, 3], [3, 1, 2], [3, 1, 2], [2, 3, 1], [2, 3, 1]]
            var voters = [circle.olive, circle.mona, circle.nia] + circle.more
            for (index, marks) in ballots.enumerated() {
                try await calls.call(
                    &voters[index],
                    DecisionOp.ballot,
                    "/api/v1/decisions/\(id)/ballot",
                    json: ["marks": marks]
                )
            }
            let hidden = try await calls.call(&circle.mona, DecisionOp.one, "/api/v1/decisions/\(id)")

            // act
            try await calls.call(&circle.olive, DecisionOp.close, "/api/v1/decisions/\(id)/close")
            let closed = try await calls.call(&circle.mona, DecisionOp.one, "/api/v1/decisions/\(id)")

            // check
            #expect(hidden.json["results"] is NSNull)
            #expect(jsonField(closed, "results", "winners") as? [String] == ["Park"])
            #expect(jsonField(closed, "results", "schulze", "options") as? [String] == ["Park", "Library", "Hall"])
            #expect(
                jsonField(closed, "results", "schulze", "pairwise") as? [[Int]] == [[0, 5, 3], [2, 0, 5], [4, 2, 0]]
            )
            #expect(
                jsonField(closed, "results", "schulze", "strongest") as? [[Int]] == [
                    [0, 5, 5], [4, 0, 5], [4, 4, 0],
                ]
            )
            #expect(
                jsonField(closed, "results", "schulze", "ranking") as? [[String]] == [["Park"], ["Library"], ["Hall"]]
            )
        }
    }
}

/// The operations of bodies, recalls and dissent, as the document names them.
enum BodyOp {
    static let list = "GET /api/v1/groups/{slug}/bodies"
    static let create = "POST /api/v1/groups/{slug}/bodies"
    static let one = "GET /api/v1/bodies/{id}"
    static let change = "PATCH /api/v1/bodies/{id}"
    static let delete = "DELETE /api/v1/bodies/{id}"
    static let election = "POST /api/v1/bodies/{id}/election"
    static let startRecall = "POST /api/v1/bodies/{id}/recalls"
    static let recall = "GET /api/v1/recalls/{id}"
    static let sign = "POST /api/v1/recalls/{id}/signature"
    static let unsign = "DELETE /api/v1/recalls/{id}/signature"
    static let dissents = "GET /api/v1/decisions/{id}/dissents"
    static let dissent = "POST /api/v1/decisions/{id}/dissents"
    static let cosign = "POST /api/v1/dissents/{id}/signature"
    static let withdraw = "DELETE /api/v1/dissents/{id}"
}

/// A one-seat body of the circle, created and filled through the API: `holder` elected (yes or no) by one yes vote,
/// closed by olive. Its id.
private func seatedBody(
    _ app: TestApp,
    _ calls: inout LibraryAPIDocumentTests.Calls,
    _ circle: inout APICircle,
    holder: String
) async throws -> Int {
    let created = try await calls.call(
        &circle.olive,
        BodyOp.create,
        "/api/v1/groups/\(circle.slug)/bodies",
        json: ["name": "Editorial board", "seats": 1]
    )
    let body = try #require(APITests.integer(created.json["id"]))
    let election = try await calls.call(
        &circle.olive,
        BodyOp.election,
        "/api/v1/bodies/\(body)/election",
        json: ["candidates": [holder], "kind": "election", "closesAt": apiLocalTime(app.clock.now + 86_400)]
    )
    let decision = try #require(APITests.integer(election.json["id"]))
    try await calls.call(&circle.nia, DecisionOp.ballot, "/api/v1/decisions/\(decision)/ballot", json: ["marks": [1]])
    try await calls.call(&circle.olive, DecisionOp.close, "/api/v1/decisions/\(decision)/close")
    let seated = try await calls.call(&circle.nia, BodyOp.one, "/api/v1/bodies/\(body)")
    let holders = (seated.json["holders"] as? [[String: Any]])?.map {
        APITests.dig($0, ["person", "handle"]) as? String
    }
    guard holders == [holder] else { throw TestFailure("\(holder) was not seated: \(seated.body.prefix(2000))") }
    return body
}
