import Foundation
import Testing

/// Roles have terms: when one is up the rotation board says so and names who could take it next (never someone in
/// their first month), and a handover steps the holder down, keeps the history and offers the role on.
@Suite("Volunteering: rotation and handovers")
struct RotationTests {
    @Test func aRoleWhoseTermIsUpIsHandedOnAndItsHistoryKept() async throws {
        try await withApp(mail: false) { app in
            // setup: mia takes the treasurer role (a one-month term)
            var circle = try await volunteerCircle(app)
            let role = try await postWork(
                &circle.olive,
                circle.slug,
                [
                    ("kind", "role"), ("title", "Treasurer"), ("weeklyHours", "1"), ("termMonths", "1"),
                    ("skills", "accounts"),
                ]
            )
            _ = try await circle.olive.post("/work/\(role)/offer", [("person", "mia")])
            let offer = try #require(assignmentIDs(try await circle.mia.get("/volunteering")).first)
            let accepted = try await circle.mia.post("/work/assignments/\(offer)/answer", [("accept", "yes")])
            #expect(accepted.status == .seeOther, "\(errorsIn(accepted))")
            _ = try await circle.bob.post("/volunteering/skills", [("has", "accounts")])
            var nia = try await app.person("nia")
            let before = try await circle.olive.get("/groups/\(circle.slug)/rotation")
            // act: 31 days later nia joins with the skill and hours, but is in her first month
            app.clock.advance(seconds: 31 * 86_400)
            try await circle.olive.logInAgain("olive")
            try await circle.mia.logInAgain("mia")
            try await circle.bob.logInAgain("bob")
            try await nia.logInAgain("nia")
            _ = try await nia.post("/groups/\(circle.slug)/join")
            _ = try await nia.post("/groups/\(circle.slug)/pledge", [("hours", "9")])
            _ = try await nia.post("/volunteering/skills", [("has", "accounts")])
            let due = try await circle.olive.get("/groups/\(circle.slug)/rotation")
            let byMember = try await circle.bob.get("/groups/\(circle.slug)/rotation")
            let refused = try await circle.olive.post(
                "/work/\(role)/handover",
                [("outgoing", "mia"), ("incoming", "nobody"), ("checklist", "The bank login is in the safe")]
            )
            let handed = try await circle.olive.post(
                "/work/\(role)/handover",
                [
                    ("outgoing", "mia"), ("incoming", "bob"), ("checklist", "The bank login is in the safe"),
                    ("shadowFrom", "2026-10-22"), ("shadowUntil", "2026-10-29"),
                ]
            )
            // check
            #expect(!before.contains("<span class=\"badge\">rotation due</span>"))
            #expect(
                due.contains("<span class=\"badge\">rotation due</span>") && due.contains("Could take it next: @bob."),
                "\(due.body.suffix(1500))"
            )
            #expect(!due.contains("@nia"), "never someone in their first month")
            #expect(byMember.status == .notFound)
            #expect(refused.status == .unprocessableContent && refused.contains("The bank login is in the safe"))
            #expect(handed.status == .seeOther, "\(errorsIn(handed))")
            let work = try await circle.olive.get("/work/\(role)")
            #expect(work.contains("@mia): handed on (2026-09-21 to 2026-10-22)"), "\(work.body.suffix(1500))")
            #expect(work.contains("@bob): offered, waiting for an answer"))
            #expect(try await circle.mia.get("/volunteering").contains("Treasurer (Care Circle): ended"))
            #expect(try await circle.olive.get("/groups/\(circle.slug)/members").contains("@mia"), "still a member")
        }
    }

    @Test func steppingDownIsOneClickAfterConfirmingAndKeepsTheHistory() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            let role = try await postWork(
                &circle.olive,
                circle.slug,
                [("kind", "role"), ("title", "Minutes secretary"), ("weeklyHours", "1"), ("termMonths", "12")]
            )
            _ = try await circle.olive.post("/work/\(role)/offer", [("person", "bob")])
            let offer = try #require(assignmentIDs(try await circle.bob.get("/volunteering")).first)
            _ = try await circle.bob.post("/work/assignments/\(offer)/answer", [("accept", "yes")])
            // act
            let confirm = try await circle.bob.get("/work/assignments/\(offer)/cancel")
            let stepped = try await circle.bob.post("/work/assignments/\(offer)/cancel")
            // check
            #expect(confirm.contains("Step down from “Minutes secretary”?") && confirm.contains("You stay a member"))
            #expect(stepped.status == .seeOther)
            let board = try await circle.olive.get("/groups/\(circle.slug)/rotation")
            #expect(board.contains("Nobody holds it now.") && board.contains("@bob), 2026-09-21 to 2026-09-21"))
        }
    }
}
