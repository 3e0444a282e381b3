import FreshgroundWeb

/// Every page and feed address of Conferences, registered by its routes and used by every link to them. A
/// conference lives under its event, `/events/:id/conference`.
package enum ConferencePaths {
    /// The conference's front page with its settings and the organizers' tools.
    package static let conference = Path("/events/:id/conference")
    package static let settings = Path("/events/:id/conference/settings")
    package static let tracks = Path("/events/:id/conference/tracks")
    package static let removeTrack = Path("/events/:id/conference/tracks/:item/delete")
    package static let rooms = Path("/events/:id/conference/rooms")
    package static let removeRoom = Path("/events/:id/conference/rooms/:item/delete")
    package static let committee = Path("/events/:id/conference/committee")
    /// Removes the committee member whose handle the form sends.
    package static let removeCommitteeMember = Path("/events/:id/conference/committee/delete")
    package static let newProposal = Path("/events/:id/conference/proposals/new")
    /// The proposals for review (GET) and where the form to propose a session posts.
    package static let proposals = Path("/events/:id/conference/proposals")
    package static let proposal = Path("/events/:id/conference/proposals/:proposal")
    package static let review = Path("/events/:id/conference/proposals/:proposal/review")
    /// The committee's `accept` or `reject`.
    package static let decision = Path("/events/:id/conference/proposals/:proposal/decision")
    package static let withdrawProposal = Path("/events/:id/conference/proposals/:proposal/withdraw")
    /// Where a person asked to co-speak answers (`answer`: `accept` or `decline`).
    package static let speaking = Path("/events/:id/conference/proposals/:proposal/speaking")
    package static let schedule = Path("/events/:id/conference/schedule")
    /// The schedule builder.
    package static let editSchedule = Path("/events/:id/conference/schedule/edit")
    /// Where the builder's form places a session.
    package static let sessions = Path("/events/:id/conference/sessions")
    package static let removeSession = Path("/events/:id/conference/sessions/:session/delete")
    /// Adds a session to the signed-in person's agenda.
    package static let star = Path("/events/:id/conference/sessions/:session/star")
    package static let unstar = Path("/events/:id/conference/sessions/:session/unstar")
    /// The signed-in person's agenda for one conference.
    package static let agenda = Path("/events/:id/conference/agenda")
    /// Action proposals: the list (GET) and where a new one posts.
    package static let actions = Path("/events/:id/conference/actions")
    package static let supportAction = Path("/events/:id/conference/actions/:action/support")
    package static let withdrawAction = Path("/events/:id/conference/actions/:action/withdraw")
    /// One action proposal: its text as amended, its amendments, its plenary vote and, once adopted, its tracker.
    package static let action = Path("/events/:id/conference/actions/:action")
    /// Where a participant's amendment posts.
    package static let amendments = Path("/events/:id/conference/actions/:action/amendments")
    /// Organizers put an amendment to the plenary's vote.
    package static let amendmentVote = Path("/events/:id/conference/actions/:action/amendments/:amendment/vote")
    /// Organizers put the proposal, as amended, to the plenary's vote.
    package static let plenaryVote = Path("/events/:id/conference/actions/:action/vote")
    /// The conference's organizers name the groups responsible for an adopted action.
    package static let responsible = Path("/events/:id/conference/actions/:action/responsible")
    /// A dated update on an adopted action.
    package static let updates = Path("/events/:id/conference/actions/:action/updates")
    /// A proxy holder casts the vote of someone they represent in one of the plenary's decisions.
    package static let proxyBallot = Path("/events/:id/conference/decisions/:decision/proxy-vote")
    /// The signed-in participant's proxies (GET), and where giving one's vote posts.
    package static let proxies = Path("/events/:id/conference/proxies")
    package static let revokeProxy = Path("/events/:id/conference/proxies/revoke")
    /// The adopted actions a group is responsible for, with their status (Groups cannot link to Conferences, so
    /// the conference's pages link here from each responsible group).
    package static let groupActions = Path("/conferences/groups/:slug/actions")
    /// The signed-in person's agenda across conferences.
    package static let myAgenda = Path("/me/agenda")
    /// Gives the agenda feed a new secret address.
    package static let renewAgendaKey = Path("/me/agenda/key")
    package static let scheduleFeed = Path("/events/:id/conference/schedule.ics")
    /// A personal agenda feed, `/agenda/TOKEN.ics`. The token shares its segment with `.ics`, which `Path` does not
    /// fill: links use `agendaFeed(token:)`.
    package static let agendaFeed = Path("/agenda/{token}.ics")

    /// The address of the agenda feed with the secret `token`.
    package static func agendaFeed(token: String) -> String {
        agendaFeed.pattern.replacingOccurrences(of: "{token}", with: token)
    }

    /// Where a track or a room is added.
    static func places(_ kind: Conferences.PlaceKind) -> Path { kind == .track ? tracks : rooms }

    /// Where a track or a room is removed.
    static func removePlace(_ kind: Conferences.PlaceKind) -> Path { kind == .track ? removeTrack : removeRoom }
}
