import FreshgroundWeb

/// Every page address of Groups, registered by its routes and used by every link to them.
package enum GroupPaths {
    package static let home = Path("/")
    package static let directory = Path("/groups")
    package static let new = Path("/groups/new")
    package static let group = Path("/groups/:slug")
    package static let edit = Path("/groups/:slug/edit")
    package static let basis = Path("/groups/:slug/basis")
    package static let newPost = Path("/groups/:slug/posts/new")
    package static let posts = Path("/groups/:slug/posts")
    /// A post's page (GET) and where its edit form posts.
    package static let post = Path("/groups/:slug/posts/:id")
    package static let editPost = Path("/groups/:slug/posts/:id/edit")
    /// Asks to confirm (GET), then deletes (POST).
    package static let deletePost = Path("/groups/:slug/posts/:id/delete")
    package static let join = Path("/groups/:slug/join")
    package static let leave = Path("/groups/:slug/leave")
    package static let pledge = Path("/groups/:slug/pledge")
    package static let members = Path("/groups/:slug/members")
    /// An organizer's action on one member (`approve`, `remove`, `role`…).
    package static let memberAction = Path("/groups/:slug/members/:person/:action")
    package static let invites = Path("/groups/:slug/invites")
    package static let revokeInvite = Path("/groups/:slug/invites/:id/revoke")
    package static let invite = Path("/invites/:token")
    /// A person following the group in their own feed (POST), and stopping.
    package static let follow = Path("/groups/:slug/follow")
    package static let unfollow = Path("/groups/:slug/unfollow")
    package static let followers = Path("/groups/:slug/followers")
    package static let removeFollower = Path("/groups/:slug/followers/:follower/delete")
    package static let affiliations = Path("/groups/:slug/affiliations")
    /// `accept`, `decline` or `end` an affiliation.
    package static let affiliationAction = Path("/groups/:slug/affiliations/:id/:action")
    /// Writing to the group's organizers (GET the form, POST sends), and one message with the organizers' reply
    /// form.
    package static let contact = Path("/groups/:slug/contact")
    /// The group's decisions, for its members (served by Decisions).
    package static let decisions = Path("/groups/:slug/decisions")
    /// Volunteering's pages of the group (its work board for members; rotation and figures for organizers).
    package static let work = Path("/groups/:slug/work")
    package static let rotation = Path("/groups/:slug/rotation")
    package static let figures = Path("/groups/:slug/figures")
    /// The group's elected bodies and who holds each seat (served by Decisions).
    package static let bodies = Path("/groups/:slug/bodies")
    /// The group's yearly plan of campaigns, this year's (served by Campaigns).
    package static let plan = Path("/groups/:slug/plan")
    /// The monthly reports the groups in its campaigns file to it (served by Campaigns).
    package static let reports = Path("/groups/:slug/reports")
    /// The officials the group endorsed and holds to account (served by Campaigns).
    package static let officials = Path("/groups/:slug/officials")
    package static let message = Path("/groups/:slug/messages/:id")
}
