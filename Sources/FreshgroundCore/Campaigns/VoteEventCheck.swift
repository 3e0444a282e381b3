/// The check of an imported record of a vote (a Popolo or Open Civic Data `vote_event`): the counts it states must
/// agree with its individual votes, option by option (and group by group where counts are given per group), or the
/// record is refused rather than trusted.
public enum VoteEventCheck {
    /// A stated count: how many voted `option` (in `group`, when the count is per group).
    public struct Count: Sendable, Equatable {
        public var option: String
        public var group: String?
        public var value: Int

        public init(option: String, group: String? = nil, value: Int) {
            self.option = option
            self.group = group
            self.value = value
        }
    }

    /// One person's vote, with its weight (1 unless the record says otherwise) and group.
    public struct Vote: Sendable, Equatable {
        public var option: String
        public var weight: Int
        public var group: String?

        public init(option: String, weight: Int = 1, group: String? = nil) {
            self.option = option
            self.weight = weight
            self.group = group
        }
    }

    public enum Problem: Sendable, Equatable {
        /// The record states counts but lists no individual votes, so the counts cannot be checked.
        case countsWithoutVotes
        /// A stated count differs from the sum of the votes' weights for its option (and group).
        case mismatch(option: String, group: String?, stated: Int, counted: Int)
        /// A vote's weight is not a whole number above zero.
        case badWeight(option: String)
    }

    /// What is wrong with the record; empty when its counts agree with its votes.
    public static func problems(counts: [Count], votes: [Vote]) -> [Problem] {
        if !counts.isEmpty && votes.isEmpty { return [.countsWithoutVotes] }
        var problems: [Problem] = votes.filter { $0.weight <= 0 }.map { .badWeight(option: $0.option) }
        for count in counts {
            let counted = votes.filter { vote in
                vote.option == count.option && (count.group == nil || vote.group == count.group)
            }.reduce(0) { $0 + max($1.weight, 0) }
            if counted != count.value {
                problems.append(
                    .mismatch(option: count.option, group: count.group, stated: count.value, counted: counted)
                )
            }
        }
        return problems
    }
}
