import Foundation
import HTTPTypes
import Testing

/// Starting an inquiry and drafting its report from below through the JSON API, every answer checked against the
/// document; the refusals are the pages' own.
@Suite("Campaigns: starting inquiries and their reports through the JSON API")
struct InquiryAPIWriteTests {
    @Test func anOrganizerStartsEachMethodAndOthersAreRefused() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 1)
            var stranger = try await app.person("stan")
            var calls = try await LibraryAPIDocumentTests.Calls.load(&stranger)
            let at = "/api/v1/campaigns/\(fixture.campaign)/inquiries"
            let later = inquiryDay(app, plus: 10)
            func start(_ method: String, topics: [String] = []) -> [String: Any] {
                [
                    "group": fixture.coalition, "method": method, "title": "Our \(method)", "topics": topics,
                    "closesOn": later,
                ]
            }
            // act
            let trend = try await calls.call(&fixture.cole, InquiryOp.start, at, json: start("trend", topics: ["Pay"]))
            let diary = try await calls.call(&fixture.cole, InquiryOp.start, at, json: start("diary"))
            let interview = try await calls.call(&fixture.cole, InquiryOp.start, at, json: start("interview"))
            let unknown = try await calls.call(
                &fixture.cole,
                InquiryOp.start,
                at,
                json: start("gossip"),
                status: .unprocessableContent
            )
            let refused = try await calls.call(
                &fixture.cole,
                InquiryOp.start,
                at,
                json: ["group": "nowhere", "method": "trend", "title": " ", "closesOn": "2000-01-01"],
                status: .unprocessableContent
            )
            let member = try await calls.call(
                &fixture.members[0],
                InquiryOp.start,
                at,
                json: start("trend", topics: ["Pay"]),
                status: .forbidden
            )
            try await calls.call(&stranger, InquiryOp.start, at, json: start("diary"), status: .forbidden)
            let form = try await fixture.members[0].post(
                "/campaigns/\(fixture.campaign)/inquiries",
                [("group", fixture.coalition), ("method", "diary"), ("title", "Mine"), ("closesOn", later)]
            )
            let shown = try await calls.call(&stranger, InquiryOp.show, try #require(interview.location))
            let list = try await calls.call(&stranger, InquiryOp.list, at)
            // check
            let id = try #require(APITests.integer(trend.json["id"]))
            #expect(trend.location == "/api/v1/inquiries/\(id)")
            #expect(trend.json["title"] as? String == "Our trend" && trend.json["method"] as? String == "trend")
            let trendQuestions = try #require(trend.json["questions"] as? [[String: Any]])
            #expect(trendQuestions.map { $0["prompt"] as? String } == ["Pay: compared with a year ago"])
            #expect((trend.json["guide"] as? [String])?.isEmpty == true)
            let diaryQuestions = try #require(diary.json["questions"] as? [[String: Any]])
            #expect(diaryQuestions.map { $0["number"] as? Bool } == [true, false])
            #expect((diary.json["guide"] as? [String])?.isEmpty == true)
            let guide = try #require(shown.json["guide"] as? [String])
            #expect(guide.count == 5 && guide.first == "What is a normal day at work (or school) like for you?")
            #expect((shown.json["questions"] as? [[String: Any]])?.count == 10)
            #expect((jsonField(unknown, "errors", "method") as? String)?.contains("trend, diary, interview") == true)
            let errors = try #require(jsonField(refused, "errors") as? [String: String])
            #expect(errors.keys.sorted() == ["closesOn", "group", "title", "topics"])
            #expect(errors["closesOn"]?.contains("in the past") == true)
            #expect(errors["title"] == "Give the inquiry a title.")
            #expect((jsonField(member, "detail") as? String)?.contains("group taking part") == true)
            #expect(form.status == .forbidden && form.contains("group taking part"))
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(
                items.map { $0["title"] as? String } == [
                    "Our interview", "Our diary", "Our trend", "How is work going?",
                ]
            )
        }
    }

    @Test func theReportFromBelowIsDraftedAfterTheCloseOnlyByTheRunningGroup() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 5)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            for index in fixture.members.indices {
                _ = try await answerInquiry(&fixture.members[index], fixture.path, choice: 0)
            }
            let report = "/api/v1/inquiries/\(fixture.id)/report"
            // act
            let early = try await calls.call(&fixture.cole, InquiryOp.report, report, status: .unprocessableContent)
            passInquiryClose(app)
            try await calls.call(&anonymous, InquiryOp.report, report, status: .unauthorized)
            try await calls.call(&fixture.members[0], InquiryOp.report, report, status: .forbidden)
            let drafted = try await calls.call(&fixture.cole, InquiryOp.report, report)
            let draft = try #require(APITests.integer(drafted.json["id"]))
            let piece = try await fixture.cole.api(.get, try #require(drafted.location))
            let outside = try await anonymous.api(.get, "/api/v1/library/\(draft)")
            let edit = try await fixture.cole.get(try #require(drafted.json["edit"] as? String))
            // check
            #expect((jsonField(early, "errors", "_form") as? String)?.contains("once the inquiry has closed") == true)
            #expect(drafted.json["edit"] as? String == "/library/\(draft)/edit")
            #expect(drafted.location == "/api/v1/library/\(draft)")
            #expect(piece.json["status"] as? String == "draft")
            #expect(piece.json["title"] as? String == "What we found: How is work going?")
            #expect(outside.status == .notFound)
            #expect(edit.status == .ok && edit.contains("What we found: How is work going?"))
        }
    }
}
