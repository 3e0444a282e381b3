/// Votes in whole hundred-thousandths, so a count to 5 decimals is exact integer arithmetic.
public typealias Votes = Int

/// How many `Votes` make one vote.
public let votesPerBallot: Votes = 100_000

/// Formats votes with 5 decimals, as count sheets print them: `19.68180`.
public func formatVotes(_ votes: Votes) -> String {
    let sign = votes < 0 ? "-" : ""
    let whole = abs(votes) / votesPerBallot
    let fraction = String(abs(votes) % votesPerBallot)
    return sign + String(whole) + "." + String(repeating: "0", count: 5 - fraction.count) + fraction
}

/// A count of ranked ballots, stage by stage, as the stage table publishes it.
public struct CountResult: Equatable, Sendable {
    /// What a stage did.
    public enum Action: Equatable, Sendable {
        case firstPreferences
        /// The surplus of this elected candidate went to the next preferences.
        case surplus(Int)
        /// This candidate, lowest, was excluded and their papers went to the next preferences.
        case exclusion(Int)
        /// Meek STV: a round in which the votes were distributed `iterations` times, the keep factors of the
        /// elected lowered after each, until someone passed `quota` (the quota at the end of the round; it falls as
        /// ballots exhaust) or the surplus was too small to change anything.
        case iteration(iterations: Int, quota: Votes)
    }

    /// One stage of the count: the table after it.
    public struct Stage: Equatable, Sendable {
        public var action: Action
        /// Each candidate's votes after this stage.
        public var votes: [Votes]
        /// What each candidate gained (or lost, negative) at this stage.
        public var transfers: [Votes]
        /// Votes on papers with no further preference, all stages so far.
        public var nonTransferable: Votes
        /// Votes lost by truncating transfer values to 5 decimals, all stages so far.
        public var lossFromFractions: Votes
        /// Who was elected at this stage, in order.
        public var elected: [Int]
    }

    /// A tie no rule could break, settled by lot: after which stage (an index into `stages`), among whom, who was
    /// chosen (to be excluded, to have their surplus transferred first, or to be named first among those elected).
    public struct Lot: Equatable, Sendable {
        public var afterStage: Int
        public var among: [Int]
        public var chosen: Int
    }

    public var candidates: [String]
    public var seats: Int
    public var valid: Votes
    public var quota: Votes
    /// Candidates elected, in the order they were elected.
    public var elected: [Int]
    public var stages: [Stage]
    public var lots: [Lot]

    public var electedNames: [String] { elected.map { candidates[$0] } }
}

/// Draws lots among tied candidates: given their numbers (ascending), returns the chosen one. Tests pin it; a real
/// count passes a random draw. The draw is recorded in `CountResult.lots`.
public typealias LotChooser = ([Int]) -> Int
