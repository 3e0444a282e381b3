/// The kinds of decision the engine counts; any group, conference or coalition may use any of them.
public enum DecisionKind: String, CaseIterable, Codable, Sendable {
    /// Agree, stand aside, abstain, disagree or block; passes when nobody blocks.
    case consent
    /// Yes, no or abstain; passes by the majority rule.
    case motion
    /// Choose one or several of the options (between `minChoices` and `maxChoices`).
    case approval
    /// Give every option a score from 0 to `scoreMax`.
    case score
    /// Spread up to `dots` dots over the options.
    case dots
    /// Rank the options; counted by `rankedRule` (Scottish STV, Meek STV, or IRV).
    case ranked
    /// Rank the options; a Schulze (Condorcet) ranking.
    case schulze
    /// For each time slot: yes, if need be, or no.
    case meetingTime = "meeting-time"
    /// Yes, no or abstain on each candidate of a list; each needs the majority rule.
    case election

    /// Whether the options are the things voted on (everything but consent and motion).
    public var hasOptions: Bool { self != .consent && self != .motion }

    /// Whether voters rank the options.
    public var isRanked: Bool { self == .ranked || self == .schulze }
}

/// How ranked ballots are counted.
public enum RankedRule: String, CaseIterable, Codable, Sendable {
    /// Scottish STV (SSI 2007/42, rules 45–52).
    case scottishSTV = "scottish-stv"
    /// Meek STV.
    case meek
    /// Instant-runoff voting: Scottish STV for one seat.
    case irv
}

/// What is decided and by which rules, stated before anyone votes.
public struct DecisionSpec: Equatable, Codable, Sendable {
    public var kind: DecisionKind
    /// Consent and motion: may be empty (unused). Every other kind: the choices (options, candidates, time slots).
    public var options: [String]
    /// How many winners (ranked, Schulze, election, approval, score, dots, meeting time); 1 by default.
    public var seats: Int
    /// Approval: how many options a voter must choose at least (0 = a blank ballot is allowed).
    public var minChoices: Int
    /// Approval: how many options a voter may choose at most; 0 = as many as there are. 1 and 1 = choose one.
    public var maxChoices: Int
    /// Score: each option gets 0…scoreMax.
    public var scoreMax: Int
    /// Dots: how many dots a voter may spread over the options in all.
    public var dots: Int
    public var rankedRule: RankedRule
    /// Motion and election: the majority needed and its base.
    public var majority: MajorityRule
    public var quorum: QuorumRule

    public init(
        kind: DecisionKind,
        options: [String] = [],
        seats: Int = 1,
        minChoices: Int = 0,
        maxChoices: Int = 0,
        scoreMax: Int = 5,
        dots: Int = 10,
        rankedRule: RankedRule = .scottishSTV,
        majority: MajorityRule = MajorityRule(),
        quorum: QuorumRule = QuorumRule()
    ) {
        self.kind = kind
        self.options = options
        self.seats = seats
        self.minChoices = minChoices
        self.maxChoices = maxChoices
        self.scoreMax = scoreMax
        self.dots = dots
        self.rankedRule = rankedRule
        self.majority = majority
        self.quorum = quorum
    }

    /// The most options an approval ballot may choose.
    public var choiceLimit: Int { maxChoices > 0 ? maxChoices : options.count }

    /// What is wrong with the spec, by field name (the property's name); empty when it can be used.
    public func validate() -> [String: String] {
        var problems: [String: String] = [:]
        if kind.hasOptions {
            let least = kind == .meetingTime || kind == .election ? 1 : 2
            let names = options.map { $0.trimmingBlanks }
            if names.contains(where: \.isEmpty) {
                problems["options"] = "Every choice needs a name."
            } else if Set(names).count != names.count {
                problems["options"] = "Give each choice only once."
            } else if names.count < least {
                problems["options"] =
                    least == 1 ? "Give at least one \(noun)." : "Give at least two \(noun)s."
            }
        }
        if kind.hasOptions, seats < 1 {
            problems["seats"] = "At least one must be chosen."
        } else if kind == .ranked, seats >= options.count, options.count >= 2 {
            problems["seats"] = "There must be fewer seats than candidates."
        } else if kind == .ranked, rankedRule == .irv, seats != 1 {
            problems["seats"] = "Instant-runoff fills one seat; choose Scottish STV or Meek STV for more."
        } else if kind.hasOptions, seats > options.count, !options.isEmpty {
            problems["seats"] = "There cannot be more winners than \(noun)s."
        }
        if kind == .approval {
            if minChoices < 0 {
                problems["minChoices"] = "The least number to choose cannot be negative."
            } else if minChoices > options.count {
                problems["minChoices"] = "Voters cannot be asked to choose more than there are choices."
            }
            if maxChoices < 0 {
                problems["maxChoices"] = "The most to choose cannot be negative (0 means no limit)."
            } else if maxChoices > options.count {
                problems["maxChoices"] = "Voters cannot choose more than there are choices."
            } else if maxChoices > 0, minChoices > maxChoices {
                problems["maxChoices"] = "The most to choose cannot be less than the least."
            }
        }
        if kind == .score, !(1...1000).contains(scoreMax) {
            problems["scoreMax"] = "The highest score must be from 1 to 1000."
        }
        if kind == .dots, !(1...10_000).contains(dots) {
            problems["dots"] = "Each voter needs from 1 to 10000 dots."
        }
        if quorum.minimumVoters < 0 {
            problems["minimumVoters"] = "The quorum cannot be negative."
        }
        if !(0...100).contains(quorum.percentOfEntitled) {
            problems["percentOfEntitled"] = "The quorum share must be from 0 to 100 percent."
        }
        return problems
    }

    /// What the options are called in messages.
    var noun: String {
        switch kind {
        case .meetingTime: "time"
        case .election, .ranked, .schulze: "candidate"
        default: "choice"
        }
    }
}

extension DecisionSpec {
    /// Whether `ballot` fits this decision: nil if it does, else a plain message for the voter.
    public func check(_ ballot: DecisionBallot) -> String? {
        guard ballot.weight >= 1 else { return "A ballot counts at least once." }
        let marks = ballot.marks
        switch kind {
        case .consent:
            guard marks.count == 1, ConsentPosition(rawValue: marks[0]) != nil else {
                return "Choose agree, stand aside, abstain, disagree or block."
            }
            return nil
        case .motion:
            guard marks.count == 1, MotionChoice(rawValue: marks[0]) != nil else {
                return "Choose yes, no or abstain."
            }
            return nil
        default:
            guard marks.count == options.count else {
                return "The ballot must have a mark for each of the \(options.count) \(noun)s."
            }
        }
        switch kind {
        case .approval:
            guard marks.allSatisfy({ $0 == 0 || $0 == 1 }) else { return "Each choice is chosen or not." }
            let chosen = marks.count { $0 == 1 }
            if minChoices == choiceLimit, chosen != minChoices {
                return minChoices == 1 ? "Choose one." : "Choose exactly \(minChoices)."
            }
            if chosen < minChoices {
                return minChoices == 1 ? "Choose at least one." : "Choose at least \(minChoices)."
            }
            if chosen > choiceLimit { return choiceLimit == 1 ? "Choose only one." : "Choose at most \(choiceLimit)." }
        case .score:
            guard marks.allSatisfy({ $0 >= 0 && $0 <= scoreMax }) else {
                return "Give each choice a score from 0 to \(scoreMax)."
            }
        case .dots:
            guard marks.allSatisfy({ $0 >= 0 }) else { return "A choice cannot get fewer than 0 dots." }
            let spent = marks.reduce(0, +)
            if spent > dots { return "You have \(dots) dots to spread; this ballot spreads \(spent)." }
        case .ranked, .schulze:
            guard marks.allSatisfy({ (0...options.count).contains($0) }) else {
                return "Rank each candidate from 1 to \(options.count), or leave it unranked."
            }
            let ranks = marks.filter { $0 > 0 }.sorted()
            if ranks.isEmpty { return "Rank at least one candidate." }
            if ranks != Array(1...ranks.count) {
                return "Number your choices 1, 2, 3… with no number left out or used twice."
            }
        case .meetingTime:
            guard marks.allSatisfy({ (0...2).contains($0) }) else {
                return "For each time say yes, if need be, or no."
            }
        case .election:
            guard marks.allSatisfy({ (-1...1).contains($0) }) else {
                return "For each candidate vote yes, no or abstain."
            }
        case .consent, .motion:
            break
        }
        return nil
    }
}

extension String {
    /// The text without spaces, tabs and line breaks at either end (FreshgroundCore has no Foundation).
    var trimmingBlanks: String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}
