import FreshgroundStore
import Testing

@Suite("Writes that arrive together go together (GroupCommit)")
struct GroupCommitTests {
    /// Records the batches it is given; the first waits until `release()` so the others queue behind it.
    actor Recorder {
        var batches: [[Int]] = []
        private var gate: CheckedContinuation<Void, Never>?
        private var held = true

        func perform(_ items: [Int]) async throws -> [String] {
            batches.append(items)
            if held, batches.count == 1 { await withCheckedContinuation { gate = $0 } }
            if items.contains(-1) { throw Refused() }
            return items.map { "answer \($0)" }
        }

        func release() {
            held = false
            gate?.resume()
            gate = nil
        }

        func started() -> Bool { !batches.isEmpty }
    }

    struct Refused: Error {}

    @Test(arguments: [1_000, 4])
    func writesWaitingBehindABatchGoTogetherAndEachGetsItsOwnAnswer(limit: Int) async throws {
        // setup: a first write held open, then ten more arriving meanwhile
        let commit = GroupCommit(batchLimit: limit)
        let recorder = Recorder()
        let first = Task { try await commit.submit(key: "k", 0) { try await recorder.perform($0) } }
        while await !recorder.started() { await Task.yield() }
        var others: [Task<String, any Error>] = []
        for item in 1...10 {
            others.append(Task { try await commit.submit(key: "k", item) { try await recorder.perform($0) } })
        }
        while await commit.waiting("k") < 10 { await Task.yield() }

        // act
        await recorder.release()
        let answers = [try await first.value] + (try await others.asyncValues())

        // check: the ten waiting go in one batch, or in batches of at most the limit; every caller its own answer
        let batches = await recorder.batches
        #expect(batches.first == [0])
        #expect(batches.dropFirst().map(\.count) == (limit >= 10 ? [10] : [4, 4, 2]))
        #expect(batches.dropFirst().flatMap { $0 }.sorted() == Array(1...10))
        #expect(answers == (0...10).map { "answer \($0)" })
    }

    @Test func aFailedBatchFailsItsOwnWritesOnlyAndOtherKeysAreNotHeld() async throws {
        // setup
        let commit = GroupCommit()
        let recorder = Recorder()
        await recorder.release()

        // act: a batch that fails, then one that works, and another key meanwhile
        let failed = await #expect(throws: Refused.self) {
            try await commit.submit(key: "a", -1) { try await recorder.perform($0) }
        }
        let later = try await commit.submit(key: "a", 5) { try await recorder.perform($0) }
        let other = try await commit.submit(key: "b", 7) { try await recorder.perform($0) }

        // check
        #expect(failed != nil)
        #expect(later == "answer 5" && other == "answer 7")
    }
}

extension Array where Element == Task<String, any Error> {
    fileprivate func asyncValues() async throws -> [String] {
        var values: [String] = []
        for task in self { values.append(try await task.value) }
        return values
    }
}
