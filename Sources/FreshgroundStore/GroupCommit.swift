/// Writes that arrive together under one key done together: while a batch for the key is being written, the next
/// writes wait in a queue, and the next batch takes them at once (up to `batchLimit`). One transaction then serves
/// many requests, and the requests waiting hold no database connection. Used where each write costs in proportion to
/// what is already written (a secret ballot rewrites the decision's ballots), so a thousand votes at once cost a few
/// rewrites, not a thousand.
///
/// The batches of one key run one after another in this process; writes from other processes are kept apart by the
/// database (the batch's own locks).
package actor GroupCommit {
    private struct Waiting {
        let item: any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private var queues: [String: [Waiting]] = [:]
    private var draining: Set<String> = []
    /// The most writes one batch takes (each binds values; PostgreSQL takes at most 65,535 in a statement).
    package let batchLimit: Int

    package init(batchLimit: Int = 1_000) { self.batchLimit = max(1, batchLimit) }

    /// Hands `item` to the next batch of `key` and returns its own answer from `perform`, which gets the batch's
    /// items in arrival order and returns one answer per item in the same order. If `perform` throws, every item of
    /// that batch gets the error. Every caller of one key must pass the same item and answer types.
    package func submit<Item: Sendable, Answer: Sendable>(
        key: String,
        _ item: Item,
        perform: @escaping @Sendable ([Item]) async throws -> [Answer]
    ) async throws -> Answer {
        let answer = try await withCheckedThrowingContinuation { continuation in
            queues[key, default: []].append(Waiting(item: item, continuation: continuation))
            if draining.insert(key).inserted {
                Task { await self.drain(key, perform: perform) }
            }
        }
        guard let answer = answer as? Answer else { throw GroupCommitError.mixedTypes(key: key) }
        return answer
    }

    /// How many writes of `key` wait for the next batch.
    package func waiting(_ key: String) -> Int { queues[key]?.count ?? 0 }

    private func drain<Item: Sendable, Answer: Sendable>(
        _ key: String,
        perform: @Sendable ([Item]) async throws -> [Answer]
    ) async {
        while let queued = queues.removeValue(forKey: key), !queued.isEmpty {
            let batch = Array(queued.prefix(batchLimit))
            if queued.count > batchLimit { queues[key] = Array(queued.dropFirst(batchLimit)) }
            let items = batch.compactMap { $0.item as? Item }
            guard items.count == batch.count else {
                for waiting in batch { waiting.continuation.resume(throwing: GroupCommitError.mixedTypes(key: key)) }
                continue
            }
            do {
                let answers = try await perform(items)
                guard answers.count == batch.count else { throw GroupCommitError.answerCount(key: key) }
                for (waiting, answer) in zip(batch, answers) { waiting.continuation.resume(returning: answer) }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
        draining.remove(key)
    }
}

/// A mistake in using `GroupCommit`, never an outside failure.
package enum GroupCommitError: Error, Equatable {
    /// Two callers of one key passed different item or answer types.
    case mixedTypes(key: String)
    /// `perform` returned more or fewer answers than it got items.
    case answerCount(key: String)
}
