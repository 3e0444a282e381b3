import Foundation
import FreshgroundStore
import HTTPTypes
import SQLKit
import Testing

/// Resetting a forgotten password by a link mailed through the real mail server: the same answer whether or not
/// the address has an account, a link that works once for an hour, at most three links an hour, and a reset that
/// ends every session of the person.
@Suite("Resetting a forgotten password by email")
struct PasswordResetTests {
    static let sent = "If an account has that address, we sent it a link. It works once, for one hour."
    static let newPassword = "a brand new secret 42"

    /// Addresses of this test only: every test of a run shares one mail server.
    static func address(_ name: String) -> String {
        "\(name)-\(UUID().uuidString.prefix(8).lowercased())@example.org"
    }

    static func isReset(_ mail: ReceivedMail) -> Bool { mail.subject == "Reset your password" }

    /// Asks for a link for `login` from a fresh visitor and returns the answer and the page it leads to.
    static func ask(_ app: TestApp, _ login: String) async throws -> (answer: Page, next: Page) {
        var visitor = app.visitor()
        let form = try await visitor.get("/password/forgot")
        #expect(form.contains(#"action="/password/forgot""#))
        let answer = try await visitor.post("/password/forgot", [("login", login)])
        let next = try await visitor.get(answer.location ?? "/")
        return (answer, next)
    }

    /// The path of the reset link in the newest reset mail to `address`, waiting for the `count`th.
    static func resetLink(to address: String, count: Int = 1) async throws -> String {
        let mails = try await Mailbox.messages(to: address, count: count, where: isReset)
        let link = try #require(
            mails.filter(isReset).last.flatMap { Mailbox.links(in: $0.body).first { $0.contains("/password/reset/") } }
        )
        return String(link[link.range(of: "/password/reset/")!.lowerBound...])
    }

    /// Signs up `handle` with an address of its own and returns the address (the account's visitor stays logged in).
    static func signUp(_ app: TestApp, _ handle: String) async throws -> String {
        let address = address(handle)
        var visitor = app.visitor()
        try await visitor.signUp(handle, email: address)
        return address
    }

    /// Signs up `handle` with an address, asks for a link by handle and returns the link's path.
    static func linkForNewAccount(_ app: TestApp, _ handle: String) async throws -> String {
        let address = try await signUp(app, handle)
        _ = try await ask(app, handle)
        return try await resetLink(to: address)
    }

    /// How many messages to `address` the app has queued (sent or not): what the sink may yet receive.
    static func queued(_ app: TestApp, to address: String) async throws -> Int {
        try await app.store.sql.count({ $0.where("recipient", .equal, address) }, from: "mail_outbox")
    }

    static func logIn(_ app: TestApp, _ handle: String, _ password: String) async throws -> Page {
        var visitor = app.visitor()
        return try await visitor.post("/login", [("login", handle), ("password", password)])
    }

    @Test("ask, follow the mailed link, set a new password: logged in here, out everywhere else, the link used up")
    func wholePath() async throws {
        try await withApp { app in
            // setup
            let address = Self.address("rosa")
            var rosa = app.visitor()
            try await rosa.signUp("rosa", displayName: "Rosa", email: address)
            #expect(try await rosa.get("/login").contains(#"<a href="/password/forgot">Forgot your password?</a>"#))
            // act
            let (answer, next) = try await Self.ask(app, address.uppercased())
            let link = try await Self.resetLink(to: address)
            var browser = app.visitor()
            let form = try await browser.get(link)
            let done = try await browser.post(
                link,
                [("password", Self.newPassword), ("password_confirmation", Self.newPassword)]
            )
            let home = try await browser.get("/")
            let again = try await browser.get(link)
            let reuse = try await browser.post(
                link,
                [("password", "yet another password"), ("password_confirmation", "yet another password")]
            )
            let staleTokens = try await rosa.get("/me/tokens")
            let oldLogIn = try await Self.logIn(app, "rosa", Visitor.password)
            let newLogIn = try await Self.logIn(app, "rosa", Self.newPassword)
            // check: the answer, the mail and the form
            #expect(answer.status == .seeOther)
            #expect(next.contains(Self.sent))
            #expect(form.status == .ok)
            #expect(form.contains(#"type="password""#) && form.contains("password_confirmation"))
            // set, logged in with a new session, home with a message
            #expect(done.status == .seeOther)
            #expect(done.location == "/")
            #expect(home.contains("Your new password is set"))
            #expect(home.contains("Log out"))
            // the link never works again, on the page or posted
            #expect(again.status == .notFound)
            #expect(again.contains("no longer valid"))
            #expect(again.contains(#"<a href="/password/forgot">Ask for a new link</a>"#))
            #expect(reuse.status == .notFound)
            // the session on another device is over
            #expect(staleTokens.location?.hasPrefix("/login") == true)
            // the old password fails, the new one works
            #expect(oldLogIn.status == .unauthorized)
            #expect(newLogIn.status == .seeOther)
        }
    }

    @Test("an unknown address, a handle without an address and a known one get the same answer; no mail is sent")
    func sameAnswerForUnknownAddress() async throws {
        try await withApp { app in
            // setup
            let known = try await Self.signUp(app, "known")
            let unknown = Self.address("nobody")
            _ = try await app.person("nomail")
            // act
            let knownAnswer = try await Self.ask(app, known)
            let unknownAnswer = try await Self.ask(app, unknown)
            let noMailAnswer = try await Self.ask(app, "nomail")
            _ = try await Self.resetLink(to: known)
            // check
            for (answer, next) in [knownAnswer, unknownAnswer, noMailAnswer] {
                #expect(answer.status == knownAnswer.answer.status)
                #expect(answer.location == knownAnswer.answer.location)
                #expect(next.contains(Self.sent))
                #expect(!next.contains("no account") && !next.contains("no email"))
            }
            #expect(try await Self.queued(app, to: unknown) == 0)
            #expect(try Mailbox.messagesSoFar(to: unknown).isEmpty)
        }
    }

    @Test("a link older than an hour is refused, and asking needs the form's CSRF token")
    func expiry() async throws {
        try await withApp { app in
            // setup
            let link = try await Self.linkForNewAccount(app, "ines")
            // act
            try await app.advanceClockAfterMail(seconds: 3601)
            var visitor = app.visitor()
            let page = try await visitor.get(link)
            let post = try await visitor.post(
                link,
                [("password", Self.newPassword), ("password_confirmation", Self.newPassword)]
            )
            let forged = try await visitor.post("/password/forgot", [("login", "ines")], csrf: false)
            // check
            #expect(page.status == .notFound)
            #expect(page.contains("no longer valid"))
            #expect(post.status == .notFound)
            #expect(try await Self.logIn(app, "ines", Visitor.password).status == .seeOther)
            #expect(forged.status == .forbidden)
        }
    }

    @Test("at most three links an hour go to an account; the fourth request answers the same and sends nothing")
    func limitOfThreeAnHour() async throws {
        try await withApp { app in
            // setup
            let address = try await Self.signUp(app, "mara")
            // act
            var answers: [Page] = []
            for _ in 1...4 { answers.append(try await Self.ask(app, address).next) }
            _ = try await Self.resetLink(to: address, count: 3)
            let withinTheHour = try await Self.queued(app, to: address)
            try await app.advanceClockAfterMail(seconds: 3601)
            _ = try await Self.ask(app, address)
            // Distinct mails: delivery is at least once, and a send whose reply timed out on a loaded machine is
            // sent again after the clock moved past its retry time (the same message, the same link).
            // A resent duplicate can make four messages before the fourth distinct one arrives: wait for distinct.
            _ = try await Mailbox.messages(to: address, count: 4, where: Self.isReset)
            var later = Set<String>()
            let deadline = Date().addingTimeInterval(60)
            repeat {
                later = Set(try Mailbox.messagesSoFar(to: address).filter(Self.isReset).map(\.body))
                if later.count < 4 { try await Task.sleep(for: .milliseconds(100)) }
            } while later.count < 4 && Date() < deadline
            // check
            #expect(answers.allSatisfy { $0.contains(Self.sent) })
            #expect(withinTheHour == 3)
            #expect(later.count == 4)
        }
    }

    @Test("a refused new password shows the message, keeps no password in the page, and leaves the link working")
    func refusedPassword() async throws {
        try await withApp { app in
            // setup
            let link = try await Self.linkForNewAccount(app, "yuri")
            var visitor = app.visitor()
            // act
            let short = try await visitor.post(link, [("password", "short9"), ("password_confirmation", "short9")])
            let mismatch = try await visitor.post(
                link,
                [("password", Self.newPassword), ("password_confirmation", "something else entirely")]
            )
            let still = try await visitor.get(link)
            // check
            #expect(short.status == .unprocessableContent)
            #expect(short.contains("Use at least 10 characters."))
            #expect(!short.contains("short9"))
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.contains("The two passwords are not the same."))
            #expect(!mismatch.contains(Self.newPassword) && !mismatch.contains("something else entirely"))
            #expect(still.status == .ok)
            #expect(try await Self.logIn(app, "yuri", Visitor.password).status == .seeOther)
        }
    }

    @Test func aLinkMailedBeforeThePasswordWasChangedStopsWorking() async throws {
        try await withApp { app in
            // setup: a link is mailed, then the owner changes the password in their settings
            let address = Self.address("plover")
            var owner = app.visitor()
            try await owner.signUp("plover", email: address)
            _ = try await Self.ask(app, "plover")
            let link = try await Self.resetLink(to: address)

            // act
            let changed = try await owner.post(
                "/me/settings/password",
                [
                    ("current_password", Visitor.password), ("new_password", "a brand new passphrase"),
                    ("new_password_again", "a brand new passphrase"),
                ]
            )
            var stranger = app.visitor()
            let page = try await stranger.get(link)

            // check
            #expect(changed.status == .seeOther)
            #expect(page.status == .notFound)
        }
    }
}
