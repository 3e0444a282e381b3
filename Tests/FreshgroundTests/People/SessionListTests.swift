import Foundation
import FreshgroundStore
import HTTPTypes
import NIOCore
import People
import SQLKit
import Testing

/// A signed-in person's session list (`/me/sessions`): every browser they are logged in on, named from its
/// `User-Agent`, with a way to sign out any other one, or all of them; and the CSRF token, which changes whenever
/// a session starts.
@Suite("The session list")
struct SessionListTests {
    static let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
    static let safari =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        + "Version/17.5 Mobile/15E148 Safari/604.1"

    /// A browser that names itself `userAgent`, logged in as `handle`.
    static func logIn(_ app: TestApp, _ handle: String, userAgent: String) async throws -> Visitor {
        var visitor = app.visitor()
        _ = try await visitor.get("/login")
        let fields = [("login", handle), ("password", Visitor.password), ("_csrf", visitor.csrf)]
        let page = try await visitor.send(
            "/login",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .userAgent: userAgent],
            body: ByteBuffer(
                string: fields.map { "\(Visitor.encode($0.0))=\(Visitor.encode($0.1))" }.joined(separator: "&")
            )
        )
        guard page.status == .seeOther else { throw TestFailure("log-in of \(handle) failed: \(page.status)") }
        return visitor
    }

    /// The ids of the sessions the list offers to sign out (each through a confirming step).
    static func signOutIDs(_ page: Page) -> [Int] {
        page.body.matches(of: /href="\/me\/sessions\/(\d+)\/sign-out"/).compactMap { Int($0.output.1) }
    }

    /// The id of `handle`'s newest session.
    static func newestSession(_ app: TestApp, _ handle: String) async throws -> Int {
        try #require(
            try await app.store.sql.raw(
                """
                SELECT s.id FROM sessions s JOIN people p ON p.id = s.person_id WHERE p.handle = \(bind: handle) \
                ORDER BY s.id DESC
                """
            ).value("id", as: Int.self)
        )
    }

    @Test func anonymousVisitorsAreSentToLogIn() async throws {
        try await withApp { app in
            // setup
            var stranger = app.visitor()
            // act
            let page = try await stranger.get("/me/sessions")
            let post = try await stranger.post("/me/sessions/sign-out-others")
            // check
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?next=/me/sessions")
            #expect(post.status == .unauthorized)
        }
    }

    @Test func anotherBrowserIsListedByNameAndCanBeSignedOut() async throws {
        try await withApp { app in
            // setup
            var wren = try await app.person("wren")
            var laptop = try await Self.logIn(app, "wren", userAgent: Self.firefox)
            let settings = try await wren.get("/me/settings")
            // act
            let list = try await wren.get("/me/sessions")
            let ids = Self.signOutIDs(list)
            let confirm = try await wren.get("/me/sessions/\(try #require(ids.first))/sign-out")
            let laptopBeforeConfirming = try await laptop.get("/me")
            let signedOut = try await wren.post("/me/sessions/\(try #require(ids.first))/sign-out")
            let after = try await wren.get(try #require(signedOut.location))
            let laptopMe = try await laptop.get("/me")
            // check
            #expect(settings.contains(#"<a href="/me/sessions">See where you are logged in</a>"#))
            #expect(list.status == .ok)
            #expect(ids.count == 1, "every session but this one has its own button")
            #expect(list.contains("<th scope=\"row\">Firefox on Linux</th>"))
            #expect(list.contains(#"<th scope="row">Unknown browser <strong class="badge">This session</strong></th>"#))
            #expect(
                list.contains(#"Sign out…<span class="visually-hidden"> Firefox on Linux session started "#),
                "the link says which session it signs out"
            )
            #expect(confirm.status == .ok)
            #expect(
                confirm.contains("<h1>Sign out this session?</h1>") && confirm.contains("Firefox on Linux, started")
            )
            #expect(confirm.contains(#"<button type="submit" class="danger">Sign out that session</button>"#))
            #expect(confirm.contains(#"<a href="/me/sessions">No, go back</a>"#))
            #expect(laptopBeforeConfirming.status == .ok, "asking to sign out signs nothing out")
            #expect(list.contains(#"<button type="submit">Sign out everywhere else</button>"#))
            #expect(!list.contains("This is your only session."))
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.location == "/me/sessions")
            #expect(after.contains("That session is signed out."))
            #expect(after.contains("This is your only session."))
            #expect(!after.contains("Firefox on Linux"))
            #expect(Self.signOutIDs(after).isEmpty)
            #expect(laptopMe.status == .seeOther, "the other browser is logged out")
            #expect(laptopMe.location == "/login?next=/me")
            #expect(try await wren.get("/me").status == .ok, "this browser stays logged in")
        }
    }

    @Test func aStrangerCannotSignOutSomeoneElsesSession() async throws {
        try await withApp { app in
            // setup
            var wren = try await app.person("wren")
            var laptop = try await Self.logIn(app, "wren", userAgent: Self.firefox)
            let laptopID = try await Self.newestSession(app, "wren")
            #expect(Self.signOutIDs(try await wren.get("/me/sessions")) == [laptopID])
            var otto = try await app.person("otto")
            let ottoID = try await Self.newestSession(app, "otto")
            _ = try await otto.get("/")  // shows the welcome message, so neither answer below has it
            let before = try await app.store.sql.count({ $0 }, from: "sessions")
            // act
            let other = try await otto.post("/me/sessions/\(laptopID)/sign-out")
            let missing = try await otto.post("/me/sessions/\(ottoID + 1000)/sign-out")
            let ownCurrent = try await otto.post("/me/sessions/\(ottoID)/sign-out")
            let otherStep = try await otto.get("/me/sessions/\(laptopID)/sign-out")
            let missingStep = try await otto.get("/me/sessions/\(ottoID + 1000)/sign-out")
            // check
            #expect(otherStep.status == .notFound && !otherStep.contains("Firefox"), "nor does the step name it")
            #expect(otherStep.body == missingStep.body)
            #expect(other.status == .notFound)
            #expect(other.body == missing.body, "someone else's session is answered as a missing one")
            #expect(ownCurrent.status == .notFound, "this browser's own session ends by logging out")
            #expect(try await app.store.sql.count({ $0 }, from: "sessions") == before)
            #expect(try await laptop.get("/me").status == .ok, "wren's other browser is still logged in")
            #expect(try await otto.get("/me").status == .ok)
        }
    }

    @Test func signingOutEverywhereElseKeepsThisSession() async throws {
        try await withApp { app in
            // setup
            var wren = try await app.person("wren")
            var laptop = try await Self.logIn(app, "wren", userAgent: Self.firefox)
            var phone = try await Self.logIn(app, "wren", userAgent: Self.safari)
            var otto = try await app.person("otto")
            let list = try await wren.get("/me/sessions")
            // act
            let done = try await wren.post("/me/sessions/sign-out-others")
            let after = try await wren.get(try #require(done.location))
            // check
            #expect(Self.signOutIDs(list).count == 2)
            #expect(list.contains("Safari on iOS"))
            #expect(done.status == .seeOther)
            #expect(after.contains("You are signed out everywhere else."))
            #expect(after.contains("This is your only session."))
            #expect(try await laptop.get("/me").status == .seeOther)
            #expect(try await phone.get("/me").status == .seeOther)
            #expect(try await wren.get("/me").status == .ok)
            #expect(try await otto.get("/me").status == .ok, "other people's sessions are left alone")
        }
    }

    @Test func lastActiveIsKeptToTheMinute() async throws {
        try await withApp { app in
            // setup
            var wren = try await app.person("wren")
            let started = app.clock.now
            func lastSeen() async throws -> Date? {
                try await app.store.sql.select().column("last_seen_at").from("sessions").value(
                    "last_seen_at",
                    as: Date.self
                )
            }
            // act
            app.clock.advance(seconds: 30)
            _ = try await wren.get("/")
            let afterHalfAMinute = try await lastSeen()
            app.clock.advance(seconds: 40)
            _ = try await wren.get("/")
            let afterAMinute = try await lastSeen()
            // check
            #expect(afterHalfAMinute == started, "no write within the minute")
            #expect(afterAMinute == started.addingTimeInterval(70))
        }
    }

    @Test func theUserAgentIsCutShortAndNoAddressIsKept() async throws {
        try await withApp { app in
            // setup
            let long = Self.firefox + String(repeating: " padding", count: 100)
            // act
            var wren = try await app.person("wren")
            _ = try await Self.logIn(app, "wren", userAgent: long)
            let list = try await wren.get("/me/sessions")
            // check
            let agents = try await app.store.sql.select().column("user_agent").from("sessions")
                .where(SQLIdentifier("user_agent"), .isNot, SQLLiteral.null).column("user_agent", as: String.self)
            #expect(agents == [String(long.prefix(200))])
            #expect(list.contains("Firefox on Linux"))
            let columns = try await app.store.sql.select().column(SQLLiteral.all).from("sessions").first()?.allColumns
            #expect(
                columns.map { Set($0) } == [
                    "id", "token_digest", "person_id", "created_at", "expires_at", "last_seen_at", "user_agent",
                ]
            )
        }
    }

    @Test func theCSRFTokenChangesWhenASessionStarts() async throws {
        try await withApp { app in
            // setup
            var wren = app.visitor()
            _ = try await wren.get("/signup")
            let beforeSignUp = wren.csrf
            try await wren.signUp("wren")
            let afterSignUp = wren.csrf
            _ = try await wren.post("/logout")
            let beforeLogIn = wren.csrf
            // act
            let logIn = try await wren.post("/login", [("login", "wren"), ("password", Visitor.password)])
            let afterLogIn = wren.csrf
            let withOld = try await wren.post(
                "/me/settings/name",
                [("display_name", "Old token"), ("_csrf", beforeLogIn)],
                csrf: false
            )
            let withNew = try await wren.post("/me/settings/name", [("display_name", "New token")])
            // check
            #expect(afterSignUp != beforeSignUp)
            #expect(!afterSignUp.isEmpty)
            #expect(logIn.headers[values: .setCookie].filter { $0.hasPrefix("fg_csrf=") }.count == 1)
            #expect(afterLogIn != beforeLogIn)
            #expect(!afterLogIn.isEmpty)
            #expect(withOld.status == .forbidden, "the token from before the log-in no longer works")
            #expect(withNew.status == .seeOther)
            let name = try await app.store.sql.select().column("display_name").from("people")
                .value("display_name", as: String.self)
            #expect(name == "New token")
        }
    }

    @Test func theCSRFTokenChangesWhenAPasswordResetLogsIn() async throws {
        try await withApp { app in
            // setup
            let link = try await PasswordResetTests.linkForNewAccount(app, "rosa")
            var visitor = app.visitor()
            _ = try await visitor.get(link)
            let before = visitor.csrf
            // act
            let reset = try await visitor.post(
                link,
                [
                    ("password", PasswordResetTests.newPassword),
                    ("password_confirmation", PasswordResetTests.newPassword),
                ]
            )
            // check
            #expect(reset.status == .seeOther)
            #expect(!visitor.csrf.isEmpty)
            #expect(visitor.csrf != before)
            #expect(try await visitor.get("/me").status == .ok)
        }
    }

    @Test(arguments: [
        (SessionListTests.firefox, "Firefox on Linux"),
        (SessionListTests.safari, "Safari on iOS"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                + "Safari/537.36 Edg/126.0.0.0", "Edge on Windows"
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                + "Mobile Safari/537.36", "Chrome on Android"
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
                + "Safari/605.1.15", "Safari on macOS"
        ),
        ("curl/8.5.0", "Unknown browser"),
        ("", "Unknown browser"),
    ])
    func browsersAreNamedFromTheirUserAgent(agent: String, name: String) {
        #expect(DeviceName.describe(agent) == name)
    }
}
