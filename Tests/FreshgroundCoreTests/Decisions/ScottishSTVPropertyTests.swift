import Testing

@testable import FreshgroundCore

/// Properties every Scottish STV count keeps, on small hand-counted elections and on random ones.
@Suite("Decisions: Scottish STV properties")
struct ScottishSTVPropertyTests {
    /// A small deterministic random source, so a failing election can be rebuilt from its seed.
    struct SplitMix {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static func randomElection(seed: UInt64) -> BallotFile {
        var random = SplitMix(state: seed)
        let count = 2 + random.next(9)
        let seats = 1 + random.next(min(count, 4))
        let ballots = (0..<(5 + random.next(60))).map { _ in
            var pool = Array(0..<count)
            var ranking: [Int] = []
            for _ in 0...random.next(count) { ranking.append(pool.remove(at: random.next(pool.count))) }
            return BallotFile.Ballot(weight: 1 + random.next(3), ranking: ranking)
        }
        return BallotFile(candidates: (0..<count).map { "C\($0)" }, seats: seats, ballots: ballots)
    }

    static func table(_ result: CountResult) -> [String] {
        result.stages.map { $0.votes.map(formatVotes).joined(separator: " ") }
    }

    @Test(
        "votes, non-transferable and loss from fractions add up to the valid votes at every stage",
        arguments: 0..<200
    )
    func totalsConserved(seed: UInt64) {
        // setup
        let file = Self.randomElection(seed: seed)

        // act
        let result = ScottishSTV.count(file)

        // check
        for stage in result.stages {
            #expect(stage.votes.reduce(0, +) + stage.nonTransferable + stage.lossFromFractions == result.valid)
            #expect(stage.lossFromFractions >= 0)
        }
        #expect(result.elected.count == min(file.seats, file.candidates.count))
        #expect(Set(result.elected).count == result.elected.count)
    }

    @Test("the order of the ballots never changes the count", arguments: 0..<50)
    func ballotOrder(seed: UInt64) {
        // setup
        let file = Self.randomElection(seed: seed)
        var reversed = file
        reversed.ballots.reverse()

        // act
        let forward = ScottishSTV.count(file)
        let backward = ScottishSTV.count(reversed)

        // check
        #expect(Self.table(forward) == Self.table(backward))
        #expect(forward.elected == backward.elected)
    }

    @Test("one seat is instant-runoff, as counted by hand")
    func oneSeatIsIRV() throws {
        // setup
        let file = try BallotFile.parse(
            blt: """
                4 1
                4 1 2 0
                3 2 3 0
                2 3 2 0
                2 4 3 0
                1 4 1 0
                0
                "A" "B" "C" "D"
                """
        )

        // act
        let result = ScottishSTV.irv(
            file,
            lot: { _ in
                Issue.record("no lot is needed")
                return 0
            }
        )

        // check: C goes (2), then D (3: one paper to A, two exhausted since C is out), then A and B tie on 5 and A,
        // who had fewer at the stage before, goes; B reaches the quota of 7.
        #expect(formatVotes(result.quota) == "7.00000")
        #expect(
            Self.table(result) == [
                "4.00000 3.00000 2.00000 3.00000",
                "4.00000 5.00000 0.00000 3.00000",
                "5.00000 5.00000 0.00000 0.00000",
                "0.00000 9.00000 0.00000 0.00000",
            ]
        )
        #expect(result.stages.map(\.action) == [.firstPreferences, .exclusion(2), .exclusion(3), .exclusion(0)])
        #expect(result.stages.map { formatVotes($0.nonTransferable) } == ["0.00000", "0.00000", "2.00000", "3.00000"])
        #expect(result.stages[3].transfers == [-500_000, 400_000, 0, 0])
        #expect(result.electedNames == ["B"])
        #expect(ScottishSTV.count(file, seats: 1) == result)
    }

    @Test("a tie for exclusion is broken by the most recent earlier stage where the candidates differed, not by lot")
    func tieByEarlierStage() throws {
        // setup: once D is out B and C both hold 6; at first preferences C had 5 and B 6, so C goes and B wins.
        let file = try BallotFile.parse(
            blt: """
                4 1
                10 1 0
                6 2 0
                5 3 2 0
                1 4 3 0
                0
                "A" "B" "C" "D"
                """
        )

        // act: a lot would exclude B, the first of the tied.
        let result = ScottishSTV.count(file, lot: { $0[0] })

        // check
        #expect(Self.table(result)[1] == "10.00000 6.00000 6.00000 0.00000")
        #expect(result.stages[2].action == .exclusion(2))
        #expect(result.electedNames == ["B"])
        #expect(result.lots.isEmpty)
    }

    @Test("a tie at every stage is settled by the injected lot, and the lot is recorded")
    func tieByLot() throws {
        // setup
        let file = BallotFile(
            candidates: ["A", "B", "C"],
            seats: 1,
            ballots: [
                .init(weight: 3, ranking: [0]), .init(weight: 2, ranking: [1, 0]), .init(weight: 2, ranking: [2]),
            ]
        )

        // act
        let first = ScottishSTV.count(file, lot: { $0[0] })
        let last = ScottishSTV.count(file, lot: { $0[$0.count - 1] })

        // check: excluding B gives A the seat at once; excluding C leaves A on 3 and B on 2, and A is elected a stage
        // later: the recorded lot is what tells the two counts apart.
        #expect(first.lots == [CountResult.Lot(afterStage: 0, among: [1, 2], chosen: 1)])
        #expect(last.lots == [CountResult.Lot(afterStage: 0, among: [1, 2], chosen: 2)])
        #expect(first.stages[1].action == .exclusion(1))
        #expect(last.stages[1].action == .exclusion(2))
        #expect(first.electedNames == ["A"])
    }

    @Test("a surplus passes every paper at its value times surplus over votes, truncated to 5 decimals")
    func truncatedSurplus() {
        // setup: quota 4 of 9 for two seats; A's surplus of 3 over 7 papers is 0.42857 a paper.
        let file = BallotFile(
            candidates: ["A", "B", "C"],
            seats: 2,
            ballots: [.init(weight: 7, ranking: [0, 1]), .init(weight: 2, ranking: [2])]
        )

        // act
        let result = ScottishSTV.count(file)

        // check
        #expect(formatVotes(result.stages[1].votes[1]) == "2.99999")
        #expect(formatVotes(result.stages[1].lossFromFractions) == "0.00001")
        #expect(result.electedNames == ["A", "B"])
    }
}
