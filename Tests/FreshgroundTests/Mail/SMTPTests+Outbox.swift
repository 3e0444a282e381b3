import Foundation
import FreshgroundStore
import FreshgroundWeb
import Mail
import SQLKit
import Testing

extension SMTPTests {
    // MARK: the outbox

    @Test func theOutboxKeepsMailWhileTheServerIsDownAndSendsItLater() async throws {
        // setup: nothing listens on port 1
        let to = Self.address("later")
        let clock = TestClock()
        let down = SMTPMailer(
            settings: SMTPSettings(host: "127.0.0.1", port: 1, from: "fg@example.org"),
            messageIDDomain: "x"
        )
        try await withOutbox(mailer: down, clock: clock) { store, outbox in
            try await store.transaction { sql in
                try await outbox.enqueue(MailMessage(to: to, subject: "Kept", body: "Still here"), on: sql)
            }

            // act: the server is down
            let first = try await outbox.deliverDue()
            let tooSoon = try await outbox.deliverDue()

            // check
            #expect(first == 0 && tooSoon == 0)
            var row = try await Self.row(to, in: store)
            #expect(row.attempts == 1 && row.sentAt == nil)
            #expect(row.lastError?.contains("cannot connect") == true)
            #expect(row.nextAttemptAt == clock.now.addingTimeInterval(60))
            #expect(row.body == "Still here", "a message waiting to go keeps its body")

            // act: a minute later the server is back
            clock.advance(seconds: 61)
            let up = Outbox(store: store, mailer: try Self.realMailer(), clock: { clock.now })
            let later = try await up.deliverDue()

            // check
            #expect(later == 1)
            #expect(try await Mailbox.messages(to: to).first?.body == "Still here")
            row = try await Self.row(to, in: store)
            #expect(row.sentAt == clock.now && row.attempts == 2)
            #expect(row.body == "" && row.unsubscribeURL == nil, "a sent message keeps no body or link (their tokens)")
            #expect(try await up.deliverDue() == 0)
        }
    }

    @Test func theOutboxBacksOffThenGivesUpKeepingTheError() async throws {
        // setup
        let to = Self.address("giveup")
        let clock = TestClock()
        let mailer = RecordingMailer(failing: true)
        try await withOutbox(mailer: mailer, clock: clock) { store, outbox in
            try await store.transaction { sql in
                try await outbox.enqueue(MailMessage(to: to, subject: "Never", body: "x"), on: sql)
            }
            var waits: [TimeInterval] = []

            // act: try whenever it is due, and a day later once more
            for _ in 0..<Outbox.maxAttempts {
                _ = try await outbox.deliverDue()
                let row = try await Self.row(to, in: store)
                waits.append(row.nextAttemptAt.timeIntervalSince(clock.now))
                clock.advance(seconds: row.nextAttemptAt.timeIntervalSince(clock.now))
            }
            clock.advance(seconds: 86_400)
            _ = try await outbox.deliverDue()

            // check
            #expect(waits == [60, 300, 1800, 7200, 7200, 7200, 7200, 7200])
            #expect(mailer.sent.count == Outbox.maxAttempts)
            let row = try await Self.row(to, in: store)
            #expect(row.attempts == Outbox.maxAttempts && row.sentAt == nil)
            #expect(row.lastError?.contains("451") == true)
            #expect(row.body == "", "a message given up keeps its error, not its body")
        }
    }

    @Test func outboxRunsAtTheSameTimeSendEachMessageOnce() async throws {
        // setup
        let mailer = RecordingMailer(failing: false)
        let recipients = (0..<8).map { Self.address("once\($0)") }
        try await withOutbox(mailer: mailer, clock: TestClock()) { store, outbox in
            for to in recipients {
                try await store.transaction { sql in
                    try await outbox.enqueue(MailMessage(to: to, subject: "Once", body: "x"), on: sql)
                }
            }

            // act
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 { group.addTask { try await outbox.deliverDue() } }
                return try await group.reduce(0, +)
            }

            // check
            #expect(counts == recipients.count)
            #expect(mailer.sent.map(\.to).sorted() == recipients.sorted())
        }
    }

    @Test func aSendSlowerThanTheFirstRetryIsNotTakenByAnotherRunner() async throws {
        // setup: one message, handed to a mail server that has not answered yet
        let to = Self.address("slow")
        let clock = TestClock()
        let slow = HeldMailer()
        try await withOutbox(mailer: slow, clock: clock) { store, outbox in
            try await store.transaction { sql in
                try await outbox.enqueue(MailMessage(to: to, subject: "Slow", body: "x"), on: sql)
            }
            let first = Task { try await outbox.deliverDue() }
            let deadline = Date().addingTimeInterval(10)
            while slow.sent.isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(slow.sent.count == 1)

            // act: well past the first retry's wait, with the send still in hand, another process runs
            clock.advance(seconds: Outbox.backoff[0] * 5)
            let other = RecordingMailer(failing: false)
            let second = try await Outbox(store: store, mailer: other, clock: { clock.now }).deliverDue()
            slow.release()
            let firstSent = try await first.value

            // check: one copy, sent by the runner that claimed it
            #expect(second == 0 && other.sent.isEmpty)
            #expect(firstSent == 1)
            let row = try await Self.row(to, in: store)
            #expect(row.sentAt != nil && row.attempts == 1)

            // a sender that dies mid-send leaves the message due again once its lease is over, not lost
            try await store.transaction { sql in
                try await outbox.enqueue(MailMessage(to: to, subject: "Orphan", body: "y"), on: sql)
            }
            try await store.sql.raw(
                "UPDATE mail_outbox SET attempts = 1, next_attempt_at = \(bind: clock.now.addingTimeInterval(Outbox.lease)) WHERE subject = 'Orphan'"
            ).run()
            clock.advance(seconds: Outbox.lease + 1)
            #expect(try await Outbox(store: store, mailer: other, clock: { clock.now }).deliverDue() == 1)
            #expect(other.sent.map(\.subject) == ["Orphan"])
        }
    }

    @Test func deliverMailSoonSendsEachMessageOnceInTheBackground() async throws {
        // setup
        let mailer = RecordingMailer(failing: false)
        let clock = TestClock()
        let recipients = (0..<6).map { Self.address("soon\($0)") }
        try await withOutbox(mailer: mailer, clock: clock) { store, outbox in
            let services = AppServices(
                store: store,
                clock: { clock.now },
                site: SiteSettings(name: "Tests", url: "http://127.0.0.1:8080"),
                passwordCost: 4,
                mailer: mailer
            )

            // act: each write asks for delivery right after it commits
            for to in recipients {
                try await store.transaction { sql in
                    try await outbox.enqueue(MailMessage(to: to, subject: "Soon", body: "x"), on: sql)
                }
                services.deliverMailSoon()
            }

            // check
            let deadline = Date().addingTimeInterval(10)
            while mailer.sent.count < recipients.count && Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(mailer.sent.map(\.to).sorted() == recipients.sorted())
            #expect(try await outbox.deliverDue() == 0)
        }
    }

    struct OutboxRow {
        let attempts: Int
        let nextAttemptAt: Date
        let sentAt: Date?
        let lastError: String?
        let body: String
        let unsubscribeURL: String?
    }

    static func row(_ recipient: String, in store: Store) async throws -> OutboxRow {
        let row = try #require(
            try await store.sql.select().columns(
                "attempts",
                "next_attempt_at",
                "sent_at",
                "last_error",
                "body",
                "unsubscribe_url"
            )
            .from("mail_outbox").where("recipient", .equal, recipient).first()
        )
        return OutboxRow(
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try row.decode(column: "next_attempt_at", as: Date.self),
            sentAt: try row.decode(column: "sent_at", as: Date?.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            body: try row.decode(column: "body", as: String.self),
            unsubscribeURL: try row.decode(column: "unsubscribe_url", as: String?.self)
        )
    }
}
