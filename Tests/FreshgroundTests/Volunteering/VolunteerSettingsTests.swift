import Foundation
import Testing

/// A group's organizers set after how many quiet days a member becomes a check-in, the ladder's steps and whether
/// coalitions may count its figures; a bad value is refused by its field with the rest kept.
@Suite("Volunteering: a group's settings")
struct VolunteerSettingsTests {
    @Test func aShorterLapsePeriodFlagsSoonerAndBadInputIsKept() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            // act
            let defaults = try await circle.olive.get("/groups/\(circle.slug)/volunteering-settings")
            let bad = try await circle.olive.post(
                "/groups/\(circle.slug)/volunteering-settings",
                [
                    ("lapseDays", "3"), ("ladderAttended", "4"), ("ladderVolunteered", "2"), ("share", "on"),
                    ("_submitted", "1"),
                ]
            )
            let saved = try await circle.olive.post(
                "/groups/\(circle.slug)/volunteering-settings",
                [
                    ("lapseDays", "30"), ("ladderAttended", "4"), ("ladderVolunteered", "2"), ("share", "on"),
                    ("_submitted", "1"),
                ]
            )
            let byMember = try await circle.bob.get("/groups/\(circle.slug)/volunteering-settings")
            let bobTries = try await circle.bob.post(
                "/groups/\(circle.slug)/volunteering-settings",
                [("lapseDays", "14"), ("ladderAttended", "1"), ("ladderVolunteered", "1")]
            )
            app.clock.advance(seconds: 29 * 86_400)
            let early = try await circle.olive.get("/groups/\(circle.slug)/checkins")
            app.clock.advance(seconds: 2 * 86_400)
            try await circle.olive.logInAgain("olive")
            let late = try await circle.olive.get("/groups/\(circle.slug)/checkins")
            // check
            #expect(defaults.contains("value=\"90\""))
            #expect(bad.status == .unprocessableContent && bad.contains("Give from 14 to 730 days."))
            #expect(
                bad.contains("value=\"4\"") && bad.contains("name=\"share\" type=\"checkbox\" value=\"on\" checked")
            )
            #expect(saved.status == .seeOther, "\(errorsIn(saved))")
            let reread = try await circle.olive.get("/groups/\(circle.slug)/volunteering-settings")
            #expect(reread.contains("value=\"30\"") && reread.contains("value=\"on\" checked"))
            #expect(byMember.status == .notFound && bobTries.status == .notFound)
            #expect(!early.contains("@bob"))
            #expect(late.contains("@bob, no activity yet"))
        }
    }
}
