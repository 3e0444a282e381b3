import Foundation
import Testing

/// A signed-in person's settings (`/me/settings`): display name, password (other sessions end, tokens stay) and
/// email address (added or changed only through a link mailed to it, removed after a confirmation step).
@Suite struct AccountSettingsTests {
    @Test func anonymousVisitorsAreSentToLogIn() async throws {
        try await withApp { app in
            // setup
            var stranger = app.visitor()
            // act
            let page = try await stranger.get("/me/settings")
            // check
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?next=/me/settings")
        }
    }

    @Test func aNewDisplayNameIsShownInTheHeader() async throws {
        try await withApp { app in
            // setup
            var wren = try await app.person("wren")
            let before = try await wren.get("/")
            // act
            let saved = try await wren.post("/me/settings/name", [("display_name", "  Wren of Leeds ")])
            let after = try await wren.get(try #require(saved.location))
            let tooLong = try await wren.post(
                "/me/settings/name",
                [("display_name", String(repeating: "w", count: 81))]
            )
            // check
            #expect(before.contains(#"<a href="/me/settings">Settings</a>"#))
            #expect(saved.status == .seeOther)
            #expect(after.contains("Your display name is saved."))
            #expect(after.contains("Signed in as Wren of Leeds"))
            #expect(after.contains(#"name="display_name" type="text" value="Wren of Leeds""#))
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.contains("Keep the display name under 80 characters."))
            #expect(tooLong.contains(String(repeating: "w", count: 81)), "the refused name is kept")
            #expect(tooLong.contains("Signed in as Wren of Leeds"), "nothing changed")
        }
    }

    @Test func aWrongCurrentPasswordIsRefusedByTheField() async throws {
        try await withApp { app in
            // setup
            var wren = try await app.person("wren")
            // act
            let refused = try await wren.post(
                "/me/settings/password",
                [
                    ("current_password", "not my password at all"), ("new_password", "a brand new passphrase"),
                    ("new_password_again", "a brand new passphrase"),
                ]
            )
            let short = try await wren.post(
                "/me/settings/password",
                [("current_password", Visitor.password), ("new_password", "short"), ("new_password_again", "short")]
            )
            var later = app.visitor()
            let oldStillWorks = try await later.post("/login", [("login", "wren"), ("password", Visitor.password)])
            // check
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.contains(
                    #"<p class="field-error" id="current_password-error">This is not your current password.</p>"#
                )
            )
            #expect(!refused.contains("not my password at all") && !refused.contains("a brand new passphrase"))
            #expect(short.status == .unprocessableContent)
            #expect(short.contains(#"id="new_password-error">Use at least 10 characters."#))
            #expect(oldStillWorks.status == .seeOther)
            let failures = try await app.store.sql.select().column("id").from("login_failures").all()
            #expect(failures.isEmpty, "a wrong current password counts toward no log-in throttle")
        }
    }

    @Test func aNewPasswordEndsTheOtherSessionsButNotThisOneNorTokens() async throws {
        try await withApp { app in
            // setup
            let newPassword = "a brand new passphrase"
            var wren = try await app.person("wren")
            var laptop = app.visitor()
            #expect(
                try await laptop.post("/login", [("login", "wren"), ("password", Visitor.password)]).status == .seeOther
            )
            let made = try await wren.post("/me/tokens", [("name", "calendar sync")])
            let token = try #require(made.body.firstMatch(of: /<code id="new-token">([^<]+)<\/code>/)?.output.1)
            // act
            let changed = try await wren.post(
                "/me/settings/password",
                [
                    ("current_password", Visitor.password), ("new_password", newPassword),
                    ("new_password_again", newPassword),
                ]
            )
            let here = try await wren.get(try #require(changed.location))
            let there = try await laptop.get("/me/settings")
            var script = app.visitor()
            let api = try await script.api(.get, "/api/v1/me", bearer: String(token))
            var old = app.visitor()
            let withOld = try await old.post("/login", [("login", "wren"), ("password", Visitor.password)])
            var new = app.visitor()
            let withNew = try await new.post("/login", [("login", "wren"), ("password", newPassword)])
            // check
            #expect(changed.status == .seeOther)
            #expect(here.status == .ok)
            #expect(here.contains("Your password is changed; you were logged out everywhere else."))
            #expect(there.status == .seeOther, "the other session ended")
            #expect(there.location == "/login?next=/me/settings")
            #expect(api.status == .ok, "access tokens keep working")
            #expect(withOld.status == .unauthorized)
            #expect(withNew.status == .seeOther)
        }
    }

    @Test func aNewAddressIsTakenOnlyWhenItsLinkIsFollowed() async throws {
        try await withApp { app in
            // setup
            let oldAddress = PeopleSignUpPrivacyTests.address("wren-old")
            let newAddress = PeopleSignUpPrivacyTests.address("wren-new")
            var wren = app.visitor()
            try await wren.signUp("wren", email: oldAddress)
            // act
            let asked = try await wren.post("/me/settings/email", [("email", newAddress.uppercased())])
            let waiting = try await wren.get(try #require(asked.location))
            let message = try #require(try await Mailbox.messages(to: newAddress).first)
            let link = try #require(Mailbox.links(in: message.body).first { $0.contains("/signup/email/") })
            let path = String(link[link.range(of: "/signup/email/")!.lowerBound...])
            var early = app.visitor()
            let logInBefore = try await early.post("/login", [("login", newAddress), ("password", Visitor.password)])
            let followed = try await wren.post(path)
            let after = try await wren.get("/me/settings")
            // check
            #expect(asked.status == .seeOther)
            #expect(
                waiting.contains("We sent a link to \(newAddress). Your address changes when the link is followed.")
            )
            #expect(waiting.contains(#"<strong id="current-email">\#(oldAddress)</strong>"#), "the old one until then")
            #expect(message.body.contains("@wren"))
            #expect(logInBefore.status == .unauthorized)
            #expect(followed.status == .seeOther)
            #expect(after.contains(#"<strong id="current-email">\#(newAddress)</strong>"#))
        }
    }

    @Test func anAddressAnotherAccountHasGetsTheSameAnswer() async throws {
        try await withApp { app in
            // setup
            let olivesAddress = PeopleSignUpPrivacyTests.address("olive")
            let freeAddress = PeopleSignUpPrivacyTests.address("free")
            var olive = app.visitor()
            try await olive.signUp("olive", displayName: "Olive", email: olivesAddress)
            var wren = try await app.person("wren")
            // act
            let taken = try await wren.post("/me/settings/email", [("email", olivesAddress)])
            let takenPage = try await wren.get(try #require(taken.location))
            let free = try await wren.post("/me/settings/email", [("email", freeAddress)])
            let freePage = try await wren.get(try #require(free.location))
            let toldOwner = try #require(try await Mailbox.messages(to: olivesAddress).first)
            // check
            #expect(taken.status == free.status)
            #expect(takenPage.contains("We sent a link to \(olivesAddress)."))
            #expect(
                takenPage.body.replacingOccurrences(of: olivesAddress, with: "X")
                    == freePage.body.replacingOccurrences(of: freeAddress, with: "X"),
                "the page tells nothing about who has an address"
            )
            #expect(takenPage.contains(#"<strong id="current-email">none</strong>"#))
            #expect(toldOwner.subject == "Someone tried to use your email address")
            #expect(!toldOwner.body.contains("/signup/email/"), "no link that could move the address")
        }
    }

    @Test func removingTheAddressAsksFirst() async throws {
        try await withApp { app in
            // setup
            let address = PeopleSignUpPrivacyTests.address("wren")
            var wren = app.visitor()
            try await wren.signUp("wren", email: address)
            // act
            let settings = try await wren.get("/me/settings")
            let asking = try await wren.get("/me/settings/email/remove")
            let stillThere = try await wren.get("/me/settings")
            let removed = try await wren.post("/me/settings/email/remove")
            let after = try await wren.get(try #require(removed.location))
            // check
            #expect(settings.contains(#"href="/me/settings/email/remove">Remove the address…</a>"#))
            #expect(asking.status == .ok)
            #expect(asking.contains("\(address) is taken off your account"))
            #expect(asking.contains(#"<form action="/me/settings/email/remove" method="post""#))
            #expect(asking.contains(#"<button type="submit" class="danger">Remove the address</button>"#))
            #expect(stillThere.contains(#"<strong id="current-email">\#(address)</strong>"#), "asking changes nothing")
            #expect(removed.status == .seeOther)
            #expect(after.contains("Your email address is removed."))
            #expect(after.contains(#"<strong id="current-email">none</strong>"#))
            #expect(!after.contains("Remove the address"))
        }
    }
}
