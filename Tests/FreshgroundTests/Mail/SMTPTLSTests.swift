import Foundation
import FreshgroundStore
import Mail
import SQLKit
import Testing

/// Mail to a relay that wants TLS and a login (scripts/smtp-tls-sink.py, with a certificate made for the test):
/// STARTTLS and implicit TLS, AUTH PLAIN and LOGIN, and what happens when TLS or the login fails.
@Suite struct SMTPTLSTests {
    @Test func startTLSThenAuthPlainDeliversWithTheBounceAddressAsEnvelopeSender() async throws {
        // setup: the login in the URL, percent-encoded; bounces to their own address
        let sink = try TLSSink.start()
        defer { sink.stop() }
        var settings = try sink.settings("smtp://\(TLSSink.login())@127.0.0.1:PORT")
        settings.returnPath = "bounces@example.org"
        let to = SMTPTests.address("plain")

        // act
        try await Self.mailer(settings).send(MailMessage(to: to, toName: "Ada", subject: "Over TLS", body: "Hi"))

        // check: sent over TLS after the login, from the bounce address, the person's name only in To:
        let received = try sink.received()
        let mail = try #require(received.first)
        #expect(received.count == 1)
        #expect(mail.tls.hasPrefix("TLSv1."))
        #expect(mail.auth == "PLAIN:\(TLSSink.user)")
        #expect(mail.envelopeFrom == "bounces@example.org")
        #expect(mail.mail.from == "freshground@example.org")
        #expect(mail.mail.envelopeTo == [to] && mail.mail.body == "Hi")
        #expect(mail.mail.header("Auto-Submitted") == "auto-generated")
        #expect(sink.events == ["connect 1", "starttls 1", "auth 1 PLAIN ok", "mail 1 bounces@example.org"])
    }

    @Test func authLoginWhenThatIsAllTheServerOffers() async throws {
        // setup: the login as mail.smtp_user and mail.smtp_password give it, beside the URL
        let sink = try TLSSink.start(excluding: ["PLAIN"])
        defer { sink.stop() }
        var settings = try sink.settings("smtp://127.0.0.1:PORT")
        settings.credentials = SMTPSettings.Credentials(user: TLSSink.user, password: TLSSink.password)

        // act
        try await Self.mailer(settings).send(MailMessage(to: SMTPTests.address("login"), subject: "S", body: "B"))

        // check: without a return path the envelope sender is the From: address
        let mail = try #require(try sink.received().first)
        #expect(mail.auth == "LOGIN:\(TLSSink.user)")
        #expect(mail.tls.hasPrefix("TLSv1."))
        #expect(mail.envelopeFrom == "freshground@example.org")
    }

    @Test func implicitTLSOnSMTPS() async throws {
        // setup
        let sink = try TLSSink.start("implicit")
        defer { sink.stop() }
        let settings = try sink.settings("smtps://\(TLSSink.login())@localhost:PORT")

        // act: by name, so the certificate is checked against the name
        try await Self.mailer(settings).send(MailMessage(to: SMTPTests.address("smtps"), subject: "S", body: "B"))

        // check
        let mail = try #require(try sink.received().first)
        #expect(mail.tls.hasPrefix("TLSv1.") && mail.auth == "PLAIN:\(TLSSink.user)")
        #expect(!sink.events.contains { $0.hasPrefix("starttls") })
    }

    @Test func aWrongPasswordFailsClearlyAndTheMessageWaitsForItsRetry() async throws {
        // setup
        let sink = try TLSSink.start()
        defer { sink.stop() }
        let to = SMTPTests.address("wrongpw")
        let clock = TestClock()
        let wrong = try sink.settings("smtp://\(TLSSink.login(password: "not it"))@127.0.0.1:PORT")
        try await SMTPTests().withOutbox(mailer: Self.mailer(wrong), clock: clock) { store, outbox in
            try await store.transaction { sql in
                try await outbox.enqueue(MailMessage(to: to, subject: "Kept", body: "x"), on: sql)
            }

            // act
            let sent = try await outbox.deliverDue()

            // check: refused, not given up, nothing sent
            #expect(sent == 0)
            let row = try await SMTPTests.row(to, in: store)
            #expect(row.attempts == 1 && row.sentAt == nil)
            #expect(row.lastError?.contains("535") == true)
            #expect(row.lastError?.contains("password was refused") == true)
            #expect(row.lastError?.contains(TLSSink.password) == false)
            #expect(sink.events.contains("auth 1 PLAIN refused"))
            #expect(!sink.events.contains { $0.hasPrefix("mail ") })

            // act: the password is put right; a minute later the retry goes out
            clock.advance(seconds: 61)
            let right = try sink.settings("smtp://\(TLSSink.login())@127.0.0.1:PORT")
            let retried = try await Outbox(store: store, mailer: Self.mailer(right), clock: { clock.now }).deliverDue()

            // check
            #expect(retried == 1)
            #expect(try sink.received().map(\.mail.envelopeTo) == [[to]])
        }
    }

    @Test func anUntrustedCertificateIsRefusedAndTheMessageWaits() async throws {
        // setup: the self-signed certificate, without the CA file that trusts it
        let sink = try TLSSink.start()
        defer { sink.stop() }
        let to = SMTPTests.address("untrusted")
        let settings = try sink.settings("smtp://\(TLSSink.login())@127.0.0.1:PORT", trusting: false)
        try await SMTPTests().withOutbox(mailer: Self.mailer(settings)) { store, outbox in
            try await store.transaction { sql in
                try await outbox.enqueue(MailMessage(to: to, subject: "Kept", body: "x"), on: sql)
            }

            // act
            let sent = try await outbox.deliverDue()

            // check: no login, no mail, the reason kept with the message
            #expect(sent == 0)
            let row = try await SMTPTests.row(to, in: store)
            #expect(row.attempts == 1 && row.sentAt == nil)
            #expect(row.lastError?.contains("TLS with 127.0.0.1") == true, "\(row.lastError ?? "")")
            #expect(row.lastError?.contains("CERTIFICATE_VERIFY_FAILED") == true)
            #expect(row.lastError?.contains("mail.smtp_ca_file") == true)
            #expect(sink.events.filter { $0.hasPrefix("auth") || $0.hasPrefix("mail") }.isEmpty)
            #expect(try sink.received().isEmpty)
        }
    }

    @Test func withTLSRequiredAServerWithoutSTARTTLSGetsNothing() async throws {
        // setup: a server that offers neither STARTTLS nor AUTH
        let sink = try TLSSink.start("plain")
        defer { sink.stop() }
        for url in ["smtp://127.0.0.1:PORT?tls=required", "smtp://\(TLSSink.login())@127.0.0.1:PORT"] {
            let client = SMTPClient(settings: try sink.settings(url))

            // act
            let error = await #expect(throws: SMTPError.self) {
                try await client.send("Subject: x\r\n\r\nx", to: [SMTPTests.address("clear")])
            }

            // check
            #expect(error?.command == "STARTTLS" && error?.isSessionFailure == true, "\(url)")
            #expect(error?.text.contains("nothing was sent") == true, "\(url)")
        }
        #expect(sink.events == ["connect 1", "connect 2"])
        #expect(try sink.received().isEmpty)
    }

    @Test func withALoginAServerThatRefusesEHLOHearsOnlyEHLOAndQUIT() async throws {
        // setup: a scripted server that refuses EHLO
        let server = try FakeSMTPServer.start("helo")
        var settings = SMTPSettings(host: "127.0.0.1", port: server.port, from: "fg@example.org")
        settings.credentials = SMTPSettings.Credentials(user: "fg", password: "secret")
        var client = SMTPClient(settings: settings)
        client.replyTimeout = .seconds(60)

        // act
        let error = await #expect(throws: SMTPError.self) {
            try await client.send("Subject: x\r\n\r\nx", to: ["a@example.org"])
        }

        // check: no HELO, no password, no mail in clear
        #expect(error?.command == "STARTTLS")
        #expect(try server.transcript() == ["EHLO example.org", "QUIT"])
    }

    @Test func aReplyInjectedInClearBehindSTARTTLSEndsTheConnection() async throws {
        // setup: a server whose 220 to STARTTLS comes with a second reply in clear
        let server = try FakeSMTPServer.start("inject")
        var settings = SMTPSettings(host: "127.0.0.1", port: server.port, from: "fg@example.org")
        settings.tls = .required
        var client = SMTPClient(settings: settings)
        client.replyTimeout = .seconds(60)

        // act
        let error = await #expect(throws: SMTPError.self) {
            try await client.send("Subject: x\r\n\r\nx", to: ["a@example.org"])
        }

        // check: refused before TLS could start on top of the injected bytes, and nothing more was said
        #expect(error?.command == "STARTTLS" && error?.isSessionFailure == true)
        #expect(error?.text.contains("sent more in clear after agreeing to STARTTLS") == true)
        #expect(try server.transcript() == ["EHLO example.org", "STARTTLS"])
    }

    // MARK: helpers

    static func mailer(_ settings: SMTPSettings) -> SMTPMailer {
        SMTPMailer(settings: settings, fromName: "Freshground Tests", messageIDDomain: "example.org")
    }
}
