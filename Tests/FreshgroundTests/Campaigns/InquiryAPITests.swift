import Foundation
import HTTPTypes
import Testing

/// Workers' inquiries through the JSON API, every answer checked against the document.
@Suite("Campaigns: workers' inquiries JSON API")
struct InquiryAPITests {
    /// Every inquiry operation; `APITests` checks the document lists these with the others.
    static let operations: Set<String> = [
        InquiryOp.list, InquiryOp.start, InquiryOp.show, InquiryOp.answer, InquiryOp.close, InquiryOp.report,
    ]

    @Test func membersAnswerAndTheOrganizerClosesThroughTheAPI() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 5)
            var anonymous = app.visitor()
            var stranger = try await app.person("stan")
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let one = "/api/v1/inquiries/\(fixture.id)"
            // act
            try await calls.call(
                &anonymous,
                InquiryOp.answer,
                "\(one)/answers",
                json: ["answers": [0]],
                status: .unauthorized
            )
            try await calls.call(
                &stranger,
                InquiryOp.answer,
                "\(one)/answers",
                json: ["answers": [0]],
                status: .forbidden
            )
            let bad = try await calls.call(
                &fixture.members[0],
                InquiryOp.answer,
                "\(one)/answers",
                json: ["answers": [7]],
                status: .unprocessableContent
            )
            let long = try await calls.call(
                &fixture.members[0],
                InquiryOp.answer,
                "\(one)/answers",
                json: ["answers": [0, 1]],
                status: .unprocessableContent
            )
            for index in fixture.members.indices {
                try await calls.call(
                    &fixture.members[index],
                    InquiryOp.answer,
                    "\(one)/answers",
                    json: ["answers": [0]]
                )
            }
            let again = try await calls.call(
                &fixture.members[0],
                InquiryOp.answer,
                "\(one)/answers",
                json: ["answers": [1]],
                status: .unprocessableContent
            )
            let open = try await calls.call(&anonymous, InquiryOp.show, one)
            try await calls.call(&fixture.members[0], InquiryOp.close, "\(one)/close", status: .forbidden)
            let closed = try await calls.call(&fixture.cole, InquiryOp.close, "\(one)/close")
            try await calls.call(&fixture.cole, InquiryOp.close, "\(one)/close", status: .unprocessableContent)
            let late = try await calls.call(
                &fixture.cole,
                InquiryOp.answer,
                "\(one)/answers",
                json: ["answers": [2]],
                status: .unprocessableContent
            )
            let list = try await calls.call(
                &anonymous,
                InquiryOp.list,
                "/api/v1/campaigns/\(fixture.campaign)/inquiries"
            )
            try await calls.call(&anonymous, InquiryOp.show, "/api/v1/inquiries/999999", status: .notFound)
            // check
            #expect(jsonField(bad, "errors", "q0") as? String == "Choose one answer.")
            #expect(jsonField(long, "errors", "answers") as? String == "Give one answer per question: 1.")
            #expect((jsonField(again, "errors", "_form") as? String)?.contains("already answered") == true)
            #expect(APITests.integer(open.json["takenPart"]) == 5)
            #expect(open.json["closed"] as? Bool == false && open.json["results"] is NSNull)
            #expect(closed.json["closed"] as? Bool == true)
            let counts = try #require(
                (closed.json["results"] as? [[String: Any]])?.first?["counts"] as? [[String: Any]]
            )
            #expect(counts.map { $0["choice"] as? String } == ["Better", "The same", "Worse"])
            #expect(APITests.integer(counts[0]["count"]) == 5 && counts[1]["count"] is NSNull)
            #expect((jsonField(late, "errors", "_form") as? String)?.contains("no longer taken") == true)
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.map { $0["title"] as? String } == ["How is work going?"])
        }
    }
}

/// The inquiry operations as the document lists them.
enum InquiryOp {
    static let list = "GET /api/v1/campaigns/{id}/inquiries"
    static let start = "POST /api/v1/campaigns/{id}/inquiries"
    static let report = "POST /api/v1/inquiries/{id}/report"
    static let show = "GET /api/v1/inquiries/{id}"
    static let answer = "POST /api/v1/inquiries/{id}/answers"
    static let close = "POST /api/v1/inquiries/{id}/close"
}
