import Foundation
import Testing

/// Lapse watch: after 90 days without activity a member becomes a check-in for the organizers (a task for a
/// person, not an email); someone active or on a pause is not flagged, and each person flagged can see the read.
@Suite("Volunteering: lapse check-ins")
struct CheckinTests {
    @Test func quietMembersBecomeCheckInsButNotTheActiveOrThePaused() async throws {
        try await withApp(mail: false) { app in
            // setup: carol pauses for four months; mia logs hours on day 60; bob does nothing
            var circle = try await volunteerCircle(app)
            var carol = try await app.person("carol")
            _ = try await carol.post("/groups/\(circle.slug)/join")
            _ = try await carol.post("/volunteering/pause", [("until", "2027-01-30")])
            app.clock.advance(seconds: 60 * 86_400)
            try await circle.mia.logInAgain("mia")
            let logged = try await circle.mia.post("/volunteering/hours", [("group", circle.slug), ("minutes", "30")])
            #expect(logged.status == .seeOther, "\(errorsIn(logged))")
            app.clock.advance(seconds: 31 * 86_400)
            try await circle.olive.logInAgain("olive")
            try await circle.bob.logInAgain("bob")
            // act
            let page = try await circle.olive.get("/groups/\(circle.slug)/checkins")
            let again = try await circle.olive.get("/groups/\(circle.slug)/checkins")
            let byMember = try await circle.bob.get("/groups/\(circle.slug)/checkins")
            // check
            #expect(page.contains("@bob, no activity yet"), "\(page.body.suffix(900))")
            #expect(!page.contains("@mia") && !page.contains("@carol"))
            #expect(again.body.components(separatedBy: "@bob,").count == 2, "one check-in, not one per visit")
            #expect(byMember.status == .notFound)
            let access = try await circle.bob.get("/volunteering/access")
            #expect(access.contains("your attendance and activity"))
            let id = try #require(page.body.firstMatch(of: /checkins\/([0-9]+)\/done/).map { String($0.1) })
            let done = try await circle.olive.post("/groups/\(circle.slug)/checkins/\(id)/done", [("done", "yes")])
            #expect(done.status == .seeOther)
            #expect(try await circle.olive.get("/groups/\(circle.slug)/checkins").contains("no activity yet — done"))
            _ = try await circle.olive.post("/groups/\(circle.slug)/checkins/\(id)/done", [("done", "no")])
            #expect(!(try await circle.olive.get("/groups/\(circle.slug)/checkins").contains("— done")))
        }
    }
}
