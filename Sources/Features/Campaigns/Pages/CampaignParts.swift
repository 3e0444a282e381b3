import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// Pieces of the campaign pages: a statement, a date, and the forms for answering and running a campaign.
enum CampaignParts {
    static func day(_ date: Date) -> HTML {
        "<time datetime=\"\(ZonedTime.day(date, zone: "UTC"))\">\(ZonedTime.dateLabel(date, zone: "UTC"))</time>"
    }

    /// A group's statement (or that it has none yet), dated, with a link to its earlier versions.
    static func statement(_ statement: Statement?, campaign: Int, group: Participant) -> HTML {
        guard let statement else { return "<p class=\"empty\">No statement yet.</p>" }
        let slogans = statement.sloganLines.map { line -> HTML in "<li>\(line)</li>" }
        let author: HTML = statement.author.map { " by \($0)" } ?? .empty
        return """
            <p class="meta">Version \(statement.version), \(day(statement.createdAt))\(author)\
            \(HTML.when(statement.version > 1) { " · <a href=\"\(CampaignPaths.statements(campaign, group.slug))\">earlier versions</a>" })</p>
            <div class="prose">\(HTML(raw: statement.positionHTML))</div>
            \(HTML.when(!statement.reservations.isEmpty) { "<h4>Reservations</h4><div class=\"prose\">\(HTML(raw: statement.reservationsHTML))</div>" })
            \(HTML.when(!slogans.isEmpty) { "<h4>Slogans</h4><ul>\(slogans)</ul>" })
            """
    }

    /// Accept and decline for invited groups the viewer organizes.
    static func answers(_ context: AppContext, _ view: CampaignView) -> HTML {
        let asked = view.participants.filter { $0.status == .invited && view.answersFor($0) }
        guard !asked.isEmpty else { return .empty }
        let items = asked.map { group -> HTML in
            let path = CampaignPaths.answer(view.campaign.id, group.slug)
            return """
                <li>\(group.name) is asked to take part. \
                \(FormParts.button(context, path, "Accept for \(group.name)", fields: FormParts.hidden("answer", "accept"))) \
                \(FormParts.button(context, path, "Decline", fields: FormParts.hidden("answer", "decline"), style: "secondary"))</li>
                """
        }
        return
            "<section aria-labelledby=\"asked\"><h2 id=\"asked\">Your groups are asked</h2><ul>\(items)</ul></section>"
    }

    /// For the lead's organizers: who was asked and their answers, and the form to invite another group.
    static func management(_ context: AppContext, _ view: CampaignView, _ fields: FieldSet) -> HTML {
        guard view.manages, let choices = view.choices else { return .empty }
        let waiting = view.participants.filter { $0.status == .invited || $0.status == .declined }
        let items = waiting.map { group -> HTML in
            "<li>\(group.group.link): \(group.status == .invited ? "asked, no answer yet" : "declined")</li>"
        }
        return """
            <section aria-labelledby="invite"><h2 id="invite">Invite groups</h2>
            \(items.isEmpty ? "<p class=\"empty\">No invitations waiting.</p>" as HTML : "<ul>\(items)</ul>")
            \(fields.summary)
            \(FormParts.postForm(context, to: CampaignPaths.invite(view.campaign.id), novalidate: true))
            \(fields.named("group", label: "Group to invite", choices: choices, hint: "Its name: its organizers are asked and answer for it."))
            <button type="submit">Invite</button></form></section>
            """
    }
}
