import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// An official a group endorsed and records: who, which office, where, and the term.
struct Official: Sendable, Decodable {
    let id: Int
    let groupId: Int
    let name: String
    let office: String
    let jurisdiction: String
    let termStartsOn: String
    let termEndsOn: String
    let popoloId: String?
    let ocdId: String?
    /// Where reviews are mailed; shown only to the recording group's organizers.
    let contactEmail: String?

    static let columns =
        "id, group_id, name, office, jurisdiction, term_starts_on, term_ends_on, popolo_id, ocd_id, contact_email"
}

/// One version of an official's answer on a topic of the group's questionnaire.
struct OfficialPledge: Sendable, Decodable {
    let id: Int
    let topic: String
    let version: Int
    let question: String
    let answer: String
    /// `for`, `against` or `none`.
    let stance: String
    let answeredOn: String
    let sourceUrl: String

    /// What the pledge commits the official to vote; nil when it takes no side.
    var asked: Accountability.Position? {
        switch stance {
        case "for": .yes
        case "against": .no
        default: nil
        }
    }
}

/// One version of the group's published criteria for scoring the official's votes.
struct OfficialCriteria: Sendable, Decodable {
    let version: Int
    /// `leave-out` or `disagree`.
    let absences: String
    let abstentions: String
    let text: String
    /// The day (UTC) it was published: it applies to votes on later days.
    let publishedOn: String
}

/// A vote of the official: by hand or imported, with what the group linked it to.
struct OfficialVote: Sendable, Decodable {
    let id: Int
    /// `hand`, `popolo` or `ocd`.
    let source: String
    let motion: String
    let votedOn: String
    /// `yes`, `no`, `abstain` or `absent`.
    let option: String
    /// The event's counts in words ("yes 31, no 12"), empty for a vote entered by hand.
    let tally: String
    let result: String
    let pledgeTopic: String?
    /// `support`, `oppose` or `none`.
    let position: String
}

/// Everything recorded about one official, read for one viewer.
struct OfficialRecord: Sendable {
    let official: Official
    let group: Group
    let standing: Standing
    let pledges: [OfficialPledge]
    let criteria: [OfficialCriteria]
    /// One page of the votes, newest first.
    let votes: Page<OfficialVote>
    /// Every vote, counted for scoring (`ScoringRow`).
    let scoring: [ScoringRow]
    /// How many votes are recorded.
    let voteCount: Int
    /// Today (UTC), `YYYY-MM-DD`.
    let today: String
    /// Every group asked to co-endorse, named for the viewer.
    let endorsements: [OfficialEndorsement]
    /// For the recording group's organizers: the groups they may invite, by name.
    let choices: NamedChoices?
    /// The accountability reviews, newest first.
    let reviews: [OfficialReview]

    var manages: Bool { GroupRules.canManage(standing) }

    /// The groups that accepted to co-endorse.
    var endorsers: [OfficialEndorsement] { endorsements.filter { $0.status == .accepted } }

    /// The endorsing groups the viewer organizes, which may open a review: the recording group, and those that
    /// accepted.
    var reviewers: [GroupRef] {
        (manages ? [GroupRef(slug: group.slug, name: group.name)] : [])
            + endorsers.filter(\.answers).map(\.group)
    }

    /// The invitations the viewer answers: asked groups they organize.
    var asked: [OfficialEndorsement] { endorsements.filter { $0.status == .invited && $0.answers } }

    /// The topics, in the order they were first asked, each with every version, newest first.
    var topics: [(topic: String, versions: [OfficialPledge])] {
        var order: [String] = []
        var byTopic: [String: [OfficialPledge]] = [:]
        for pledge in pledges.sorted(by: { $0.id < $1.id }) {
            if byTopic[pledge.topic] == nil { order.append(pledge.topic) }
            byTopic[pledge.topic, default: []].insert(pledge, at: 0)
        }
        return order.map { ($0, byTopic[$0] ?? []) }
    }
}
