import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit
import Testing

/// Two-factor sign-in: setting it up with a code from the key on the page, the code step of logging in (wrong,
/// replayed and throttled codes; recovery codes once each), turning it off, and the site-wide requirement.
@Suite("Two-factor sign-in")
struct TwoFactorTests {
    static func failures(_ app: TestApp) async throws -> Int {
        try await app.store.sql.raw("SELECT COUNT(*) AS n FROM login_failures").value("n", as: Int.self) ?? 0
    }

    @Test func settingUpShowsTheKeyAndTheRecoveryCodesOnce() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            // act
            let page = try await ada.get("/me/two-factor")
            let secret = try TwoFactorSupport.secret(on: page)
            let wrong = try await ada.post("/me/two-factor", [("code", "000000")])
            let confirmed = try await ada.post("/me/two-factor", [("code", TwoFactorSupport.code(secret, app))])
            let after = try await ada.get("/me/two-factor")
            // check
            #expect(page.status == .ok)
            #expect(page.contains("otpauth://totp/Freshground:ada?secret="))
            #expect(page.contains(#"<label for="code">Code from the app (required)</label>"#))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.contains("That code does not match"))
            #expect(confirmed.status == .ok)
            let codes = TwoFactorSupport.recoveryCodes(on: confirmed)
            #expect(codes.count == 10)
            #expect(Set(codes).count == 10)
            #expect(after.contains("Two-factor sign-in is <strong>on</strong>. You have 10 unused"))
            #expect(!after.contains(codes[0]))
            #expect(!after.contains("totp-secret"))
            let digests = try await app.store.sql.raw("SELECT code_digest FROM person_recovery_codes")
                .all(decodingColumn: "code_digest", as: String.self)
            #expect(digests.count == 10)
            #expect(!digests.contains(codes[0]))
        }
    }

    @Test func logInThenNeedsACodeAndThePendingCookieAloneGivesNoAccess() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            let (secret, _) = try await TwoFactorSupport.enrol(&ada, app)
            // act
            var (browser, step) = try await TwoFactorSupport.passwordStep(app, "ada")
            let pendingOnly = try await browser.get("/me")
            let failuresBefore = try await Self.failures(app)
            let empty = try await browser.post("/login/code", [("code", " "), ("next", "/me")])
            let failuresAfterEmpty = try await Self.failures(app)
            let wrong = try await browser.post("/login/code", [("code", "123456"), ("next", "/me")])
            let failuresAfter = try await Self.failures(app)
            let right = try await browser.post(
                "/login/code",
                [("code", TwoFactorSupport.code(secret, app)), ("next", "/me")]
            )
            let me = try await browser.get("/me")
            var stranger = app.visitor()
            let noCookie = try await stranger.post("/login/code", [("code", TwoFactorSupport.code(secret, app))])
            // check
            #expect(step.status == .seeOther)
            #expect(step.location == "/login/code")
            #expect(step.headers[values: .setCookie].contains { $0.hasPrefix("fg_pending_login=") })
            #expect(!step.headers[values: .setCookie].contains { $0.hasPrefix("fg_session=") })
            #expect(pendingOnly.status == .seeOther)
            #expect(pendingOnly.location == "/login?next=/me")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.contains("Type the code your app shows now"))
            #expect(failuresAfterEmpty == failuresBefore, "nothing typed is not a guess")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.contains("That code is not right."))
            #expect(failuresAfter == failuresBefore + 1)
            #expect(right.status == .seeOther)
            #expect(right.location == "/me")
            #expect(browser.cookies["fg_session"] != nil)
            #expect(browser.cookies["fg_pending_login"] == nil)
            #expect(me.status == .ok)
            #expect(noCookie.status == .seeOther)
            #expect(noCookie.location?.hasPrefix("/login") == true)
            #expect(stranger.cookies["fg_session"] == nil)
        }
    }

    @Test func aCodeIsNotAcceptedTwiceAndAPendingLogInIsUsedOnce() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            let (secret, _) = try await TwoFactorSupport.enrol(&ada, app)
            let code = TwoFactorSupport.code(secret, app)
            var (first, _) = try await TwoFactorSupport.passwordStep(app, "ada")
            let pending = try #require(first.cookies["fg_pending_login"])
            _ = try await first.post("/login/code", [("code", code)])
            // act
            var (second, _) = try await TwoFactorSupport.passwordStep(app, "ada")
            let replayed = try await second.post("/login/code", [("code", code)])
            var reuse = app.visitor()
            reuse.cookies["fg_pending_login"] = pending
            app.clock.advance(seconds: 30)
            let reused = try await reuse.post("/login/code", [("code", TwoFactorSupport.code(secret, app))])
            // check
            #expect(first.cookies["fg_session"] != nil)
            #expect(replayed.status == .unauthorized)
            #expect(second.cookies["fg_session"] == nil)
            #expect(reused.status == .seeOther)
            #expect(reused.location == "/login")
            #expect(reuse.cookies["fg_session"] == nil)
        }
    }

    @Test func aRecoveryCodeWorksOnce() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            let (_, codes) = try await TwoFactorSupport.enrol(&ada, app)
            // act
            var (first, _) = try await TwoFactorSupport.passwordStep(app, "ada")
            let used = try await first.post("/login/code", [("code", codes[3].uppercased())])
            let home = try await first.get(try #require(used.location))
            var (second, _) = try await TwoFactorSupport.passwordStep(app, "ada")
            let again = try await second.post("/login/code", [("code", codes[3])])
            // check
            #expect(used.status == .seeOther)
            #expect(first.cookies["fg_session"] != nil)
            #expect(home.contains("You used a recovery code; 9 left."))
            #expect(again.status == .unauthorized)
            #expect(second.cookies["fg_session"] == nil)
        }
    }

    @Test func wrongCodesAreThrottledSoTheRightOneWaits() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            let (secret, _) = try await TwoFactorSupport.enrol(&ada, app)
            var (browser, _) = try await TwoFactorSupport.passwordStep(app, "ada")
            // act
            var statuses: [Int] = []
            for guess in 0..<5 {
                statuses.append(Int(try await browser.post("/login/code", [("code", "00000\(guess)")]).status.code))
            }
            let right = try await browser.post("/login/code", [("code", TwoFactorSupport.code(secret, app))])
            // check
            #expect(statuses == [401, 401, 401, 401, 429])
            #expect(right.status == .tooManyRequests)
            #expect(right.headers[.retryAfter] != nil)
            #expect(browser.cookies["fg_session"] == nil)
        }
    }

    @Test func turningItOffTakesACodeAndThenLogInNeedsNone() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            let (secret, codes) = try await TwoFactorSupport.enrol(&ada, app)
            // act
            let refused = try await ada.post("/me/two-factor/disable", [("disable_code", "999999")])
            let renewed = try await ada.post("/me/two-factor/recovery-codes", [("regenerate_code", codes[0])])
            let newCodes = TwoFactorSupport.recoveryCodes(on: renewed)
            let off = try await ada.post(
                "/me/two-factor/disable",
                [("disable_code", TwoFactorSupport.code(secret, app))]
            )
            var (browser, step) = try await TwoFactorSupport.passwordStep(app, "ada")
            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("That code is not right."))
            #expect(renewed.status == .ok)
            #expect(newCodes.count == 10)
            #expect(!newCodes.contains(codes[1]))
            #expect(off.status == .seeOther)
            #expect(step.status == .seeOther)
            #expect(step.location == "/")
            #expect(browser.cookies["fg_session"] != nil)
            #expect(try await browser.get("/me").status == .ok)
            let rows = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM person_totp").value("n", as: Int.self)
            #expect(rows == 0)
        }
    }

    @Test func aPasswordResetStillNeedsACode() async throws {
        try await withApp { app in
            // setup: a reset link, as the mail would carry it
            var ada = try await app.person("ada")
            let (secret, _) = try await TwoFactorSupport.enrol(&ada, app)
            let token = Token.random()
            let id = try await app.store.sql.raw("SELECT id FROM people WHERE handle = 'ada'").value("id", as: Int.self)
            _ = try await app.store.sql.insertReturningID(
                into: "password_resets",
                [
                    "person_id": try #require(id), "token_digest": Token.digest(token), "created_at": app.clock.now,
                    "expires_at": app.clock.now.addingTimeInterval(3600),
                ]
            )
            var browser = app.visitor()
            // act
            let reset = try await browser.post(
                "/password/reset/\(token)",
                [("password", "a brand new password"), ("password_confirmation", "a brand new password")]
            )
            let before = try await browser.get("/me")
            let code = try await browser.post("/login/code", [("code", TwoFactorSupport.code(secret, app))])
            // check
            #expect(reset.status == .seeOther)
            #expect(reset.location == "/login/code")
            #expect(before.status == .seeOther)
            #expect(code.status == .seeOther)
            #expect(browser.cookies["fg_session"] != nil)
        }
    }

    @Test func theSiteWideRequirementCoversAdminsAndOrganizersButNotMembers() async throws {
        try await withApp { app in
            // setup
            var root = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            var organizer = try await app.person("olga")
            let slug = try await organizer.createGroup("Leeds Circle")
            var member = try await app.person("moe")
            _ = try await member.post("/groups/\(slug)/join")
            let before = try await root.get("/groups")
            // act
            let hidden = try await member.get("/admin/security")
            let set = try await root.post("/admin/security", [("_submitted", "1"), ("two_factor_for_stewards", "on")])
            let rootAfter = try await root.get("/groups")
            let organizerAfter = try await organizer.get("/groups/\(slug)")
            let notice = try await organizer.get("/me/two-factor")
            let memberAfter = try await member.get("/groups/\(slug)")
            let api = try await organizer.get("/api/v1/groups/\(slug)")
            var reader = app.visitor()
            let document = try JSONValue(parsing: Data(try await reader.get("/api/v1/openapi.json").body.utf8))
            // check
            #expect(before.status == .ok)
            #expect(hidden.status == .notFound)
            #expect(set.status == .seeOther)
            let audited = try await app.store.sql.select().column("action").from("admin_audit")
                .column("action", as: String.self)
            #expect(audited == ["required two-factor sign-in"], "the change is in the administrators' audit log")
            #expect(rootAfter.status == .seeOther)
            #expect(rootAfter.location == "/me/two-factor")
            #expect(organizerAfter.status == .seeOther)
            #expect(organizerAfter.location == "/me/two-factor")
            #expect(notice.status == .ok)
            #expect(notice.contains("This site requires two-factor sign-in of everyone with rights over others"))
            #expect(memberAfter.status == .ok)
            #expect(api.status == .forbidden, "the API with the session cookie refuses too")
            let documented = document["paths"]?["/api/v1/groups/{slug}"]?["get"]?["responses"]?["403"]
            #expect(documented?["$ref"]?.string == "#/components/responses/Forbidden", "and its document says so")
            _ = try await TwoFactorSupport.enrol(&organizer, app)
            #expect(try await organizer.get("/groups/\(slug)").status == .ok)
        }
    }
}
