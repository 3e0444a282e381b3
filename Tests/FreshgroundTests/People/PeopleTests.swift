import Foundation
import HTTPTypes
import Testing

@Suite("Accounts and sessions")
struct PeopleTests {
    @Test func signUpWithOnlyAHandleLogsTheNewPersonIn() async throws {
        try await withApp { app in
            // setup
            var alice = app.visitor()
            // act
            let signup = try await alice.post(
                "/signup",
                [("handle", "Red-Sparrow"), ("display_name", "A pseudonym"), ("password", Visitor.password)]
            )
            let home = try await alice.get("/")
            // check
            #expect(signup.status == .seeOther)
            #expect(home.contains("Signed in as A pseudonym"))
            #expect(home.contains("Your feed"))
            let stored = try await app.store.sql.raw("SELECT handle, email, password_hash FROM people").all()
            #expect(stored.count == 1)
            #expect(try stored[0].decode(column: "handle", as: String.self) == "red-sparrow")
            #expect(try stored[0].decode(column: "email", as: String?.self) == nil)
            #expect(try stored[0].decode(column: "password_hash", as: String.self).hasPrefix("$2"))
        }
    }

    @Test func badSignUpKeepsWhatWasTypedAndSaysWhy() async throws {
        try await withApp { app in
            var visitor = app.visitor()
            let page = try await visitor.post(
                "/signup",
                [("handle", "wren"), ("email", "not-an-address"), ("password", "short")]
            )
            #expect(page.status == .unprocessableContent)
            #expect(page.contains(#"id="password-error""#))
            #expect(page.contains(#"id="email-error""#))
            #expect(page.contains(#"value="wren""#))
            #expect(page.contains(#"value="not-an-address""#))
            #expect(!page.contains(#"value="short""#), "passwords are never echoed back")
        }
    }

    /// Handles are public, so a taken one is said; a taken email address is not (PeopleSignUpPrivacyTests).
    @Test func aTakenHandleIsReportedOnTheField() async throws {
        try await withApp { app in
            _ = try await app.person("heron")
            var other = app.visitor()
            let page = try await other.post("/signup", [("handle", "HERON"), ("password", Visitor.password)])
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("This handle is taken"))
        }
    }

    @Test func logInByHandleOrEmailAndLogOut() async throws {
        try await withApp { app in
            var first = app.visitor()
            try await first.signUp("kestrel", email: "k@example.org")
            // act: log out, then in by email
            let out = try await first.post("/logout")
            #expect(out.status == .seeOther)
            #expect(try await first.get("/").contains("Log in"))
            let login = try await first.post("/login", [("login", "K@example.org"), ("password", Visitor.password)])
            #expect(login.status == .seeOther)
            #expect(try await first.get("/").contains("Signed in as kestrel"))
            // the old session is gone from the database after logout
            let sessions = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM sessions").first()
            #expect(try sessions?.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test func loggingInOverAnExpiredSessionCookieStaysLoggedIn() async throws {
        try await withApp { app in
            // setup: the browser still carries a session cookie the server no longer knows
            var visitor = try await app.person("kestrel")
            try await app.store.sql.raw("DELETE FROM sessions").run()
            // act
            let login = try await visitor.post("/login", [("login", "kestrel"), ("password", Visitor.password)])
            // check
            #expect(login.status == .seeOther)
            #expect(try await visitor.get("/").contains("Signed in as kestrel"))
        }
    }

    @Test func loginReturnsToTheRequestedPageButNeverOffSite() async throws {
        try await withApp { app in
            var person = try await app.person("rook")
            _ = try await person.post("/logout")
            let back = try await person.post(
                "/login",
                [("login", "rook"), ("password", Visitor.password), ("next", "/groups/new")]
            )
            #expect(back.location == "/groups/new")
            _ = try await person.post("/logout")
            let away = try await person.post(
                "/login",
                [("login", "rook"), ("password", Visitor.password), ("next", "//evil.example/")]
            )
            #expect(away.location == "/")
        }
    }

    @Test func repeatedFailuresForOneAccountAreThrottledThenReleased() async throws {
        try await withApp { app in
            // setup
            _ = try await app.person("linnet")
            var attacker = app.visitor()
            // act: five wrong passwords
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                statuses.append(
                    try await attacker.post("/login", [("login", "linnet"), ("password", "wrong password")]).status
                )
            }
            let blocked = try await attacker.post("/login", [("login", "linnet"), ("password", Visitor.password)])
            // check: the fifth failure locks the account, even for the right password
            #expect(statuses.prefix(4).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.contains("Too many failed attempts. Try again in 15 minutes."))
            #expect(blocked.headers[.retryAfter] != nil)
            // after the window the right password works again
            app.clock.advance(seconds: 15 * 60 + 1)
            let later = try await attacker.post("/login", [("login", "linnet"), ("password", Visitor.password)])
            #expect(later.status == .seeOther)
        }
    }

    @Test func anAttackerAtOneAddressCannotLockTheOwnerOutFromAnother() async throws {
        try await withApp { app in
            // setup
            var owner = try await app.person("plover")
            _ = try await owner.post("/logout")
            owner.forwardedFor = "198.51.100.7"
            var attacker = app.visitor()
            attacker.forwardedFor = "203.0.113.9"

            // act: thirty wrong passwords for the owner's handle from the attacker's address
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<30 {
                statuses.append(
                    try await attacker.post("/login", [("login", "plover"), ("password", "wrong password")]).status
                )
            }
            let guessed = try await attacker.post("/login", [("login", "plover"), ("password", Visitor.password)])
            let ownLogIn = try await owner.post("/login", [("login", "plover"), ("password", Visitor.password)])

            // check: the attacker is stopped, even with the right password; the owner gets in at once
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 25)
            #expect(guessed.status == .tooManyRequests)
            #expect(ownLogIn.status == .seeOther)
            #expect(try await owner.get("/").contains("Signed in as"))
        }
    }

    @Test func aCrowdOfAddressesMeetsShortGrowingDelaysNotALock() async throws {
        try await withApp { app in
            // setup
            _ = try await app.person("dunlin")
            // act: twelve addresses fail once each, then the last tries again at once
            var last = app.visitor()
            for index in 0..<12 {
                var guesser = app.visitor()
                guesser.forwardedFor = "203.0.113.\(index + 1)"
                _ = try await guesser.post("/login", [("login", "dunlin"), ("password", "guess \(index)")])
                last = guesser
            }
            let again = try await last.post("/login", [("login", "dunlin"), ("password", Visitor.password)])
            app.clock.advance(seconds: 31)
            let later = try await last.post("/login", [("login", "dunlin"), ("password", Visitor.password)])

            // check: a wait of seconds, said in seconds, then the right password works
            #expect(again.status == .tooManyRequests)
            #expect(again.contains("seconds."))
            #expect(later.status == .seeOther)
        }
    }

    @Test func manyFailuresFromOneAddressAreThrottledAcrossAccounts() async throws {
        try await withApp { app in
            var guesser = app.visitor()
            for index in 0..<20 {
                _ = try await guesser.post("/login", [("login", "nobody\(index)"), ("password", "guess")])
            }
            _ = try await app.person("alder")
            let page = try await guesser.post("/login", [("login", "alder"), ("password", Visitor.password)])
            #expect(page.status == .tooManyRequests)
        }
    }

    @Test func formsWithoutTheirTokenAreRefusedAndChangeNothing() async throws {
        try await withApp { app in
            var visitor = app.visitor()
            _ = try await visitor.get("/signup")
            let missing = try await visitor.post(
                "/signup",
                [("handle", "fox"), ("password", Visitor.password)],
                csrf: false
            )
            let wrong = try await visitor.post(
                "/signup",
                [("handle", "fox"), ("password", Visitor.password), ("_csrf", "forged-token-value-1234567")],
                csrf: false
            )
            #expect(missing.status == .forbidden)
            #expect(wrong.status == .forbidden)
            #expect(missing.contains("This form has expired"))
            let count = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM people").first()
            #expect(try count?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test(arguments: ["http://127.0.0.1:8080", "https://freshground.example"])
    func cookiesAreHttpOnlyLaxAndSecureOnHTTPS(site: String) async throws {
        try await withApp(siteURL: site) { app in
            var visitor = app.visitor()
            _ = try await visitor.get("/signup")
            let page = try await visitor.post("/signup", [("handle", "badger"), ("password", Visitor.password)])
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("fg_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Secure") == site.hasPrefix("https"))
            // every cookie of the site follows the same rule, the one-time message and the form token included
            var fresh = app.visitor()
            let first = try await fresh.get("/signup")
            let all = page.headers[values: .setCookie] + first.headers[values: .setCookie]
            #expect(Set(all.map { String($0.prefix { $0 != "=" }) }) == ["fg_session", "fg_flash", "fg_csrf"])
            for value in all { #expect(value.contains("; Secure") == site.hasPrefix("https"), "\(value)") }
        }
    }

    @Test func aRestartKeepsPeopleLoggedIn() async throws {
        try await withApp { app in
            let person = try await app.person("thistle")
            // A session is a database row, so another process (a new client on the same store) accepts the cookie.
            let row = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM sessions").first()
            #expect(try row?.decode(column: "n", as: Int.self) == 1)
            var fresh = app.visitor()
            fresh.cookies["fg_session"] = person.cookies["fg_session"]
            #expect(try await fresh.get("/").contains("Signed in as thistle"))
        }
    }

    @Test func expiredOrUnknownSessionsAreIgnored() async throws {
        try await withApp { app in
            var person = try await app.person("yarrow")
            app.clock.advance(seconds: 31 * 24 * 3600)
            #expect(try await person.get("/").contains("Log in"))
            var forged = app.visitor()
            forged.cookies["fg_session"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            #expect(try await forged.get("/").contains("Log in"))
        }
    }
}

@Suite("Personal access tokens")
struct AccessTokenPageTests {
    @Test func theTokensPageShowsWhenEachTokenWasLastUsedToTheMinute() async throws {
        try await withApp { app in
            // setup
            var person = try await app.person("marten")
            let created = try await person.post("/me/tokens", [("name", "calendar sync")])
            let token = try #require(created.body.firstMatch(of: /<code id="new-token">([^<]+)<\/code>/)?.1)
            #expect(try await person.get("/me/tokens").contains("<td>never</td>"))
            // act: two calls in the same minute, then one a minute later
            _ = try await person.api(.get, "/api/v1/me", bearer: String(token))
            app.clock.advance(seconds: 30)
            _ = try await person.api(.get, "/api/v1/me", bearer: String(token))
            let first = try await app.store.sql.raw("SELECT last_used_at FROM access_tokens").first()
            app.clock.advance(seconds: 61)
            _ = try await person.api(.get, "/api/v1/me", bearer: String(token))
            let second = try await app.store.sql.raw("SELECT last_used_at FROM access_tokens").first()
            // check
            let firstUse = try #require(try first?.decode(column: "last_used_at", as: Date?.self))
            let secondUse = try #require(try second?.decode(column: "last_used_at", as: Date?.self))
            #expect(secondUse.timeIntervalSince(firstUse) == 91)
            #expect(!(try await person.get("/me/tokens").contains("<td>never</td>")))
        }
    }
}
