import FreshgroundCore
import FreshgroundWeb
import Groups

/// A person's hours for a campaign: what they pledged and through which group, and for organizers of groups
/// taking part, the pledges made through their groups.
enum HoursPage {
    static func page(
        _ context: AppContext,
        campaign: Campaign,
        own: CampaignHours.Pledge?,
        groups: [GroupRef],
        pledgers: [CampaignHours.Pledger],
        total: Int,
        fields: FieldSet
    ) -> HTML {
        let id = campaign.id
        let mine: HTML =
            own.map {
                """
                <p>You pledged <strong>\($0.hours) hours</strong> through \($0.name). \
                \(FormParts.button(context, CampaignPaths.withdrawHours(id), "Withdraw my pledge", style: "secondary"))</p>
                """
            } ?? "<p class=\"empty\">You have not pledged hours to this campaign.</p>"
        let form: HTML =
            groups.isEmpty
            ? "<p>Only members of the groups taking part pledge hours, through their group.</p>"
            : """
            \(fields.summary)
            \(FormParts.postForm(context, to: CampaignPaths.hours(id), novalidate: true))
            \(fields.text("hours", label: "Hours you can give to this campaign in all", type: "number", required: true, hint: "Be honest: the plan is drawn up against these hours."))
            \(fields.select("group", label: "Through your group", options: groups.map { ($0.slug, $0.name) }))
            <button type="submit">\(own == nil ? "Pledge" : "Change my pledge")</button></form>
            """
        let list: HTML = .when(!pledgers.isEmpty) {
            let rows = pledgers.map {
                "<tr><td>\($0.displayName)</td><td>\($0.groupName)</td><td>\($0.hours)</td></tr>" as HTML
            }
            return """
                <section aria-labelledby="pledgers"><h2 id="pledgers">Pledges through the groups you organize</h2>
                <div class="table-wrap"><table><thead><tr><th scope="col">Person</th><th scope="col">Group</th>\
                <th scope="col">Hours</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
                """
        }
        return Layout.page(
            title: "Your hours for \(campaign.title)",
            context: context,
            main: """
                <h1>Your hours for “\(campaign.title)”</h1>
                <p>\(total) hours are pledged to the campaign in all. Who pledged what is seen only by the person and \
                the organizers of the group they pledged through.</p>
                \(mine)
                \(form)
                \(list)
                <p><a href="\(CampaignPaths.campaign(id))">Back to the campaign</a></p>
                """
        )
    }
}
