import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A proposed amendment: `mode` (`replace` or `add`) and its text, as the action page's form takes them.
struct AmendmentInput: Decodable, Sendable {
    var mode: String
    var text: String
}

/// Opening a plenary vote: `kind` (the proposal's own vote only; an amendment's is a motion), secrecy, and the
/// closing time as a local time in the conference's zone.
struct PlenaryVoteRequest: Decodable, Sendable {
    var kind: String?
    var secret: Bool?
    var closesAt: String

    var input: PlenaryVoteInput {
        var input = PlenaryVoteInput()
        input.kind = kind ?? "motion"
        input.secret = secret ?? false
        input.closesAt = closesAt
        return input
    }
}

/// The responsible groups of an adopted action, by slug; empty for none.
struct ResponsibleInput: Decodable, Sendable {
    var groups: [String]
}

/// A dated update on an adopted action.
struct TrackerUpdateInput: Decodable, Sendable {
    var status: String
    var progress: Int
    var text: String
}

/// Giving one's vote to a participant, by handle.
struct ProxyInput: Decodable, Sendable {
    var holder: String
}

/// The vote a holder casts for the participant `for` (a handle): `position` as the action page's proxy form.
struct ProxyBallotInput: Decodable, Sendable {
    var `for`: String
    var position: String
    var reason: String?
}

/// Where a plenary vote stands: `not-put`, `voting` (with its decision, kind and close), `adopted` or
/// `not-adopted` (with the count's explanation), or `gone` (its decision is no longer on the site).
struct PlenaryVoteBody: Encodable, Sendable {
    let status: String
    @Nullable var decision: Int? = nil
    @Nullable var kind: String? = nil
    @Nullable var closesAt: Date? = nil
    @Nullable var explanation: String? = nil

    init(_ state: PlenaryState) {
        switch state {
        case .none: status = "not-put"
        case .gone: status = "gone"
        case .voting(let id, let kind, _, let closes, _):
            status = "voting"
            decision = id
            self.kind = kind.rawValue
            closesAt = closes
        case .decided(let id, let adopted, let explanation):
            status = adopted ? "adopted" : "not-adopted"
            decision = id
            self.explanation = explanation
        }
    }
}

/// An amendment with its author (null for a deleted account) and its vote.
struct AmendmentBody: Encodable, Sendable {
    let id: Int
    let mode: String
    let text: String
    @Nullable var author: PersonRef?
    let createdAt: Date
    let vote: PlenaryVoteBody

    init(_ item: AmendmentState) {
        id = item.amendment.id
        mode = item.amendment.mode.rawValue
        text = item.amendment.text
        author = item.amendment.author
        createdAt = item.amendment.createdAt
        vote = PlenaryVoteBody(item.state)
    }
}

/// A dated update on an adopted action.
struct TrackerUpdateBody: Encodable, Sendable {
    let status: String
    let progress: Int
    let text: String
    @Nullable var author: PersonRef?
    let createdAt: Date

    init(_ update: TrackerUpdate) {
        status = update.status.rawValue
        progress = update.progress
        text = update.text
        author = update.author
        createdAt = update.createdAt
    }
}

/// The outcome tracker of an adopted action: its status and progress (the latest update's), the responsible
/// groups the caller may see, and the updates, newest first.
struct TrackerBody: Encodable, Sendable {
    let status: String
    let progress: Int
    let responsible: [GroupRef]
    let updates: [TrackerUpdateBody]

    init(_ tracker: ActionTracker) {
        status = tracker.status.rawValue
        progress = tracker.progress
        responsible = tracker.responsible
        updates = tracker.updates.map(TrackerUpdateBody.init)
    }
}

/// A participant on the other side of a proxy, and since when.
struct ProxyPersonBody: Encodable, Sendable {
    let handle: String
    let name: String
    let since: Date

    init(_ proxy: ProxyView) {
        handle = proxy.person.handle
        name = proxy.person.name
        since = proxy.createdAt
    }
}

/// What the caller may do on an action's page.
struct PlenaryViewerBody: Encodable, Sendable {
    /// Registered for the conference: votes in the plenary and proposes amendments.
    var participant = false
    var organizer = false
    /// May post tracker updates (an organizer of the conference or of a responsible group).
    var canUpdate = false
    /// The participants whose votes the caller holds.
    var held: [ProxyPersonBody] = []
}

/// One action proposal with its plenary: the text as amended, its amendments and votes, and the tracker once
/// adopted.
struct PlenaryActionBody: Encodable, Sendable {
    let id: Int
    let title: String
    /// The text with every adopted amendment applied in order.
    let text: String
    let textHTML: String
    let originalText: String
    @Nullable var author: PersonRef?
    let supporters: [GroupRef]
    let createdAt: Date
    let vote: PlenaryVoteBody
    let adopted: Bool
    let amendable: Bool
    let amendments: [AmendmentBody]
    @Nullable var tracker: TrackerBody?
    let viewer: PlenaryViewerBody

    init(_ action: ActionProposalView, _ plenary: ActionPlenary, tracker: ActionTracker?, viewer: PlenaryViewerBody) {
        id = action.id
        title = action.title
        text = plenary.text
        textHTML = Markdown.html(plenary.text)
        originalText = action.text
        author = action.author
        supporters = action.supporters
        createdAt = action.createdAt
        vote = PlenaryVoteBody(plenary.vote)
        adopted = plenary.vote.adopted
        amendable = plenary.amendable
        amendments = plenary.amendments.map(AmendmentBody.init)
        self.tracker = tracker.map(TrackerBody.init)
        self.viewer = viewer
    }
}

/// The caller's proxies at a conference.
struct ProxiesBody: Encodable, Sendable {
    let participant: Bool
    /// Whom the caller gave their vote to.
    @Nullable var given: ProxyPersonBody?
    let held: [ProxyPersonBody]
    /// How many votes one participant may hold besides their own.
    let limit: Int
}

/// An adopted action a group is responsible for, as the group's list shows it.
struct GroupActionBody: Encodable, Sendable {
    let id: Int
    let title: String
    let conferenceID: Int
    let conference: String
    let status: String
    let progress: Int

    init(_ action: ResponsibleAction) {
        id = action.id
        title = action.title
        conferenceID = action.eventId
        conference = action.conference
        status = (action.status ?? .planned).rawValue
        progress = action.progress ?? 0
    }
}

struct GroupActionsBody: Encodable, Sendable {
    let items: [GroupActionBody]
}
