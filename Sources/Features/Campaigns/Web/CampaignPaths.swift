import FreshgroundWeb

/// Every page and feed address of Campaigns, registered by its routes and used by every link to them.
package enum CampaignPaths {
    /// The campaigns' list (GET) and where the form to start one posts.
    package static let campaigns = Path("/campaigns")
    package static let new = Path("/campaigns/new")
    /// Invitations waiting for the groups a person organizes.
    package static let invitations = Path("/campaigns/invitations")
    /// A campaign's page (GET) and where its edit form posts.
    package static let campaign = Path("/campaigns/:id")
    package static let edit = Path("/campaigns/:id/edit")
    /// Where the lead's organizers invite a group.
    package static let invite = Path("/campaigns/:id/invitations")
    /// An invited group's answer (`accept` or `decline`).
    package static let answer = Path("/campaigns/:id/groups/:slug/answer")
    /// A group withdrawing: the confirmation (GET) and the withdrawal (POST).
    package static let withdraw = Path("/campaigns/:id/groups/:slug/withdraw")
    /// A group's statement form (GET) and where it posts a new version.
    package static let statement = Path("/campaigns/:id/groups/:slug/statement")
    /// Every version of a group's statement.
    package static let statements = Path("/campaigns/:id/groups/:slug/statements")
    /// The campaign's news as an Atom feed.
    package static let news = Path("/campaigns/:id/news.atom")
}
