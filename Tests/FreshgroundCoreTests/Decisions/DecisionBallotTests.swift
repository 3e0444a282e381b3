import Testing

@testable import FreshgroundCore

/// Which specs and ballots the engine takes, and how a ballot is stored.
@Suite("Decisions: specs and ballots")
struct DecisionBallotTests {
    static let three = ["Alpha", "Beta", "Gamma"]

    @Test("approval ballots choose between the least and the most allowed")
    func approvalLimits() {
        // setup
        let some = DecisionSpec(kind: .approval, options: Self.three, minChoices: 1, maxChoices: 2)
        let one = DecisionSpec(kind: .approval, options: Self.three, minChoices: 1, maxChoices: 1)
        let any = DecisionSpec(kind: .approval, options: Self.three)

        // act, check
        #expect(some.check(DecisionBallot(marks: [0, 0, 0])) == "Choose at least one.")
        #expect(some.check(DecisionBallot(marks: [1, 1, 1])) == "Choose at most 2.")
        #expect(some.check(DecisionBallot(marks: [1, 0, 1])) == nil)
        #expect(some.check(DecisionBallot(marks: [1, 0, 2])) == "Each choice is chosen or not.")
        #expect(one.check(DecisionBallot(marks: [1, 1, 0])) == "Choose one.")
        #expect(one.check(DecisionBallot(marks: [0, 0, 0])) == "Choose one.")
        #expect(one.check(DecisionBallot(marks: [0, 1, 0])) == nil)
        #expect(any.check(DecisionBallot(marks: [0, 0, 0])) == nil)
        #expect(any.check(DecisionBallot(marks: [1, 1, 1])) == nil)
        #expect(any.check(DecisionBallot(marks: [1, 1])) == "The ballot must have a mark for each of the 3 choices.")
    }

    @Test("a dot ballot over the budget is refused")
    func dotsBudget() {
        // setup
        let spec = DecisionSpec(kind: .dots, options: Self.three, dots: 10)

        // act, check
        #expect(spec.check(DecisionBallot(marks: [5, 6, 0])) == "You have 10 dots to spread; this ballot spreads 11.")
        #expect(spec.check(DecisionBallot(marks: [5, 5, 0])) == nil)
        #expect(spec.check(DecisionBallot(marks: [0, 0, 0])) == nil)
        #expect(spec.check(DecisionBallot(marks: [12, -2, 0])) == "A choice cannot get fewer than 0 dots.")
    }

    @Test("ranks with a gap, a repeat, out of range or none at all are refused")
    func rankGaps() {
        // setup
        let ranked = DecisionSpec(kind: .ranked, options: Self.three + ["Delta"], seats: 2)
        let schulze = DecisionSpec(kind: .schulze, options: Self.three)
        let gap = "Number your choices 1, 2, 3… with no number left out or used twice."

        // act, check
        #expect(ranked.check(DecisionBallot(marks: [1, 3, 0, 0])) == gap)
        #expect(ranked.check(DecisionBallot(marks: [1, 1, 2, 0])) == gap)
        #expect(ranked.check(DecisionBallot(marks: [0, 2, 0, 0])) == gap)
        #expect(
            ranked.check(DecisionBallot(marks: [1, 2, 3, 5]))
                == "Rank each candidate from 1 to 4, or leave it unranked."
        )
        #expect(ranked.check(DecisionBallot(marks: [0, 0, 0, 0])) == "Rank at least one candidate.")
        #expect(ranked.check(DecisionBallot(marks: [2, 0, 1, 3])) == nil)
        #expect(ranked.check(DecisionBallot(marks: [0, 1, 0, 0])) == nil)
        #expect(schulze.check(DecisionBallot(marks: [3, 1, 2])) == nil)
        #expect(schulze.check(DecisionBallot(marks: [3, 1, 1])) == gap)
    }

    @Test("marks outside each kind's range, and weights below 1, are refused")
    func markRanges() {
        // setup
        let score = DecisionSpec(kind: .score, options: Self.three, scoreMax: 4)
        let time = DecisionSpec(kind: .meetingTime, options: Self.three)
        let election = DecisionSpec(kind: .election, options: Self.three, seats: 2)

        // act, check
        #expect(DecisionSpec(kind: .consent).check(DecisionBallot(marks: [3])) != nil)
        #expect(DecisionSpec(kind: .consent).check(DecisionBallot(marks: [-2])) == nil)
        #expect(DecisionSpec(kind: .motion).check(DecisionBallot(marks: [2])) == "Choose yes, no or abstain.")
        #expect(DecisionSpec(kind: .motion).check(DecisionBallot(marks: [1, 1])) == "Choose yes, no or abstain.")
        #expect(DecisionSpec(kind: .motion).check(DecisionBallot(marks: [1], weight: 0)) != nil)
        #expect(score.check(DecisionBallot(marks: [4, 0, 5])) == "Give each choice a score from 0 to 4.")
        #expect(score.check(DecisionBallot(marks: [4, 0, 3])) == nil)
        #expect(time.check(DecisionBallot(marks: [2, 1, 3])) == "For each time say yes, if need be, or no.")
        #expect(time.check(DecisionBallot(marks: [2, 1, 0])) == nil)
        #expect(election.check(DecisionBallot(marks: [1, -1, 0])) == nil)
        #expect(election.check(DecisionBallot(marks: [1, -2, 0])) == "For each candidate vote yes, no or abstain.")
    }

    @Test("a ballot is stored as its marks joined by commas, and read back only in that exact form")
    func encoding() {
        // setup
        let ballot = DecisionBallot(marks: [1, 0, -1, 12], weight: 3)

        // act
        let text = ballot.encoded

        // check
        #expect(text == "1,0,-1,12")
        #expect(DecisionBallot(encoded: text, weight: 3) == ballot)
        #expect(DecisionBallot(encoded: "", weight: 1) == DecisionBallot(marks: []))
        for bad in ["1, 0", " 1", "1,,2", "+1", "01", "1,", ",1", "a", "1;2", "-0"] {
            #expect(DecisionBallot(encoded: bad, weight: 1) == nil, "\(bad)")
        }
        #expect(DecisionBallot(encoded: "1", weight: 0) == nil)
    }

    @Test("a spec that cannot be voted on says what to fix, field by field")
    func validation() {
        // act, check
        #expect(DecisionSpec(kind: .consent).validate().isEmpty)
        #expect(DecisionSpec(kind: .motion).validate().isEmpty)
        #expect(
            DecisionSpec(kind: .approval, options: ["Alpha"]).validate() == ["options": "Give at least two choices."]
        )
        #expect(
            DecisionSpec(kind: .approval, options: ["Alpha", " "]).validate()["options"] == "Every choice needs a name."
        )
        #expect(
            DecisionSpec(kind: .score, options: ["Alpha", "Alpha "]).validate()["options"]
                == "Give each choice only once."
        )
        #expect(DecisionSpec(kind: .meetingTime, options: ["Tue 18:00"]).validate().isEmpty)
        #expect(DecisionSpec(kind: .election, options: []).validate()["options"] == "Give at least one candidate.")
        #expect(
            DecisionSpec(kind: .ranked, options: Self.three, seats: 3).validate()
                == ["seats": "There must be fewer seats than candidates."]
        )
        #expect(DecisionSpec(kind: .ranked, options: Self.three, seats: 2).validate().isEmpty)
        #expect(DecisionSpec(kind: .schulze, options: Self.three, seats: 3).validate().isEmpty)
        #expect(
            DecisionSpec(kind: .ranked, options: Self.three, seats: 2, rankedRule: .irv).validate()
                == ["seats": "Instant-runoff fills one seat; choose Scottish STV or Meek STV for more."]
        )
        #expect(DecisionSpec(kind: .election, options: Self.three, seats: 4).validate()["seats"] != nil)
        #expect(DecisionSpec(kind: .approval, options: Self.three, seats: 0).validate()["seats"] != nil)
        #expect(
            DecisionSpec(kind: .approval, options: Self.three, minChoices: 3, maxChoices: 2).validate()
                == ["maxChoices": "The most to choose cannot be less than the least."]
        )
        #expect(DecisionSpec(kind: .approval, options: Self.three, maxChoices: 4).validate()["maxChoices"] != nil)
        #expect(DecisionSpec(kind: .approval, options: Self.three, minChoices: 4).validate()["minChoices"] != nil)
        #expect(DecisionSpec(kind: .score, options: Self.three, scoreMax: 0).validate()["scoreMax"] != nil)
        #expect(DecisionSpec(kind: .dots, options: Self.three, dots: 0).validate()["dots"] != nil)
        #expect(
            DecisionSpec(kind: .motion, quorum: QuorumRule(minimumVoters: -1, percentOfEntitled: 101)).validate().keys
                .sorted() == ["minimumVoters", "percentOfEntitled"]
        )
    }

    @Test("a spec that fails validation never traps the count: its ballots are refused")
    func invalidSpecCounts() {
        // setup
        let score = DecisionSpec(kind: .score, options: Self.three, scoreMax: -2)
        let dots = DecisionSpec(kind: .dots, options: Self.three, seats: 0, dots: -1)
        let ballots = [DecisionBallot(marks: [0, 1, 0])]

        // act
        let scored = DecisionCounter.count(score, ballots: ballots, entitled: 1)
        let dotted = DecisionCounter.count(dots, ballots: ballots, entitled: 1)

        // check
        #expect(score.check(ballots[0]) == "Give each choice a score from 0 to -2.")
        #expect(scored.voters == 0 && scored.winners.isEmpty)
        #expect(dotted.voters == 0 && dotted.winners.isEmpty)
    }

    @Test("every kind, rule and base is stored under a stable name")
    func rawValues() {
        #expect(
            DecisionKind.allCases.map(\.rawValue) == [
                "consent", "motion", "approval", "score", "dots", "ranked", "schulze", "meeting-time", "election",
            ]
        )
        #expect(RankedRule.allCases.map(\.rawValue) == ["scottish-stv", "meek", "irv"])
        #expect(MajorityKind.allCases.map(\.rawValue) == ["simple", "absolute", "two-thirds", "three-quarters"])
        #expect(MajorityBase.allCases.map(\.rawValue) == ["cast", "valid", "yes-no", "entitled"])
    }
}
