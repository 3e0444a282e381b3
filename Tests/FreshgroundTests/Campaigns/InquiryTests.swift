import Foundation
import Testing

/// Workers' inquiries: answers stored with nothing that names a person, participation kept apart, counts under 5
/// hidden, one answer each, and nothing of a private campaign's inquiry for outsiders.
@Suite("Campaigns: workers' inquiries")
struct InquiryTests {
    /// cole's coalition runs a public campaign with a trend survey on "Workload"; `members` more people join the
    /// coalition. Returns the organizer, the members and the inquiry's address.
    func survey(_ app: TestApp, members: Int) async throws -> (cole: Visitor, members: [Visitor], path: String) {
        var cole = try await app.person("cole")
        let coalition = try await cole.createGroup("Northern Coalition", kind: "coalition")
        let campaign = try await startCampaign(&cole, group: coalition)
        let started = try await cole.post(
            "/campaigns/\(campaign)/inquiries",
            [("title", "How is work going?"), ("method", "trend"), ("topics", "Workload\n"), ("group", coalition)]
        )
        try #require(started.status == .seeOther, "\(errorsIn(started))")
        var people: [Visitor] = []
        for index in 0..<members {
            var person = try await app.person("member\(index)")
            try await makeMember(app, &person, of: coalition, organizer: &cole)
            people.append(person)
        }
        return (cole, people, try #require(started.location))
    }

    func answer(_ visitor: inout Visitor, _ path: String, choice: Int) async throws -> Page {
        try await visitor.post("\(path)/answer", [("q0", String(choice))])
    }

    @Test func answersAreStoredWithoutAPersonAndParticipationApart() async throws {
        try await withApp(mail: false) { app in
            // setup
            var (cole, members, path) = try await survey(app, members: 5)
            // act
            #expect(try await answer(&cole, path, choice: 0).status == .seeOther)
            for index in members.indices {
                let page = try await answer(&members[index], path, choice: index % 3)
                #expect(page.status == .seeOther, "\(errorsIn(page))")
            }
            // check
            let answers = try await app.store.sql.raw("SELECT * FROM inquiry_answers").all()
            #expect(answers.count == 6)
            let columns = Set(answers.flatMap(\.allColumns))
            #expect(columns == ["inquiry_id", "response_id", "position", "value"])
            #expect(!columns.contains { $0.contains("person") || $0.hasSuffix("_at") })
            let taking = try await app.store.sql.raw("SELECT * FROM inquiry_participants").all()
            #expect(taking.count == 6)
            #expect(Set(taking.flatMap(\.allColumns)) == ["inquiry_id", "person_id", "answered_on"])
            let page = try await cole.get(path)
            #expect(page.contains("You have answered this inquiry."))
        }
    }

    @Test func countsUnderFiveAreHidden() async throws {
        try await withApp(mail: false) { app in
            // setup: 6 say better, 3 the same, none worse
            var (cole, members, path) = try await survey(app, members: 8)
            #expect(try await answer(&cole, path, choice: 0).status == .seeOther)
            for index in members.indices {
                #expect(try await answer(&members[index], path, choice: index < 5 ? 0 : 1).status == .seeOther)
            }
            // act
            let results = try await anonymousGet(app, "\(path)/results")
            // check
            #expect(results.status == .ok)
            #expect(results.contains("<th scope=\"row\">Better</th><td>6</td>"), "\(results.body)")
            #expect(results.contains("<th scope=\"row\">The same</th><td>fewer than 5</td>"))
            #expect(results.contains("<th scope=\"row\">Worse</th><td>fewer than 5</td>"))
            #expect(!results.contains("<td>3</td>") && !results.contains("<td>0</td>"))
        }
    }

    @Test func nothingIsShownBeforeFiveAnswered() async throws {
        try await withApp(mail: false) { app in
            // setup
            var (cole, _, path) = try await survey(app, members: 0)
            #expect(try await answer(&cole, path, choice: 2).status == .seeOther)
            // act
            let results = try await anonymousGet(app, "\(path)/results")
            // check
            #expect(results.contains("Fewer than 5 people have answered"))
            #expect(!results.contains("<table"))
        }
    }

    @Test func aSecondAnswerIsRefused() async throws {
        try await withApp(mail: false) { app in
            // setup
            var (cole, _, path) = try await survey(app, members: 0)
            #expect(try await answer(&cole, path, choice: 0).status == .seeOther)
            // act
            let again = try await answer(&cole, path, choice: 1)
            // check
            #expect(again.status == .unprocessableContent)
            #expect(again.contains("You have already answered this inquiry."))
            let count = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM inquiry_answers").first()?
                .decode(column: "n", as: Int.self)
            #expect(count == 1)
        }
    }

    @Test func aStrangerGetsNotFoundOnAPrivateCampaignsInquiry() async throws {
        try await withApp(mail: false) { app in
            // setup
            var pia = try await app.person("pia")
            let circle = try await pia.createGroup("Quiet Circle", visibility: "private")
            let campaign = try await startCampaign(&pia, group: circle, title: "Quiet campaign", visibility: "private")
            let started = try await pia.post(
                "/campaigns/\(campaign)/inquiries",
                [("title", "SecretInquiryTitle"), ("method", "diary"), ("topics", ""), ("group", circle)]
            )
            try #require(started.status == .seeOther, "\(errorsIn(started))")
            let path = try #require(started.location)
            var stranger = try await app.person("stan")
            // act and check
            for address in [path, "\(path)/results", "/campaigns/\(campaign)/inquiries"] {
                let page = try await stranger.get(address)
                #expect(page.status == .notFound, "\(address)")
                #expect(!page.contains("SecretInquiryTitle"))
                #expect(try await anonymousGet(app, address).status == .notFound, "\(address)")
            }
            let answered = try await stranger.post("\(path)/answer", [("q0", "40"), ("q1", "3")])
            #expect(answered.status == .notFound)
            #expect(try await pia.get(path).contains("SecretInquiryTitle"))
        }
    }
}
