import Testing

@testable import FreshgroundCore

/// Scottish STV against the stage-by-stage reports of Droop (`jklundell/droop`, rule `scotland`, fixed-point
/// arithmetic to 5 places). The ballot files are copied from its `test/blt`; the expected numbers are its
/// `test/ref/dump` tables, one row per stage that moved votes.
@Suite("Decisions: Scottish STV matches Droop's reference counts")
struct ScottishSTVGoldenTests {
    /// Droop's `SC.blt`: a 13-candidate, 4-seat election with 93 ballots.
    static let steeringCommittee = """
        13 4
        1 7 8 9 11 12 0
        1 7 8 9 11 12 0
        1 13 7 5 4 2 1 0
        1 5 13 2 7 4 1 0
        1 13 4 1 2 0
        1 4 2 13 1 3 0
        1 4 13 2 7 0
        1 7 8 12 1 13 9 2 4 11 5 0
        1 1 13 3 4 7 5 2 0
        1 4 1 13 7 3 5 2 0
        1 4 1 13 7 3 5 2 0
        1 1 4 13 2 7 5 3 9 8 12 11 0
        1 7 1 8 9 13 3 2 4 12 5 11 0
        1 7 8 9 11 12 0
        1 7 1 8 9 13 3 2 4 12 5 11 0
        1 7 8 9 11 12 0
        1 7 8 9 11 12 0
        1 7 8 9 11 12 0
        1 5 1 13 3 2 4 7 0
        1 7 8 9 3 12 2 13 5 1 4 0
        1 3 13 1 2 0
        1 3 13 1 2 0
        1 4 7 13 5 0
        1 4 5 13 3 2 1 0
        1 7 8 9 11 12 0
        1 7 9 8 12 11 2 13 0
        1 7 8 9 11 12 0
        1 7 8 9 11 12 0
        1 4 3 13 1 0
        1 4 3 13 1 0
        1 13 3 4 1 7 2 5 0
        1 3 13 4 1 7 2 5 0
        1 13 3 4 1 2 5 7 0
        1 13 1 4 2 5 3 7 0
        1 13 4 3 1 2 5 0
        1 3 13 1 4 2 7 5 0
        1 4 3 13 8 0
        1 4 3 13 1 0
        1 1 4 13 7 0
        1 1 4 13 7 0
        1 7 3 4 13 1 5 0
        1 9 11 8 7 0
        1 7 8 9 11 12 0
        1 13 3 5 2 0
        1 4 5 2 3 13 0
        1 13 5 2 4 1 3 7 0
        1 13 5 2 1 7 3 8 0
        1 7 8 9 12 11 0
        1 7 8 4 9 12 0
        1 13 4 7 2 8 0
        1 4 13 2 7 1 8 0
        1 7 8 11 9 12 0
        1 8 4 7 11 13 9 0
        1 7 4 2 13 0
        1 13 1 7 4 0
        1 4 1 2 13 9 5 0
        1 1 4 13 5 3 2 0
        1 7 5 4 8 11 2 13 1 3 9 12 0
        1 4 8 7 5 13 2 1 3 9 0
        1 3 4 7 2 12 13 8 1 5 0
        1 7 8 9 11 12 0
        1 7 8 11 9 0
        1 7 8 11 9 0
        1 7 8 9 11 12 0
        1 7 8 9 11 12 0
        1 7 8 9 11 12 0
        1 13 2 4 7 5 1 0
        1 7 8 9 11 12 0
        1 7 8 9 11 0
        1 7 8 9 11 12 0
        1 2 7 8 12 13 11 1 5 9 0
        1 4 7 8 2 0
        1 4 13 5 2 1 3 0
        1 13 4 7 3 1 5 8 2 9 0
        1 4 3 13 1 7 0
        1 13 4 1 3 0
        1 4 1 13 3 2 7 8 0
        1 2 4 13 5 0
        1 2 3 4 1 13 7 0
        1 3 1 4 13 0
        1 4 3 1 2 11 0
        1 3 1 4 13 2 7 0
        1 4 1 2 8 3 0
        1 4 1 5 13 2 3 0
        1 4 1 5 13 2 3 0
        1 7 8 9 11 12 0
        1 7 8 9 11 12 0
        1 13 7 3 2 5 4 1 0
        1 13 5 7 2 4 1 0
        1 7 8 9 11 12 0
        1 1 13 3 7 2 4 5 0
        1 13 1 2 7 4 5 3 0
        1 13 1 2 7 4 5 3 0
        1 3 1 4 2 13 7 9 5 8 0
        0
        "Budd Dickinson"
        "Kirit Mookerjee"
        "Tom Sevigny"
        "Pat LaMarche"
        "Michael Piacsek"
        "Write-In 2"
        "Rebecca Rotzler"
        "Kristen Olsen"
        "Jason Jones"
        "Write-In 1"
        "Steve Greenfield"
        "Jimmy Leas"
        "Steve Kramer"
        "GPUS Steering Committee Election 2005-07-24"
        """

    /// Each stage's votes per candidate in file order, and the non-transferable votes, from Droop's
    /// `SC-scotland-fixed-p5-d5.txt` (the `begin` row, then every `transfer` row).
    static let steeringCommitteeStages: [(votes: String, nonTransferable: String)] = [
        (
            "6.00000 3.00000 8.00000 22.00000 2.00000 0.00000 33.00000 1.00000 1.00000 0.00000 0.00000 0.00000 18.00000",
            "0.00000"
        ),
        (
            "6.84848 3.42424 8.42424 22.00000 2.42424 0.00000 19.00000 12.45448 1.42424 0.00000 0.00000 0.00000 18.00000",
            "0.00000"
        ),
        (
            "7.80300 3.56060 9.24240 19.00000 2.69696 0.00000 19.00000 12.72720 1.42424 0.00000 0.00000 0.00000 18.54544",
            "0.00000"
        ),
        (
            "7.80300 3.56060 9.24240 19.00000 2.69696 0.00000 19.00000 12.72720 1.42424 0.00000 0.00000 0.00000 18.54544",
            "0.00000"
        ),
        (
            "7.80300 3.56060 9.24240 19.00000 2.69696 0.00000 19.00000 12.72720 1.42424 0.00000 0.00000 0.00000 18.54544",
            "0.00000"
        ),
        (
            "7.80300 3.56060 9.24240 19.00000 2.69696 0.00000 19.00000 12.72720 1.42424 0.00000 0.00000 0.00000 18.54544",
            "0.00000"
        ),
        (
            "7.80300 3.56060 9.24240 19.00000 2.69696 0.00000 19.00000 12.72720 1.42424 0.00000 0.00000 0.00000 18.54544",
            "0.00000"
        ),
        (
            "7.80300 3.56060 9.24240 19.00000 2.69696 0.00000 19.00000 14.15144 0.00000 0.00000 0.00000 0.00000 18.54544",
            "0.00000"
        ),
        (
            "8.80300 3.69696 9.24240 19.00000 0.00000 0.00000 19.00000 14.57568 0.00000 0.00000 0.00000 0.00000 19.68180",
            "0.00000"
        ),
        (
            "9.01084 3.95360 9.45496 19.00000 0.00000 0.00000 19.00000 14.57568 0.00000 0.00000 0.00000 0.00000 19.00000",
            "0.00472"
        ),
        (
            "9.36448 0.00000 10.59132 19.00000 0.00000 0.00000 19.00000 15.61032 0.00000 0.00000 0.00000 0.00000 19.00000",
            "1.43368"
        ),
        (
            "0.00000 0.00000 16.62204 19.00000 0.00000 0.00000 19.00000 16.59988 0.00000 0.00000 0.00000 0.00000 19.00000",
            "3.77788"
        ),
        (
            "0.00000 0.00000 18.59172 19.00000 0.00000 0.00000 19.00000 0.00000 0.00000 0.00000 0.00000 0.00000 19.00000",
            "18.40808"
        ),
    ]

    @Test("the steering committee count matches Droop at every stage to 5 decimals")
    func steeringCommittee() throws {
        // setup
        let file = try BallotFile.parse(blt: Self.steeringCommittee)

        // act
        let result = ScottishSTV.count(file, lot: { $0[0] })

        // check
        #expect(formatVotes(result.quota) == "19.00000")
        #expect(result.stages.count == Self.steeringCommitteeStages.count)
        for (stage, expected) in zip(result.stages, Self.steeringCommitteeStages) {
            #expect(stage.votes.map(formatVotes).joined(separator: " ") == expected.votes)
            #expect(formatVotes(stage.nonTransferable) == expected.nonTransferable)
        }
        #expect(result.electedNames == ["Rebecca Rotzler", "Pat LaMarche", "Steve Kramer", "Tom Sevigny"])
        // Four candidates with no votes at any stage: Droop, like the pinned lot here, took the first in file order.
        #expect(result.lots.map(\.among) == [[5, 9, 10, 11], [9, 10, 11], [10, 11]])
        #expect(result.lots.map(\.chosen) == [5, 9, 10])
    }

    @Test("a tie for exclusion goes to the earlier stage where the candidates differed, as Droop's weak-defeat")
    func weakDefeat() throws {
        // setup: Droop's scotland/weak-defeat.blt
        let file = try BallotFile.parse(
            blt: """
                5 2
                1 1 2 0
                2 2 0
                3 3 0
                4 4 0
                5 5 0
                0
                "A"
                "B"
                "C"
                "D"
                "E"
                "test weak tiebreak for defeat of candidate"
                """
        )

        // act
        let result = ScottishSTV.count(
            file,
            lot: { _ in
                Issue.record("no lot is needed")
                return 0
            }
        )

        // check
        let expected = [
            "1.00000 2.00000 3.00000 4.00000 5.00000",
            "0.00000 3.00000 3.00000 4.00000 5.00000",
            "0.00000 0.00000 3.00000 4.00000 5.00000",
            "0.00000 0.00000 0.00000 4.00000 5.00000",
        ]
        #expect(result.stages.map { $0.votes.map(formatVotes).joined(separator: " ") } == expected)
        #expect(result.stages.map { formatVotes($0.nonTransferable) } == ["0.00000", "0.00000", "3.00000", "6.00000"])
        #expect(result.stages.map(\.action) == [.firstPreferences, .exclusion(0), .exclusion(1), .exclusion(2)])
        #expect(Set(result.electedNames) == ["D", "E"])
        #expect(result.lots.isEmpty)
    }

    @Test("a surplus passes on at its fraction and an exhausted paper is non-transferable, as Droop's 513")
    func castorPolluxHelen() throws {
        // setup: Droop's 513.blt
        let file = try BallotFile.parse(
            blt: """
                3 2
                5 1 2 0
                1 2 0
                3 3 0
                0
                "Castor"
                "Pollux"
                "Helen"
                "Pollux and Helen should tie"
                """
        )

        // act
        let result = ScottishSTV.count(file)

        // check
        #expect(formatVotes(result.quota) == "4.00000")
        #expect(
            result.stages.map { $0.votes.map(formatVotes).joined(separator: " ") } == [
                "5.00000 1.00000 3.00000", "4.00000 2.00000 3.00000", "4.00000 0.00000 3.00000",
            ]
        )
        #expect(formatVotes(result.stages[2].nonTransferable) == "2.00000")
        #expect(result.electedNames == ["Castor", "Helen"])
    }
}
