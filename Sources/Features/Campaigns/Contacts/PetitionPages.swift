import Foundation
import FreshgroundWeb
import Groups

/// A petition's page (its text, where to sign, the signatures counted per group), the form to start one, and
/// the signing form of one group's page.
enum PetitionPages {
    static func new(_ context: AppContext, _ fields: FieldSet, campaign: Campaign, groups: [TakingPart]) -> HTML {
        Layout.page(
            title: "Start a petition or pledge",
            context: context,
            main: """
                <h1>Start a petition or pledge in “\(campaign.title)”</h1>
                <p>People sign it through the page of any group taking part; each group keeps only those who signed \
                through its own page, and those who ticked its box.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: CampaignPaths.petitions(campaign.id), novalidate: true))
                \(fields.select("group", label: "Started by", options: groups.map { ($0.slug, $0.name) }))
                \(fields.select("kind", label: "Kind", options: PetitionKind.allCases.map { ($0.rawValue, $0.label) }))
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("text", label: "What people sign (Markdown)", rows: 8))
                <button type="submit">Publish</button></form>
                <p><a href="\(CampaignPaths.campaign(campaign.id))">Back to the campaign</a></p>
                """
        )
    }

    static func show(
        _ context: AppContext,
        campaign: Campaign,
        petition: Petition,
        groups: [TakingPart],
        counts: [GroupCount],
        mine: OwnSignature?
    ) -> HTML {
        let signed: HTML =
            mine.map { mine in
                """
                <p><strong>You signed this</strong> through \(mine.viaName) on \(utcMoment(mine.createdAt)). \
                <a href="\(CampaignPaths.withdrawOwnSignature(campaign.id, petition.id))">Withdraw my signature</a></p>
                """
            } ?? .empty
        let signing = groups.map { group -> HTML in
            """
            <li><a href="\(CampaignPaths.sign(campaign.id, petition.id, group.slug))">\(petition.kind.signLabel) \
            through \(group.name)</a></li>
            """
        }
        return Layout.page(
            title: petition.title,
            context: context,
            main: """
                <h1>\(petition.title)</h1>
                <p class="meta">\(petition.kind.label) of \(petition.group.link) in \
                <a href="\(CampaignPaths.campaign(campaign.id))">\(campaign.title)</a></p>
                <div class="prose">\(HTML(raw: petition.textHTML))</div>
                \(signed)
                <section aria-labelledby="sign"><h2 id="sign">Sign through a group</h2>
                <p>The group whose page you sign through keeps your name and email; no other group gets them \
                unless you tick its box.</p>
                \(signing.isEmpty ? "<p class=\"empty\">No group you can see takes part now.</p>" as HTML : "<ul>\(signing)</ul>")
                </section>
                \(countsSection(counts, heading: "Signatures", empty: "No signatures yet."))
                """
        )
    }

    /// Signatures counted per group they came through, with the total; names never.
    static func countsSection(_ counts: [GroupCount], heading: String, empty: String) -> HTML {
        let total = counts.reduce(0) { $0 + $1.signatures }
        let items = counts.map { count -> HTML in "<li>\(count.name): \(count.signatures)</li>" }
        return """
            <section aria-labelledby="counts"><h2 id="counts">\(heading)</h2>
            \(items.isEmpty ? "<p class=\"empty\">\(empty)</p>" as HTML : "<p>\(total) in all, through:</p><ul>\(items)</ul>")
            </section>
            """
    }

    static func sign(
        _ context: AppContext,
        _ fields: FieldSet,
        campaign: Campaign,
        petition: Petition,
        via: TakingPart,
        offers: [TakingPart]
    ) -> HTML {
        let boxes = offers.map { group -> HTML in
            fields.checkbox("optin-\(group.slug)", label: Signatures.wording(group.name), checked: false)
        }
        let address: HTML =
            context.person == nil
            ? fields.text(
                "email",
                label: "Your email address",
                type: "email",
                hint: "We send a link to confirm.",
                autocomplete: "email"
            )
            : "<p class=\"hint\">Signed in: your signature counts at once, with your account’s email address.</p>"
        return Layout.page(
            title: "\(petition.kind.signLabel): \(petition.title)",
            context: context,
            main: """
                <h1>\(petition.title)</h1>
                <p class="meta">\(petition.kind.label) in <a href="\(CampaignPaths.campaign(campaign.id))">\(campaign.title)</a></p>
                <div class="prose">\(HTML(raw: petition.textHTML))</div>
                <p><strong>Signing through \(via.name):</strong> \(via.name) keeps your name and email and may write \
                to you about this campaign. No other group gets them unless you tick its box.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: CampaignPaths.sign(campaign.id, petition.id, via.slug), novalidate: true))
                \(FormParts.hidden("_submitted", "1"))
                \(fields.text("name", label: "Your name", required: true, autocomplete: "name"))
                \(address)
                <fieldset><legend>Other groups in this campaign</legend>
                \(boxes.isEmpty ? "<p class=\"empty\">No other group asks to contact you.</p>" as HTML : "\(boxes)")
                </fieldset>
                <button type="submit">\(petition.kind.signLabel)</button></form>
                <p><a href="\(CampaignPaths.petition(campaign.id, petition.id))">Back to the \(petition.kind.rawValue)</a></p>
                """
        )
    }
}
