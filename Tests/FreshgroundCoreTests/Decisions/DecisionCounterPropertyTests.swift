import Testing

@testable import FreshgroundCore

/// Properties every decision count keeps, on random decisions of every kind.
@Suite("Decisions: counting properties")
struct DecisionCounterPropertyTests {
    typealias Random = ScottishSTVPropertyTests.SplitMix

    /// A random spec of `kind` and random valid ballots for it, some weighted.
    static func randomDecision(_ kind: DecisionKind, seed: UInt64) -> (DecisionSpec, [DecisionBallot]) {
        var random = Random(state: seed)
        let count = 2 + random.next(6)
        var spec = DecisionSpec(
            kind: kind,
            options: kind.hasOptions ? (0..<count).map { "Option \($0)" } : [],
            seats: 1 + random.next(kind == .ranked ? count - 1 : count),
            scoreMax: 1 + random.next(5),
            dots: 1 + random.next(8),
            rankedRule: RankedRule.allCases[random.next(3)],
            majority: MajorityRule(
                kind: MajorityKind.allCases[random.next(4)],
                base: MajorityBase.allCases[random.next(4)]
            )
        )
        if kind == .ranked, spec.rankedRule == .irv { spec.seats = 1 }
        var ballots: [DecisionBallot] = []
        for _ in 0..<(1 + random.next(25)) {
            let marks: [Int]
            switch kind {
            case .consent: marks = [ConsentPosition.allCases[random.next(5)].rawValue]
            case .motion: marks = [MotionChoice.allCases[random.next(3)].rawValue]
            case .approval: marks = (0..<count).map { _ in random.next(2) }
            case .score: marks = (0..<count).map { _ in random.next(spec.scoreMax + 1) }
            case .meetingTime: marks = (0..<count).map { _ in random.next(3) }
            case .election: marks = (0..<count).map { _ in random.next(3) - 1 }
            case .dots:
                var left = spec.dots
                marks = (0..<count).map { _ in
                    let given = random.next(left + 1)
                    left -= given
                    return given
                }
            case .ranked, .schulze:
                var pool = Array(0..<count)
                var ranks = Array(repeating: 0, count: count)
                for rank in 1...(1 + random.next(count)) { ranks[pool.remove(at: random.next(pool.count))] = rank }
                marks = ranks
            }
            ballots.append(DecisionBallot(marks: marks, weight: random.next(4) == 0 ? 2 + random.next(3) : 1))
        }
        return (spec, ballots)
    }

    static let kinds = DecisionKind.allCases

    static var cases: [(DecisionKind, UInt64)] {
        kinds.flatMap { kind in (0..<40).map { (kind, UInt64($0)) } }
    }

    @Test("the generated ballots are valid, so the properties below test real counts")
    func generatedBallotsAreValid() {
        for (kind, seed) in Self.cases {
            let (spec, ballots) = Self.randomDecision(kind, seed: seed)
            #expect(spec.validate().isEmpty, "\(kind) \(seed)")
            for ballot in ballots { #expect(spec.check(ballot) == nil, "\(kind) \(seed) \(ballot.marks)") }
        }
    }

    @Test("the order of the ballots never changes an outcome", arguments: Self.kinds)
    func shuffledBallots(kind: DecisionKind) {
        for seed in UInt64(0)..<40 {
            // setup
            let (spec, ballots) = Self.randomDecision(kind, seed: seed)
            var random = Random(state: seed &+ 99)
            var shuffled = ballots
            for index in shuffled.indices.reversed() { shuffled.swapAt(index, random.next(index + 1)) }

            // act
            let forward = DecisionCounter.count(spec, ballots: ballots, entitled: 200)
            let reversed = DecisionCounter.count(spec, ballots: ballots.reversed(), entitled: 200)
            let mixed = DecisionCounter.count(spec, ballots: shuffled, entitled: 200)

            // check
            #expect(forward == reversed, "\(kind) \(seed)")
            #expect(forward == mixed, "\(kind) \(seed)")
        }
    }

    @Test("a ballot of weight 3 counts as three identical ballots", arguments: Self.kinds)
    func weights(kind: DecisionKind) {
        for seed in UInt64(0)..<40 {
            // setup
            let (spec, weighted) = Self.randomDecision(kind, seed: seed)
            let single = weighted.flatMap { Array(repeating: DecisionBallot(marks: $0.marks), count: $0.weight) }

            // act
            let byWeight = DecisionCounter.count(spec, ballots: weighted, entitled: 200)
            let byCopies = DecisionCounter.count(spec, ballots: single, entitled: 200)

            // check
            #expect(byWeight == byCopies, "\(kind) \(seed)")
            #expect(byWeight.voters == single.count)
        }
    }

    @Test("the order of the options never changes a result except through a recorded lot", arguments: Self.kinds)
    func shuffledOptions(kind: DecisionKind) {
        var compared = 0
        for seed in UInt64(0)..<40 where kind.hasOptions {
            // setup: option i of the new order is option order[i] of the old
            let (spec, ballots) = Self.randomDecision(kind, seed: seed)
            var random = Random(state: seed &+ 7)
            var order = Array(spec.options.indices)
            for index in order.indices.reversed() { order.swapAt(index, random.next(index + 1)) }
            var moved = spec
            moved.options = order.map { spec.options[$0] }
            let movedBallots = ballots.map { ballot in
                DecisionBallot(marks: order.map { ballot.marks[$0] }, weight: ballot.weight)
            }

            // act
            let before = DecisionCounter.count(spec, ballots: ballots, entitled: 200)
            let after = DecisionCounter.count(moved, ballots: movedBallots, entitled: 200)

            // check: the same options win (in the same order for ranked counts), with the same totals
            guard before.lots.isEmpty, after.lots.isEmpty else { continue }
            compared += 1
            let winners = after.winners.map { order[$0] }
            if kind == .ranked {
                #expect(winners == before.winners, "\(kind) \(seed)")
            } else {
                #expect(Set(winners) == Set(before.winners), "\(kind) \(seed)")
            }
            #expect(order.map { before.totals[$0] } == after.totals, "\(kind) \(seed)")
        }
        #expect(!kind.hasOptions || compared >= 20, "only \(compared) of 40 counts drew no lot")
    }

    @Test("one-seat ranked by Scottish STV is instant-runoff", arguments: 0..<100)
    func oneSeatIsIRV(seed: UInt64) {
        // setup
        var (stv, ballots) = Self.randomDecision(.ranked, seed: seed)
        stv.seats = 1
        stv.rankedRule = .scottishSTV
        var irv = stv
        irv.rankedRule = .irv

        // act
        let byStv = DecisionCounter.count(stv, ballots: ballots, entitled: 200, lot: { $0[$0.count - 1] })
        let byIrv = DecisionCounter.count(irv, ballots: ballots, entitled: 200, lot: { $0[$0.count - 1] })

        // check
        #expect(byStv.winners == byIrv.winners)
        #expect(byStv.count == byIrv.count)
        #expect(byStv.winners.count == 1)
    }

    @Test("every ballot is in the totals once, weights counted")
    func totalsAddUp() {
        for (kind, seed) in Self.cases where kind != .dots && !kind.isRanked {
            // setup
            let (spec, ballots) = Self.randomDecision(kind, seed: seed)

            // act
            let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 200)

            // check: each row counts every voter once (score's first column is the total score)
            for row in outcome.totals {
                #expect((kind == .score ? row.dropFirst().reduce(0, +) : row.reduce(0, +)) == outcome.voters)
            }
        }
    }
}
