/// How large a majority a motion (or an election candidate) needs.
public enum MajorityKind: String, CaseIterable, Codable, Sendable {
    /// More than half of the chosen base.
    case simple
    /// More than half of everyone entitled to vote, whatever base was chosen.
    case absolute
    /// At least two-thirds of the chosen base (exactly two-thirds passes).
    case twoThirds = "two-thirds"
    /// At least three-quarters of the chosen base (exactly three-quarters passes).
    case threeQuarters = "three-quarters"
}

/// What a majority is counted against.
public enum MajorityBase: String, CaseIterable, Codable, Sendable {
    /// Every ballot cast, abstentions included.
    case cast
    /// Every valid ballot, abstentions included. Only valid ballots are ever stored (a ballot is checked before it is
    /// taken), so this is the same number as `cast`; it is offered because rules of procedure name it.
    case valid
    /// The yes and no votes only: abstentions are left out.
    case yesNo = "yes-no"
    /// Everyone entitled to vote, whether they voted or not.
    case entitled
}

/// A majority rule stated before voting: its kind and its base.
///
/// `simple` is more than half of the chosen base. `absolute` is more than half of *all those entitled to vote*: the
/// base is ignored (the summary says so), and a motion fails if too few of the entitled voted yes, however few voted
/// no. Two-thirds and three-quarters are "at least", so exactly two-thirds passes. Under "more than half" a tie fails.
public struct MajorityRule: Equatable, Codable, Sendable {
    public var kind: MajorityKind
    public var base: MajorityBase

    public init(kind: MajorityKind = .simple, base: MajorityBase = .yesNo) {
        self.kind = kind
        self.base = base
    }

    /// The rule in plain words, e.g. "at least two-thirds of the yes and no votes".
    public var summary: String {
        switch kind {
        case .simple: "more than half of " + Self.phrase(base)
        case .absolute: "more than half of all those entitled to vote (an absolute majority, whoever voted)"
        case .twoThirds: "at least two-thirds of " + Self.phrase(base)
        case .threeQuarters: "at least three-quarters of " + Self.phrase(base)
        }
    }

    /// What is needed, as the outcome says it: "more than half", "at least two-thirds".
    public var needed: String {
        switch kind {
        case .simple, .absolute: "more than half"
        case .twoThirds: "at least two-thirds"
        case .threeQuarters: "at least three-quarters"
        }
    }

    /// The base actually counted against: all entitled for an absolute majority, else the chosen base.
    public var effectiveBase: MajorityBase { kind == .absolute ? .entitled : base }

    static func phrase(_ base: MajorityBase) -> String {
        switch base {
        case .cast: "the votes cast (abstentions count)"
        case .valid: "the valid votes (abstentions count)"
        case .yesNo: "the yes and no votes"
        case .entitled: "all those entitled to vote"
        }
    }

    /// Whether `yes` votes make the majority of `base` votes, in whole numbers; a base of 0 never passes.
    public func passes(yes: Int, base: Int) -> Bool {
        guard base > 0, yes > 0 else { return false }
        switch kind {
        case .simple, .absolute: return yes * 2 > base
        case .twoThirds: return yes * 3 >= base * 2
        case .threeQuarters: return yes * 4 >= base * 3
        }
    }

    /// The number counted against for this rule: ballots cast (abstentions included), yes plus no, or the entitled.
    public func base(yes: Int, no: Int, cast: Int, entitled: Int) -> Int {
        switch effectiveBase {
        case .cast, .valid: cast
        case .yesNo: yes + no
        case .entitled: entitled
        }
    }

    /// How the base is named in an outcome: "10 yes and no votes", "30 entitled to vote".
    func baseNoun(_ count: Int) -> String {
        switch effectiveBase {
        case .cast: "\(count) \(count == 1 ? "vote" : "votes") cast"
        case .valid: "\(count) valid \(count == 1 ? "vote" : "votes")"
        case .yesNo: "\(count) yes and no \(count == 1 ? "vote" : "votes")"
        case .entitled: "\(count) entitled to vote"
        }
    }
}

/// How many must take part for a decision to count: a number of voters, a share of those entitled, both or neither.
public struct QuorumRule: Equatable, Codable, Sendable {
    /// At least this many voters (ballots, weights counted); 0 = no such minimum.
    public var minimumVoters: Int
    /// At least this percentage of those entitled; 0 = no such minimum. Met when voters × 100 ≥ percent × entitled.
    public var percentOfEntitled: Int

    public init(minimumVoters: Int = 0, percentOfEntitled: Int = 0) {
        self.minimumVoters = minimumVoters
        self.percentOfEntitled = percentOfEntitled
    }

    public var isNone: Bool { minimumVoters <= 0 && percentOfEntitled <= 0 }

    /// Whether `voters` of `entitled` make the quorum; exactly the minimum is enough.
    public func met(voters: Int, entitled: Int) -> Bool {
        (minimumVoters <= 0 || voters >= minimumVoters)
            && (percentOfEntitled <= 0 || voters * 100 >= percentOfEntitled * entitled)
    }

    /// The rule in plain words: "no quorum", "at least 10 voters and 50% of those entitled".
    public var summary: String {
        if isNone { return "no quorum" }
        return "at least " + parts(entitled: nil)
    }

    /// "10 voters", "50% of those entitled" (or "of the 30 entitled"), or both joined by "and".
    func parts(entitled: Int?) -> String {
        var parts: [String] = []
        if minimumVoters > 0 { parts.append("\(minimumVoters) \(minimumVoters == 1 ? "voter" : "voters")") }
        if percentOfEntitled > 0 {
            parts.append(
                "\(percentOfEntitled)% of " + (entitled.map { "the \($0) entitled" } ?? "those entitled")
            )
        }
        return parts.joined(separator: " and ")
    }
}
