import FluentKit
import Foundation
import FreshgroundStore
import Logging
import SQLKit
import Synchronization

/// How the messages of one batch stand: sent, still to go (waiting or being retried), and given up with the
/// mail server's reason.
package struct BatchProgress: Sendable, Equatable, Encodable {
    package struct Failure: Sendable, Equatable, Encodable {
        package let recipient: String
        package let error: String

        package init(recipient: String, error: String) {
            self.recipient = recipient
            self.error = error
        }
    }

    package let total: Int
    package let sent: Int
    package let waiting: Int
    package let failed: [Failure]

    package init(total: Int, sent: Int, waiting: Int, failed: [Failure]) {
        self.total = total
        self.sent = sent
        self.waiting = waiting
        self.failed = failed
    }
}

/// Mail goes out through here: `enqueue` stores a message in the caller's transaction, so it is sent if and
/// only if the change it reports is saved; `deliverDue` sends what is due. Delivery is at least once: a
/// process that dies between sending and recording it sends that message again later.
package struct Outbox: Sendable {
    /// Tries a message gets before it is given up (the row stays, with its last error).
    package static let maxAttempts = 8
    /// The wait after each failed try: 1 minute, 5, 30, then 2 hours for every later one.
    package static let backoff: [TimeInterval] = [60, 300, 1800, 7200]
    /// How long a claimed message is left to its sender before another runner may take it: longer than the
    /// slowest send the mail client allows (a connect and four replies at their timeouts), so a slow mail server
    /// never makes two processes send one message. A sender that dies mid-send leaves it due after this.
    package static let lease: TimeInterval = 600
    /// Messages sent at once, by as many workers, each through its own connection to the mail server, kept for
    /// every message it sends in a run.
    package static let connections = 4

    let store: Store
    let mailer: any Mailer
    let clock: @Sendable () -> Date

    package init(store: Store, mailer: any Mailer, clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.mailer = mailer
        self.clock = clock
    }

    /// Queues `message` for sending, inside the caller's transaction `sql`, as part of `batch` when given. Call
    /// `AppServices.deliverMailSoon()` after the transaction commits to send it at once.
    package func enqueue(_ message: MailMessage, on sql: any SQLDatabase, batch: String? = nil) async throws {
        let now = clock()
        try await sql.insert(into: "mail_outbox")
            .columns(
                "recipient",
                "recipient_name",
                "subject",
                "body",
                "created_at",
                "attempts",
                "next_attempt_at",
                "list_name",
                "list_id",
                "unsubscribe_url",
                "batch"
            )
            .values(
                SQLBind(message.to),
                SQLBind(message.toName),
                SQLBind(message.subject),
                SQLBind(message.body),
                SQLBind(now),
                SQLBind(0),
                SQLBind(now),
                SQLBind(message.list?.name),
                SQLBind(message.list?.id),
                SQLBind(message.list?.unsubscribeURL),
                SQLBind(batch)
            )
            .run()
    }

    /// How the messages of `batch` stand; the first 100 failures are listed.
    package func progress(of batch: String, on sql: any SQLDatabase) async throws -> BatchProgress {
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS total, COUNT(sent_at) AS sent,
            SUM(CASE WHEN sent_at IS NULL AND attempts < \(bind: Self.maxAttempts) THEN 1 ELSE 0 END) AS waiting
            FROM mail_outbox WHERE batch = \(bind: batch)
            """
        ).row(ProgressRow.self)
        let failed = try await sql.select().columns("recipient", "last_error").from("mail_outbox")
            .where("batch", .equal, SQLBind(batch)).where("sent_at", .is, SQLLiteral.null)
            .where("attempts", .greaterThanOrEqual, SQLBind(Self.maxAttempts))
            .orderBy("id").limit(100).rows(FailureRow.self)
            .map { BatchProgress.Failure(recipient: $0.recipient, error: $0.lastError ?? "") }
        return BatchProgress(
            total: row?.total ?? 0,
            sent: row?.sent ?? 0,
            waiting: row?.waiting ?? 0,
            failed: failed
        )
    }

    /// Sends every unsent message that is due and returns how many went out. `connections` workers share the
    /// due messages, each sending through one mail session (one SMTP connection) for the whole run. A failed
    /// message is tried again after `backoff`; one the mail server refuses for good (a 5xx reply) is given up at
    /// once. A worker that cannot get a session (the server down, TLS or the login refused) records that on the
    /// message in hand and stops; the rest waits for the next run. Several runs may go at once, in one process or
    /// many: each message is claimed by one conditional update before it is sent, so none goes out twice.
    /// Cancelled (the server stopping), the workers stop between messages: the message in hand is sent and
    /// recorded first, so a restart neither repeats nor skips it.
    package func deliverDue() async throws -> Int {
        // Once the store has shut down (the server stopping, a test ending) there is nothing to deliver.
        guard
            let sql = store.databases.database(logger: store.logger, on: store.databases.eventLoopGroup.any())
                as? any SQLDatabase
        else { return 0 }
        let due = DueMail(outbox: self, sql: sql)
        let stop = StopSignal()
        return try await withTaskCancellationHandler {
            // Unstructured tasks, not child tasks, so a cancelled caller stops them between messages (through
            // `stop`), never in the middle of one.
            let workers = (0..<Self.connections).map { _ in
                Task { try await work(due, stop: stop, on: sql) }
            }
            var sent = 0
            var failure: (any Error)?
            for worker in workers {
                do {
                    sent += try await worker.value
                } catch {
                    failure = failure ?? error
                }
            }
            if let failure { throw failure }
            return sent
        } onCancel: {
            stop.set()
        }
    }

    /// One worker of `deliverDue`: takes due messages one at a time and sends them in one mail session, until
    /// none is left, the run stops, or no session can be had. Returns how many went out.
    private func work(_ due: DueMail, stop: StopSignal, on sql: any SQLDatabase) async throws -> Int {
        do {
            return try await mailer.withSession { send in
                var sent = 0
                while !stop.isSet, let row = try await due.next(), !stop.isSet {
                    switch try await deliver(row, on: sql, send: send) {
                    case .sent: sent += 1
                    case .notSent: continue
                    case .noSession: return sent
                    }
                }
                return sent
            }
        } catch {
            stop.set()
            throw error
        }
    }

    private enum Outcome {
        case sent
        /// Failed, claimed by another run meanwhile, or refused.
        case notSent
        /// No session with the mail server: the next messages would fail the same way.
        case noSession
    }

    /// Claims and sends one message.
    private func deliver(
        _ row: QueuedRow,
        on sql: any SQLDatabase,
        send: (MailMessage) async throws -> Void
    ) async throws -> Outcome {
        let id = row.id
        let attempts = row.attempts
        // The claim counts the try and moves the next one past the lease before sending, so a second runner
        // neither matches the row while it is sent nor, if it read it already, wins the update.
        let claimed = try await sql.update("mail_outbox")
            .set("attempts", to: SQLBind(attempts + 1))
            .set("next_attempt_at", to: SQLBind(clock().addingTimeInterval(Self.lease)))
            .where("id", .equal, SQLBind(id))
            .where("attempts", .equal, SQLBind(attempts))
            .where("sent_at", .is, SQLLiteral.null)
            .returning("id")
            .first()
        guard claimed != nil else { return .notSent }
        do {
            try await send(row.message)
        } catch {
            let reason = String(String(describing: error).prefix(1000))
            let permanent = (error as? SMTPError)?.isPermanent == true
            let noSession = (error as? SMTPError)?.isSessionFailure == true
            let retryAt = clock().addingTimeInterval(Self.backoff[min(attempts, Self.backoff.count - 1)])
            var update = sql.update("mail_outbox").set("last_error", to: SQLBind(reason))
                .set("next_attempt_at", to: SQLBind(retryAt))
            if permanent { update = update.set("attempts", to: SQLBind(Self.maxAttempts)) }
            if permanent || attempts + 1 >= Self.maxAttempts { update = Self.forgettingLinks(update) }
            try await update.where("id", .equal, SQLBind(id)).run()
            if permanent {
                store.logger.error("Mail \(id) refused by the mail server, not trying again: \(reason)")
            } else if attempts + 1 >= Self.maxAttempts {
                store.logger.error("Giving up on mail \(id) after \(attempts + 1) tries: \(reason)")
            } else {
                let rest = noSession ? "; the rest waits for the next run" : ""
                store.logger.warning("Mail \(id) not sent (try \(attempts + 1)), trying again later\(rest): \(reason)")
            }
            return noSession ? .noSession : .notSent
        }
        try await Self.forgettingLinks(sql.update("mail_outbox").set("sent_at", to: SQLBind(clock())))
            .where("id", .equal, SQLBind(id)).run()
        return .sent
    }

    /// A message that went out, or that is given up, keeps its recipient, subject and dates for the record but
    /// not its body or unsubscribe link: those carry the raw tokens (sign-in, confirmation, unsubscribe) that the
    /// rest of the database keeps only as digests, and a copy of the database must not let anyone use them.
    private static func forgettingLinks(_ update: SQLUpdateBuilder) -> SQLUpdateBuilder {
        update.set("body", to: SQLBind("")).set("unsubscribe_url", to: SQLLiteral.null)
    }

    /// Up to `limit` due messages after `lastID`, in id order.
    fileprivate func due(after lastID: Int, limit: Int, on sql: any SQLDatabase) async throws -> [QueuedRow] {
        try await sql.select()
            .columns(
                "id",
                "recipient",
                "recipient_name",
                "subject",
                "body",
                "attempts",
                "list_name",
                "list_id",
                "unsubscribe_url"
            )
            .from("mail_outbox")
            .where("sent_at", .is, SQLLiteral.null)
            .where("next_attempt_at", .lessThanOrEqual, SQLBind(clock()))
            .where("attempts", .lessThan, SQLBind(Self.maxAttempts))
            .where("id", .greaterThan, SQLBind(lastID))
            .orderBy("id")
            .limit(limit)
            .rows(QueuedRow.self)
    }
}

/// The due messages of one `deliverDue` run, read 50 at a time in id order and handed out one by one to its
/// workers: each message once per run.
private actor DueMail {
    let outbox: Outbox
    let sql: any SQLDatabase
    private var rows: ArraySlice<QueuedRow> = []
    private var lastID = 0
    private var exhausted = false
    /// The page being read: workers that run out meanwhile wait for it rather than read it again.
    private var reading: Task<[QueuedRow], any Error>?

    init(outbox: Outbox, sql: any SQLDatabase) {
        self.outbox = outbox
        self.sql = sql
    }

    /// The next due message, or nil when none is left.
    func next() async throws -> QueuedRow? {
        while rows.isEmpty && !exhausted {
            let page =
                reading
                ?? Task { [outbox, sql, lastID] in try await outbox.due(after: lastID, limit: 50, on: sql) }
            reading = page
            let fetched = try await page.value
            // The first worker back takes the page in; the others find it taken.
            if reading == page {
                reading = nil
                rows = fetched[...]
                lastID = fetched.last?.id ?? lastID
                exhausted = fetched.isEmpty
            }
        }
        return rows.popFirst()
    }
}

/// Set once to stop a run's workers between messages.
private final class StopSignal: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}

/// How the messages of one batch stand, counted; `waiting` is nil for a batch with no messages.
private struct ProgressRow: Decodable {
    let total: Int
    let sent: Int
    let waiting: Int?
}

/// A message given up, with the mail server's last answer.
private struct FailureRow: Decodable {
    let recipient: String
    let lastError: String?
}

/// A message waiting in the outbox.
private struct QueuedRow: Decodable, Sendable {
    let id: Int
    let recipient: String
    let recipientName: String
    let subject: String
    let body: String
    let attempts: Int
    let listName: String?
    let listId: String?
    let unsubscribeUrl: String?

    var message: MailMessage {
        MailMessage(
            to: recipient,
            toName: recipientName,
            subject: subject,
            body: body,
            list: listId.map { MailingList(name: listName ?? "", id: $0, unsubscribeURL: unsubscribeUrl ?? "") }
        )
    }
}
