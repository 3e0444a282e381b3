import Testing

@testable import FreshgroundCore

/// Consent, motions, majorities and quorums, counted by `DecisionCounter`.
@Suite("Decisions: consent, motions, majorities and quorums")
struct DecisionCounterTests {
    /// `yes` yes votes, `no` no votes and `abstain` abstentions on a motion.
    static func motion(yes: Int, no: Int, abstain: Int = 0) -> [DecisionBallot] {
        Array(repeating: DecisionBallot(marks: [1]), count: yes)
            + Array(repeating: DecisionBallot(marks: [-1]), count: no)
            + Array(repeating: DecisionBallot(marks: [0]), count: abstain)
    }

    static func motionSpec(_ kind: MajorityKind, _ base: MajorityBase = .yesNo) -> DecisionSpec {
        DecisionSpec(kind: .motion, majority: MajorityRule(kind: kind, base: base))
    }

    @Test("consent fails on one block, and says so")
    func consentBlocked() {
        // setup
        let spec = DecisionSpec(kind: .consent)
        let ballots = Array(repeating: DecisionBallot(marks: [1]), count: 9) + [DecisionBallot(marks: [-2])]

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 12)

        // check
        #expect(outcome.passed == false)
        #expect(outcome.explanation == "Blocked by 1.")
        #expect(outcome.totals == [[9, 0, 0, 0, 1]])
        #expect(outcome.voters == 10)
    }

    @Test("standing aside, disagreeing and abstaining are recorded but do not stop consent")
    func consentWithDissent() {
        // setup
        let spec = DecisionSpec(kind: .consent)
        let ballots = [1, 1, 1, 2, -1, -1, 0].map { DecisionBallot(marks: [$0]) }

        // act
        let outcome = DecisionCounter.count(spec, ballots: ballots, entitled: 7)

        // check
        #expect(outcome.passed == true)
        #expect(outcome.totals == [[3, 1, 1, 2, 0]])
        #expect(outcome.explanation == "Passed: no block (3 agree, 1 stand aside, 2 disagree, 1 abstain).")
        #expect(outcome.winners.isEmpty)
    }

    @Test("consent with nobody taking part does not pass")
    func consentNobody() {
        // act
        let outcome = DecisionCounter.count(DecisionSpec(kind: .consent), ballots: [], entitled: 5)

        // check
        #expect(outcome.passed == false)
        #expect(outcome.explanation == "Not passed: nobody took part.")
    }

    @Test(
        "majority boundaries, in whole numbers",
        arguments: [
            // a tie fails "more than half"; one more passes
            (MajorityKind.simple, 5, 10, false), (.simple, 6, 11, true), (.simple, 6, 12, false),
            (.absolute, 7, 13, true), (.absolute, 6, 12, false),
            // exactly two-thirds passes "at least"; one short fails
            (.twoThirds, 20, 30, true), (.twoThirds, 19, 30, false), (.twoThirds, 2, 3, true),
            (.twoThirds, 7, 11, false),
            (.twoThirds, 8, 11, true),
            // exactly three-quarters passes; one short fails
            (.threeQuarters, 30, 40, true), (.threeQuarters, 29, 40, false), (.threeQuarters, 3, 4, true),
            // a base of 0 never passes, nor does 0 yes
            (.simple, 0, 0, false), (.twoThirds, 0, 0, false), (.threeQuarters, 5, 0, false), (.simple, 0, 1, false),
        ]
    )
    func passes(kind: MajorityKind, yes: Int, base: Int, passes: Bool) {
        #expect(MajorityRule(kind: kind, base: .cast).passes(yes: yes, base: base) == passes)
    }

    @Test("a 5–5 tie fails a simple majority of the yes and no votes")
    func tieFails() {
        // act
        let outcome = DecisionCounter.count(Self.motionSpec(.simple), ballots: Self.motion(yes: 5, no: 5), entitled: 10)

        // check
        #expect(outcome.passed == false)
        #expect(outcome.explanation == "Not passed: 5 yes of 10 yes and no votes; more than half needed.")
        #expect(outcome.totals == [[5, 5, 0]])
    }

    @Test("exactly two-thirds passes a two-thirds motion and one vote short fails")
    func twoThirds() {
        // act
        let exact = DecisionCounter.count(
            Self.motionSpec(.twoThirds),
            ballots: Self.motion(yes: 20, no: 10),
            entitled: 40
        )
        let short = DecisionCounter.count(
            Self.motionSpec(.twoThirds),
            ballots: Self.motion(yes: 19, no: 11),
            entitled: 40
        )

        // check
        #expect(exact.passed == true)
        #expect(exact.explanation == "Passed: 20 yes of 30 yes and no votes; at least two-thirds needed.")
        #expect(short.passed == false)
        #expect(short.explanation == "Not passed: 19 yes of 30 yes and no votes; at least two-thirds needed.")
    }

    @Test("exactly three-quarters passes a three-quarters motion and one vote short fails")
    func threeQuarters() {
        // act
        let spec = Self.motionSpec(.threeQuarters)
        let exact = DecisionCounter.count(spec, ballots: Self.motion(yes: 9, no: 3, abstain: 4), entitled: 20)
        let short = DecisionCounter.count(spec, ballots: Self.motion(yes: 8, no: 4, abstain: 4), entitled: 20)

        // check
        #expect(exact.passed == true)
        #expect(short.passed == false)
        #expect(short.explanation == "Not passed: 8 yes of 12 yes and no votes; at least three-quarters needed.")
    }

    @Test("an absolute majority counts everyone entitled, whatever base was chosen")
    func absolute() {
        // setup: 7 yes and nobody against
        let spec = Self.motionSpec(.absolute, .yesNo)
        let ballots = Self.motion(yes: 7, no: 0, abstain: 1)

        // act
        let ofFifteen = DecisionCounter.count(spec, ballots: ballots, entitled: 15)
        let ofThirteen = DecisionCounter.count(spec, ballots: ballots, entitled: 13)
        let ofFourteen = DecisionCounter.count(spec, ballots: ballots, entitled: 14)

        // check
        #expect(ofFifteen.passed == false)
        #expect(ofFifteen.explanation == "Not passed: 7 yes of 15 entitled to vote; more than half needed.")
        #expect(ofThirteen.passed == true)
        #expect(ofFourteen.passed == false)
        #expect(spec.majority.summary.contains("all those entitled to vote"))
    }

    @Test("base yes-no leaves abstentions out; bases cast and valid count them")
    func bases() {
        // setup: 6 yes, 4 no, 3 abstain
        let ballots = Self.motion(yes: 6, no: 4, abstain: 3)

        // act
        let yesNo = DecisionCounter.count(Self.motionSpec(.simple, .yesNo), ballots: ballots, entitled: 20)
        let cast = DecisionCounter.count(Self.motionSpec(.simple, .cast), ballots: ballots, entitled: 20)
        let valid = DecisionCounter.count(Self.motionSpec(.simple, .valid), ballots: ballots, entitled: 20)
        let entitled = DecisionCounter.count(Self.motionSpec(.simple, .entitled), ballots: ballots, entitled: 11)

        // check
        #expect(yesNo.passed == true)
        #expect(cast.passed == false)
        #expect(cast.explanation == "Not passed: 6 yes of 13 votes cast; more than half needed.")
        #expect(valid.passed == false)
        #expect(valid.explanation == "Not passed: 6 yes of 13 valid votes; more than half needed.")
        #expect(entitled.passed == true)
    }

    @Test("majority rules in plain words")
    func majoritySummaries() {
        #expect(MajorityRule(kind: .twoThirds, base: .yesNo).summary == "at least two-thirds of the yes and no votes")
        #expect(
            MajorityRule(kind: .simple, base: .cast).summary == "more than half of the votes cast (abstentions count)"
        )
        #expect(
            MajorityRule(kind: .threeQuarters, base: .entitled).summary
                == "at least three-quarters of all those entitled to vote"
        )
        #expect(MajorityRule(kind: .absolute, base: .cast).summary.hasPrefix("more than half of all those entitled"))
    }

    @Test(
        "a quorum exactly met is met; one short is not",
        arguments: [
            (QuorumRule(minimumVoters: 10), 10, 100, true), (QuorumRule(minimumVoters: 10), 9, 100, false),
            (QuorumRule(percentOfEntitled: 50), 15, 30, true), (QuorumRule(percentOfEntitled: 50), 14, 30, false),
            (QuorumRule(percentOfEntitled: 50), 16, 31, true), (QuorumRule(percentOfEntitled: 50), 15, 31, false),
            (QuorumRule(minimumVoters: 10, percentOfEntitled: 50), 10, 20, true),
            (QuorumRule(minimumVoters: 10, percentOfEntitled: 50), 10, 21, false),
            (QuorumRule(minimumVoters: 10, percentOfEntitled: 50), 9, 10, false),
            (QuorumRule(), 0, 100, true),
        ]
    )
    func quorumBoundaries(rule: QuorumRule, voters: Int, entitled: Int, met: Bool) {
        #expect(rule.met(voters: voters, entitled: entitled) == met)
    }

    @Test("quorums in plain words")
    func quorumSummaries() {
        #expect(QuorumRule().summary == "no quorum")
        #expect(
            QuorumRule(minimumVoters: 10, percentOfEntitled: 50).summary
                == "at least 10 voters and 50% of those entitled"
        )
        #expect(QuorumRule(minimumVoters: 1).summary == "at least 1 voter")
    }

    @Test("a quorum not met decides nothing, and says which quorum and how many voted")
    func quorumNotMet() {
        // setup
        var motion = Self.motionSpec(.simple)
        motion.quorum = QuorumRule(minimumVoters: 10)
        let consent = DecisionSpec(kind: .consent, quorum: QuorumRule(percentOfEntitled: 50))
        let approval = DecisionSpec(
            kind: .approval,
            options: ["A", "B"],
            quorum: QuorumRule(minimumVoters: 3)
        )

        // act
        let unanimous = DecisionCounter.count(motion, ballots: Self.motion(yes: 6, no: 0), entitled: 30)
        let met = DecisionCounter.count(motion, ballots: Self.motion(yes: 6, no: 4), entitled: 30)
        let agreed = DecisionCounter.count(consent, ballots: [DecisionBallot(marks: [1], weight: 14)], entitled: 30)
        let chosen = DecisionCounter.count(approval, ballots: [DecisionBallot(marks: [1, 0], weight: 2)], entitled: 3)

        // check
        #expect(unanimous.passed == false)
        #expect(unanimous.quorumMet == false)
        #expect(unanimous.explanation == "Not decided: quorum of 10 voters not met (6 voted).")
        #expect(met.quorumMet && met.passed == true)
        #expect(agreed.passed == false)
        #expect(agreed.explanation == "Not decided: quorum of 50% of the 30 entitled not met (14 voted).")
        #expect(chosen.winners.isEmpty && chosen.passed == nil)
        #expect(chosen.totals == [[2, 0], [0, 2]])
    }
}
