import Foundation
import FreshgroundStore
import FreshgroundWeb
import Mail
import SQLKit
import Synchronization
import Testing

/// Mail through a real SMTP server (aiosmtpd), read back from what it received; the outbox on a real database.
@Suite struct SMTPTests {
    // MARK: through the real server

    @Test func utf8SubjectNameAndBodyArriveIntact() async throws {
        // setup
        let to = Self.address("utf8")
        let body = "Bonjour Zoë,\n\nLa réunion coûte ½ prix – à bientôt.\nЗдравствуйте 🌱\n"
        let message = MailMessage(to: to, toName: "Zoë Ünal", subject: "Réunion – ½ price", body: body)

        try await withOutbox { store, outbox in
            // act
            try await store.transaction { sql in try await outbox.enqueue(message, on: sql) }
            let sent = try await outbox.deliverDue()

            // check
            #expect(sent == 1)
            let mail = try #require(try await Mailbox.messages(to: to).first)
            #expect(mail.subject == "Réunion – ½ price")
            #expect(mail.toName == "Zoë Ünal")
            #expect(mail.body == body)
            #expect(mail.raw.utf8.allSatisfy { $0 < 128 }, "the message on the wire is 7-bit")
            Self.expectWellFormedLines(mail.raw)
            #expect(mail.header("MIME-Version") == "1.0")
            #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
        }
    }

    @Test func linesStartingWithADotAreStuffed() async throws {
        // setup
        let to = Self.address("dots")
        let body = ".hidden unless stuffed\n.\n..two dots\nend"

        // act
        try await Self.realMailer().send(MailMessage(to: to, subject: "Dots", body: body))

        // check
        let mail = try #require(try await Mailbox.messages(to: to).first)
        #expect(mail.body == body)
    }

    @Test func aLongLineIsWrappedAndComesBackWhole() async throws {
        // setup
        let to = Self.address("long")
        let line = String(repeating: "Solidarity means ½ of it, ", count: 12).prefix(300)
        #expect(line.count == 300)
        let subject = String(repeating: "A long subject about the meeting of the circle ", count: 4)
        let link = "https://example.org/events/42/rsvp/confirm?token=" + String(repeating: "a1b2c3d4", count: 12)
        let body = "Hi\n\(line)\nConfirm: \(link).\nBye"

        // act
        try await Self.realMailer().send(MailMessage(to: to, subject: subject, body: body))

        // check
        let mail = try #require(try await Mailbox.messages(to: to).first)
        #expect(mail.body == body)
        #expect(mail.subject == subject.trimmingCharacters(in: .whitespaces))
        #expect(Mailbox.links(in: mail.body) == [link])
        Self.expectWellFormedLines(mail.raw)
    }

    @Test func lineBreaksInHeaderValuesCannotAddHeaders() async throws {
        // setup
        let to = Self.address("inject")
        let message = MailMessage(
            to: to,
            toName: "Eve\r\nCc: victim@example.org",
            subject: "Hello\r\nBcc: victim@example.org\nX-Evil: yes",
            body: "Body"
        )

        // act
        try await Self.realMailer().send(message)

        // check
        let mail = try #require(try await Mailbox.messages(to: to).first)
        #expect(mail.subject == "Hello Bcc: victim@example.org X-Evil: yes")
        #expect(mail.header("Bcc") == nil && mail.header("Cc") == nil && mail.header("X-Evil") == nil)
        #expect(mail.envelopeTo == [to])
        #expect(mail.body == "Body")
    }

    @Test func aRefusedMessageCarriesTheServersReply() async throws {
        // setup: a line far over SMTP's 1000-octet limit, which only a raw send can produce
        let client = SMTPClient(settings: try Self.realSettings())
        let raw = "Subject: raw\r\n\r\n" + String(repeating: "x", count: 2000) + "\r\n"

        // act
        let error = await #expect(throws: SMTPError.self) { try await client.send(raw, to: [Self.address("raw")]) }

        // check
        #expect(error?.code == 500)
        #expect(error?.command == "DATA (end of message)")
        #expect(error?.isPermanent == true)
    }

    @Test func addressesThatWouldChangeTheCommandAreRefused() async throws {
        let client = SMTPClient(settings: try Self.realSettings())
        for bad in ["a@b.org>\r\nRCPT TO:<c@d.org", "a b@c.org", "", "<a@b.org>"] {
            let error = await #expect(throws: SMTPError.self) {
                try await client.send("Subject: x\r\n\r\nx", to: [bad])
            }
            #expect(error?.code == 0)
        }
    }

    @Test func aServerThatRefusesEHLOGetsHELOAndDotStuffedData() async throws {
        // setup: a scripted server that refuses EHLO and answers MAIL FROM with a multi-line reply
        let server = try FakeSMTPServer.start("helo")
        var client = SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: server.port, from: "fg@example.org"))
        // Generous: this test is about the dialogue, and a loaded machine can take seconds to run the script.
        client.replyTimeout = .seconds(60)

        // act
        try await client.send("Subject: x\r\n\r\n.one\n..two\r\n.\r\nend", to: ["a@example.org"])

        // check: what the server read, line by line
        let transcript = try server.transcript()
        #expect(
            transcript.prefix(4) == [
                "EHLO example.org", "HELO example.org", "MAIL FROM:<fg@example.org>", "RCPT TO:<a@example.org>",
            ]
        )
        #expect(
            Array(transcript.dropFirst(4)) == ["DATA", "Subject: x", "", "..one", "...two", "..", "end", ".", "QUIT"]
        )
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        // setup
        let server = try FakeSMTPServer.start("silent")
        var client = SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: server.port, from: "fg@example.org"))
        client.replyTimeout = .seconds(1)

        // act: the server says nothing for ten seconds; the client gives up after one. (What is checked is the
        // reason, not the time taken: a wall-clock bound failed on a loaded machine. A send that waited for the
        // server to hang up would fail the check too: it would end with "closed the connection".)
        let error = await #expect(throws: SMTPError.self) {
            try await client.send("Subject: x\r\n\r\nx", to: ["a@example.org"])
        }
        server.stop()

        // check: it gave up waiting (not a closed connection), and says so
        #expect(error?.code == 0)
        #expect(error?.text.contains("no reply") == true)
    }

    @Test func settingsReadSMTPURLs() {
        #expect(
            SMTPSettings(url: "smtp://127.0.0.1:2525", from: "a@b.org")
                == SMTPSettings(host: "127.0.0.1", port: 2525, from: "a@b.org")
        )
        #expect(SMTPSettings(url: "smtp://mail.example.org", from: "a@b.org")?.port == 25)
        #expect(SMTPSettings(url: "smtp://[::1]:25", from: "a@b.org")?.host == "::1")
        #expect(SMTPSettings(url: "smtp://mail.example.org", from: "a@b.org")?.heloName == "b.org")
        for bad in [
            "http://x:25", "smtp://", "smtp://x:0", "smtp://x:25/path", "127.0.0.1:25", "",
        ] {
            #expect(SMTPSettings(url: bad, from: "a@b.org") == nil, "\(bad)")
        }
    }

    @Test func longNonASCIISubjectsBecomeSeveralEncodedWords() async throws {
        // setup
        let to = Self.address("words")
        let subject = String(repeating: "Assemblée générale – 日本語 🌱 ", count: 6)

        // act
        try await Self.realMailer().send(MailMessage(to: to, subject: subject, body: "x"))

        // check
        let mail = try #require(try await Mailbox.messages(to: to).first)
        #expect(mail.subject == subject)
        #expect(mail.raw.components(separatedBy: "\r\n").filter { $0.hasPrefix(" =?utf-8?B?") }.count >= 4)
        Self.expectWellFormedLines(mail.raw)
    }

    // MARK: helpers

    /// A unique address, so tests can share the mail server and run in parallel.
    static func address(_ tag: String) -> String { "\(tag)-\(UUID().uuidString.lowercased())@example.org" }

    static func realSettings() throws -> SMTPSettings {
        try #require(SMTPSettings(url: try TestMail.requiredSMTPURL(), from: "freshground@example.org"))
    }

    static func realMailer() throws -> SMTPMailer {
        SMTPMailer(settings: try realSettings(), fromName: "Freshground Tests", messageIDDomain: "example.org")
    }

    /// Every line ends with CRLF; header lines fit in 78 characters and body lines in 76.
    static func expectWellFormedLines(_ raw: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(raw.hasSuffix("\r\n"), sourceLocation: sourceLocation)
        let lines = raw.utf8.split(separator: 10, omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.last == 13 }, "a bare LF", sourceLocation: sourceLocation)
        let blank = lines.firstIndex { $0.count == 1 } ?? lines.endIndex
        for (index, line) in zip(lines.indices, lines) {
            let limit = index < blank ? 78 : 76
            #expect(line.count - 1 <= limit, "\(String(decoding: line, as: UTF8.self))", sourceLocation: sourceLocation)
        }
    }

    /// A fresh database with the outbox table; the mailer defaults to the real server.
    func withOutbox(
        mailer: (any Mailer)? = nil,
        clock: TestClock = TestClock(),
        _ body: (Store, Outbox) async throws -> Void
    ) async throws {
        let mailer = try mailer ?? Self.realMailer()
        try await TestDatabase.with { url in
            let store = try Store(url: url, logger: TestDatabase.logger, postgresConnectionsPerLoop: 2)
            do {
                try await store.tuneConnections()
                try await store.migrate([CreateOutbox(), AddOutboxLists()])
                try await body(store, Outbox(store: store, mailer: mailer, clock: { clock.now }))
            } catch {
                await store.shutdown()
                throw error
            }
            await store.shutdown()
        }
    }
}
