import Foundation
import Testing

/// The work form refuses values that make no sense, says why by each field, and keeps everything typed; nothing
/// is posted until it is right.
@Suite("Volunteering: the work form")
struct WorkFormTests {
    @Test func badValuesAreRefusedByTheirFieldAndTheInputIsKept() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            let board = "/groups/\(circle.slug)/work"
            // act
            let shift = try await circle.olive.post(
                board,
                [
                    ("kind", "shift"), ("title", "Door at the forum"), ("starts", "2026-09-23T20:00"),
                    ("ends", "2026-09-23T18:00"), ("zone", "Mars/Olympus"), ("places", "0"),
                ]
            )
            let role = try await circle.olive.post(
                board,
                [("kind", "role"), ("title", "Minute taker"), ("weeklyHours", "lots"), ("termMonths", "99")]
            )
            let noKind = try await circle.olive.post(board, [("title", "Something")])
            let after = try await circle.olive.get(board)
            // check
            #expect(shift.status == .unprocessableContent)
            for message in [
                "Choose a known time zone, such as Europe/Berlin.", "Give how many people, from 1 to 500.",
            ] {
                #expect(shift.contains(message), "\(errorsIn(shift))")
            }
            #expect(shift.contains("value=\"Door at the forum\"") && shift.contains("value=\"2026-09-23T18:00\""))
            #expect(role.status == .unprocessableContent && role.contains("value=\"lots\""))
            #expect(role.contains("Give the hours a week, more than 0 and at most 40."))
            #expect(role.contains("Give a term from 1 to 60 months."))
            #expect(noKind.status == .unprocessableContent && noKind.contains("Choose a task, a shift or a role."))
            #expect(!after.contains("Door at the forum") && !after.contains("Minute taker"), "nothing was posted")
        }
    }

    @Test func aShiftEndsAfterItStarts() async throws {
        try await withApp(mail: false) { app in
            var circle = try await volunteerCircle(app)
            let page = try await circle.olive.post(
                "/groups/\(circle.slug)/work",
                [
                    ("kind", "shift"), ("title", "Backwards"), ("starts", "2026-09-23T20:00"),
                    ("ends", "2026-09-23T18:00"), ("zone", "UTC"), ("places", "2"),
                ]
            )
            #expect(page.status == .unprocessableContent && page.contains("The shift ends after it starts."))
        }
    }
}
