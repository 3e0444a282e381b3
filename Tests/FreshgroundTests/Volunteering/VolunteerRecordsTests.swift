import Foundation
import Testing

/// What volunteering holds about a person is in their download and goes with their account: their work, hours,
/// skills, pause, check-ins and the log of who read about them; work they led stays without their name.
@Suite("Volunteering: a person's records")
struct VolunteerRecordsTests {
    @Test func theDownloadHasThemAndDeletingTheAccountLeavesNoRowNamingThem() async throws {
        try await withApp(mail: false) { app in
            // setup: mia leads a shift, signs up for it, logs hours, says her skills, pauses, and is offered a role
            var circle = try await volunteerCircle(app)
            let shift = try await postWork(&circle.olive, circle.slug, twoHourShift("Soup run", lead: "mia"))
            _ = try await circle.mia.post("/work/\(shift)/sign-up")
            _ = try await circle.mia.post("/volunteering/hours", [("group", circle.slug), ("minutes", "40")])
            _ = try await circle.mia.post("/volunteering/skills", [("has", "cooking"), ("wants", "driving")])
            let role = try await postWork(
                &circle.olive,
                circle.slug,
                [("kind", "role"), ("title", "Cook"), ("weeklyHours", "1"), ("termMonths", "6")]
            )
            _ = try await circle.olive.post("/work/\(role)/offer", [("person", "mia")])
            _ = try await circle.mia.post("/volunteering/pause", [("until", "2026-12-01")])
            _ = try await circle.mia.post("/volunteering/next-steps/\(circle.slug)", [("pace", "never")])
            _ = try await circle.olive.get("/groups/\(circle.slug)/members")
            let id = try await personID(app.store, "mia")
            // act
            let download = try await circle.mia.get("/me/data.json")
            let deleted = try await circle.mia.post(
                "/me/delete",
                [("writing", "keep"), ("password", Visitor.password), ("confirm_handle", "mia")]
            )
            // check
            #expect(download.contains("Soup run") && download.contains("cooking") && download.contains("2026-12-01"))
            #expect(download.contains("volunteerNextStepPace") && download.contains("volunteerMonthlyHours"))
            #expect(deleted.status == .seeOther)
            let schema = try await Schema.read(app.store)
            let holding = try await schema.holding(id, in: app.store)
            let left = holding.filter { $0.hasPrefix("volunteer_") || $0.hasPrefix("access_log") }
            #expect(left.isEmpty, "\(left.sorted())")
            let work = try await circle.olive.get("/work/\(shift)")
            #expect(work.status == .ok && !work.contains("@mia"), "the shift stays, without its lead's name")
        }
    }
}
