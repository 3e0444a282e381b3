import Foundation
import FreshgroundWeb
import Groups

/// Mailings announced to partner groups: the list on the announcing group's contacts page, the page an organizer
/// of the announcing group or of a partner reads (the mailing and counts, never a recipient), and the
/// confirmation before an announced mailing is sent.
enum MailingNoticePages {
    static func list(_ context: AppContext, _ announced: [AnnouncedMailing], campaign: Int, group: String) -> HTML {
        let items = announced.map { mailing -> HTML in
            let state: HTML =
                mailing.mailingId != nil
                ? "sent"
                : """
                may be sent from \(utcMoment(mailing.sendFrom)): \
                <a href="\(CampaignPaths.sendMailingNotice(campaign, group, mailing.id))">Send it</a>
                """
            return """
                <li><a href="\(CampaignPaths.mailingNotice(campaign, mailing.id))">“\(mailing.subject)”</a>, announced \
                \(utcMoment(mailing.announcedAt)) to the groups of \(people(mailing.otherRecipients)) who signed \
                through their pages; \(state)</li>
                """
        }
        return """
            <section aria-labelledby="announced"><h2 id="announced">Mailings announced to partners</h2>
            \(items.isEmpty ? "<p class=\"empty\">No mailings announced yet.</p>" as HTML : "<ul>\(items)</ul>")</section>
            """
    }

    static func show(_ context: AppContext, _ view: NoticeView, campaign: Campaign) -> HTML {
        let mailing = view.mailing
        let yours = view.yours.map { partner -> HTML in
            "<li>\(people(partner.signers)) who signed through \(partner.name)’s page</li>"
        }
        let send: HTML = .when(view.sends) {
            " <a href=\"\(CampaignPaths.sendMailingNotice(campaign.id, view.announcer.slug, mailing.id))\">Send it</a>"
        }
        let state: HTML =
            mailing.mailingId != nil
            ? "<p>It was sent.</p>"
            : "<p>It may be sent from \(utcMoment(mailing.sendFrom)).\(send)</p>"
        let title = "A mailing announced by \(view.announcer.name)"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>In the campaign <a href="\(CampaignPaths.campaign(campaign.id))">“\(campaign.title)”</a>, \
                announced \(utcMoment(mailing.announcedAt)). It reaches \(people(mailing.otherRecipients)) who \
                signed through other groups’ pages and ticked the box to let \(view.announcer.name) contact them.</p>
                \(HTML.when(!yours.isEmpty) { "<p>Of them:</p><ul>\(yours)</ul>" })
                \(state)
                <p>Who receives it is not shown.</p>
                <section aria-labelledby="mail"><h2 id="mail">The email</h2>
                <p><strong>Subject:</strong> \(mailing.subject)</p>
                <pre class="prose">\(mailing.body)</pre></section>
                """
        )
    }

    /// The confirmation before the announcing group's organizer sends it; `summary` says why it was refused.
    static func send(
        _ context: AppContext,
        _ mailing: AnnouncedMailing,
        campaign: Int,
        group: Participant,
        summary: HTML = .empty
    ) -> HTML {
        ConfirmPage.page(
            context,
            title: "Send “\(mailing.subject)”?",
            explanation: """
                \(group.name) writes to its contacts in this campaign, with the \
                \(people(mailing.otherRecipients)) who signed through other groups’ pages and were announced on \
                \(utcText(mailing.announcedAt)). Each copy goes out through the mail queue; it cannot be called back.
                """,
            action: CampaignPaths.sendMailingNotice(campaign, group.slug, mailing.id),
            button: "Send it now",
            back: CampaignPaths.contacts(campaign, group.slug),
            status: summary
        )
    }

    private static func people(_ count: Int) -> String { count == 1 ? "1 person" : "\(count) people" }
}
