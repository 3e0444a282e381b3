import FreshgroundWeb
import Groups

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
    /// The months of a lead group's (a coalition's) monthly reports.
    package static let reports = Path("/groups/:slug/reports")
    /// One month's digest: every group's report side by side and who has not reported.
    package static let digest = Path("/groups/:slug/reports/:month")
    /// One group's report for the month: its form (GET) and where it posts.
    package static let report = Path("/groups/:slug/reports/:month/from/:group")
    /// The lead's organizers send the month's digest now: the confirmation (GET) and the sending (POST).
    package static let sendDigest = Path("/groups/:slug/reports/:month/send")
    /// Every version of the joint demands with its status (GET), and where the lead's organizers post a new one.
    package static let demands = Path("/campaigns/:id/demands")
    /// Puts a version of the joint demands to the vote of the groups (POST).
    package static let demandsVote = Path("/campaigns/:id/demands/:version/vote")
    /// The campaign's actions (GET), and where a group taking part links one of its events or posts (POST).
    package static let actions = Path("/campaigns/:id/actions")
    /// Removing a linked action: the confirmation (GET) and the removal (POST).
    package static let removeAction = Path("/campaigns/:id/actions/:action/remove")
    /// The linked public events as an iCalendar feed.
    package static let calendar = Path("/campaigns/:id/actions.ics")

    // The yearly plan and hours.
    /// This year's plan of a group (GET, a redirect to it).
    package static let currentPlan = GroupPaths.plan
    /// A group's plan for a year (GET).
    package static let plan = Path("/groups/:slug/plan/:year")
    /// Where the form adding a campaign to the plan posts.
    package static let planItems = Path("/groups/:slug/plan/:year/items")
    /// Removing a campaign from the plan: the confirmation (GET) and the removal (POST).
    package static let removePlanItem = Path("/groups/:slug/plan/:year/items/:item/remove")
    /// Where the limit on priorities posts.
    package static let planCap = Path("/groups/:slug/plan/:year/cap")
    /// The plan as an iCalendar feed of whole days.
    package static let planCalendar = Path("/groups/:slug/plan/:year/plan.ics")
    /// Where the plan's organizers ask the groups to choose the priorities (POST).
    package static let planPriorities = Path("/groups/:slug/plan/:year/priorities")
    /// A person's hours for a campaign (GET form, POST), and withdrawing them.
    package static let hours = Path("/campaigns/:id/hours")
    package static let withdrawHours = Path("/campaigns/:id/hours/withdraw")
    /// Where a group's organizers and editors start a petition or pledge (POST), and its form (GET).
    package static let petitions = Path("/campaigns/:id/petitions")
    package static let newPetition = Path("/campaigns/:id/petitions/new")
    /// A petition or pledge: its text, its signing pages and its signatures counted per group.
    package static let petition = Path("/campaigns/:id/petitions/:petition")
    /// Signing through one group's page (GET form, POST): the signer becomes that group's contact only.
    package static let sign = Path("/campaigns/:id/petitions/:petition/sign/:slug")
    /// A signed-in signer withdrawing their signature (GET confirm, POST).
    package static let withdrawOwnSignature = Path("/campaigns/:id/petitions/:petition/signature/withdraw")
    /// A signer's page from their emailed link, confirming, and withdrawing (GET confirm, POST).
    package static let signature = Path("/campaigns/signatures/:token")
    package static let confirmSignature = Path("/campaigns/signatures/:token/confirm")
    package static let withdrawSignature = Path("/campaigns/signatures/:token/withdraw")
    /// A contact stopping one group's mail about a campaign (GET page, POST).
    package static let unsubscribe = Path("/campaigns/unsubscribe/:token/:slug")
    /// A group's contacts in the campaign (its organizers only), and where they send a mailing.
    package static let contacts = Path("/campaigns/:id/groups/:slug/contacts")
    package static let mailings = Path("/campaigns/:id/groups/:slug/mailings")
    /// A mailing announced to the groups whose signers it reaches: its page, for the organizers of the announcing
    /// group and of those groups (never who receives it).
    package static let mailingNotice = Path("/campaigns/:id/mailing-notices/:notice")
    /// Sending an announced mailing once its notice has passed: the confirmation (GET) and the sending (POST).
    package static let sendMailingNotice = Path("/campaigns/:id/groups/:slug/mailing-notices/:notice/send")
    /// The list-sharing agreement: the lead's organizers' form (GET) and where it posts.
    package static let sharing = Path("/campaigns/:id/sharing")

    // Officials a group endorsed and holds to account.
    /// A group's officials (GET) and where its organizers record one (POST).
    package static let officials = GroupPaths.officials
    /// An official's page: criteria, scorecard, pledges and votes.
    package static let official = Path("/officials/:id")
    /// Where a new version of a pledge posts.
    package static let officialPledges = Path("/officials/:id/pledges")
    /// Where a new version of the scoring criteria posts.
    package static let officialCriteria = Path("/officials/:id/criteria")
    /// Where a vote entered by hand posts.
    package static let officialVotes = Path("/officials/:id/votes")
    /// Pasting Popolo or Open Civic Data vote events: the form (GET) and the import (POST).
    package static let importVotes = Path("/officials/:id/votes/import")
    /// Where a vote's pledge topic and the group's position on it post.
    package static let linkVote = Path("/officials/:id/votes/:vote/link")
    /// Where the recording group's organizers ask another group to co-endorse the official (POST).
    package static let endorsements = Path("/officials/:id/endorsements")
    /// An asked group's answer (`accept` or `decline`).
    package static let answerEndorsement = Path("/officials/:id/endorsements/:slug/answer")
    /// Invitations to co-endorse officials waiting for the groups a person organizes.
    package static let endorsementInvitations = Path("/officials/invitations")
    /// Where the recording group's organizers set the official's contact email (POST).
    package static let officialContact = Path("/officials/:id/contact")
    /// Where an endorsing group's organizers open an accountability review (POST).
    package static let reviews = Path("/officials/:id/reviews")
    /// A review's public record: questions, day to answer by, the answer and the members' decision.
    package static let review = Path("/officials/:id/reviews/:review")
    /// Where the reviewing group's organizers put the outcome to their members' vote (POST).
    package static let reviewVote = Path("/officials/:id/reviews/:review/vote")
    /// The official's page from the mailed link: the questions and the answer's form (GET, POST).
    package static let reviewReply = Path("/officials/answer/:token")
}
