import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit
import Synchronization

/// The queue of activities to send, one row per inbox, kept in the database so several Freshground processes
/// share it and a restart loses nothing. `enqueue` stores in the caller's transaction; `deliverDue` sends what is
/// due, each row claimed by one conditional update first so no two runners send it. Delivery never blocks a page:
/// writers call `soon()`, which sends in the background, and the federation service sends every few seconds.
package struct Deliveries: Sendable {
    /// Tries an activity gets before it is given up (the row stays, with its last error).
    package static let maxAttempts = 10
    /// The wait after each failed try: 1 minute, 5, 30, 2 hours, then 6 hours for every later one.
    package static let backoff: [TimeInterval] = [60, 300, 1800, 7200, 21600]
    /// How long a claimed row is left to its sender before another runner may take it: well past a request's
    /// deadline, so a slow inbox never gets one activity twice. A sender that dies mid-send leaves it due after this.
    package static let lease: TimeInterval = 300
    /// Requests in flight at once.
    static let concurrency = 8

    let federation: Federator

    /// Queues `activity`, signed by the local actor `signer` (`group:12`), for each inbox once.
    func enqueue(_ activity: JSONValue, signer: String, inboxes: [String], on sql: any SQLDatabase) async throws {
        let body = String(decoding: try activity.serialized(), as: UTF8.self)
        let now = federation.clock()
        var seen = Set<String>()
        for inbox in inboxes where seen.insert(inbox).inserted {
            guard let host = FederationHost.of(inbox) else { continue }
            try await sql.insert(into: "federation_deliveries")
                .columns("inbox", "host", "signer", "body", "created_at", "attempts", "next_attempt_at")
                .values(
                    SQLBind(inbox),
                    SQLBind(host),
                    SQLBind(signer),
                    SQLBind(body),
                    SQLBind(now),
                    SQLBind(0),
                    SQLBind(now)
                )
                .run()
        }
    }

    /// Sends in the background what is due, unless this process is sending for the same database already.
    func soon() {
        guard federation.enabled else { return }
        let key = storeKey
        let deliveries = self
        Self.senders.withLock { senders in
            guard senders[key] == nil else { return }
            senders[key] = Task {
                do {
                    _ = try await deliveries.deliverDue()
                } catch {
                    deliveries.federation.services.store.logger.warning("Federation delivery failed: \(error)")
                }
                // Runs after the assignment above: the lock is held until the task is recorded.
                _ = Self.senders.withLock { $0.removeValue(forKey: key) }
            }
        }
    }

    /// Stops the background sender for this database and waits for it to end, so nothing is sent after the
    /// database closes: the federation service calls it on its way out.
    func settle() async {
        let task = Self.senders.withLock { $0[storeKey] }
        task?.cancel()
        await task?.value
    }

    /// The background sender of each database (one per store; tests run several apps in one process).
    private static let senders = Mutex<[ObjectIdentifier: Task<Void, Never>]>([:])
    private var storeKey: ObjectIdentifier { ObjectIdentifier(federation.services.store.databases) }

    /// Sends every due activity and returns how many were accepted. A refusal for good (a 4xx other than 408
    /// and 429, or a blocked server) gives the row up at once; any other failure waits for `backoff`.
    ///
    /// One task per inbox sends its rows in order (an Accept before the posts that follow it), `concurrency`
    /// inboxes at a time. The pool rolls: the queue is read on in pages while tasks run, and a free slot takes
    /// the next inbox at once, so one slow server holds up its own inbox and nothing else.
    package func deliverDue() async throws -> Int {
        guard federation.enabled else { return 0 }
        var queue = DueQueue()
        var signers: [String: Signer] = [:]
        return try await withThrowingTaskGroup(of: (inbox: String, sent: Int).self) { group in
            var delivered = 0
            var running = 0
            while !Task.isCancelled {
                if queue.wantsMore {
                    let rows = try await duePage(after: queue.lastID)
                    for owner in Set(rows.map(\.signer)) where signers[owner] == nil {
                        signers[owner] = try await federation.signer(for: owner)
                    }
                    queue.add(rows)
                }
                while running < Self.concurrency, let (inbox, rows) = queue.next() {
                    let ready = signers
                    group.addTask {
                        var sent = 0
                        for row in rows where try await deliver(row, signer: ready[row.signer]) { sent += 1 }
                        return (inbox, sent)
                    }
                    running += 1
                }
                guard running > 0, let done = try await group.next() else {
                    if queue.isDone { break } else { continue }
                }
                running -= 1
                delivered += done.sent
                queue.finished(done.inbox)
            }
            return delivered
        }
    }

    /// The next page of due rows after `lastID`, oldest first.
    private func duePage(after lastID: Int) async throws -> [QueuedDelivery] {
        try await federation.sql.select()
            .columns("id", "inbox", "host", "signer", "body", "attempts")
            .from("federation_deliveries")
            .where("delivered_at", .is, SQLLiteral.null)
            .where("next_attempt_at", .lessThanOrEqual, SQLBind(federation.clock()))
            .where("attempts", .lessThan, SQLBind(Self.maxAttempts))
            .where("id", .greaterThan, SQLBind(lastID))
            .orderBy("id").limit(DueQueue.page)
            .rows(QueuedDelivery.self)
    }

    /// Claims and sends one row; true when the inbox accepted it.
    private func deliver(_ row: QueuedDelivery, signer: Signer?) async throws -> Bool {
        let sql = federation.sql
        let leased = federation.clock().addingTimeInterval(Self.lease)
        guard
            try await sql.update("federation_deliveries")
                .set("attempts", to: SQLBind(row.attempts + 1)).set("next_attempt_at", to: SQLBind(leased))
                .where("id", .equal, SQLBind(row.id)).where("attempts", .equal, SQLBind(row.attempts))
                .where("delivered_at", .is, SQLLiteral.null).returning("id").first() != nil
        else { return false }
        var failure: String
        var permanent = false
        if let signer, try await !federation.isBlocked(host: row.host, actor: nil) {
            do {
                let status = try await federation.http.post(Data(row.body.utf8), to: row.inbox, signer: signer)
                if (200..<300).contains(status) {
                    try await sql.update("federation_deliveries").set("delivered_at", to: SQLBind(federation.clock()))
                        .set("last_error", to: SQLLiteral.null).where("id", .equal, SQLBind(row.id)).run()
                    return true
                }
                failure = "The inbox answered \(status)."
                permanent = (400..<500).contains(status) && status != 408 && status != 429
            } catch let refusal as AddressGuard.Refusal {
                failure = refusal.description
                permanent = true
            } catch {
                failure = String(String(describing: error).prefix(500))
            }
        } else {
            failure = signer == nil ? "The signing key is missing." : "The server is blocked."
            permanent = true
        }
        let retryAt = federation.clock().addingTimeInterval(Self.backoff[min(row.attempts, Self.backoff.count - 1)])
        var update = sql.update("federation_deliveries").set("last_error", to: SQLBind(failure))
            .set("next_attempt_at", to: SQLBind(retryAt))
        if permanent { update = update.set("attempts", to: SQLBind(Self.maxAttempts)) }
        try await update.where("id", .equal, SQLBind(row.id)).run()
        return false
    }
}

private struct QueuedDelivery: Decodable, Sendable {
    let id: Int
    let inbox: String
    let host: String
    let signer: String
    let body: String
    let attempts: Int
}

/// The rows read but not yet handed to a sender, by inbox, in the order their inboxes came due. An inbox being
/// sent to is not handed out again until its task ends, so its rows keep their order.
private struct DueQueue {
    /// Rows read from the database at a time.
    static let page = 200

    private var waiting: [String: [QueuedDelivery]] = [:]
    private var order: [String] = []
    private var busy: Set<String> = []
    private var held = 0
    private var exhausted = false
    private(set) var lastID = 0

    /// Whether to read another page: the queue has not run dry, and few rows wait in memory.
    var wantsMore: Bool { !exhausted && held < Self.page }
    /// Nothing waits and nothing more is due.
    var isDone: Bool { exhausted && held == 0 }

    mutating func add(_ rows: [QueuedDelivery]) {
        if rows.count < Self.page { exhausted = true }
        for row in rows {
            lastID = max(lastID, row.id)
            if waiting[row.inbox] == nil && !busy.contains(row.inbox) { order.append(row.inbox) }
            waiting[row.inbox, default: []].append(row)
            held += 1
        }
    }

    /// The next inbox free to be sent to, with its waiting rows.
    mutating func next() -> (String, [QueuedDelivery])? {
        guard let index = order.firstIndex(where: { !busy.contains($0) }) else { return nil }
        let inbox = order.remove(at: index)
        let rows = waiting.removeValue(forKey: inbox) ?? []
        busy.insert(inbox)
        held -= rows.count
        return (inbox, rows)
    }

    /// The inbox's task ended; rows that came due for it meanwhile are handed out next time.
    mutating func finished(_ inbox: String) {
        busy.remove(inbox)
        if waiting[inbox] != nil && !order.contains(inbox) { order.append(inbox) }
    }
}
