import FreshgroundCore
import Testing

@Suite("Imported vote records: counts agree with the votes")
struct VoteEventCheckTests {
    typealias Count = VoteEventCheck.Count
    typealias Vote = VoteEventCheck.Vote

    static let votes = [
        Vote(option: "yes", group: "Greens"), Vote(option: "yes", group: "Labour"),
        Vote(option: "yes", group: "Labour"),
        Vote(option: "no", group: "Tories"), Vote(option: "absent", group: "Labour"),
    ]

    @Test func countsThatAgreeWithTheVotesPass() {
        let counts = [
            Count(option: "yes", value: 3), Count(option: "no", value: 1), Count(option: "absent", value: 1),
            Count(option: "yes", group: "Labour", value: 2),
        ]
        #expect(VoteEventCheck.problems(counts: counts, votes: Self.votes).isEmpty)
    }

    @Test func aCountThatDisagreesIsNamedWithBothFigures() {
        let counts = [Count(option: "yes", value: 4), Count(option: "no", group: "Tories", value: 1)]
        #expect(
            VoteEventCheck.problems(counts: counts, votes: Self.votes) == [
                .mismatch(option: "yes", group: nil, stated: 4, counted: 3)
            ]
        )
    }

    @Test func weightedVotesCountByWeightAndCountsWithoutVotesAreRefused() {
        let weighted = [Vote(option: "yes", weight: 3), Vote(option: "no", weight: 2), Vote(option: "no", weight: 0)]
        #expect(
            VoteEventCheck.problems(
                counts: [Count(option: "yes", value: 3), Count(option: "no", value: 2)],
                votes: weighted
            ) == [.badWeight(option: "no")]
        )
        #expect(VoteEventCheck.problems(counts: [Count(option: "yes", value: 3)], votes: []) == [.countsWithoutVotes])
        #expect(VoteEventCheck.problems(counts: [], votes: []).isEmpty)
    }
}
