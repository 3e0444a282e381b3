import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A group as the caller may see it: no address and "a private group" otherwise.
struct ShownGroupBody: Encodable, Sendable {
    @Nullable var slug: String?
    let name: String

    init(_ group: GroupRef) {
        slug = group.slug.isEmpty ? nil : group.slug
        name = group.name
    }
}

/// An official in a group's list, as the `OfficialItem` schema.
struct OfficialItemBody: Encodable, Sendable {
    let id: Int
    let name: String
    let office: String
    let jurisdiction: String
    let termStartsOn: String
    let termEndsOn: String

    init(_ official: Official) {
        id = official.id
        name = official.name
        office = official.office
        jurisdiction = official.jurisdiction
        termStartsOn = official.termStartsOn
        termEndsOn = official.termEndsOn
    }
}

struct OfficialListBody: Encodable, Sendable {
    let group: GroupRef
    let items: [OfficialItemBody]
}

/// One official as their page shows them to the caller, with one page of votes, as the `Official` schema.
struct OfficialBody: Encodable, Sendable {
    let id: Int
    let name: String
    let office: String
    let jurisdiction: String
    let termStartsOn: String
    let termEndsOn: String
    @Nullable var popoloId: String?
    @Nullable var ocdId: String?
    /// Only for the recording group's organizers.
    @Nullable var contactEmail: String?
    let recordedBy: GroupRef
    let endorsedBy: [ShownGroupBody]
    let criteria: [CriteriaBody]
    let scorecard: ScorecardBody
    let pledges: [PledgeTopicBody]
    let votes: ListBody<VoteBody>
    let reviews: [ReviewBody]

    init(_ record: OfficialRecord) {
        let official = record.official
        id = official.id
        name = official.name
        office = official.office
        jurisdiction = official.jurisdiction
        termStartsOn = official.termStartsOn
        termEndsOn = official.termEndsOn
        popoloId = official.popoloId
        ocdId = official.ocdId
        contactEmail = record.manages ? official.contactEmail : nil
        recordedBy = GroupRef(slug: record.group.slug, name: record.group.name)
        endorsedBy = record.endorsers.map { ShownGroupBody($0.group) }
        criteria = record.criteria.map(CriteriaBody.init)
        scorecard = ScorecardBody(record.summary)
        pledges = record.topics.map { PledgeTopicBody(topic: $0.topic, versions: $0.versions, in: record) }
        votes = ListBody(record.votes.map { VoteBody($0, verdict: record.verdict($0)) }, total: record.voteCount)
        reviews = record.reviews.map { ReviewBody($0, official: official.id, today: record.today) }
    }
}

struct CriteriaBody: Encodable, Sendable {
    let version: Int
    let absences: String
    let abstentions: String
    let text: String
    let publishedOn: String

    init(_ criteria: OfficialCriteria) {
        version = criteria.version
        absences = criteria.absences
        abstentions = criteria.abstentions
        text = criteria.text
        publishedOn = criteria.publishedOn
    }
}

struct ScorecardBody: Encodable, Sendable {
    let agreed: Int
    let disagreed: Int
    let absent: Int
    let counted: Int
    @Nullable var percent: Int?
    let leftOut: Int
    let unscored: Int
    let criteriaVersions: [Int]

    init(_ summary: OfficialRecord.Summary) {
        agreed = summary.card.agreed
        disagreed = summary.card.disagreed
        absent = summary.card.absent
        counted = summary.card.counted
        percent = summary.card.percent
        leftOut = summary.leftOut
        unscored = summary.unscored
        criteriaVersions = summary.versions
    }
}

struct PledgeTopicBody: Encodable, Sendable {
    let topic: String
    let status: Accountability.PledgeStatus
    let agreed: Int
    let counted: Int
    let versions: [PledgeBody]

    init(topic: String, versions: [OfficialPledge], in record: OfficialRecord) {
        let (status, card) = record.status(of: topic)
        self.topic = topic
        self.status = status
        agreed = card.agreed
        counted = card.counted
        self.versions = versions.map(PledgeBody.init)
    }
}

struct PledgeBody: Encodable, Sendable {
    let version: Int
    let question: String
    let answer: String
    let stance: String
    let answeredOn: String
    let sourceUrl: String

    init(_ pledge: OfficialPledge) {
        version = pledge.version
        question = pledge.question
        answer = pledge.answer
        stance = pledge.stance
        answeredOn = pledge.answeredOn
        sourceUrl = pledge.sourceUrl
    }
}

struct VoteBody: Encodable, Sendable {
    let id: Int
    let source: String
    let motion: String
    let votedOn: String
    let option: String
    let tally: String
    let result: String
    @Nullable var pledgeTopic: String?
    let position: String
    let scored: String

    init(_ vote: OfficialVote, verdict: OfficialRecord.Verdict) {
        id = vote.id
        source = vote.source
        motion = vote.motion
        votedOn = vote.votedOn
        option = vote.option
        tally = vote.tally
        result = vote.result
        pledgeTopic = vote.pledgeTopic
        position = vote.position
        scored = OfficialPages.verdictLabel(verdict)
    }
}

/// An accountability review, as the `OfficialReview` schema: public wherever the official is.
struct ReviewBody: Encodable, Sendable {
    let id: Int
    let path: String
    let group: ShownGroupBody
    let questions: String
    let replyBy: String
    @Nullable var answer: String?
    @Nullable var answeredAt: Date?
    let state: String
    @Nullable var decision: Int?
    @Nullable var outcome: String?
    let openedAt: Date

    init(_ review: OfficialReview, official: Int, today: String) {
        id = review.id
        path = CampaignPaths.review(official, review.id)
        group = ShownGroupBody(review.group)
        questions = review.questions
        replyBy = review.replyBy
        answer = review.answer
        answeredAt = review.answeredAt
        state = ReviewPages.state(review, today: today)
        decision = review.decisionId
        outcome = review.outcome
        openedAt = review.openedAt
    }
}

struct ReviewListBody: Encodable, Sendable {
    let items: [ReviewBody]
}

struct VoteImportBody: Encodable, Sendable {
    let imported: Int
    let skipped: Int
}

/// What an organizer sends: every field optional, refused by the page's own write as a 422 naming it.
struct OfficialInputBody: Decodable, Sendable {
    var name: String?
    var office: String?
    var jurisdiction: String?
    var termStartsOn: String?
    var termEndsOn: String?
    var popoloId: String?
    var ocdId: String?
    var contactEmail: String?

    var form: FormData {
        FormData([
            ("name", name ?? ""), ("office", office ?? ""), ("jurisdiction", jurisdiction ?? ""),
            ("termStartsOn", termStartsOn ?? ""), ("termEndsOn", termEndsOn ?? ""), ("popoloId", popoloId ?? ""),
            ("ocdId", ocdId ?? ""), ("contactEmail", contactEmail ?? ""),
        ])
    }
}

struct VoteInputBody: Decodable, Sendable {
    var motion: String?
    var votedOn: String?
    var option: String?
    var pledgeTopic: String?
    var position: String?

    var form: FormData {
        FormData([
            ("motion", motion ?? ""), ("votedOn", votedOn ?? ""), ("option", option ?? ""),
            ("voteTopic", pledgeTopic ?? ""), ("position", position ?? "none"),
        ])
    }
}

struct VoteImportInputBody: Decodable, Sendable {
    var format: String?
    var document: String?

    var form: FormData { FormData([("format", format ?? ""), ("document", document ?? "")]) }
}

struct ReviewInputBody: Decodable, Sendable {
    var group: String?
    var questions: String?
    var replyBy: String?

    var form: FormData {
        FormData([("group", group ?? ""), ("questions", questions ?? ""), ("replyBy", replyBy ?? "")])
    }
}
