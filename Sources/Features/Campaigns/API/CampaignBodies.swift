import Foundation
import FreshgroundWeb
import Groups

/// A campaign in a list, as the `CampaignItem` schema.
struct CampaignItemBody: Encodable, Sendable {
    let id: Int
    let title: String
    let visibility: String
    let lead: GroupRef
    /// Groups taking part now (the lead and those that accepted), whoever may see them.
    let groups: Int

    init(_ card: CampaignCard) {
        id = card.id
        title = card.title
        visibility = card.isPublic ? "public" : "private"
        lead = GroupRef(slug: card.leadSlug, name: card.leadName)
        groups = card.groups
    }
}

/// One version of a group's statement, as the `CampaignStatement` schema: the author only for the group's own
/// members, as `CampaignQueries` reads it.
struct StatementBody: Encodable, Sendable {
    let version: Int
    let position: String
    let reservations: String
    let slogans: String
    let createdAt: Date
    @Nullable var author: String?

    init(_ statement: Statement) {
        version = statement.version
        position = statement.position
        reservations = statement.reservations
        slogans = statement.slogans
        createdAt = statement.createdAt
        author = statement.author
    }
}

/// A group asked to a campaign, as the campaign's page shows it to the caller: a group the caller may not see is
/// "a private group", without its address, dates, note or statement.
struct ParticipantBody: Encodable, Sendable {
    @Nullable var slug: String?
    let name: String
    let status: ParticipantStatus
    @Nullable var decidedAt: Date?
    @Nullable var withdrawnAt: Date?
    let withdrawalNote: String
    @Nullable var statement: StatementBody?

    init(_ participant: Participant, statement: Statement?) {
        let shown = participant.isShown
        slug = shown ? participant.slug : nil
        name = participant.name
        status = participant.status
        decidedAt = shown ? participant.decidedAt : nil
        withdrawnAt = shown ? participant.withdrawnAt : nil
        withdrawalNote = shown ? participant.withdrawalNote : ""
        self.statement = shown ? statement.map(StatementBody.init) : nil
    }
}

/// A campaign as its page shows it to the caller, as the `Campaign` schema.
struct CampaignBody: Encodable, Sendable {
    let id: Int
    let title: String
    let summary: String
    let visibility: String
    let adoption: Adoption
    let lead: GroupRef
    let createdAt: Date
    let updatedAt: Date
    /// The caller organizes the lead group: may change the campaign and invite groups.
    let canManage: Bool
    let participants: [ParticipantBody]

    init(_ view: CampaignView) {
        let campaign = view.campaign
        id = campaign.id
        title = campaign.title
        summary = campaign.summary
        visibility = campaign.isPublic ? "public" : "private"
        adoption = campaign.adoption
        lead = campaign.lead
        createdAt = campaign.createdAt
        updatedAt = campaign.updatedAt
        canManage = view.manages
        // As the page: groups taking part and those that withdrew to everyone who sees the campaign; invitations
        // and refusals only to the lead's organizers and to those who answer for the group asked.
        participants = view.participants.filter { participant in
            participant.status.takesPart || participant.status == .withdrawn || view.manages
                || view.answersFor(participant)
        }.map { ParticipantBody($0, statement: view.statements[$0.groupID]) }
    }
}

/// Every version of one group's statement, newest first.
struct StatementHistoryBody: Encodable, Sendable {
    let group: GroupRef
    let items: [StatementBody]
}

/// The campaign form's fields. Left out (or null): the form's default for a new campaign, the campaign's value
/// for a change.
struct CampaignInputBody: Decodable, Sendable {
    var title: String?
    var summary: String?
    var visibility: String?
    var adoption: Adoption?

    func input(over base: CampaignInput) -> CampaignInput {
        var input = base
        input.title = title ?? input.title
        input.summary = summary ?? input.summary
        input.isPublic = visibility.map { $0 != "private" } ?? input.isPublic
        input.adoption = adoption ?? input.adoption
        return input
    }
}

/// The group to invite, by its slug.
struct InvitationBody: Decodable, Sendable {
    var group: String?
}

/// An invited group's answer.
struct AnswerBody: Decodable, Sendable {
    var answer: String?

    /// True for accept, false for decline; a refusal naming the field otherwise.
    func accepted() throws -> Bool {
        guard let answer, answer == "accept" || answer == "decline" else {
            throw AppError.validation(["answer": "Answer accept or decline."])
        }
        return answer == "accept"
    }
}

/// A group's note on withdrawing.
struct WithdrawalBody: Decodable, Sendable {
    var note: String?
}

/// A new version of a group's statement, from the version the writer started from.
struct StatementInputBody: Decodable, Sendable {
    var position: String?
    var reservations: String?
    var slogans: String?
    var baseVersion: Int?

    var input: StatementInput {
        var input = StatementInput()
        input.position = position ?? ""
        input.reservations = reservations ?? ""
        input.slogans = slogans ?? ""
        input.baseVersion = baseVersion ?? 0
        return input
    }
}
