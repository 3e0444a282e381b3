import Foundation
import FreshgroundWeb
import Groups

/// A group's contacts in a campaign, for its organizers: names and addresses of those who signed through its
/// page and of those who ticked its box elsewhere (with the label and the moment); counts only for the other
/// groups' signers; the form to write to them, and the mailings sent. Also the sharing agreement's form.
enum ContactPages {
    struct Data {
        let campaign: Campaign
        let group: Participant
        let own: [Contact]
        let optedIn: [Contact]
        let others: [GroupCount]
        let agreement: SharingAgreement?
        /// The agreement's days of notice to partners; nil without an agreement.
        let noticeDays: Int?
        let mailings: [CampaignMailing]
        let announced: [AnnouncedMailing]
    }

    static func show(_ context: AppContext, _ data: Data, fields: FieldSet = FieldSet()) -> HTML {
        let name = data.group.name
        let own = data.own.map { contact -> HTML in
            "<li>\(person(contact)), signed “\(contact.petition)” on \(utcMoment(contact.since))</li>"
        }
        let optedIn = data.optedIn.map { contact -> HTML in
            """
            <li>\(person(contact)): ticked “\(contact.wording ?? "")” when signing “\(contact.petition)” through \
            \(contact.viaName ?? "another group"), consent given \(utcMoment(contact.since))</li>
            """
        }
        let id = data.campaign.id
        let title = "\(name)’s contacts in “\(data.campaign.title)”"
        let values = fields.values.has("audience") ? fields : FieldSet(values: FormData([("audience", "all")]))
        let form = FieldSet(values: values.values, errors: fields.errors)
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Only the organizers of \(name) see this page.</p>
                \(agreementText(data.agreement, noticeDays: data.noticeDays))
                <section aria-labelledby="own"><h2 id="own">Signed through \(name)’s page</h2>
                \(own.isEmpty ? "<p class=\"empty\">Nobody has signed through the page of \(name) yet.</p>" as HTML : "<ul>\(own)</ul>")
                </section>
                <section aria-labelledby="opted"><h2 id="opted">Opted in to \(name) on other groups’ pages</h2>
                \(optedIn.isEmpty ? "<p class=\"empty\">Nobody has opted in to \(name) yet.</p>" as HTML : "<ul>\(optedIn)</ul>")
                </section>
                \(PetitionPages.countsSection(data.others, heading: "Signatures through other groups (counts only)", empty: "No signatures through other groups yet."))
                <section aria-labelledby="write"><h2 id="write">Write to your contacts</h2>
                \(form.summary)
                \(FormParts.postForm(context, to: CampaignPaths.mailings(id, data.group.slug), novalidate: true))
                \(form.select("audience", label: "To", options: Mailings.Audience.allCases.map { ($0.rawValue, $0.label) }))
                \(form.text("subject", label: "Subject", required: true))
                \(form.textarea("body", label: "Your email (plain text)", rows: 10, hint: "Each copy ends with the person's own link to stop your group's emails."))
                \(noticeHint(data.noticeDays))
                <button type="submit" name="step" value="send">Send</button>
                <button type="submit" name="step" value="announce">Announce to partners</button></form></section>
                \(MailingNoticePages.list(context, data.announced, campaign: id, group: data.group.slug))
                \(sent(data.mailings))
                <p><a href="\(CampaignPaths.campaign(id))">Back to the campaign</a></p>
                """
        )
    }

    private static func noticeHint(_ days: Int?) -> HTML {
        guard let days, days > 0 else {
            return "<p class=\"hint\">No notice to partners is agreed: each mailing may be sent at once.</p>"
        }
        return """
            <p class="hint">A mailing that reaches people who signed through other groups’ pages is announced to \
            those groups first, and may be sent \(Sharing.noticeLabel(days)) later. Mail to those who signed \
            through your own page goes at once.</p>
            """
    }

    private static func person(_ contact: Contact) -> HTML {
        "\(contact.name) &lt;\(contact.email ?? "no email address")&gt;"
    }

    private static func sent(_ mailings: [CampaignMailing]) -> HTML {
        let items = mailings.map { mailing -> HTML in
            let others: HTML = .when(mailing.reachesOthers) { ", \(mailing.otherRecipients) who opted in elsewhere" }
            return """
                <li>“\(mailing.subject)”, \(utcMoment(mailing.sentAt)): \(mailing.ownRecipients) of your own \
                contacts\(others)</li>
                """
        }
        return """
            <section aria-labelledby="sent"><h2 id="sent">Mailings sent</h2>
            \(items.isEmpty ? "<p class=\"empty\">No mailings sent yet.</p>" as HTML : "<ul>\(items)</ul>")</section>
            """
    }

    /// What the campaign's agreement says, for everyone who sees the campaign.
    static func agreementText(_ agreement: SharingAgreement?, noticeDays: Int?) -> HTML {
        guard let agreement else {
            return """
                <p>No list-sharing agreement is written: each group may write to those who signed through its page \
                and to those who ticked its box, as their consent allows.</p>
                """
        }
        let limit: HTML =
            agreement.mailingsPerYear.map { limit in
                "at most \(limit) mailing\(limit == 1 ? "" : "s") a year (in any 365 days) from each group to people who signed through another group’s page."
            } ?? "no limit on mailings to people who signed through another group’s page, beyond their consent."
        let notice: String =
            noticeDays.map { days in
                days == 0
                    ? " Partners get no notice before such a mailing."
                    : " Each such mailing is announced to the groups whose signers it reaches \(days) day\(days == 1 ? "" : "s") before it is sent."
            } ?? ""
        return """
            <p><strong>Sharing agreement</strong> (version \(agreement.version), \(utcMoment(agreement.setAt))): \(limit)\(notice)</p>
            \(HTML.when(!agreement.notice.isEmpty) { "<p class=\"prose\">\(agreement.notice)</p>" })
            """
    }

    static func sharing(
        _ context: AppContext,
        _ fields: FieldSet,
        campaign: Campaign,
        current: SharingAgreement?,
        noticeDays: Int?
    )
        -> HTML
    {
        Layout.page(
            title: "Sharing agreement",
            context: context,
            main: """
                <h1>Sharing agreement of “\(campaign.title)”</h1>
                \(agreementText(current, noticeDays: noticeDays))
                <p>What the groups agreed about writing to people who signed through another group’s page and \
                ticked a box for yours. It is enforced when mail is sent; each change is a new version.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: CampaignPaths.sharing(campaign.id), novalidate: true))
                \(fields.text("limit", label: "Mailings a year each group may send to them", type: "number", hint: "A whole number; leave it empty for no limit."))
                \(fields.text("notice_days", label: "Days of notice to partners before such a mailing", type: "number", required: true, hint: "The groups whose signers a mailing reaches are told this many days before it may be sent; 0 for no notice."))
                \(fields.textarea("notice", label: "The agreement as the groups wrote it (notice to partners, other terms)", rows: 6))
                <button type="submit">Save the agreement</button></form>
                <p><a href="\(CampaignPaths.campaign(campaign.id))">Back to the campaign</a></p>
                """
        )
    }
}
