import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What a person can be told of; each kind has its own mail setting and its own one-click unsubscribe.
package enum NotificationKind: String, CaseIterable, Sendable, Codable {
    /// Organizers: someone asks to join their group.
    case joinRequest = "join_request"
    /// Editors: a piece was submitted to their journal.
    case submission
    /// An author: an editor decided on their piece.
    case decision
    /// Organizers: their group is asked to co-host an event.
    case cohostInvitation = "cohost_invitation"
    /// Organizers: their group is asked to host a tour stop.
    case tourInvitation = "tour_invitation"
    /// Conference organizers: a proposal needs review.
    case proposal
    /// A person is invited (co-speaker on a proposal, and the like).
    case invitation
    /// Organizers: someone wrote to their group (contact form).
    case message
    /// Members: a vote opened in their group, is closing soon, or has a result.
    case vote
    /// Organizers: their group is asked to take part in a joint campaign.
    case campaignInvitation = "campaign_invitation"
    /// Organizers and editors: their group's monthly report to a campaign's lead is due.
    case reportDue = "report_due"
    /// Organizers: another group in a campaign announced a mailing to people who signed through their group's page.
    case partnerMailing = "partner_mailing"
    /// Organizers: their group is asked to co-endorse an official another group records.
    case endorsementInvitation = "endorsement_invitation"
    /// A person: an organizer offers them a task, a shift or a role.
    case workOffer = "work_offer"
    /// A person, and the organizers who gave them work: their load has been over their pledge for weeks.
    case workload

    /// How the settings page names the kind.
    package var label: String {
        switch self {
        case .joinRequest: "Requests to join your groups"
        case .submission: "Pieces submitted to your journals"
        case .decision: "Editors' decisions on your pieces"
        case .cohostInvitation: "Invitations for your groups to co-host events"
        case .tourInvitation: "Invitations for your groups to host tour stops"
        case .proposal: "Conference proposals that need your review"
        case .invitation: "Invitations to you"
        case .message: "Messages to your groups"
        case .vote: "Votes in your groups: opened, closing soon, results"
        case .campaignInvitation: "Invitations for your groups to join campaigns"
        case .reportDue: "Monthly reports your groups owe to a campaign's lead"
        case .partnerMailing: "Mailings announced to people who signed through your groups' pages"
        case .endorsementInvitation: "Invitations for your groups to co-endorse officials"
        case .workOffer: "Tasks, shifts and roles offered to you"
        case .workload: "Gentle warnings when work goes over what was pledged"
        }
    }

    /// The subject of a mail of this kind: a fixed wording that names nothing, since a subject is seen on lock
    /// screens and in mail previews by people other than the recipient.
    package var subject: String {
        switch self {
        case .joinRequest: "Someone asked to join one of your groups"
        case .submission: "A piece was submitted to one of your journals"
        case .decision: "An editor decided on one of your pieces"
        case .cohostInvitation: "One of your groups is invited to co-host an event"
        case .tourInvitation: "One of your groups is invited to host a tour stop"
        case .proposal: "A conference proposal needs review"
        case .invitation: "You have been invited"
        case .message: "Someone wrote to one of your groups"
        case .vote: "A vote in one of your groups"
        case .campaignInvitation: "One of your groups is invited to join a campaign"
        case .reportDue: "One of your groups has a monthly report due"
        case .partnerMailing: "A mailing to your group's signers is announced"
        case .endorsementInvitation: "One of your groups is asked to co-endorse an official"
        case .workOffer: "You are offered some work"
        case .workload: "Work has gone over what was pledged"
        }
    }
}

/// One thing to tell people of.
package struct Notice: Sendable {
    package let kind: NotificationKind
    /// One line for the list and the mail body; may name private things, since only the recipient sees it.
    package let title: String
    /// Plain text, may be empty (a contact message's text).
    package let body: String
    /// The site path to act on (e.g. the members page with the request, the piece's review page).
    package let path: String

    package init(kind: NotificationKind, title: String, body: String = "", path: String) {
        self.kind = kind
        self.title = title
        self.body = body
        self.path = path
    }
}

/// The one way every feature tells people of something.
package enum Notifications {
    /// Records `notice` for each person in `people` (deduplicated, never for `except`: the person acting), in the
    /// caller's transaction `sql`, and queues mail for those who want this kind by mail at once. Call
    /// `services.deliverMailSoon()` after the transaction commits.
    package static func notify(
        _ people: [Int],
        _ notice: Notice,
        except actor: Int? = nil,
        services: AppServices,
        on sql: any SQLDatabase
    ) async throws {
        var seen = Set<Int>()
        let recipients = people.filter { $0 != actor && seen.insert($0).inserted }
        guard !recipients.isEmpty else { return }
        let mail = NotificationMail(services: services)
        let atOnce = try await mail.recipientsAtOnce(recipients, kind: notice.kind, on: sql)
        let now = services.clock()
        for person in recipients {
            let recipient = atOnce[person]
            try await sql.insert(into: "notifications")
                .columns("person_id", "actor_id", "kind", "title", "body", "path", "created_at", "mailed_at")
                .values(
                    SQLBind(person),
                    SQLBind(actor),
                    SQLBind(notice.kind.rawValue),
                    SQLBind(notice.title),
                    SQLBind(notice.body),
                    SQLBind(notice.path),
                    SQLBind(now),
                    SQLBind(recipient == nil ? nil : now)
                )
                .run()
            if let recipient { try await mail.sendAtOnce(notice, to: recipient, on: sql) }
        }
    }
}
