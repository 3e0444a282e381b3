import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The campaigns' list and a campaign's page: each group's own statement side by side, the groups that
/// withdrew with their last word, and the lead's and each group's forms for what they may do.
enum CampaignPages {
    static func index(
        _ context: AppContext,
        _ page: Page<CampaignCard>,
        invitations: [(campaign: CampaignCard, group: GroupRef)]
    ) -> HTML {
        let items = page.items.map { card -> HTML in
            """
            <li><a href="\(CampaignPaths.campaign(card.id))">\(card.title)</a> <span class="meta">led by \
            \(card.leadName) · \(card.groups) group\(card.groups == 1 ? "" : "s") taking part\
            \(HTML.when(!card.isPublic) { " · private" })</span></li>
            """
        }
        let asked: HTML = .when(!invitations.isEmpty) {
            """
            <p><a href="\(CampaignPaths.invitations())">\(invitations.count) invitation\(invitations.count == 1 ? "" : "s") \
            for your groups to answer</a></p>
            """
        }
        return Layout.page(
            title: "Campaigns",
            context: context,
            main: """
                <h1>Campaigns</h1>
                <p>Joint campaigns: groups of different trends agree on demands and act together, each keeping its own voice.</p>
                \(HTML.when(context.person != nil) { "<p><a class=\"button\" href=\"\(CampaignPaths.new())\">Start a campaign</a></p>" })
                \(asked)
                \(items.isEmpty ? "<p class=\"empty\">No campaigns yet.</p>" as HTML : "<ul class=\"cards\">\(items)</ul>")
                \(paginationNav(page, base: CampaignPaths.campaigns()))
                """
        )
    }

    static func invitations(_ context: AppContext, _ invitations: [(campaign: CampaignCard, group: GroupRef)]) -> HTML {
        let items = invitations.map { item -> HTML in
            let answer = CampaignPaths.answer(item.campaign.id, item.group.slug)
            return """
                <li><a href="\(CampaignPaths.campaign(item.campaign.id))">\(item.campaign.title)</a>, led by \
                \(item.campaign.leadName), asks \(item.group.name) to take part. \
                \(FormParts.button(context, answer, "Accept for \(item.group.name)", fields: FormParts.hidden("answer", "accept"))) \
                \(FormParts.button(context, answer, "Decline", fields: FormParts.hidden("answer", "decline"), style: "secondary"))</li>
                """
        }
        return Layout.page(
            title: "Campaign invitations",
            context: context,
            main: """
                <h1>Campaign invitations</h1>
                <p>Campaigns asking groups you organize to take part. A group takes part only once you accept; it \
                keeps its own statement and its own contacts.</p>
                \(items.isEmpty ? "<p class=\"empty\">No invitations waiting for your groups.</p>" as HTML : "<ul>\(items)</ul>")
                """
        )
    }

    static func show(_ context: AppContext, _ view: CampaignView, fields: FieldSet = FieldSet()) -> HTML {
        let campaign = view.campaign
        let shown = view.takingPart.filter(\.isShown)
        let hidden = view.takingPart.count - shown.count
        let columns = shown.filter { view.statements[$0.groupID] != nil }.map { statementColumn(context, view, $0) }
        let silent = shown.filter { view.statements[$0.groupID] == nil }
        let waiting: HTML = .when(!silent.isEmpty) {
            let writes = silent.filter(view.speaksFor).map { group -> HTML in
                " <a href=\"\(CampaignPaths.statement(campaign.id, group.slug))\">Write \(group.name)’s statement</a>"
            }
            return
                "<p class=\"meta\">No statement yet from \(silent.map(\.group.link).joined(separator: ", ")).\(writes)</p>"
        }
        let hiddenNote: HTML = .when(hidden > 0) {
            "<p class=\"meta\">\(hidden) private group\(hidden == 1 ? "" : "s") also take\(hidden == 1 ? "s" : "") part.</p>"
        }
        return Layout.page(
            title: campaign.title,
            context: context,
            main: """
                <h1>\(campaign.title)</h1>
                <p class="meta">Led by \(campaign.lead.link) · \(campaign.isPublic ? "public campaign" : "private campaign: only the groups taking part see it") · \
                joint demands adopted \(campaign.adoption == .consent ? "by consent of the groups" : "by a majority of the groups")</p>
                <p>\(HTML.when(view.manages) { "<a href=\"\(CampaignPaths.edit(campaign.id))\">Change the campaign</a> · " })\
                \(HTML.when(campaign.isPublic) { "<a href=\"\(CampaignPaths.news(campaign.id))\">News feed (Atom)</a>" })</p>
                \(reportsLink(view))
                <div class="prose">\(HTML(raw: campaign.summaryHTML))</div>
                \(view.demands)
                \(view.actions)
                \(view.petitions)
                \(view.hours)
                <p><a href="\(InquiryPaths.inquiries(campaign.id))">Workers’ inquiries</a></p>
                <section aria-labelledby="statements"><h2 id="statements">The groups taking part, in their own words</h2>
                <p class="meta">Each group writes its own statement; no group can change another's.</p>
                \(columns.isEmpty ? "" as HTML : "<div class=\"statements\">\(columns)</div>")
                \(waiting)
                \(hiddenNote)</section>
                \(withdrawals(view))
                \(CampaignParts.answers(context, view))
                \(CampaignParts.management(context, view, fields))
                """
        )
    }

    private static func statementColumn(_ context: AppContext, _ view: CampaignView, _ group: Participant) -> HTML {
        let id = view.campaign.id
        let own: HTML = .when(view.speaksFor(group)) {
            """
            <p><a href="\(CampaignPaths.statement(id, group.slug))">\(group.statementVersion == 0 ? "Write" : "Change") \
            \(group.name)’s statement</a>\(HTML.when(view.answersFor(group) && group.status == .accepted) {
                " · <a href=\"\(CampaignPaths.withdraw(id, group.slug))\">Withdraw \(group.name)</a>"
            })</p>
            """
        }
        return """
            <article class="position" aria-labelledby="group-\(String(group.groupID))">
            <h3 id="group-\(String(group.groupID))">\(group.group.link)\(HTML.when(group.status == .lead) { " <span class=\"badge\">lead</span>" })</h3>
            \(CampaignParts.statement(view.statements[group.groupID], campaign: id, group: group))
            \(own)</article>
            """
    }

    /// The lead's monthly reports, for those who read them: the lead's members and the organizers and editors of
    /// the groups taking part (`ReportAccess` decides; this only spares everyone else a refused link).
    private static func reportsLink(_ view: CampaignView) -> HTML {
        let member = view.lead.map { view.roles[$0.groupID] != nil } ?? false
        guard member || view.takingPart.contains(where: view.speaksFor) else { return .empty }
        return """
            <p><a href="\(CampaignPaths.reports(view.campaign.leadSlug))">Monthly reports to \(view.campaign.leadName)</a></p>
            """
    }

    private static func withdrawals(_ view: CampaignView) -> HTML {
        let shown = view.withdrawn.filter(\.isShown)
        guard !view.withdrawn.isEmpty else { return .empty }
        let items = shown.map { group -> HTML in
            let when: HTML = group.withdrawnAt.map { "Withdrew on \(CampaignParts.day($0))" } ?? "Withdrew"
            return """
                <article class="position"><h3>\(group.group.link)</h3><p><strong>\(when).</strong>\
                \(HTML.when(!group.withdrawalNote.isEmpty) { " \(group.withdrawalNote)" })</p>
                \(CampaignParts.statement(view.statements[group.groupID], campaign: view.campaign.id, group: group))</article>
                """
        }
        let hidden = view.withdrawn.count - shown.count
        return """
            <section aria-labelledby="withdrawn"><h2 id="withdrawn">Groups that withdrew</h2>
            <div class="statements">\(items)</div>
            \(HTML.when(hidden > 0) { "<p class=\"meta\">\(hidden) private group\(hidden == 1 ? "" : "s") withdrew.</p>" })</section>
            """
    }
}
