import Foundation
import Testing
import Volunteering

/// Someone over their pledge in two of the last four weeks is told gently, and so are the organizers who offered
/// them the work, once in four weeks; one week over is not chronic.
@Suite("Volunteering: chronic overload")
struct OverloadTests {
    @Test func twoWeeksOverTellsThePersonAndTheOfferingOrganizersOnce() async throws {
        try await withApp(mail: false) { app in
            // setup: mia (3 hours pledged) takes a 5-hour-a-week role olive offered her
            var circle = try await volunteerCircle(app)
            let role = try await postWork(
                &circle.olive,
                circle.slug,
                [("kind", "role"), ("title", "Coordinator"), ("weeklyHours", "5"), ("termMonths", "6")]
            )
            _ = try await circle.olive.post("/work/\(role)/offer", [("person", "mia")])
            let offer = try #require(assignmentIDs(try await circle.mia.get("/volunteering")).first)
            let accepted = try await circle.mia.post(
                "/work/assignments/\(offer)/answer",
                [("accept", "yes"), ("confirmOverPledge-\(offer)", "on")]
            )
            #expect(accepted.status == .seeOther, "\(errorsIn(accepted))")
            let services = app.services()
            // act and check: one week over is not chronic; the second is
            #expect(try await sendVolunteerReminders(services: services) == 0)
            app.clock.advance(seconds: 7 * 86_400)
            #expect(try await sendVolunteerReminders(services: services) == 1)
            #expect(try await sendVolunteerReminders(services: services) == 0, "once in four weeks")
            let toMia = try await notices(app, about: "You were over the hours you pledged")
            let toOrganizers = try await notices(app, about: "@mia is often over the hours they pledged")
            #expect(toMia.map(\.handle) == ["mia"])
            #expect(toOrganizers.map(\.handle) == ["olive"])
            #expect(
                try await circle.mia.get("/volunteering").contains(
                    "over your pledge in at least two of the last four weeks"
                )
            )
        }
    }
}
