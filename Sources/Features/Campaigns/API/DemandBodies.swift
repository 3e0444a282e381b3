import Foundation
import FreshgroundWeb
import Groups

/// One version of the joint demands, as the `CampaignDemandVersion` schema: the vote's decision only for those the
/// Decisions feature lets see it, as the page links it.
struct DemandVersionBody: Encodable, Sendable {
    let version: Int
    let text: String
    let status: String
    @Nullable var decision: Int?
    @Nullable var voteOpenedAt: Date?
    let createdAt: Date

    init(_ version: DemandVersion, board: DemandBoard) {
        self.version = version.version
        text = version.text
        status =
            switch version.state {
            case .draft: "draft"
            case .voting: "voting"
            case .adopted: "adopted"
            case .notAdopted: "not-adopted"
            }
        decision = board.decisionLink(version)
        voteOpenedAt = version.voteOpenedAt
        createdAt = version.createdAt
    }
}

/// A campaign's joint demands, as the `CampaignDemands` schema.
struct DemandsBody: Encodable, Sendable {
    /// The caller organizes the lead group: may write a version and put it to the vote.
    let canManage: Bool
    /// The newest adopted version's number, the campaign's joint demands now.
    @Nullable var adopted: Int?
    /// True while a version is being voted on.
    let voting: Bool
    let items: [DemandVersionBody]

    init(_ board: DemandBoard, canManage: Bool) {
        self.canManage = canManage
        adopted = board.adopted?.version
        voting = board.voting
        items = board.versions.map { DemandVersionBody($0, board: board) }
    }
}

/// A new version of the joint demands, from the version the writer started from.
struct DemandInputBody: Decodable, Sendable {
    var text: String?
    var baseVersion: Int?
}

/// When the groups' vote on a version closes.
struct DemandVoteBody: Decodable, Sendable {
    var closesAt: String?
}

/// A campaign action, as the `CampaignAction` schema; only actions the caller may see are ever shown, so the group
/// is always named.
struct ActionBody: Encodable, Sendable {
    let id: Int
    let kind: ActionKind
    let group: GroupRef
    @Nullable var event: Int?
    @Nullable var post: Int?
    @Nullable var postKind: String?
    let title: String
    @Nullable var startsAt: Date?
    @Nullable var timeZone: String?

    init(_ action: CampaignAction) {
        id = action.id
        kind = action.kind
        group = GroupRef(slug: action.groupSlug, name: action.groupName)
        event = action.eventID
        post = action.postID
        postKind = action.postKind
        title = action.title
        startsAt = action.startsAt
        timeZone = action.timeZone
    }
}

/// What a group contributed, as the `CampaignContribution` schema.
struct ContributionBody: Encodable, Sendable {
    let group: GroupRef
    let events: Int
    let posts: Int
    let petitions: Int
    let signatures: Int
}

/// A campaign's actions, as the `CampaignActions` schema.
struct ActionsBody: Encodable, Sendable {
    let items: [ActionBody]
    let contributions: [ContributionBody]

    init(_ board: ActionBoard) {
        items = board.actions.map(ActionBody.init)
        contributions = board.contributions.map {
            ContributionBody(
                group: GroupRef(slug: $0.groupSlug, name: $0.groupName),
                events: $0.events,
                posts: $0.posts,
                petitions: $0.petitions,
                signatures: $0.signatures
            )
        }
    }
}

/// The group an action is linked for, and one of its events or one of its posts.
struct ActionInputBody: Decodable, Sendable {
    var group: String?
    var event: Int?
    var post: Int?

    /// The group's slug, the kind and the item; a refusal naming the fields at fault otherwise.
    func checked() throws -> (String, ActionKind, Int) {
        var errors: [String: String] = [:]
        let group = group ?? ""
        if group.isEmpty { errors["group"] = "Name the group the action is linked for, by its slug." }
        let item: (ActionKind, Int)? =
            switch (event, post) {
            case (let event?, nil): (.event, event)
            case (nil, let post?): (.post, post)
            default: nil
            }
        if item == nil { errors["event"] = "Give one of the group's events or one of its posts, not both." }
        guard errors.isEmpty, let item else { throw AppError.validation(errors) }
        return (group, item.0, item.1)
    }
}
