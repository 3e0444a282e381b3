import Decisions
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A group's yearly plan: its warnings in words, the timeline, the same facts as a table, and for its organizers
/// the forms that add campaigns and set how many may be priorities.
enum PlanPages {
    static func page(
        _ context: AppContext,
        _ plan: PlanView,
        addable: [(id: Int, title: String)] = [],
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let slug = plan.group.slug
        let warnings = plan.warnings.map { warning -> HTML in "<li>\(plan.sentence(warning))</li>" }
        let rows = plan.items.map { item -> HTML in
            let groups = (plan.groupIDs[item.id] ?? []).compactMap { plan.groupRefs[$0] }.sorted { $0.name < $1.name }
            return """
                <tr><th scope="row"><a href="\(CampaignPaths.campaign(item.campaignId))">\(item.title)</a>\
                \(HTML.when(item.priority) { " <span class=\"badge\">priority</span>" })</th>
                <td>\(PlanView.dayLabel(item.firstDay)) to \(PlanView.dayLabel(item.lastDay))</td>
                <td>\(item.hoursNeeded)</td><td>\(item.hoursPledged)</td>
                <td>\(groups.map(\.link).joined(separator: ", "))</td>
                \(HTML.when(plan.manages) { "<td><a href=\"\(CampaignPaths.removePlanItem(slug, plan.year, item.id))\">Remove</a></td>" })</tr>
                """
        }
        let needed = plan.items.reduce(0) { $0 + $1.hoursNeeded }
        let pledged = plan.items.reduce(0) { $0 + $1.hoursPledged }
        let cap: HTML = plan.priorityCap.map { "At most \($0) of them may be priorities." } ?? ""
        let choosing: HTML = .when(plan.prioritiesDecision != nil && !plan.items.contains(where: \.priority)) {
            plan.standing.isActiveMember
                ? "<p>The groups are choosing the priorities: <a href=\"\(DecisionPaths.decision(plan.prioritiesDecision!))\">the vote</a>.</p>"
                : "<p>The groups are choosing the priorities.</p>"
        }
        let years: HTML = """
            <p><a href="\(CampaignPaths.plan(slug, plan.year - 1))">\(String(plan.year - 1))</a> · \
            <a href="\(CampaignPaths.plan(slug, plan.year + 1))">\(String(plan.year + 1))</a> · \
            <a href="\(CampaignPaths.planCalendar(slug, plan.year))">Calendar feed (.ics)</a></p>
            """
        let title = "\(plan.group.name): plan for \(String(plan.year))"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>The campaigns \(GroupRef(slug: plan.group.slug, name: plan.group.name).link) takes part in this year, the hours each needs and the hours people \
                pledged to it. \(cap)</p>
                \(years)
                \(choosing)
                \(warnings.isEmpty ? "" as HTML : "<section aria-labelledby=\"warnings\" class=\"notice\"><h2 id=\"warnings\">Warnings</h2><ul>\(warnings)</ul></section>")
                \(plan.items.isEmpty ? "<p class=\"empty\">Nothing is planned for \(String(plan.year)) yet.</p>" as HTML : """
                <figure>\(PlanTimeline.svg(plan))</figure>
                <div class="table-wrap"><table><caption>The plan in figures: \(needed) hours needed, \(pledged) pledged</caption>
                <thead><tr><th scope="col">Campaign</th><th scope="col">When</th><th scope="col">Hours needed</th>\
                <th scope="col">Hours pledged</th><th scope="col">Groups</th>\(HTML.when(plan.manages) { "<th scope=\"col\">Change</th>" })</tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """)
                \(plan.manages ? forms(context, plan, addable: addable, fields: fields) : .empty)
                """
        )
    }

    private static func forms(
        _ context: AppContext,
        _ plan: PlanView,
        addable: [(id: Int, title: String)],
        fields: FieldSet
    ) -> HTML {
        let slug = plan.group.slug
        let add: HTML =
            addable.isEmpty
            ? "<p class=\"empty\">Every campaign of \(plan.group.name) is in the plan; start one to add it.</p>"
            : """
            \(FormParts.postForm(context, to: CampaignPaths.planItems(slug, plan.year), novalidate: true))
            \(fields.select("campaign", label: "Campaign", options: addable.map { (String($0.id), $0.title) }))
            \(fields.text("startsOn", label: "First day", type: "date", required: true))
            \(fields.text("endsOn", label: "Last day", type: "date", required: true))
            \(fields.text("hoursNeeded", label: "Hours of work it needs in all", type: "number", required: true))
            <button type="submit">Add to the plan</button></form>
            """
        return """
            <section aria-labelledby="add"><h2 id="add">Add a campaign</h2>
            \(fields.summary)
            \(add)</section>
            <section aria-labelledby="cap"><h2 id="cap">Priorities</h2>
            \(HTML.when(plan.prioritiesDecision == nil) { """
                \(FormParts.postForm(context, to: CampaignPaths.planCap(slug, plan.year), novalidate: true))
                \(fields.text("cap", label: "How many campaigns may be priorities", type: "number"))
                <button type="submit">Save</button></form>
                <p>The groups taking part in the planned campaigns choose the priorities by an approval vote, one \
                voice each; the campaigns with the most approvals, up to the number above, become the priorities.</p>
                \(FormParts.postForm(context, to: CampaignPaths.planPriorities(slug, plan.year), novalidate: true))
                \(fields.text("closesAt", label: "Voting closes (UTC)", type: "datetime-local", required: true))
                <button type="submit">Ask the groups to choose</button></form>
                """ })</section>
            """
    }

    static func confirmRemove(_ context: AppContext, _ plan: PlanView, _ item: PlanItem) -> HTML {
        ConfirmPage.page(
            context,
            title: "Remove “\(item.title)” from the plan?",
            explanation:
                "The campaign itself and the hours pledged to it stay; it is only taken out of this year's plan.",
            action: CampaignPaths.removePlanItem(plan.group.slug, plan.year, item.id),
            button: "Remove from the plan",
            back: CampaignPaths.plan(plan.group.slug, plan.year)
        )
    }
}
