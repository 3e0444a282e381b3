import Foundation
import SQLKit
import Testing

/// Accountability reviews: an endorsing group's organizers ask the official in writing to answer by a day; the
/// official answers once through a mailed link (no account); the members decide the outcome through Decisions, and
/// the record is public with the official's.
@Suite("Campaigns: accountability reviews of officials")
struct OfficialReviewTests {
    /// The official of `OfficialTests().setup` with a contact address of its own for this test.
    func setup(_ app: TestApp) async throws -> (OfficialTests.Setup, String) {
        var s = try await OfficialTests().setup(app)
        let email = "ada-\(UUID().uuidString.prefix(8).lowercased())@council.example"
        let saved = try await s.olive.post("/officials/\(s.official)/contact", [("contactEmail", email)])
        try #require(saved.status == .seeOther, "\(errorsIn(saved))")
        return (s, email)
    }

    func day(_ app: TestApp, plus days: Int = 0) -> String {
        String(utcInput(app.clock.now.addingTimeInterval(Double(days) * 86_400)).prefix(10))
    }

    /// The path of the answer link in the review mail to `email`.
    func answerLink(_ email: String) async throws -> String {
        let mail = try #require(
            try await Mailbox.messages(to: email, where: { $0.body.contains("/officials/answer/") }).last
        )
        let link = try #require(Mailbox.links(in: mail.body).first { $0.contains("/officials/answer/") })
        return String(link[try #require(link.range(of: "/officials/answer/")).lowerBound...])
    }

    func reviewID(_ app: TestApp) async throws -> Int {
        try #require(try await app.store.sql.select().column("id").from("official_reviews").all().count == 1)
        return try #require(
            try await app.store.sql.select().column("id").from("official_reviews").first()?.decode(
                column: "id",
                as: Int.self
            )
        )
    }

    @Test func theOfficialAnswersOnceAndTheMembersDecideTheOutcome() async throws {
        try await withApp { app in
            // setup
            var (s, email) = try await setup(app)
            let past = try await s.olive.post(
                "/officials/\(s.official)/reviews",
                [("questions", "Why did you vote against rent control?"), ("replyBy", day(app, plus: -1))]
            )
            let opened = try await s.olive.post(
                "/officials/\(s.official)/reviews",
                [("questions", "Why did you vote against rent control?"), ("replyBy", day(app, plus: 7))]
            )
            let link = try await answerLink(email)
            var ada = app.visitor()
            // act
            let form = try await ada.get(link)
            let answered = try await ada.post(link, [("answer", "I was misinformed and will vote for it next time.")])
            let twice = try await ada.post(link, [("answer", "Changed my mind.")])
            let review = try await reviewID(app)
            let path = "/officials/\(s.official)/reviews/\(review)"
            let byMember = try await s.bob.post("\(path)/vote", [("closesAt", utcInput(app.clock.now + 86_400))])
            let put = try await s.olive.post("\(path)/vote", [("closesAt", utcInput(app.clock.now + 86_400))])
            let decision = try #require(
                try await app.store.sql.select().column("decision_id").from("official_reviews").first()?.decode(
                    column: "decision_id",
                    as: Int.self
                )
            )
            try #require(try await vote(&s.olive, on: decision, [("option-2", "on")]).status == .seeOther)
            try #require(try await vote(&s.bob, on: decision, [("option-2", "on")]).status == .seeOther)
            try await app.advanceClockAfterMail(seconds: 2 * 86_400)
            let record = try await anonymousGet(app, path)
            let official = try await anonymousGet(app, s.page)
            // check
            #expect(past.status == .unprocessableContent && past.contains("in the past"))
            #expect(past.contains("Why did you vote against rent control?"), "the questions are kept")
            #expect(opened.status == .seeOther, "\(errorsIn(opened))")
            #expect(form.status == .ok && form.contains("Why did you vote against rent control?"))
            #expect(answered.status == .seeOther, "\(errorsIn(answered))")
            #expect(twice.status == .unprocessableContent && twice.contains("cannot be changed"))
            #expect(byMember.status == .forbidden)
            #expect(put.status == .seeOther, "\(errorsIn(put))")
            #expect(record.contains("I was misinformed and will vote for it next time."))
            #expect(!record.contains("Changed my mind."))
            #expect(record.contains("<strong>Withdraw endorsement</strong>"), "\(record.body.prefix(4000))")
            #expect(official.contains("href=\"\(path)\"") && official.contains("decided: Withdraw endorsement"))
            #expect(!official.contains(email), "the contact email is the organizers' only")
            let stored = try await app.store.sql.select().column("token").from("official_reviews").first()?.decode(
                column: "token",
                as: String.self
            )
            #expect(stored != nil && !link.hasSuffix(stored ?? "-"), "the token is stored only as its digest")
        }
    }

    @Test func noAnswerByTheDayIsRecordedAndTheLinkNoLongerTakesOne() async throws {
        try await withApp { app in
            // setup
            var (s, email) = try await setup(app)
            let replyBy = day(app)
            try #require(
                try await s.olive.post(
                    "/officials/\(s.official)/reviews",
                    [("questions", "Will you keep your pledge on repairs?"), ("replyBy", replyBy)]
                ).status == .seeOther
            )
            let link = try await answerLink(email)
            // act
            try await app.advanceClockAfterMail(seconds: 2 * 86_400)
            var ada = app.visitor()
            let form = try await ada.get(link)
            let late = try await ada.post(link, [("answer", "Too late?")])
            let review = try await reviewID(app)
            let record = try await anonymousGet(app, "/officials/\(s.official)/reviews/\(review)")
            let organizer = try await s.olive.get("/officials/\(s.official)/reviews/\(review)")
            let owners = try await s.olive.get(s.page)
            let members = try await s.bob.get(s.page)
            // check
            #expect(form.contains("has passed") && !form.contains("name=\"answer\""))
            #expect(late.status == .unprocessableContent)
            #expect(record.contains("No answer by \(replyBy)."))
            #expect(!record.contains("Voting closes"), "only the reviewing organizers put it to the vote")
            #expect(organizer.contains("Put the outcome to the vote") && organizer.contains("Voting closes (UTC)"))
            #expect(owners.contains(email))
            #expect(!members.contains(email), "a member who does not organize is not shown the contact")
        }
    }

    @Test func aVoteNobodyCastDecidesNothing() async throws {
        try await withApp { app in
            // setup: a review nobody answers, put to the vote once its day has passed
            var (s, _) = try await setup(app)
            try #require(
                try await s.olive.post(
                    "/officials/\(s.official)/reviews",
                    [("questions", "Will you meet the tenants?"), ("replyBy", day(app))]
                ).status == .seeOther
            )
            try await app.advanceClockAfterMail(seconds: 2 * 86_400)
            let path = "/officials/\(s.official)/reviews/\(try await reviewID(app))"
            let put = try await s.olive.post("\(path)/vote", [("closesAt", utcInput(app.clock.now + 86_400))])
            // act
            try await app.advanceClockAfterMail(seconds: 2 * 86_400)
            let record = try await anonymousGet(app, path)
            // check
            #expect(put.status == .seeOther, "\(errorsIn(put))")
            #expect(record.contains("<strong>No outcome: nobody voted</strong>"))
        }
    }

    @Test func aReviewNeedsAContactEmailAndAnEndorsingOrganizer() async throws {
        try await withApp(mail: false) { app in
            // setup: no contact email recorded
            var s = try await OfficialTests().setup(app)
            // act
            let refused = try await s.olive.post(
                "/officials/\(s.official)/reviews",
                [("questions", "Where were you on the 3rd?"), ("replyBy", day(app, plus: 3))]
            )
            let byMember = try await s.bob.post(
                "/officials/\(s.official)/reviews",
                [("questions", "Where were you on the 3rd?"), ("replyBy", day(app, plus: 3))]
            )
            let page = try await s.olive.get(s.page)
            // check
            #expect(refused.status == .unprocessableContent && refused.contains("No contact email is recorded"))
            #expect(refused.contains("Where were you on the 3rd?"))
            #expect(byMember.status == .forbidden)
            #expect(page.contains("No review has been opened."))
        }
    }
}
