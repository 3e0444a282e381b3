import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A decision in a list, as the API sends it.
struct DecisionItemBody: Encodable, Sendable {
    let id: Int
    let title: String
    let kind: DecisionKind
    let secret: Bool
    let status: DecisionStatus
    let opensAt: Date
    let closesAt: Date
    let group: GroupRef
    /// Whether the caller may still vote on it: in the electorate, not yet voted, and voting is open (as the list
    /// page's "waiting for your vote").
    let awaitsYou: Bool

    init(_ summary: DecisionSummary, now: Date) {
        id = summary.id
        title = summary.title
        kind = summary.kind
        secret = summary.secret
        status = summary.status(at: now)
        opensAt = summary.opensAt
        closesAt = summary.closesAt
        group = GroupRef(slug: summary.groupSlug, name: summary.groupName)
        awaitsYou = summary.awaitsViewer && status == .open
    }
}

/// A decision as its page shows it to the caller: the question, the rules stated before voting, the turnout, where
/// the caller stands and, when they may be seen, the results and who voted what.
struct DecisionBody: Encodable, Sendable {
    let id: Int
    let title: String
    let body: String
    let kind: DecisionKind
    let group: GroupRef
    /// Who votes: the group's members, a list of people, or groups as voting units.
    let electorate: ElectorateKind
    let status: DecisionStatus
    let zone: String
    let opensAt: Date
    let closesAt: Date
    /// When the organizers closed voting early; null otherwise.
    @Nullable var closedAt: Date?
    let rules: RulesBody
    let turnout: TurnoutBody
    let you: YouBody
    @Nullable var results: ResultsBody?
    @Nullable var namedVotes: [NamedVoteBody]?

    init(_ model: DecisionPageModel) {
        let decision = model.decision
        id = decision.id
        title = decision.title
        body = decision.body
        kind = decision.kind
        group = GroupRef(slug: model.group.slug, name: model.group.name)
        electorate = decision.electorate
        status = model.status
        zone = decision.zone
        opensAt = decision.opensAt
        closesAt = decision.closesAt
        closedAt = decision.closedAt
        rules = RulesBody(model.rules, decision)
        turnout = TurnoutBody(
            entitled: model.turnout.entitled,
            voted: DecisionRules.showsTurnout(voted: model.turnout.voted) ? model.turnout.voted : nil
        )
        you = YouBody(
            entitled: model.standing.entitled,
            voted: model.standing.voted,
            canVote: model.canVote,
            units: model.standing.units.map {
                YouBody.Unit(
                    group: GroupRef(slug: $0.slug, name: $0.name),
                    voices: $0.voices,
                    voted: $0.voted,
                    delegate: $0.delegate
                )
            }
        )
        results = model.outcome.map { ResultsBody($0, rules: model.rules, isFinal: model.status == .closed) }
        namedVotes =
            model.outcome != nil && !decision.secret && !model.standing.publicReader
            ? model.named.map(NamedVoteBody.init) : nil
    }
}

/// The rules stated before voting.
struct RulesBody: Encodable, Sendable {
    struct Majority: Encodable, Sendable {
        let kind: MajorityKind
        let base: MajorityBase
        let summary: String
    }

    struct Quorum: Encodable, Sendable {
        let minimumVoters: Int
        let percentOfEntitled: Int
        let summary: String
    }

    let options: [String]
    let seats: Int
    let minChoices: Int
    let maxChoices: Int
    let scoreMax: Int
    let dots: Int
    let rankedRule: RankedRule
    let majority: Majority
    let quorum: Quorum
    let secret: Bool
    let resultsHidden: Bool
    let publicResults: Bool
    let remind: Bool
    let reasons: ReasonRule

    init(_ spec: DecisionSpec, _ decision: Decision) {
        options = spec.options
        seats = spec.seats
        minChoices = spec.minChoices
        maxChoices = spec.maxChoices
        scoreMax = spec.scoreMax
        dots = spec.dots
        rankedRule = spec.rankedRule
        majority = Majority(kind: spec.majority.kind, base: spec.majority.base, summary: spec.majority.summary)
        quorum = Quorum(
            minimumVoters: spec.quorum.minimumVoters,
            percentOfEntitled: spec.quorum.percentOfEntitled,
            summary: spec.quorum.summary
        )
        secret = decision.secret
        resultsHidden = decision.resultsHidden
        publicResults = decision.publicResults
        remind = decision.remind
        reasons = decision.reasons
    }
}

/// How many may vote, and how many have (null until `DecisionRules.turnoutMinimum` have).
struct TurnoutBody: Encodable, Sendable {
    let entitled: Int
    @Nullable var voted: Int?
}

/// Where the caller stands.
struct YouBody: Encodable, Sendable {
    /// A voting unit of the decision the caller is an active member of.
    struct Unit: Encodable, Sendable {
        let group: GroupRef
        let voices: Int
        let voted: Bool
        /// The caller organizes the group, so casts its vote.
        let delegate: Bool
    }

    let entitled: Bool
    let voted: Bool
    let canVote: Bool
    let units: [Unit]
}

/// One voter's vote in an open (named) vote: the marks as `DecisionBallot` documents them, per kind.
struct NamedVoteBody: Encodable, Sendable {
    let handle: String
    let displayName: String
    let vote: [Int]
    let reason: String

    init(_ named: NamedVote) {
        handle = named.handle
        displayName = named.displayName
        vote = DecisionBallot(encoded: named.marks, weight: 1)?.marks ?? []
        reason = named.reason
    }
}

/// The fields the API takes to open a decision: `DecisionInput`'s, each optional with its default, numbers as
/// numbers and the choices as a list.
struct DecisionInputBody: Decodable, Sendable {
    var title: String?
    var body: String?
    var kind: String?
    var options: [String]?
    var seats: Int?
    var minChoices: Int?
    var maxChoices: Int?
    var scoreMax: Int?
    var dots: Int?
    var rankedRule: String?
    var majority: String?
    var base: String?
    var quorumVoters: Int?
    var quorumPercent: Int?
    var secret: Bool?
    var resultsHidden: Bool?
    var publicResults: Bool?
    var remind: Bool?
    var reasons: String?
    var zone: String?
    var opensAt: String?
    var closesAt: String?
    var electorate: String?
    var units: [UnitInput]?

    /// A voting group: its name or address, and its voices.
    struct UnitInput: Decodable, Sendable {
        let group: String
        var voices: Int?
    }

    /// The form's input: what is given, and `DecisionInput`'s default for the rest.
    var input: DecisionInput {
        var input = DecisionInput()
        input.title = title ?? input.title
        input.body = body ?? input.body
        input.kind = kind ?? input.kind
        input.options = options?.joined(separator: "\n") ?? input.options
        input.seats = seats.map(String.init) ?? input.seats
        input.minChoices = minChoices.map(String.init) ?? input.minChoices
        input.maxChoices = maxChoices.map(String.init) ?? input.maxChoices
        input.scoreMax = scoreMax.map(String.init) ?? input.scoreMax
        input.dots = dots.map(String.init) ?? input.dots
        input.rankedRule = rankedRule ?? input.rankedRule
        input.majority = majority ?? input.majority
        input.base = base ?? input.base
        input.quorumVoters = quorumVoters.map(String.init) ?? input.quorumVoters
        input.quorumPercent = quorumPercent.map(String.init) ?? input.quorumPercent
        input.secret = secret ?? input.secret
        input.resultsHidden = resultsHidden ?? input.resultsHidden
        input.publicResults = publicResults ?? input.publicResults
        input.remind = remind ?? input.remind
        input.reasons = reasons ?? input.reasons
        input.zone = zone ?? input.zone
        input.opensAt = opensAt ?? input.opensAt
        input.closesAt = closesAt ?? input.closesAt
        input.electorate = electorate ?? input.electorate
        input.units = units?.map { "\($0.group) = \($0.voices ?? 1)" }.joined(separator: "\n") ?? input.units
        return input
    }
}

/// A vote: a mark per option (or one mark for consent and motion), as `DecisionBallot` documents them.
struct BallotInputBody: Decodable, Sendable {
    let marks: [Int]
    var reason: String?
    /// The voting unit whose vote a delegate casts, by the group's address.
    var unit: String?
}

/// The answer to a vote: the secret ballot's tracker when the decision has a ballot board.
struct BallotReceiptBody: Encodable, Sendable {
    @Nullable var tracker: String?
}
