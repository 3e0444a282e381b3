import Testing

@testable import FreshgroundCore

/// Approval, score, dots, meeting time, election and ranked decisions, counted by `DecisionCounter`.
@Suite("Decisions: choosing among options")
struct DecisionCounterKindsTests {
    static let four = ["Alpha", "Beta", "Gamma", "Delta"]

    static func ballots(_ marks: [[Int]]) -> [DecisionBallot] { marks.map { DecisionBallot(marks: $0) } }

    @Test("approval: most approvals win, a tie at the last seat is settled by lot and recorded")
    func approvalTieByLot() {
        // setup: Alpha 3, Beta 2, Gamma 2, Delta 0; two seats
        let spec = DecisionSpec(kind: .approval, options: Self.four, seats: 2)
        let ballots = Self.ballots([[1, 1, 0, 0], [1, 0, 1, 0], [1, 1, 1, 0]])

        // act
        let first = DecisionCounter.count(spec, ballots: ballots, entitled: 5)
        let last = DecisionCounter.count(spec, ballots: ballots, entitled: 5, lot: { $0[$0.count - 1] })

        // check
        #expect(first.totals == [[3, 0], [2, 1], [2, 1], [0, 3]])
        #expect(first.winners == [0, 1])
        #expect(last.winners == [0, 2])
        #expect(first.lots == [CountResult.Lot(afterStage: 0, among: [1, 2], chosen: 1)])
        #expect(last.lots == [CountResult.Lot(afterStage: 0, among: [1, 2], chosen: 2)])
        #expect(
            last.explanation
                == "Chosen by most approvals: Alpha (3) and Gamma (2). Beta and Gamma tied for a place; the lot chose Gamma."
        )
        #expect(first.passed == nil)
    }

    @Test("a tie inside the seats needs no lot, and an option nobody chose never wins")
    func noLotInsideSeats() {
        // setup
        let spec = DecisionSpec(kind: .approval, options: Self.four, seats: 3)
        let ballots = Self.ballots([[0, 1, 1, 0], [1, 0, 0, 0]])

        // act
        let outcome = DecisionCounter.count(
            spec,
            ballots: ballots,
            entitled: 2,
            lot: {
                Issue.record("no lot is needed")
                return $0[0]
            }
        )

        // check
        #expect(outcome.winners == [0, 1, 2])
        #expect(DecisionCounter.count(spec, ballots: Self.ballots([[0, 1, 0, 0]]), entitled: 1).winners == [1])
        #expect(
            DecisionCounter.count(spec, ballots: Self.ballots([[0, 0, 0, 0]]), entitled: 1).explanation
                == "Nothing chosen: no choice had any support."
        )
    }

    @Test("score: the highest total wins; totals give the total, then how many gave each score")
    func score() {
        // setup
        let spec = DecisionSpec(kind: .score, options: ["Alpha", "Beta", "Gamma"], scoreMax: 3)
        let ballots = Self.ballots([[3, 2, 0], [0, 2, 1], [1, 2, 0]])

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 3)

        // check
        #expect(outcome.totals == [[4, 1, 1, 0, 1], [6, 0, 0, 3, 0], [1, 2, 1, 0, 0]])
        #expect(outcome.winners == [1])
        #expect(outcome.explanation == "Chosen by highest total score: Beta (6).")
    }

    @Test("dots: the most dots win; totals give the dots and how many voters gave any")
    func dots() {
        // setup
        let spec = DecisionSpec(kind: .dots, options: ["Alpha", "Beta", "Gamma"], seats: 2, dots: 5)
        let ballots = Self.ballots([[5, 0, 0], [0, 2, 3], [1, 1, 3]])

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 3)

        // check
        #expect(outcome.totals == [[6, 2], [3, 2], [6, 2]])
        #expect(outcome.winners == [0, 2])
        #expect(outcome.lots.isEmpty)
    }

    @Test("meeting time: the most yes wins, then the most yes or if need be")
    func meetingTime() {
        // setup: Mon 3 yes; Tue 3 yes and 2 if need be; Wed 2 yes and 3 if need be
        let spec = DecisionSpec(kind: .meetingTime, options: ["Mon", "Tue", "Wed"], seats: 3)
        let ballots = Self.ballots([[2, 2, 1], [2, 2, 1], [2, 1, 2], [0, 2, 2], [0, 1, 1]])

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 5)

        // check
        #expect(outcome.totals == [[3, 0, 2], [3, 2, 0], [2, 3, 0]])
        #expect(outcome.winners == [1, 0, 2])
        #expect(
            outcome.explanation
                == "Chosen by most yes, then most yes or if need be: Tue (3 yes, 2 if need be), "
                + "Mon (3 yes, 0 if need be) and Wed (2 yes, 3 if need be)."
        )
    }

    @Test("election: each candidate needs the majority of its own base; most yes first, up to the seats")
    func election() {
        // setup: two-thirds of the yes and no votes, two seats. Alpha 4–1, Beta 3–0 (3 abstain), Gamma 3–2, Delta 4–2.
        let spec = DecisionSpec(
            kind: .election,
            options: Self.four,
            seats: 2,
            majority: MajorityRule(kind: .twoThirds, base: .yesNo)
        )
        let ballots = Self.ballots([
            [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 0, -1, 1], [-1, 0, -1, -1], [0, 0, 0, -1],
        ])

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 6)
        var ofCast = spec
        ofCast.majority.base = .cast
        let strict = DecisionCounter.count(ofCast, ballots: ballots, entitled: 6)

        // check
        #expect(outcome.totals == [[4, 1, 1], [3, 0, 3], [3, 2, 1], [4, 2, 0]])
        #expect(outcome.winners == [0, 3])
        #expect(
            outcome.explanation
                == "Elected with at least two-thirds of the yes and no votes: Alpha (4 yes of 5) and Delta (4 yes of 6). "
                + "Reached it too, but the 2 seats were filled: Beta (3 yes of 3). Not elected: Gamma (3 yes of 5)."
        )
        #expect(strict.winners == [0, 3])
        #expect(strict.explanation.contains("Alpha (4 yes of 6)"))
    }

    @Test("ranked: Scottish STV elects, the count and its lots are in the outcome, and BLT export is canonical")
    func ranked() {
        // setup: the hand-counted IRV election of the STV property tests, as ranks per option
        let spec = DecisionSpec(kind: .ranked, options: ["A", "B", "C", "D"], rankedRule: .irv)
        let ballots = [
            DecisionBallot(marks: [1, 2, 0, 0], weight: 4), DecisionBallot(marks: [0, 1, 2, 0], weight: 3),
            DecisionBallot(marks: [0, 2, 1, 0], weight: 2), DecisionBallot(marks: [0, 0, 2, 1], weight: 2),
            DecisionBallot(marks: [2, 0, 0, 1]),
        ]

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots.reversed(), entitled: 20)
        let file = DecisionCounter.ballotFile(spec, ballots: ballots + [DecisionBallot(marks: [1, 2, 0, 0])])

        // check
        #expect(outcome.winners == [1])
        #expect(outcome.count?.stages.count == 4)
        #expect(outcome.explanation == "Elected by instant-runoff (Scottish STV for one seat), quota 7.00000: B.")
        #expect(outcome.totals == [[4, 1, 0, 0], [3, 6, 0, 0], [2, 5, 0, 0], [3, 0, 0, 0]])
        #expect(file.blt == "4 1\n5 1 2 0\n3 2 3 0\n2 3 2 0\n1 4 1 0\n2 4 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n\"\"\n")
    }

    @Test("ranked by Meek STV: the count is Meek's, and the outcome says which rule elected")
    func meek() {
        // setup: quota 4 of 9 for two seats; A's surplus goes on to B
        let spec = DecisionSpec(kind: .ranked, options: ["A", "B", "C"], seats: 2, rankedRule: .meek)
        let ballots = [DecisionBallot(marks: [1, 2, 0], weight: 7), DecisionBallot(marks: [0, 0, 1], weight: 2)]

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 9)

        // check
        #expect(outcome.winners == [0, 1])
        #expect(outcome.count == MeekSTV.count(DecisionCounter.ballotFile(spec, ballots: ballots)))
        #expect(outcome.explanation == "Elected by Meek STV, first quota 3.00000: A and B.")
    }

    @Test("Schulze: a Condorcet winner is first, where instant-runoff elects another")
    func schulzeCondorcet() {
        // setup: B beats A 5–4 and C 5–4, A beats C 5–4; by first preferences B is out at once and A wins
        var spec = DecisionSpec(kind: .schulze, options: ["A", "B", "C"])
        let ballots = [
            DecisionBallot(marks: [1, 2, 3], weight: 4), DecisionBallot(marks: [3, 2, 1], weight: 4),
            DecisionBallot(marks: [2, 1, 3]),
        ]

        // act
        let schulze = DecisionCounter.count(spec, ballots: ballots, entitled: 9)
        spec.kind = .ranked
        spec.rankedRule = .irv
        let irv = DecisionCounter.count(spec, ballots: ballots, entitled: 9)

        // check
        #expect(schulze.winners == [1])
        #expect(schulze.schulze?.pairwise[1] == [5, 0, 5])
        #expect(schulze.explanation == "Schulze ranking: B, then A, then C. Chosen: B.")
        #expect(schulze.lots.isEmpty)
        #expect(irv.winners == [0])
    }

    @Test(
        "Schulze: a tie across the seats is settled by lot and said; ties below the seats are not in the outcome's lots"
    )
    func schulzeTie() {
        // setup: A and B tie at the top, C and D below
        let spec = DecisionSpec(kind: .schulze, options: ["A", "B", "C", "D"])
        let ballots = [DecisionBallot(marks: [1, 2, 3, 4]), DecisionBallot(marks: [2, 1, 4, 3])]

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 2, lot: { $0[$0.count - 1] })

        // check
        #expect(outcome.winners == [1])
        #expect(outcome.lots == [CountResult.Lot(afterStage: 0, among: [0, 1], chosen: 1)])
        #expect(outcome.schulze?.lots.count == 2)
        #expect(
            outcome.explanation
                == "Schulze ranking: A and B (tied), then C and D (tied). Chosen: B. A and B tied for a place; the lot chose B."
        )
    }

    @Test("ranked and Schulze decisions nobody voted in elect nobody, not someone by lot")
    func rankedNobody() {
        // setup
        let schulze = DecisionSpec(kind: .schulze, options: ["A", "B"])
        let stv = DecisionSpec(kind: .ranked, options: ["A", "B", "C"], seats: 2)

        // act
        let ranked = DecisionCounter.count(schulze, ballots: [], entitled: 4)
        let counted = DecisionCounter.count(stv, ballots: [], entitled: 4)

        // check
        #expect(ranked.winners.isEmpty && ranked.lots.isEmpty && ranked.schulze == nil)
        #expect(counted.winners.isEmpty && counted.count == nil)
        #expect(counted.explanation == "Not decided: nobody voted.")
    }
}
