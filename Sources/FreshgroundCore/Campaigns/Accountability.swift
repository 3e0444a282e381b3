/// How an official's recorded votes compare with what a group asked of them: the scorecard (how often they voted as
/// the group's position) and the status of each pledge they made. Both are computed from votes linked by the group,
/// by criteria the group published before the votes.
public enum Accountability {
    /// A position on a vote: the group's, or how the official voted.
    public enum Position: String, Sendable, Equatable, Codable {
        case yes, no, abstain
        /// The official did not vote.
        case absent
    }

    /// How the group counts an official's absence.
    public enum AbsenceRule: String, Sendable, Equatable, Codable {
        /// An absence is left out of the share.
        case excluded
        /// An absence counts as not voting with the group.
        case against
    }

    /// One vote the group linked to its position (or to a pledge): what the group asked and how the official voted.
    public struct LinkedVote: Sendable, Equatable {
        public var asked: Position
        public var voted: Position

        public init(asked: Position, voted: Position) {
            self.asked = asked
            self.voted = voted
        }
    }

    /// The share of linked votes in agreement.
    public struct Scorecard: Sendable, Equatable {
        public var agreed: Int
        public var disagreed: Int
        public var absent: Int
        /// The votes the share is taken over: all, or those the official attended (`AbsenceRule.excluded`).
        public var counted: Int
        /// `agreed` of `counted` in whole percent, rounded half up; nil when no vote counts.
        public var percent: Int? { counted == 0 ? nil : (agreed * 200 + counted) / (counted * 2) }
    }

    /// The scorecard over `votes`: a vote agrees when the official voted as asked; an absence is counted by `absences`.
    public static func scorecard(_ votes: [LinkedVote], absences: AbsenceRule) -> Scorecard {
        let absent = votes.filter { $0.voted == .absent }.count
        let agreed = votes.filter { $0.voted != .absent && $0.voted == $0.asked }.count
        let present = votes.count - absent
        return Scorecard(
            agreed: agreed,
            disagreed: present - agreed,
            absent: absent,
            counted: absences == .excluded ? present : votes.count
        )
    }

    /// Where a pledge stands.
    public enum PledgeStatus: String, Sendable, Equatable, Codable {
        /// The term has not ended: votes are shown, no verdict yet.
        case pending
        /// Every vote that tested it honoured it.
        case kept
        /// Some votes honoured it, some did not.
        case partlyKept = "partly-kept"
        /// No vote that tested it honoured it.
        case broken
        /// The term ended and no vote tested it.
        case untested
    }

    /// The status of a pledge from the votes linked to it (`asked` is what the pledge commits the official to): pending
    /// until the term ends; then kept, partly kept or broken by how many of the counted votes honoured it, or untested
    /// when none counts (an absence counts only under `AbsenceRule.against`, as not honouring it).
    public static func pledgeStatus(_ votes: [LinkedVote], termEnded: Bool, absences: AbsenceRule) -> PledgeStatus {
        guard termEnded else { return .pending }
        let card = scorecard(votes, absences: absences)
        guard card.counted > 0 else { return .untested }
        if card.agreed == card.counted { return .kept }
        return card.agreed == 0 ? .broken : .partlyKept
    }
}
