import Testing

@testable import FreshgroundCore

/// Properties of Meek STV and of the Schulze ranking, on random elections and on a textbook example.
@Suite("Decisions: Meek STV and Schulze properties")
struct MeekSchulzePropertyTests {
    typealias SplitMix = ScottishSTVPropertyTests.SplitMix

    /// Scottish STV's random elections (2–10 candidates, 5–64 ballot lines) with weights of 1–20, so fewer ties.
    static func election(seed: UInt64) -> BallotFile {
        var file = ScottishSTVPropertyTests.randomElection(seed: seed)
        var random = SplitMix(state: ~seed)
        for index in file.ballots.indices { file.ballots[index].weight = 1 + random.next(20) }
        return file
    }

    /// The same election with candidate i renumbered `relabel[i]` and the ballots in another order.
    static func relabelled(_ file: BallotFile, seed: UInt64) -> (file: BallotFile, relabel: [Int]) {
        var random = SplitMix(state: seed ^ 0xDEC1_5105)
        var relabel = Array(file.candidates.indices)
        for index in relabel.indices.reversed() { relabel.swapAt(index, random.next(index + 1)) }
        var names = file.candidates
        for (old, new) in relabel.enumerated() { names[new] = file.candidates[old] }
        var ballots = file.ballots.map {
            BallotFile.Ballot(weight: $0.weight, ranking: $0.ranking.map { relabel[$0] })
        }
        for index in ballots.indices.reversed() { ballots.swapAt(index, random.next(index + 1)) }
        let withdrawn = Set(file.withdrawn.map { relabel[$0] })
        return (
            BallotFile(candidates: names, seats: file.seats, withdrawn: withdrawn, ballots: ballots),
            relabel
        )
    }

    /// Head-to-head counts straight from the ballots, to check Schulze's against.
    static func beats(_ file: BallotFile, _ a: Int, _ b: Int) -> Int {
        file.ballots.reduce(0) { sum, ballot in
            let rankA = ballot.ranking.firstIndex(of: a) ?? Int.max
            let rankB = ballot.ranking.firstIndex(of: b) ?? Int.max
            return sum + (rankA < rankB ? ballot.weight : 0)
        }
    }

    @Test(
        "Meek: votes, excess and loss add up to the valid votes at every stage; the loss is only rounding"
    )
    func meekTotalsConserved() {
        for seed in UInt64(0)..<150 {
            // setup
            let file = Self.election(seed: seed)

            // act
            let result = MeekSTV.count(file)

            // check: each of the n + 1 figures shown loses less than 0.00001 to truncation.
            for stage in result.stages {
                #expect(
                    stage.votes.reduce(0, +) + stage.nonTransferable + stage.lossFromFractions == result.valid
                )
                #expect((0...file.candidates.count + 1).contains(stage.lossFromFractions), "seed \(seed)")
                #expect(stage.votes.allSatisfy { $0 >= 0 } && stage.nonTransferable >= 0)
            }
            #expect(result.elected.count == min(file.seats, file.candidates.count))
            #expect(Set(result.elected).count == result.elected.count)
        }
    }

    @Test(
        "Meek: renumbering the candidates and reordering the ballots changes nothing but through a recorded lot"
    )
    func meekRelabelled() {
        var compared = 0
        for seed in UInt64(0)..<150 {
            // setup
            let file = Self.election(seed: seed)
            let (other, relabel) = Self.relabelled(file, seed: seed)

            // act
            let original = MeekSTV.count(file)
            let moved = MeekSTV.count(other)

            // check
            guard original.lots.isEmpty && moved.lots.isEmpty else { continue }
            compared += 1
            #expect(moved.elected == original.elected.map { relabel[$0] }, "seed \(seed)")
            #expect(moved.stages.count == original.stages.count, "seed \(seed)")
            for (a, b) in zip(original.stages, moved.stages) {
                #expect(relabel.indices.allSatisfy { a.votes[$0] == b.votes[relabel[$0]] }, "seed \(seed)")
                #expect(
                    a.nonTransferable == b.nonTransferable && a.elected.map { relabel[$0] } == b.elected
                )
            }
        }
        #expect(compared > 50)
    }

    @Test("Meek: a billion ballots fit its arithmetic (10³⁶ of its units, Int128 holds 1.7·10³⁸)")
    func meekLargeCount() {
        // setup: quota 333,333,333.33333 of 10⁹. A is elected; D, who cannot catch C even with A's surplus, goes as a
        // sure loser and A holds 500,000,000; A then keeps 2/3 of each vote and B passes the quota on 433,333,333.33333.
        let file = BallotFile(
            candidates: ["A", "B", "C", "D"],
            seats: 2,
            ballots: [
                .init(weight: 400_000_000, ranking: [0, 1]), .init(weight: 300_000_000, ranking: [1, 2]),
                .init(weight: 200_000_000, ranking: [2]), .init(weight: 100_000_000, ranking: [3, 0]),
            ]
        )

        // act
        let result = MeekSTV.count(file)

        // check
        #expect(result.electedNames == ["A", "B"])
        #expect(
            result.stages.last!.votes.map(formatVotes) == [
                "333333333.33333", "433333333.33333", "200000000.00000", "0.00000",
            ]
        )
        for stage in result.stages {
            #expect(stage.votes.reduce(0, +) + stage.nonTransferable + stage.lossFromFractions == result.valid)
        }
    }

    @Test("Meek with one seat elects the instant-runoff winner when it draws no lot")
    func meekOneSeatIsIRV() {
        // Why: until someone is elected every keep factor is 1 or 0, so Meek's votes are IRV's; its surplus is 0, so
        // it excludes the single lowest, as IRV does (a tie there is a Meek lot). It elects a candidate holding
        // more than half the votes still in play: such a candidate can never be lowest in IRV and wins there too.
        var compared = 0
        for seed in UInt64(0)..<200 {
            // setup
            let file = Self.election(seed: seed)

            // act
            let meek = MeekSTV.count(file, seats: 1)
            let irv = ScottishSTV.irv(file)

            // check
            guard meek.lots.isEmpty else { continue }
            compared += 1
            #expect(meek.elected == irv.elected, "seed \(seed)")
        }
        #expect(compared > 100)
    }

    @Test("Schulze: a planted Condorcet winner is first, alone in the top tier")
    func condorcetWinner() {
        for seed in UInt64(0)..<150 {
            // setup: add ballots ranking the chosen candidate first until they beat everyone head to head.
            var file = Self.election(seed: seed)
            var random = SplitMix(state: seed &* 31)
            let winner = random.next(file.candidates.count)
            let others = file.candidates.indices.filter { $0 != winner }
            while others.contains(where: { Self.beats(file, winner, $0) <= Self.beats(file, $0, winner) }) {
                var rest = others
                for index in rest.indices.reversed() { rest.swapAt(index, random.next(index + 1)) }
                file.ballots.append(
                    .init(weight: 1 + random.next(3), ranking: [winner] + rest.prefix(random.next(3)))
                )
            }

            // act
            let result = Schulze.rank(file)

            // check
            #expect(result.ranking.first == [winner], "seed \(seed)")
            #expect(result.order.first == winner)
            #expect(result.winners(seats: 1) == [winner])
            for a in file.candidates.indices {
                for b in file.candidates.indices where a != b {
                    #expect(result.pairwise[a][b] == Self.beats(file, a, b))
                }
            }
        }
    }

    @Test(
        "Schulze: renumbering the candidates and reordering the ballots changes nothing but through a recorded lot"
    )
    func schulzeRelabelled() {
        for seed in UInt64(0)..<150 {
            // setup
            let file = Self.election(seed: seed)
            let (other, relabel) = Self.relabelled(file, seed: seed)

            // act
            let original = Schulze.rank(file)
            let moved = Schulze.rank(other)

            // check
            for a in relabel.indices {
                for b in relabel.indices {
                    #expect(moved.pairwise[relabel[a]][relabel[b]] == original.pairwise[a][b])
                    #expect(moved.strongest[relabel[a]][relabel[b]] == original.strongest[a][b])
                }
            }
            #expect(moved.ranking.map(Set.init) == original.ranking.map { Set($0.map { relabel[$0] }) })
            if original.lots.isEmpty && moved.lots.isEmpty {
                #expect(moved.order == original.order.map { relabel[$0] }, "seed \(seed)")
            } else {
                #expect(original.lots.count == moved.lots.count)
            }
        }
    }

    @Test("Schulze: the classic 45-voter example ranks E, A, C, B, D")
    func textbook() throws {
        // setup: 45 voters in 8 groups, every ballot complete.
        let file = try BallotFile.parse(
            blt: """
                5 1
                5 1 3 2 5 4 0
                5 1 4 5 3 2 0
                8 2 5 4 1 3 0
                3 3 1 2 5 4 0
                7 3 1 5 2 4 0
                2 3 2 1 4 5 0
                7 4 3 5 2 1 0
                8 5 2 1 4 3 0
                0
                "A" "B" "C" "D" "E"
                """
        )

        // act
        let result = Schulze.rank(
            file,
            lot: { _ in
                Issue.record("no lot is needed")
                return 0
            }
        )

        // check: A beats B 20 to 25 head to head, yet E is first through the strongest paths E → D → C → B → A...
        #expect(
            result.pairwise == [
                [0, 20, 26, 30, 22], [25, 0, 16, 33, 18], [19, 29, 0, 17, 24], [15, 12, 28, 0, 14],
                [23, 27, 21, 31, 0],
            ]
        )
        #expect(
            result.strongest == [
                [0, 28, 28, 30, 24], [25, 0, 28, 33, 24], [25, 29, 0, 29, 24], [25, 28, 28, 0, 24],
                [25, 28, 28, 31, 0],
            ]
        )
        #expect(result.ranking == [[4], [0], [2], [1], [3]])
        #expect(result.candidateNames == ["E", "A", "C", "B", "D"])
        #expect(result.winners(seats: 2) == [4, 0])
        #expect(result.lots.isEmpty)
    }

    @Test(
        "Schulze: unranked candidates are below the ranked ones, withdrawn ones are left out, ties go to lot"
    )
    func unrankedWithdrawnAndTies() {
        // setup: D is withdrawn; 3 ballots name only A, 3 name B then C.
        let file = BallotFile(
            candidates: ["A", "B", "C", "D"],
            seats: 1,
            withdrawn: [3],
            ballots: [.init(weight: 3, ranking: [0, 3]), .init(weight: 3, ranking: [3, 1, 2])]
        )

        // act
        let first = Schulze.rank(file, lot: { $0[0] })
        let last = Schulze.rank(file, lot: { $0[$0.count - 1] })

        // check: A ties B and C 3 to 3 (an A-only ballot puts A above both, a B C ballot both above A), B beats C 3
        // to 0: A and B are unbeaten, C comes after; D counts for nothing.
        #expect(first.pairwise == [[0, 3, 3, 0], [3, 0, 3, 0], [3, 0, 0, 0], [0, 0, 0, 0]])
        #expect(first.strongest == [[0, 0, 0, 0], [0, 0, 3, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
        #expect(first.ranking == [[0, 1], [2]])
        #expect(first.order == [0, 1, 2])
        #expect(first.lots == [SchulzeResult.Lot(tier: 0, among: [0, 1], chosen: 0)])
        #expect(last.order == [1, 0, 2])
        #expect(last.lots == [SchulzeResult.Lot(tier: 0, among: [0, 1], chosen: 1)])
    }
}
