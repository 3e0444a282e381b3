import Foundation
import Testing

/// The official's votes are listed 50 a page with a pager, while the scorecard counts every vote.
@Suite("Campaigns: an official's votes paged")
struct OfficialVotesPagingTests {
    @Test func votesArePagedAndTheScorecardCountsThemAll() async throws {
        try await withApp(mail: false) { app in
            // setup: criteria published on the clock's first day, then 120 votes on later days, Ada voting yes on
            // the first 90 and no on the rest, all supported by the group.
            let tests = OfficialTests()
            var s = try await tests.setup(app)
            try #require(
                try await s.olive.post(
                    "/officials/\(s.official)/criteria",
                    [("absences", "disagree"), ("abstentions", "disagree"), ("criteriaText", "")]
                ).status == .seeOther
            )
            let events = (1...120).map { index in
                tests.popolo(
                    "p\(index)",
                    day: "2027-01-\(String(format: "%02d", index % 28 + 1))",
                    ada: index <= 90 ? "yes" : "no"
                )
            }
            let imported = try await s.olive.post(
                "/officials/\(s.official)/votes/import",
                [("format", "popolo"), ("document", try tests.json(events))]
            )
            try #require(imported.status == .seeOther, "\(errorsIn(imported))")
            try await app.store.sql.raw("UPDATE official_votes SET position = 'support'").run()
            // act
            let first = try await anonymousGet(app, s.page)
            let third = try await anonymousGet(app, "\(s.page)?page=3")
            let beyond = try await anonymousGet(app, "\(s.page)?page=9")
            // check
            #expect(first.contains("1–50 of 120 votes, newest first"))
            #expect(first.body.matches(of: /<td>2027-01-/).count == 50)
            #expect(first.contains("<nav class=\"pagination\" aria-label=\"Pages\">"))
            #expect(first.contains("href=\"\(s.page)?page=2\">Next page</a>") && !first.contains("Previous page"))
            #expect(third.contains("101–120 of 120 votes, newest first"))
            #expect(third.body.matches(of: /<td>2027-01-/).count == 20)
            #expect(third.contains("href=\"\(s.page)?page=2\">Previous page</a>") && !third.contains("Next page"))
            for page in [first, third] {
                #expect(page.contains("<strong>90 of 120</strong>"), "every vote is scored on every page")
                #expect(page.contains("<strong>75%</strong>"))
            }
            #expect(beyond.contains("No votes on this page.") && beyond.contains("Previous page"))
        }
    }
}
