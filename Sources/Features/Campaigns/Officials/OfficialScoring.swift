import FreshgroundCore

/// How the official's votes are scored, through Core's `Accountability`: each vote under the newest criteria the
/// group published on a day before it (older votes are listed unscored), an absence or abstention left out when
/// those criteria say so and otherwise counted as disagreement.
extension OfficialRecord {
    /// What a linked vote came to.
    enum Verdict: Equatable {
        /// The group took no position on it.
        case notLinked
        /// Cast before any criteria were published.
        case unscored
        /// An absence or abstention the criteria leave out.
        case leftOut
        case agrees
        case disagrees
    }

    /// The scorecard over the votes the group took a position on, and what was not counted.
    struct Summary {
        let card: Accountability.Scorecard
        /// Linked votes cast before any criteria were published.
        let unscored: Int
        /// Absences and abstentions the criteria left out.
        let leftOut: Int
        /// The criteria versions the scored votes fell under.
        let versions: [Int]
    }

    /// The criteria `vote` is scored under: the newest version published on a day before the vote's.
    func criteria(for vote: some ScoredVote) -> OfficialCriteria? {
        criteria.filter { $0.publishedOn < vote.votedOn }.max { $0.version < $1.version }
    }

    /// The vote as counted under `criteria` when `asked` was asked of it; nil when the criteria leave it out.
    static func counted(
        _ vote: some ScoredVote,
        asked: Accountability.Position,
        under criteria: OfficialCriteria
    ) -> Accountability.LinkedVote? {
        if vote.voted == .absent && criteria.absences == "leave-out" { return nil }
        if vote.voted == .abstain && criteria.abstentions == "leave-out" { return nil }
        return Accountability.LinkedVote(asked: asked, voted: vote.voted)
    }

    func verdict(_ vote: OfficialVote) -> Verdict {
        guard let asked = vote.asked else { return .notLinked }
        guard let criteria = criteria(for: vote) else { return .unscored }
        guard let linked = Self.counted(vote, asked: asked, under: criteria) else { return .leftOut }
        return Accountability.scorecard([linked], absences: .against).agreed == 1 ? .agrees : .disagrees
    }

    var summary: Summary {
        var linked: [Accountability.LinkedVote] = []
        var unscored = 0
        var leftOut = 0
        var versions: Set<Int> = []
        for vote in scoring {
            guard let asked = vote.asked else { continue }
            guard let criteria = criteria(for: vote) else {
                unscored += vote.n
                continue
            }
            versions.insert(criteria.version)
            if let counted = Self.counted(vote, asked: asked, under: criteria) {
                linked.append(contentsOf: repeatElement(counted, count: vote.n))
            } else {
                leftOut += vote.n
            }
        }
        // Absences the criteria count are already in `linked`; those they leave out were dropped above.
        return Summary(
            card: Accountability.scorecard(linked, absences: .against),
            unscored: unscored,
            leftOut: leftOut,
            versions: versions.sorted()
        )
    }

    /// Whether the term is over (the day after its last day has come).
    var termEnded: Bool { today > official.termEndsOn }

    /// Where the pledge on `topic` stands, with the votes that tested it so far: each vote linked to the topic,
    /// scored under its criteria against the version of the pledge in force on its day (one answered on that day
    /// or before); votes before the pledge was made, before any criteria, or on a pledge taking no side, do not
    /// test it.
    func status(of topic: String) -> (status: Accountability.PledgeStatus, card: Accountability.Scorecard) {
        let versions = pledges.filter { $0.topic == topic }
        var linked: [Accountability.LinkedVote] = []
        for vote in scoring where vote.pledgeTopic == topic {
            guard let criteria = criteria(for: vote),
                let pledge = versions.filter({ $0.answeredOn <= vote.votedOn }).max(by: { $0.version < $1.version }),
                let asked = pledge.asked,
                let counted = Self.counted(vote, asked: asked, under: criteria)
            else { continue }
            linked.append(contentsOf: repeatElement(counted, count: vote.n))
        }
        return (
            Accountability.pledgeStatus(linked, termEnded: termEnded, absences: .against),
            Accountability.scorecard(linked, absences: .against)
        )
    }
}

/// A vote as the scoring reads it: its day, how the official voted, what the group asked and the pledge it tests.
protocol ScoredVote {
    var votedOn: String { get }
    /// `yes`, `no`, `abstain` or `absent`.
    var option: String { get }
    /// `support`, `oppose` or `none`.
    var position: String { get }
    var pledgeTopic: String? { get }
}

extension ScoredVote {
    var voted: Accountability.Position { Accountability.Position(rawValue: option) ?? .absent }

    /// What the group asked of the official on this vote; nil when it took no position.
    var asked: Accountability.Position? {
        switch position {
        case "support": .yes
        case "oppose": .no
        default: nil
        }
    }
}

extension OfficialVote: ScoredVote {}

/// The votes the scorecard and the pledge statuses need, counted in one grouped read: those the group took a
/// position on or linked to a pledge, by day, option, position and pledge, with how many of each.
struct ScoringRow: Sendable, Decodable, ScoredVote {
    let votedOn: String
    let option: String
    let position: String
    let pledgeTopic: String?
    let n: Int
}
