import Foundation
import Notifications
import SQLKit
import Testing

@Suite struct NotificationSettingsTests {
    /// Every kind's field with `choice`, with some kinds' choices replaced.
    static func form(_ choice: String, _ overrides: [String: String] = [:]) -> [(String, String)] {
        NotificationKind.allCases.map { ($0.rawValue, overrides[$0.rawValue] ?? choice) }
    }

    @Test func choicesAreSavedAndShown() async throws {
        try await withApp { app in
            // setup
            var ada = app.visitor()
            try await ada.signUp("ada", email: freshAddress("ada"))
            let before = try await ada.get("/notifications/settings")

            // act
            let saved = try await ada.post(
                "/notifications/settings",
                Self.form("now", ["submission": "digest", "message": "none"])
            )

            // check
            #expect(
                before.body.components(separatedBy: #"<option value="now" selected>"#).count == NotificationKind
                    .allCases.count + 1
            )
            #expect(before.contains(#"<label for="proposal">Conference proposals that need your review</label>"#))
            #expect(saved.status == .seeOther && saved.location == "/notifications/settings")
            let page = try await ada.get("/notifications/settings")
            #expect(page.contains("Saved your notification email settings."))
            #expect(
                page.body.components(separatedBy: #"<option value="now" selected>"#).count == NotificationKind.allCases
                    .count - 1
            )
            #expect(page.contains(#"<option value="digest" selected>In a daily digest"#))
            #expect(page.contains(#"<option value="none" selected>No email"#))
            #expect(!page.contains("no email address"))
        }
    }

    @Test func aRefusedChoiceKeepsTheFormAndSavesNothing() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            var anonymous = app.visitor()

            // act
            let refused = try await ada.post(
                "/notifications/settings",
                Self.form("now", ["submission": "digest", "decision": "weekly"])
            )
            let signedOut = try await anonymous.get("/notifications/settings")

            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Choose email at once, a daily digest or no email."))
            #expect(refused.contains(#"aria-invalid="true""#))
            #expect(refused.contains(#"<option value="digest" selected>In a daily digest"#), "the input is kept")
            let page = try await ada.get("/notifications/settings")
            #expect(!page.contains(#"<option value="digest" selected>"#), "nothing was saved")
            #expect(signedOut.status == .seeOther && signedOut.location == "/login?next=/notifications/settings")
        }
    }
}
