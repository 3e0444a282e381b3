import Foundation
import HTTPTypes
import Testing

/// Sign-up must not tell whether an email address has an account: a taken address gets the same answer as a
/// new one (the account is made, the address waits for an emailed link), and the address's owner is told by
/// mail. Handles are public, so a taken handle is still said.
@Suite("Sign-up does not reveal which email addresses have accounts")
struct PeopleSignUpPrivacyTests {
    /// Addresses of this test only: every test of a run shares one mail server.
    static func address(_ name: String) -> String {
        "\(name)-\(UUID().uuidString.prefix(8).lowercased())@example.org"
    }

    /// What a visitor sees of a page, without what differs for every visitor anyway (the form token) or what
    /// they typed differently (`typed`, their handle or address).
    static func normalized(_ page: Page, _ visitor: Visitor, typed: String) -> String {
        page.body.replacingOccurrences(of: visitor.csrf, with: "CSRF").replacingOccurrences(of: typed, with: "TYPED")
    }

    /// The cookie names a response sets, and the value of the one-time message.
    static func cookies(_ page: Page) -> (names: Set<String>, flash: String?) {
        let all = page.headers[values: .setCookie]
        let flash = all.first { $0.hasPrefix("fg_flash=") }.map { String($0.prefix { $0 != ";" }) }
        return (Set(all.map { String($0.prefix { $0 != "=" }) }), flash)
    }

    @Test("a taken address and a new one get the same answer, page and profile alike")
    func takenAndNewAddressesLookTheSame() async throws {
        try await withApp { app in
            // setup
            let taken = Self.address("owner")
            var owner = app.visitor()
            try await owner.signUp("owner", displayName: "Olga", email: taken)
            var fresh = app.visitor()
            var prober = app.visitor()
            // act
            let freshAnswer = try await fresh.post(
                "/signup",
                [("handle", "newcomer"), ("email", Self.address("new")), ("password", Visitor.password)]
            )
            let probeAnswer = try await prober.post(
                "/signup",
                [("handle", "prober"), ("email", taken.uppercased()), ("password", Visitor.password)]
            )
            let freshHome = try await fresh.get("/")
            let probeHome = try await prober.get("/")
            let freshProfile = try await fresh.api(.get, "/api/v1/me").json
            let probeProfile = try await prober.api(.get, "/api/v1/me").json
            // check: the same status, redirect, cookies and message
            #expect(freshAnswer.status == .seeOther)
            #expect(probeAnswer.status == freshAnswer.status)
            #expect(probeAnswer.location == freshAnswer.location)
            #expect(Self.cookies(probeAnswer).names == Self.cookies(freshAnswer).names)
            #expect(Self.cookies(freshAnswer).flash != nil)
            #expect(Self.cookies(probeAnswer).flash == Self.cookies(freshAnswer).flash)
            #expect(!probeAnswer.contains("already"))
            // the page after it, modulo the handle, and the API's profile, modulo handle and id
            #expect(freshHome.contains("Check your email") || freshHome.contains("follow its link"))
            #expect(
                Self.normalized(probeHome, prober, typed: "prober")
                    == Self.normalized(freshHome, fresh, typed: "newcomer")
            )
            for key in ["email", "displayName", "isAdmin", "createdAt"] {
                #expect("\(probeProfile[key] ?? "missing")" == "\(freshProfile[key] ?? "missing")", "\(key)")
            }
            #expect(freshProfile["email"] == nil || freshProfile["email"] is NSNull, "no address before its link")
            #expect(freshProfile["handle"] as? String == "newcomer")
        }
    }

    @Test("a sign-up refused for another field reads the same whatever the address")
    func refusedSignUpsLookTheSame() async throws {
        try await withApp { app in
            // setup
            let taken = Self.address("owner")
            var owner = app.visitor()
            try await owner.signUp("owner", email: taken)
            var fresh = app.visitor()
            var prober = app.visitor()
            let fresher = Self.address("new")
            // act: a short password, once with a new address, once with the taken one
            let freshAnswer = try await fresh.post(
                "/signup",
                [("handle", "newcomer"), ("email", fresher), ("password", "short")]
            )
            let probeAnswer = try await prober.post(
                "/signup",
                [("handle", "newcomer"), ("email", taken), ("password", "short")]
            )
            // check
            #expect(freshAnswer.status == .unprocessableContent)
            #expect(probeAnswer.status == freshAnswer.status)
            #expect(
                Self.normalized(probeAnswer, prober, typed: taken)
                    == Self.normalized(freshAnswer, fresh, typed: fresher)
            )
            #expect(!probeAnswer.contains(#"id="email-error""#))
        }
    }

    @Test("the owner of a taken address is told by mail, and the new account does not get the address")
    func theOwnerIsToldByMail() async throws {
        try await withApp { app in
            // setup
            let taken = Self.address("owner")
            var owner = app.visitor()
            try await owner.signUp("owner", displayName: "Olga", email: taken)
            var prober = app.visitor()
            // act
            let answer = try await prober.post(
                "/signup",
                [("handle", "prober"), ("display_name", "Pat"), ("email", taken), ("password", "the prober's own")]
            )
            let mail = try await Mailbox.messages(to: taken)
            var login = app.visitor()
            let byAddress = try await login.post("/login", [("login", taken), ("password", "the prober's own")])
            // check: the person's other input is kept, the address is not theirs
            #expect(answer.status == .seeOther)
            let rows = try await app.store.sql.raw("SELECT handle, display_name, email FROM people ORDER BY id").all()
            let people = try rows.map {
                (
                    try $0.decode(column: "handle", as: String.self),
                    try $0.decode(column: "display_name", as: String.self),
                    try $0.decode(column: "email", as: String?.self)
                )
            }
            #expect(people.count == 2)
            #expect(people[0] == ("owner", "Olga", taken))
            #expect(people[1] == ("prober", "Pat", nil))
            #expect(try await prober.get("/").contains("Signed in as Pat"))
            let pending = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM email_confirmations").first()
            #expect(try pending?.decode(column: "n", as: Int.self) == 0, "no link can hand the address over")
            #expect(byAddress.status == .unauthorized, "the address still logs in only its owner")
            // the owner's mail: what happened and what to do, with no link that adds the address anywhere
            #expect(mail.count == 1)
            let message = try #require(mail.first)
            #expect(message.subject == "Someone tried to sign up with your email address")
            #expect(message.toName == "Olga")
            #expect(message.body.contains("@owner"))
            #expect(message.body.contains("http://127.0.0.1:8080/login"))
            #expect(!message.body.contains("/signup/email/"))
            #expect(!message.body.contains("prober"), "the owner's mail does not pass on who tried")
        }
    }

    @Test("a new address is added to the account only through the link mailed to it")
    func aNewAddressIsAddedByItsLink() async throws {
        try await withApp { app in
            // setup
            let address = Self.address("wren")
            var wren = app.visitor()
            let answer = try await wren.post(
                "/signup",
                [("handle", "wren"), ("email", address), ("password", Visitor.password)]
            )
            #expect(answer.status == .seeOther)
            let message = try #require(try await Mailbox.messages(to: address).first)
            let link = try #require(Mailbox.links(in: message.body).first { $0.contains("/signup/email/") })
            let path = String(link[link.range(of: "/signup/email/")!.lowerBound...])
            var before = app.visitor()
            let loginBefore = try await before.post("/login", [("login", address), ("password", Visitor.password)])
            // act: the link opens a page with a button; the button adds the address
            var reader = app.visitor()
            let shown = try await reader.get(path)
            let added = try await reader.post(path)
            let again = try await reader.get(path)
            var after = app.visitor()
            let loginAfter = try await after.post("/login", [("login", address), ("password", Visitor.password)])
            // check
            #expect(message.subject == "Confirm your email address")
            #expect(message.body.contains("@wren"))
            #expect(loginBefore.status == .unauthorized)
            #expect(shown.status == .ok)
            #expect(shown.contains(address) && shown.contains("@wren"))
            #expect(shown.contains("Add the address"))
            #expect(added.status == .seeOther)
            #expect(again.status == .notFound, "a link works once")
            #expect(loginAfter.status == .seeOther)
            #expect(try await wren.api(.get, "/api/v1/me").json["email"] as? String == address)
        }
    }

    @Test("a link stops working after a week, and the first account to use an address keeps it")
    func linksExpireAndTheFirstUseWins() async throws {
        try await withApp { app in
            // setup: two people give the same new address
            let address = Self.address("shared")
            var first = app.visitor()
            _ = try await first.post(
                "/signup",
                [("handle", "first"), ("email", address), ("password", Visitor.password)]
            )
            var second = app.visitor()
            _ = try await second.post(
                "/signup",
                [("handle", "second"), ("email", address), ("password", Visitor.password)]
            )
            let mail = try await Mailbox.messages(to: address, count: 2)
            let paths = mail.compactMap { message in
                Mailbox.links(in: message.body).first { $0.contains("/signup/email/") }
                    .map { String($0[$0.range(of: "/signup/email/")!.lowerBound...]) }
            }
            try #require(paths.count == 2)
            let winner = mail[0].body.contains("@first") ? "first" : "second"
            var reader = app.visitor()
            // act
            let won = try await reader.post(paths[0])
            let lost = try await reader.post(paths[1])
            let late = Self.address("late")
            var slow = app.visitor()
            _ = try await slow.post("/signup", [("handle", "slow"), ("email", late), ("password", Visitor.password)])
            let lateMail = try #require(try await Mailbox.messages(to: late).first)
            let latePath = try #require(
                Mailbox.links(in: lateMail.body).first { $0.contains("/signup/email/") }
                    .map { String($0[$0.range(of: "/signup/email/")!.lowerBound...]) }
            )
            try await app.advanceClockAfterMail(seconds: 7 * 86_400 + 1)
            let expired = try await reader.get(latePath)
            // check
            #expect(won.status == .seeOther)
            #expect(lost.status == .seeOther)
            let owners = try await app.store.sql.raw("SELECT handle FROM people WHERE email IS NOT NULL").all()
            #expect(try owners.map { try $0.decode(column: "handle", as: String.self) } == [winner])
            #expect(expired.status == .notFound)
        }
    }
}
