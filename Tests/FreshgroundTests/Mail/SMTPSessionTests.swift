import Foundation
import Freshground
import FreshgroundStore
import Mail
import SQLKit
import Testing

/// One SMTP connection for many messages, a new one when the server drops it, and the settings that say where
/// mail goes and how.
@Suite struct SMTPSessionTests {
    @Test func aSessionSendsTwentyMessagesOverOneConnection() async throws {
        // setup
        let sink = try TLSSink.start()
        defer { sink.stop() }
        let mailer = SMTPTLSTests.mailer(try sink.settings("smtp://\(TLSSink.login())@127.0.0.1:PORT"))
        let recipients = (0..<20).map { SMTPTests.address("one\($0)") }

        // act
        try await mailer.withSession { send in
            for to in recipients { try await send(MailMessage(to: to, subject: "One of 20", body: "x")) }
        }

        // check: one connection, one TLS start, one login, twenty messages
        let received = try sink.received()
        #expect(received.flatMap(\.mail.envelopeTo) == recipients)
        #expect(Set(received.map(\.connection)) == [1])
        #expect(sink.connections == 1)
        #expect(sink.events.filter { $0.hasPrefix("starttls") || $0.hasPrefix("auth") }.count == 2)
    }

    @Test func theOutboxUsesOneConnectionPerWorker() async throws {
        // setup
        let sink = try TLSSink.start()
        defer { sink.stop() }
        let mailer = SMTPTLSTests.mailer(try sink.settings("smtp://\(TLSSink.login())@127.0.0.1:PORT"))
        let recipients = (0..<20).map { SMTPTests.address("outbox\($0)") }
        try await SMTPTests().withOutbox(mailer: mailer) { store, outbox in
            for to in recipients {
                try await store.transaction { sql in
                    try await outbox.enqueue(MailMessage(to: to, subject: "Queued", body: "x"), on: sql)
                }
            }

            // act
            let sent = try await outbox.deliverDue()

            // check: every message once, over no more connections than workers
            #expect(sent == recipients.count)
            #expect(try sink.received().flatMap(\.mail.envelopeTo).sorted() == recipients.sorted())
            #expect((1...Outbox.connections).contains(sink.connections))
        }
    }

    @Test func aConnectionTheServerClosesIsReplacedWithoutLosingAMessage() async throws {
        // setup: the server takes five messages a connection, then answers the next MAIL FROM with 421 and hangs up
        let sink = try TLSSink.start(closeAfter: 5)
        defer { sink.stop() }
        let client = SMTPClient(settings: try sink.settings("smtp://\(TLSSink.login())@127.0.0.1:PORT"))
        let recipients = (0..<12).map { SMTPTests.address("again\($0)") }

        // act
        let opened = try await client.withSession { session in
            for to in recipients { try await session.send("Subject: again\r\n\r\nx", to: [to]) }
            return session.connectionsOpened
        }

        // check
        let received = try sink.received()
        #expect(received.flatMap(\.mail.envelopeTo) == recipients)
        #expect(received.map(\.connection) == [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3])
        #expect(opened == 3)
    }

    @Test func aRefusedRecipientDoesNotStopTheNextMessages() async throws {
        // setup: the shared test server refuses addresses starting with "refused"
        let client = SMTPClient(settings: try SMTPTests.realSettings())
        let first = SMTPTests.address("before")
        let last = SMTPTests.address("after")

        // act
        let (error, opened) = try await client.withSession { session in
            try await session.send("Subject: 1\r\n\r\nx", to: [first])
            let error = await #expect(throws: SMTPError.self) {
                try await session.send("Subject: 2\r\n\r\nx", to: [SMTPTests.address("refused")])
            }
            try await session.send("Subject: 3\r\n\r\nx", to: [last])
            return (error, session.connectionsOpened)
        }

        // check: the refusal is permanent for that message only, and the connection stayed
        #expect(error?.code == 550 && error?.command == "RCPT TO" && error?.isPermanent == true)
        #expect(try await Mailbox.messages(to: first).count == 1)
        #expect(try await Mailbox.messages(to: last).count == 1)
        #expect(opened == 1)
    }

    @Test func settingsReadTLSAndTheLoginFromTheURL() throws {
        let plain = try #require(SMTPSettings(url: "smtp://relay.example.org:587", from: "a@b.org"))
        #expect(plain.tls == .opportunistic && !plain.requiresTLS && plain.credentials == nil)
        #expect(SMTPSettings(url: "smtp://relay.example.org:587?tls=required", from: "a@b.org")?.tls == .required)
        let smtps = try #require(SMTPSettings(url: "smtps://relay.example.org", from: "a@b.org"))
        #expect(smtps.tls == .implicit && smtps.port == 465)
        let login = try #require(
            SMTPSettings(url: "smtp://ada%40b.org:p%40ss%3Aw%20d@relay.example.org", from: "a@b.org")
        )
        #expect(login.credentials == SMTPSettings.Credentials(user: "ada@b.org", password: "p@ss:w d"))
        #expect(login.requiresTLS, "a password never goes in clear")
        #expect(!login.description.contains("p@ss") && login.description.contains("ada@b.org:***@"))
        for bad in ["smtp://user@x:25", "smtp://:pw@x:25", "smtp://x:25?tls=none", "smtp://x:25?other=1", "smtps://"] {
            #expect(SMTPSettings(url: bad, from: "a@b.org") == nil, "\(bad)")
        }
        #expect(SMTPSettings.redacted(url: "smtp://u:secret@x:587?tls=required") == "smtp://u:***@x:587?tls=required")
        #expect(SMTPSettings.redacted(url: "smtp://x:25") == "smtp://x:25")
    }

    @Test func theConfigurationAddsTheLoginTheCAFileAndTheReturnPath() async throws {
        // setup: the CA file need only be readable here
        let certificate = Python.packageRoot.appendingPathComponent("scripts/smtp-tls-sink.py").path
        let overrides = [
            "mail.smtp": "smtp://relay.example.org:587", "mail.smtp_user": "ada", "mail.smtp_password": "pw",
            "mail.smtp_ca_file": certificate, "mail.return_path": "bounces@example.org",
            "mail.from": "freshground@example.org",
        ]

        // act
        let config = try await AppConfig.load(overrides: overrides, environmentFile: "/nonexistent/.env")

        // check
        let settings = try #require(config.smtpSettings)
        #expect(settings.credentials == SMTPSettings.Credentials(user: "ada", password: "pw"))
        #expect(settings.requiresTLS && settings.caFile == certificate)
        #expect(settings.envelopeSender == "bounces@example.org" && settings.from == "freshground@example.org")

        // act: a bad URL is named without its password
        let error = await #expect(throws: ConfigError.self) {
            try await AppConfig.load(
                overrides: ["mail.smtp": "smtp://u:hunter2@x:25?tls=maybe"],
                environmentFile: "/nonexistent/.env"
            )
        }
        #expect(error?.description.contains("hunter2") == false)
    }
}
