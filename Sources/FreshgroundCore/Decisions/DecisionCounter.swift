/// The result of counting a decision, and which rule decided it.
public struct DecisionOutcome: Equatable, Sendable {
    /// Ballots counted, weights counted (a ballot of weight 3 is three voters).
    public var voters: Int
    public var entitled: Int
    public var quorumMet: Bool
    /// Consent and motion: whether it passed (false when the quorum was not met). Other kinds: nil.
    public var passed: Bool?
    /// Option indices chosen, best first (every kind but consent and motion); empty if the quorum was not met.
    public var winners: [Int]
    /// The counts, weights counted. Consent: one row `[agree, stand aside, abstain, disagree, block]`. Motion: one row
    /// `[yes, no, abstain]`. Per option: approval `[chosen, not chosen]`; score `[total, then how many gave 0, 1, …,
    /// scoreMax]`; dots `[dots, voters who gave it any]`; ranked and Schulze `[ranked 1st, 2nd, …, nth]`; meeting
    /// time `[yes, if need be, no]`; election `[yes, no, abstain]`. Counted even when the quorum was not met.
    public var totals: [[Int]]
    /// Which rule decided, in plain words: "Passed: 7 yes of 10 yes and no votes; at least two-thirds needed."
    public var explanation: String
    /// Ranked: the count, stage by stage.
    public var count: CountResult?
    /// Schulze: the ranking, its pairwise counts and strongest paths.
    public var schulze: SchulzeResult?
    /// Ties settled by lot. Outside ranked counts (whose lots come from `count`) there is one stage, `afterStage` 0.
    public var lots: [CountResult.Lot]

    public init(
        voters: Int,
        entitled: Int,
        quorumMet: Bool,
        passed: Bool? = nil,
        winners: [Int] = [],
        totals: [[Int]] = [],
        explanation: String = "",
        count: CountResult? = nil,
        schulze: SchulzeResult? = nil,
        lots: [CountResult.Lot] = []
    ) {
        self.voters = voters
        self.entitled = entitled
        self.quorumMet = quorumMet
        self.passed = passed
        self.winners = winners
        self.totals = totals
        self.explanation = explanation
        self.count = count
        self.schulze = schulze
        self.lots = lots
    }
}

/// Counts any kind of decision by the rules its spec states. Pure: the same spec, ballots (in any order) and lot give
/// the same outcome.
public enum DecisionCounter {
    /// Counts `ballots` (each counted `weight` times) of `entitled` voters. Ballots that do not fit the spec are left
    /// out; none should reach the count, since `DecisionSpec.check` refuses them when cast, so ballots cast and valid
    /// ballots are the same number. `lot` settles ties no rule breaks (given the tied option indices, ascending); each
    /// draw is recorded in `lots`.
    public static func count(
        _ spec: DecisionSpec,
        ballots: [DecisionBallot],
        entitled: Int,
        lot: @escaping LotChooser = { $0[0] }
    ) -> DecisionOutcome {
        let valid = ballots.filter { spec.check($0) == nil }
        let voters = valid.reduce(0) { $0 + $1.weight }
        var outcome = DecisionOutcome(
            voters: voters,
            entitled: entitled,
            quorumMet: spec.quorum.met(voters: voters, entitled: entitled),
            totals: tally(spec, valid)
        )
        guard outcome.quorumMet else {
            if !spec.kind.hasOptions { outcome.passed = false }
            outcome.explanation =
                "Not decided: quorum of \(spec.quorum.parts(entitled: entitled)) not met (\(voters) voted)."
            return outcome
        }
        if spec.kind.isRanked, voters == 0 {
            outcome.explanation = "Not decided: nobody voted."
            return outcome
        }
        switch spec.kind {
        case .consent: decideConsent(&outcome)
        case .motion: decideMotion(spec, &outcome)
        case .approval, .score, .dots, .meetingTime: decideByTotals(spec, &outcome, lot: lot)
        case .election: decideElection(spec, &outcome, lot: lot)
        case .ranked: decideRanked(spec, valid, &outcome, lot: lot)
        case .schulze: decideSchulze(spec, valid, &outcome, lot: lot)
        }
        return outcome
    }

    /// Ranked and Schulze ballots as a BLT ballot file, for export and for the count. Identical rankings are merged
    /// (weights added) and sorted, so the file says nothing of the order ballots arrived in.
    public static func ballotFile(_ spec: DecisionSpec, ballots: [DecisionBallot]) -> BallotFile {
        var weights: [[Int]: Int] = [:]
        for ballot in ballots where ballot.marks.count == spec.options.count {
            let ranking = ballot.marks.indices.filter { ballot.marks[$0] > 0 }.sorted {
                ballot.marks[$0] < ballot.marks[$1]
            }
            weights[ranking, default: 0] += ballot.weight
        }
        let rankings = weights.keys.sorted { $0.lexicographicallyPrecedes($1) }
        return BallotFile(
            candidates: spec.options,
            seats: spec.seats,
            ballots: rankings.map { BallotFile.Ballot(weight: weights[$0]!, ranking: $0) }
        )
    }

    /// The counts per mark, as `DecisionOutcome.totals` documents them.
    static func tally(_ spec: DecisionSpec, _ ballots: [DecisionBallot]) -> [[Int]] {
        func rows(width: Int, column: (Int) -> Int?) -> [[Int]] {
            var rows = Array(repeating: Array(repeating: 0, count: width), count: spec.options.count)
            for ballot in ballots {
                for (option, mark) in ballot.marks.enumerated() {
                    if let index = column(mark) { rows[option][index] += ballot.weight }
                }
            }
            return rows
        }
        switch spec.kind {
        case .consent:
            var row = Array(repeating: 0, count: ConsentPosition.allCases.count)
            for ballot in ballots {
                row[ConsentPosition.allCases.firstIndex { $0.rawValue == ballot.marks[0] }!] += ballot.weight
            }
            return [row]
        case .motion:
            var row = Array(repeating: 0, count: MotionChoice.allCases.count)
            for ballot in ballots {
                row[MotionChoice.allCases.firstIndex { $0.rawValue == ballot.marks[0] }!] += ballot.weight
            }
            return [row]
        case .approval:
            return rows(width: 2) { 1 - $0 }
        case .score:
            let top = max(spec.scoreMax, 0)
            var totals = rows(width: top + 2) { $0 + 1 }
            for option in totals.indices {
                totals[option][0] = (0...top).reduce(0) { $0 + $1 * totals[option][$1 + 1] }
            }
            return totals
        case .dots:
            var totals = rows(width: 2) { $0 > 0 ? 1 : nil }
            for ballot in ballots {
                for (option, mark) in ballot.marks.enumerated() { totals[option][0] += mark * ballot.weight }
            }
            return totals
        case .ranked, .schulze:
            return rows(width: spec.options.count) { $0 > 0 ? $0 - 1 : nil }
        case .meetingTime:
            return rows(width: 3) { 2 - $0 }
        case .election:
            return rows(width: 3) { [1: 0, -1: 1, 0: 2][$0] }
        }
    }

    /// Consent passes when somebody voted and nobody blocked; standing aside and disagreeing are recorded only.
    static func decideConsent(_ outcome: inout DecisionOutcome) {
        let row = outcome.totals[0]
        let blocks = row[4]
        outcome.passed = blocks == 0 && outcome.voters > 0
        if outcome.voters == 0 {
            outcome.explanation = "Not passed: nobody took part."
        } else if blocks > 0 {
            outcome.explanation = "Blocked by \(blocks)."
        } else {
            outcome.explanation =
                "Passed: no block (\(row[0]) agree, \(row[1]) stand aside, \(row[3]) disagree, \(row[2]) abstain)."
        }
    }

    /// A motion passes when its yes votes make the majority of the rule's base.
    static func decideMotion(_ spec: DecisionSpec, _ outcome: inout DecisionOutcome) {
        let row = outcome.totals[0]
        let rule = spec.majority
        let base = rule.base(yes: row[0], no: row[1], cast: outcome.voters, entitled: outcome.entitled)
        let passed = rule.passes(yes: row[0], base: base)
        outcome.passed = passed
        outcome.explanation =
            (passed ? "Passed: " : "Not passed: ") + "\(row[0]) yes of \(rule.baseNoun(base)); \(rule.needed) needed."
    }

    /// Names joined as a sentence says them: "A", "A and B", "A, B and C".
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
