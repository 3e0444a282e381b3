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
    /// Messages sent at once, each on its own connection to the mail server.
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

    /// Sends every unsent message that is due and returns how many went out. A failed message is tried again
    /// after `backoff`; one the mail server refuses for good (a 5xx reply) is given up at once. Several of these
    /// may run at once, in one process or many: each message is claimed by one conditional update before it is
    /// sent, so none goes out twice. Cancelled (the server stopping), it stops between messages: the message in
    /// hand is sent and recorded first, so a restart neither repeats nor skips it.
    package func deliverDue() async throws -> Int {
        // Once the store has shut down (the server stopping, a test ending) there is nothing to deliver.
        guard
            let sql = store.databases.database(logger: store.logger, on: store.databases.eventLoopGroup.any())
                as? any SQLDatabase
        else { return 0 }
        var sent = 0
        var lastID = 0
        while true {
            if Task.isCancelled { return sent }
            let rows = try await sql.select()
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
                .limit(50)
                .rows(QueuedRow.self)
            if rows.isEmpty { return sent }
            for start in stride(from: 0, to: rows.count, by: Self.connections) {
                if Task.isCancelled { return sent }
                // A few messages at a time, each on its own connection. Claiming, sending and recording run to
                // the end even when the caller is cancelled, so a stop falls between messages.
                let tasks = rows[start..<min(start + Self.connections, rows.count)].map { row in
                    lastID = max(lastID, row.id)
                    return Task { try await deliver(row, on: sql) }
                }
                var failure: (any Error)?
                for task in tasks {
                    do {
                        if try await task.value { sent += 1 }
                    } catch {
                        failure = failure ?? error
                    }
                }
                if let failure { throw failure }
            }
        }
    }

    /// Claims and sends one message; true when it went out.
    private func deliver(_ row: QueuedRow, on sql: any SQLDatabase) async throws -> Bool {
        let id = row.id
        let attempts = row.attempts
        // The claim counts the try and moves the next one into the future before sending, so a second runner
        // neither matches the row nor, if it read it already, wins the update.
        let retryAt = clock().addingTimeInterval(Self.backoff[min(attempts, Self.backoff.count - 1)])
        let claimed = try await sql.update("mail_outbox")
            .set("attempts", to: SQLBind(attempts + 1))
            .set("next_attempt_at", to: SQLBind(retryAt))
            .where("id", .equal, SQLBind(id))
            .where("attempts", .equal, SQLBind(attempts))
            .where("sent_at", .is, SQLLiteral.null)
            .returning("id")
            .first()
        guard claimed != nil else { return false }
        do {
            try await mailer.send(row.message)
        } catch {
            let reason = String(String(describing: error).prefix(1000))
            let permanent = (error as? SMTPError)?.isPermanent == true
            var update = sql.update("mail_outbox").set("last_error", to: SQLBind(reason))
            if permanent { update = update.set("attempts", to: SQLBind(Self.maxAttempts)) }
            try await update.where("id", .equal, SQLBind(id)).run()
            if permanent {
                store.logger.error("Mail \(id) refused by the mail server, not trying again: \(reason)")
            } else if attempts + 1 >= Self.maxAttempts {
                store.logger.error("Giving up on mail \(id) after \(attempts + 1) tries: \(reason)")
            } else {
                store.logger.warning("Mail \(id) not sent (try \(attempts + 1)), trying again later: \(reason)")
            }
            return false
        }
        try await sql.update("mail_outbox").set("sent_at", to: SQLBind(clock())).where("id", .equal, SQLBind(id)).run()
        return true
    }
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

/// Runs `Outbox.deliverDue()` in the background, one run at a time: asked again while a run is going, that run
/// goes round once more instead of a second starting beside it, so a burst of requests does not become a burst
/// of writers on the outbox.
package final class BackgroundDelivery: Sendable {
    private struct State {
        var running = false
        var again = false
    }

    private let state = Mutex(State())

    package init() {}

    /// Starts a run, or asks the current one to go round once more.
    package func start(_ outbox: Outbox, logger: Logger) {
        let starts = state.withLock { state in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        guard starts else { return }
        Task.detached {
            repeat {
                await Self.deliver(outbox, logger: logger)
            } while self.state.withLock { state in
                state.running = state.again
                state.again = false
                return state.running
            }
        }
    }

    /// One delivery; a failure (a database busy with other writes, say) gets three more tries over 15 seconds,
    /// then is logged. The mail stays queued either way.
    private static func deliver(_ outbox: Outbox, logger: Logger) async {
        let waits = [0, 1, 4, 10]
        for (index, wait) in waits.enumerated() {
            if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
            do {
                _ = try await outbox.deliverDue()
                return
            } catch  where index < waits.count - 1 {
                logger.notice("Sending queued mail failed, trying again: \(String(reflecting: error))")
            } catch {
                logger.error("Sending queued mail failed: \(String(reflecting: error))")
            }
        }
    }
}
