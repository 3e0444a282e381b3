import Foundation
import Testing

/// Workers' inquiries: a close date set at the start, answers refused after it, results only after it (and then
/// only with 5 answers or more, counts under 5 hidden), an early close by the running group's organizers.
@Suite("Campaigns: workers' inquiries")
struct InquiryTests {
    @Test func resultsWaitForTheCloseThenHideCountsUnderFive() async throws {
        try await withApp(mail: false) { app in
            // setup: 6 say better, 3 the same, none worse
            var fixture = try await inquiryFixture(app, members: 8)
            #expect(try await answerInquiry(&fixture.cole, fixture.path, choice: 0).status == .seeOther)
            for index in fixture.members.indices {
                let page = try await answerInquiry(&fixture.members[index], fixture.path, choice: index < 5 ? 0 : 1)
                #expect(page.status == .seeOther, "\(errorsIn(page))")
            }
            // act
            let before = try await anonymousGet(app, "\(fixture.path)/results")
            let page = try await anonymousGet(app, fixture.path)
            passInquiryClose(app)
            let after = try await anonymousGet(app, "\(fixture.path)/results")
            // check: before the close only how many took part and when results appear
            #expect(before.status == .ok && !before.contains("<table"))
            #expect(before.contains("9 people have taken part so far"))
            #expect(before.contains("Results are shown after the close, at the end of \(inquiryDay(app, plus: -1))"))
            #expect(page.contains("9 people have taken part so far"))
            #expect(after.contains("<th scope=\"row\">Better</th><td>6</td>"), "\(after.body)")
            #expect(after.contains("<th scope=\"row\">The same</th><td>fewer than 5</td>"))
            #expect(after.contains("<th scope=\"row\">Worse</th><td>fewer than 5</td>"))
            #expect(!after.contains("<td>3</td>") && !after.contains("<td>0</td>"))
        }
    }

    @Test func nothingIsShownWithFewerThanFiveAnswers() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 3)
            #expect(try await answerInquiry(&fixture.cole, fixture.path, choice: 2).status == .seeOther)
            for index in fixture.members.indices {
                #expect(try await answerInquiry(&fixture.members[index], fixture.path, choice: 2).status == .seeOther)
            }
            passInquiryClose(app)
            // act
            let results = try await anonymousGet(app, "\(fixture.path)/results")
            // check
            #expect(results.contains("Fewer than 5 answered before the close: nothing is shown"))
            #expect(!results.contains("<table"))
        }
    }

    @Test func answeringAfterTheCloseIsRefused() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 1)
            passInquiryClose(app)
            // act
            let late = try await answerInquiry(&fixture.members[0], fixture.path, choice: 0)
            let page = try await fixture.members[0].get(fixture.path)
            // check
            #expect(late.status == .unprocessableContent)
            #expect(late.contains("This inquiry closed at the end of"))
            #expect(late.contains("answers are no longer taken"))
            #expect(page.contains("answers are no longer taken") && !page.contains("Send my answers"))
            let count = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM inquiry_participants").first()?
                .decode(column: "n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test func aCloseDateInThePastIsRefusedWithTheInputKept() async throws {
        try await withApp(mail: false) { app in
            // setup
            var cole = try await app.person("cole")
            let coalition = try await cole.createGroup("Northern Coalition", kind: "coalition")
            let campaign = try await startCampaign(&cole, group: coalition)
            let form = try await cole.get("/campaigns/\(campaign)/inquiries")
            // act
            let refused = try await cole.post(
                "/campaigns/\(campaign)/inquiries",
                [
                    ("title", "KeptTitle"), ("method", "trend"), ("topics", "KeptTopic"),
                    ("closesOn", inquiryDay(app, plus: -1)), ("group", coalition),
                ]
            )
            // check: the form proposes four weeks, and a past day is refused with what was typed
            #expect(form.contains("value=\"\(inquiryDay(app, plus: 28))\""), "\(form.body)")
            #expect(form.contains("<label for=\"closesOn\">"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("The last day is in the past"))
            #expect(refused.contains("KeptTitle") && refused.contains("KeptTopic"))
            #expect(refused.contains("value=\"\(inquiryDay(app, plus: -1))\""))
        }
    }

    @Test func theRunningGroupsOrganizersCloseEarlyAndOthersMayNot() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 5)
            for index in fixture.members.indices {
                #expect(try await answerInquiry(&fixture.members[index], fixture.path, choice: 0).status == .seeOther)
            }
            // act
            let memberConfirm = try await fixture.members[0].get("\(fixture.path)/close")
            let memberClose = try await fixture.members[0].post("\(fixture.path)/close")
            let stillOpen = try await anonymousGet(app, "\(fixture.path)/results")
            let confirm = try await fixture.cole.get("\(fixture.path)/close")
            let closed = try await fixture.cole.post("\(fixture.path)/close")
            let results = try await anonymousGet(app, "\(fixture.path)/results")
            let again = try await fixture.cole.post("\(fixture.path)/close")
            // check
            #expect(memberConfirm.status == .forbidden && memberClose.status == .forbidden)
            #expect(!stillOpen.contains("<table"))
            #expect(confirm.status == .ok && confirm.contains("class=\"danger\">Close the inquiry</button>"))
            #expect(closed.status == .seeOther)
            #expect(results.contains("<th scope=\"row\">Better</th><td>5</td>"), "\(results.body)")
            #expect(again.status == .unprocessableContent && again.contains("already closed"))
        }
    }

    @Test func aSecondAnswerIsRefused() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 0)
            #expect(try await answerInquiry(&fixture.cole, fixture.path, choice: 0).status == .seeOther)
            // act
            let again = try await answerInquiry(&fixture.cole, fixture.path, choice: 1)
            let page = try await fixture.cole.get(fixture.path)
            // check
            #expect(again.status == .unprocessableContent)
            #expect(again.contains("You have already answered this inquiry."))
            #expect(page.contains("You have answered this inquiry."))
            let count = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM inquiry_answers").first()?
                .decode(column: "n", as: Int.self)
            #expect(count == 1)
        }
    }

    @Test func anUnansweredQuestionKeepsTheOtherAnswers() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 0, topics: "Workload\nPay")
            // act
            let refused = try await fixture.cole.post("\(fixture.path)/answer", [("q1", "2")])
            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Choose one answer."))
            #expect(refused.contains("name=\"q1\" value=\"2\" checked"))
        }
    }
}
