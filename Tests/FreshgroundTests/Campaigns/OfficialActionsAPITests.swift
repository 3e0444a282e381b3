import Foundation
import HTTPTypes
import Testing

/// The organizers' actions on an official through the JSON API, every answer checked against the document: a
/// pledge's next version, the criteria, a vote's link and the contact email; co-endorsement invitations, their
/// answers and the caller's waiting list; one review read and put to the members' vote. Another group's organizer
/// is refused each, and a bad field is a 422 naming it as the API names it.
@Suite("Campaigns JSON API: officials' actions")
struct OfficialActionsAPITests {
    /// Every operation tested here; `OfficialsAPITests.operations` lists them with the others.
    static let operations: Set<String> = [
        OfficialOp.pledge, OfficialOp.criteria, OfficialOp.link, OfficialOp.contact, OfficialOp.invite,
        OfficialOp.answer, OfficialOp.invitations, OfficialOp.review, OfficialOp.reviewVote,
    ]

    static var pledge: [String: Any] {
        [
            "topic": "Rent control", "question": "Will you vote for rent control?", "answer": "Yes, in the first year.",
            "stance": "for", "answeredOn": "2026-04-20", "sourceUrl": "https://tenants.example/answers",
        ]
    }

    func with(_ body: [String: Any], _ field: String, _ value: String) -> [String: Any] {
        var body = body
        body[field] = value
        return body
    }

    @Test func theRecordingGroupsOrganizersRecordPledgesCriteriaLinksAndTheContact() async throws {
        try await withApp(mail: false) { app in
            // setup: olive records Ada for Leeds Tenants; eve organizes another group
            var s = try await OfficialTests().setup(app)
            var eve = try await app.person("eve")
            _ = try await eve.createGroup("Other Circle")
            var calls = try await LibraryAPIDocumentTests.Calls.load(&eve)
            let at = "/api/v1/officials/\(s.official)"
            let voted = try await calls.call(
                &s.olive,
                OfficialOp.vote,
                "\(at)/votes",
                json: ["motion": "Rent freeze", "votedOn": "2026-10-01", "option": "yes"]
            )
            let vote = try #require(
                APITests.integer((APITests.dig(voted.json, ["votes", "items"]) as? [[String: Any]])?.first?["id"])
            )
            let link = "\(at)/votes/\(vote)/link"
            // act
            let pledged = try await calls.call(&s.olive, OfficialOp.pledge, "\(at)/pledges", json: Self.pledge)
            try await calls.call(&eve, OfficialOp.pledge, "\(at)/pledges", json: Self.pledge, status: .forbidden)
            let badStance = try await calls.call(
                &s.olive,
                OfficialOp.pledge,
                "\(at)/pledges",
                json: with(Self.pledge, "stance", "maybe"),
                status: .unprocessableContent
            )
            let badSource = try await calls.call(
                &s.olive,
                OfficialOp.pledge,
                "\(at)/pledges",
                json: with(Self.pledge, "sourceUrl", ""),
                status: .unprocessableContent
            )
            let criteria = ["absences": "leave-out", "abstentions": "disagree", "text": "Absences are left out."]
            let published = try await calls.call(&s.olive, OfficialOp.criteria, "\(at)/criteria", json: criteria)
            try await calls.call(&eve, OfficialOp.criteria, "\(at)/criteria", json: criteria, status: .forbidden)
            let badCriteria = try await calls.call(
                &s.olive,
                OfficialOp.criteria,
                "\(at)/criteria",
                json: with(criteria, "absences", "sometimes"),
                status: .unprocessableContent
            )
            let linked = try await calls.call(
                &s.olive,
                OfficialOp.link,
                link,
                json: ["pledgeTopic": "Rent control", "position": "support"]
            )
            try await calls.call(&eve, OfficialOp.link, link, json: ["position": "support"], status: .forbidden)
            let badTopic = try await calls.call(
                &s.olive,
                OfficialOp.link,
                link,
                json: ["pledgeTopic": "Parks", "position": "support"],
                status: .unprocessableContent
            )
            try await calls.call(
                &s.olive,
                OfficialOp.link,
                "\(at)/votes/\(vote + 1000)/link",
                json: ["position": "support"],
                status: .notFound
            )
            let email = ["contactEmail": "ada@council.example"]
            try await calls.call(&s.olive, OfficialOp.contact, "\(at)/contact", json: email)
            try await calls.call(&eve, OfficialOp.contact, "\(at)/contact", json: email, status: .forbidden)
            let badEmail = try await calls.call(
                &s.olive,
                OfficialOp.contact,
                "\(at)/contact",
                json: ["contactEmail": "ada at the council"],
                status: .unprocessableContent
            )
            let owners = try await calls.call(&s.olive, OfficialOp.official, at)
            let others = try await calls.call(&eve, OfficialOp.official, at)
            // check
            #expect(pledged.location == at)
            let topics = try #require(pledged.json["pledges"] as? [[String: Any]])
            #expect(topics.first?["topic"] as? String == "Rent control")
            #expect((topics.first?["versions"] as? [[String: Any]])?.first?["stance"] as? String == "for")
            #expect(APITests.dig(badStance.json, ["errors", "stance"]) != nil, "\(badStance.body)")
            #expect(APITests.dig(badSource.json, ["errors", "sourceUrl"]) != nil, "named as the API names it")
            #expect(published.location == at)
            #expect((published.json["criteria"] as? [[String: Any]])?.first?["absences"] as? String == "leave-out")
            #expect(APITests.dig(badCriteria.json, ["errors", "absences"]) != nil, "\(badCriteria.body)")
            let votes = APITests.dig(linked.json, ["votes", "items"]) as? [[String: Any]]
            #expect(votes?.first?["pledgeTopic"] as? String == "Rent control")
            #expect(votes?.first?["position"] as? String == "support")
            #expect(APITests.dig(badTopic.json, ["errors", "pledgeTopic"]) != nil, "\(badTopic.body)")
            #expect(APITests.dig(badEmail.json, ["errors", "contactEmail"]) != nil, "\(badEmail.body)")
            #expect(owners.json["contactEmail"] as? String == "ada@council.example")
            #expect(others.json["contactEmail"] is NSNull)
        }
    }

    @Test func aGroupAskedToCoEndorseAnswersThroughTheAPI() async throws {
        try await withApp(mail: false) { app in
            // setup: olive records Ada for Leeds Tenants; eve organizes Other Circle, carol Third Circle
            var s = try await OfficialTests().setup(app)
            var eve = try await app.person("eve")
            let other = try await eve.createGroup("Other Circle")
            var carol = try await app.person("carol")
            _ = try await carol.createGroup("Third Circle")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let at = "/api/v1/officials/\(s.official)"
            let answer = "\(at)/endorsements/\(other)/answer"
            // act
            try await calls.call(
                &eve,
                OfficialOp.invite,
                "\(at)/endorsements",
                json: ["group": "Third Circle"],
                status: .forbidden
            )
            let unknown = try await calls.call(
                &s.olive,
                OfficialOp.invite,
                "\(at)/endorsements",
                json: ["group": "Nowhere At All"],
                status: .unprocessableContent
            )
            try await calls.call(&s.olive, OfficialOp.invite, "\(at)/endorsements", json: ["group": "Other Circle"])
            let waiting = try await calls.call(&eve, OfficialOp.invitations, "/api/v1/officials/invitations")
            let carols = try await calls.call(&carol, OfficialOp.invitations, "/api/v1/officials/invitations")
            try await calls.call(
                &anonymous,
                OfficialOp.invitations,
                "/api/v1/officials/invitations",
                status: .unauthorized
            )
            try await calls.call(&carol, OfficialOp.answer, answer, json: ["answer": "accept"], status: .forbidden)
            let badAnswer = try await calls.call(
                &eve,
                OfficialOp.answer,
                answer,
                json: ["answer": "maybe"],
                status: .unprocessableContent
            )
            try await calls.call(&eve, OfficialOp.answer, answer, json: ["answer": "accept"])
            try await calls.call(&eve, OfficialOp.answer, answer, json: ["answer": "accept"], status: .conflict)
            let after = try await calls.call(&eve, OfficialOp.invitations, "/api/v1/officials/invitations")
            let official = try await calls.call(&anonymous, OfficialOp.official, at)
            // check
            #expect(APITests.dig(unknown.json, ["errors", "group"]) != nil, "\(unknown.body)")
            let item = (waiting.json["items"] as? [[String: Any]])?.first
            #expect(APITests.dig(item, ["official", "name"]) as? String == "Ada Brennan")
            #expect(APITests.dig(item, ["by", "name"]) as? String == "Leeds Tenants")
            #expect(APITests.dig(item, ["group", "slug"]) as? String == other)
            #expect((carols.json["items"] as? [Any])?.isEmpty == true, "only the asked group's organizers see it")
            #expect(APITests.dig(badAnswer.json, ["errors", "answer"]) != nil, "\(badAnswer.body)")
            #expect((after.json["items"] as? [Any])?.isEmpty == true)
            let endorsers = (official.json["endorsedBy"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(endorsers?.contains("Other Circle") == true)
        }
    }

    @Test func aReviewIsReadAndPutToTheMembersVoteThroughTheAPI() async throws {
        try await withApp { app in
            // setup: olive opens a review of Ada due today; eve organizes another group
            var s = try await OfficialTests().setup(app)
            var eve = try await app.person("eve")
            _ = try await eve.createGroup("Other Circle")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let at = "/api/v1/officials/\(s.official)"
            try await calls.call(
                &s.olive,
                OfficialOp.contact,
                "\(at)/contact",
                json: ["contactEmail": "ada-review@council.example"]
            )
            let opened = try await calls.call(
                &s.olive,
                OfficialOp.openReview,
                "\(at)/reviews",
                json: ["questions": "Why did you vote no?", "replyBy": OfficialReviewTests().day(app)]
            )
            let review = try #require(APITests.integer(opened.json["id"]))
            let path = "\(at)/reviews/\(review)"
            let closes = ["closesAt": utcInput(app.clock.now + 3 * 86_400)]
            // act
            let read = try await calls.call(&anonymous, OfficialOp.review, path)
            try await calls.call(&anonymous, OfficialOp.review, "\(at)/reviews/\(review + 1000)", status: .notFound)
            let early = try await calls.call(
                &s.olive,
                OfficialOp.reviewVote,
                "\(path)/vote",
                json: closes,
                status: .unprocessableContent
            )
            try await app.advanceClockAfterMail(seconds: 2 * 86_400)
            let later = ["closesAt": utcInput(app.clock.now + 86_400)]
            try await calls.call(&eve, OfficialOp.reviewVote, "\(path)/vote", json: later, status: .forbidden)
            try await calls.call(&s.bob, OfficialOp.reviewVote, "\(path)/vote", json: later, status: .forbidden)
            let put = try await calls.call(&s.olive, OfficialOp.reviewVote, "\(path)/vote", json: later)
            try await calls.call(&s.olive, OfficialOp.reviewVote, "\(path)/vote", json: later, status: .conflict)
            let reread = try await calls.call(&anonymous, OfficialOp.review, path)
            // check
            #expect(read.json["questions"] as? String == "Why did you vote no?")
            #expect(read.json["decision"] is NSNull)
            #expect(APITests.dig(early.json, ["errors", "closesAt"]) != nil, "\(early.body)")
            let decision = try #require(APITests.integer(put.json["decision"]))
            #expect(put.location == "/api/v1/decisions/\(decision)")
            #expect(APITests.integer(reread.json["decision"]) == decision)
        }
    }

    @Test func aPrivateGroupsReviewIsNotFoundAndItsInvitationNamesNoGroup() async throws {
        try await withApp { app in
            // setup: the private Quiet Circle records Ada, opens a review and asks eve's Other Circle to co-endorse
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Quiet Circle", visibility: "private")
            var eve = try await app.person("eve")
            _ = try await eve.createGroup("Other Circle")
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let recorded = try await calls.call(
                &olive,
                OfficialOp.record,
                "/api/v1/groups/\(slug)/officials",
                json: OfficialsAPITests.ada
            )
            let at = "/api/v1/officials/\(try #require(APITests.integer(recorded.json["id"])))"
            let opened = try await calls.call(
                &olive,
                OfficialOp.openReview,
                "\(at)/reviews",
                json: ["questions": "Why?", "replyBy": OfficialReviewTests().day(app, plus: 7)]
            )
            let path = "\(at)/reviews/\(try #require(APITests.integer(opened.json["id"])))"
            try await calls.call(&olive, OfficialOp.invite, "\(at)/endorsements", json: ["group": "Other Circle"])
            // act
            let owners = try await calls.call(&olive, OfficialOp.review, path)
            try await calls.call(&anonymous, OfficialOp.review, path, status: .notFound)
            try await calls.call(&eve, OfficialOp.review, path, status: .notFound)
            let invitations = try await calls.call(&eve, OfficialOp.invitations, "/api/v1/officials/invitations")
            // check
            #expect(APITests.dig(owners.json, ["group", "name"]) as? String == "Quiet Circle")
            let item = (invitations.json["items"] as? [[String: Any]])?.first
            #expect(APITests.dig(item, ["by", "name"]) as? String == "a private group")
            #expect(APITests.dig(item, ["by", "slug"]) is NSNull)
            #expect(!invitations.body.contains("Quiet Circle") && !invitations.body.contains(slug))
        }
    }
}
