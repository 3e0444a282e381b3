import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The forms of campaigns: starting or changing one, a group's statement, its history, and withdrawing.
enum CampaignFormPages {
    static func form(_ context: AppContext, _ fields: FieldSet, groups: [GroupRef], editing: Campaign? = nil) -> HTML {
        let title = editing.map { "Change \($0.title)" } ?? "Start a campaign"
        let (lead, none) = GroupChoices.leadField(
            fields,
            groups: groups,
            starting: editing == nil,
            refusal: "Only organizers of a group start campaigns for it."
        )
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                \(none)
                \(fields.summary)
                \(FormParts.postForm(context, to: editing.map { CampaignPaths.campaign($0.id) } ?? CampaignPaths.campaigns(), novalidate: true))
                \(FormParts.hidden("_submitted", "1"))
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("summary", label: "What the campaign is for (Markdown)", rows: 6))
                \(lead)
                \(fields.select("visibility", label: "Who sees it", options: [("public", "Everyone (the lead group must be public)"), ("private", "Only the groups taking part")]))
                \(fields.select("adoption", label: "How the groups adopt the joint demands", options: Adoption.allCases.map { ($0.rawValue, $0.label) }))
                <button type="submit">\(editing == nil ? "Start the campaign" : "Save")</button></form>
                """
        )
    }

    static func statement(
        _ context: AppContext,
        _ fields: FieldSet,
        campaign: Campaign,
        group: GroupRef,
        current: Statement?
    ) -> HTML {
        let title = "\(group.name)’s statement in “\(campaign.title)”"
        let theirs: HTML = .when(fields.errors[FieldSet.formMessage] != nil && current != nil) {
            """
            <section aria-labelledby="saved"><h2 id="saved">The version saved meanwhile</h2>
            <div class="position">\(HTML(raw: current!.positionHTML))</div></section>
            """
        }
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Your group’s own position in this campaign, shown beside the others’. Each save is a new dated \
                version; earlier ones stay readable.</p>
                \(fields.summary)
                \(theirs)
                \(FormParts.postForm(context, to: CampaignPaths.statement(campaign.id, group.slug), novalidate: true))
                \(FormParts.hidden("baseVersion", String(current?.version ?? 0)))
                \(fields.textarea("position", label: "Our position (Markdown)", rows: 8))
                \(fields.textarea("reservations", label: "Our reservations (Markdown, optional)", rows: 4))
                \(fields.textarea("slogans", label: "Our slogans, one per line (optional)", rows: 3))
                <button type="submit">Publish this version</button></form>
                <p><a href="\(CampaignPaths.campaign(campaign.id))">Back to the campaign</a></p>
                """
        )
    }

    static func history(_ context: AppContext, campaign: Campaign, group: Participant, versions: [Statement]) -> HTML {
        let items = versions.map { version -> HTML in
            "<article class=\"position\">\(CampaignParts.statement(version, campaign: campaign.id, group: group))</article>"
        }
        return Layout.page(
            title: "\(group.name)’s statements",
            context: context,
            main: """
                <h1>\(group.name)’s statements in “\(campaign.title)”</h1>
                \(items.isEmpty ? "<p class=\"empty\">No statement yet.</p>" as HTML : "\(items)")
                <p><a href="\(CampaignPaths.campaign(campaign.id))">Back to the campaign</a></p>
                """
        )
    }

    static func withdraw(_ context: AppContext, _ fields: FieldSet, campaign: Campaign, group: Participant) -> HTML {
        ConfirmPage.page(
            context,
            title: "Withdraw \(group.name) from “\(campaign.title)”?",
            explanation: """
                \(group.name) will no longer take part. Its statements stay on the campaign page, dated, under the \
                groups that withdrew, and it cannot publish new ones. To take part again, the lead must invite it.
                """,
            action: CampaignPaths.withdraw(campaign.id, group.slug),
            button: "Withdraw \(group.name)",
            back: CampaignPaths.campaign(campaign.id),
            fields: fields.textarea("note", label: "A note shown with the withdrawal (optional)", rows: 3)
        )
    }
}
