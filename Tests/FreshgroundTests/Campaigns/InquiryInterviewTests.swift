import Foundation
import Testing

/// The interview guide (printable open questions, conversations recorded as coded themes only) and the draft
/// report from below written from the shown counts.
@Suite("Campaigns: interview guides and reports from below")
struct InquiryInterviewTests {
    @Test func anInterviewerRecordsConversationsAsThemesOnly() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(
                app,
                members: 1,
                method: "interview",
                topics: "What bothers you most at work?\nWhat would you change first?"
            )
            // act
            let guide = try await fixture.members[0].get("\(fixture.path)/guide")
            let form = try await fixture.members[0].get(fixture.path)
            var recorded: [Page] = []
            for index in 0..<6 {
                recorded.append(
                    try await fixture.members[0].post(
                        "\(fixture.path)/answer",
                        [("q0", index < 5 ? "0" : "4"), ("q1", "2"), ("q2", "1"), ("q3", "1")]
                    )
                )
            }
            let missing = try await fixture.members[0].post("\(fixture.path)/answer", [("q0", "0"), ("q2", "1")])
            let open = try await anonymousGet(app, fixture.path)
            passInquiryClose(app)
            let results = try await anonymousGet(app, "\(fixture.path)/results")
            // check: the guide prints the open questions; the record form offers fixed themes and strengths only
            #expect(guide.status == .ok && guide.contains("<li><p>What bothers you most at work?</p>"))
            #expect(guide.contains("Pay, Hours, Safety, Management, Workload, Other"))
            #expect(form.contains("“What bothers you most at work?”: what the answer was mostly about</legend>"))
            #expect(form.contains("value=\"5\"> Other</label>") && !form.contains("<textarea"))
            #expect(form.contains("Record the conversation"))
            #expect(recorded.allSatisfy { $0.status == .seeOther })
            #expect(missing.status == .unprocessableContent && missing.contains("name=\"q2\" value=\"1\" checked"))
            #expect(open.contains("6 conversations recorded so far") && !open.contains("<table"))
            #expect(results.contains("<th scope=\"row\">Pay</th><td>5</td>"), "\(results.body)")
            #expect(results.contains("<th scope=\"row\">Workload</th><td>fewer than 5</td>"))
            #expect(results.contains("<th scope=\"row\">Very strongly</th><td>6</td>"))
            let values = try await app.store.sql.raw("SELECT DISTINCT value FROM inquiry_answers").all()
                .map { try $0.decode(column: "value", as: String.self) }
            #expect(values.allSatisfy { Int($0) != nil })
        }
    }

    @Test func theDraftReportHoldsOnlyShownCountsAndIsNotPublic() async throws {
        try await withApp(mail: false) { app in
            // setup: 6 say better, 3 the same; cole's coalition runs it, one member is its editor
            var fixture = try await inquiryFixture(app, members: 8)
            #expect(try await answerInquiry(&fixture.cole, fixture.path, choice: 0).status == .seeOther)
            for index in fixture.members.indices {
                let choice = index < 5 ? 0 : 1
                #expect(
                    try await answerInquiry(&fixture.members[index], fixture.path, choice: choice).status == .seeOther
                )
            }
            let early = try await fixture.cole.post("\(fixture.path)/report")
            passInquiryClose(app)
            // act
            let member = try await fixture.members[0].post("\(fixture.path)/report")
            let results = try await fixture.cole.get("\(fixture.path)/results")
            let drafted = try await fixture.cole.post("\(fixture.path)/report")
            let edit = try await fixture.cole.get(try #require(drafted.location))
            let id = try #require(drafted.location?.split(separator: "/").dropLast().last.map(String.init))
            let anonymous = try await anonymousGet(app, "/library/\(id)")
            let stranger = try await fixture.members[1].get("/library/\(id)")
            let journal = try await anonymousGet(app, "/journal")
            // check
            #expect(early.status == .unprocessableContent && early.contains("once the inquiry has closed"))
            #expect(member.status == .forbidden)
            #expect(results.contains("Draft a report from below</button>"))
            #expect(drafted.status == .seeOther && drafted.location == "/library/\(id)/edit")
            #expect(edit.status == .ok)
            #expect(edit.contains("What we found: How is work going?"))
            #expect(edit.contains("- Better: 6") && edit.contains("- The same: fewer than 5"))
            #expect(edit.contains("- Worse: fewer than 5") && edit.contains("9 people took part"))
            #expect(edit.contains("Trend survey"))
            let body = try #require(
                try await app.store.sql.raw("SELECT body FROM posts WHERE id = \(bind: Int(id) ?? 0)").first()?
                    .decode(column: "body", as: String.self)
            )
            #expect(body.contains("- Better: 6") && !body.contains(": 3") && !body.contains(": 0"))
            #expect(!body.contains("cole") && !body.contains("member"))
            #expect(anonymous.status == .notFound && stranger.status == .notFound)
            #expect(!journal.contains("What we found"))
            let status = try await app.store.sql.raw("SELECT status FROM posts WHERE id = \(bind: Int(id) ?? 0)")
                .first()?.decode(column: "status", as: String.self)
            #expect(status == "draft")
        }
    }
}
