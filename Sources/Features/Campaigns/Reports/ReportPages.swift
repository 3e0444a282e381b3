import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The pages of a coalition's monthly reports: the months, a month's digest, a group's report form, and the
/// confirmation before the digest is sent now.
enum ReportPages {
    static func months(_ context: AppContext, access: ReportAccess, months: [ReportMonthSummary]) -> HTML {
        let slug = access.coalition.slug
        let items = months.map { item -> HTML in
            let sent: HTML = item.sentAt.map { " · digest sent \(CampaignParts.day($0))" } ?? .empty
            return """
                <li><a href="\(CampaignPaths.digest(slug, item.month.description))">\(item.month.label)</a> \
                <span class="meta">\(item.reports) report\(item.reports == 1 ? "" : "s")\(sent)</span></li>
                """
        }
        let empty: HTML = """
            <p class="empty">No group takes part in a campaign \(access.coalition.name) leads yet, so no reports \
            are due.</p>
            """
        return Layout.page(
            title: "Monthly reports to \(access.coalition.name)",
            context: context,
            main: """
                <h1>Monthly reports to \(access.coalitionRef.link)</h1>
                <p>Each month every group taking part in a campaign \(access.coalition.name) leads tells it what \
                it did, learned and needs. A group that has not reported by the 3rd of the next month is reminded \
                once; the digest goes to the organizers on the 6th (UTC).</p>
                \(items.isEmpty ? empty : "<ul>\(items)</ul>")
                """
        )
    }

    static func digest(_ context: AppContext, access: ReportAccess, digest: MonthDigest) -> HTML {
        let slug = access.coalition.slug
        let month = digest.month
        let status: HTML
        if let sent = digest.sentAt {
            status = "The digest went out on \(CampaignParts.day(sent)); reports filed or changed since show here only."
        } else {
            status = "The digest goes to the organizers from \(CampaignParts.day(month.digestDue)) (UTC)."
        }
        let send: HTML = .when(access.manages && digest.sentAt == nil) {
            " <a href=\"\(CampaignPaths.sendDigest(slug, month.description))\">Send the digest now</a>"
        }
        let reports = digest.reports.map { report(digest, $0) }
        let missing = digest.missing.map { group -> HTML in "<li>\(group.group.link)</li>" }
        let own =
            (digest.reports.map { ($0.groupID, $0.group, true) } + digest.missing.map { ($0.groupID, $0.group, false) })
            .filter { access.speaksFor.contains($0.0) }
            .map { item -> HTML in
                """
                <li><a href="\(CampaignPaths.report(slug, month.description, item.1.slug))">\(item.2 ? "Change" : "Write") \
                \(item.1.name)’s report</a></li>
                """
            }
        return Layout.page(
            title: "Reports to \(access.coalition.name), \(month.label)",
            context: context,
            main: """
                <h1>Reports to \(access.coalitionRef.link) for \(month.label)</h1>
                <p class="meta">\(status)\(send)</p>
                \(HTML.when(!own.isEmpty) { "<section aria-labelledby=\"yours\"><h2 id=\"yours\">Your groups</h2><ul>\(own)</ul></section>" })
                <section aria-labelledby="filed"><h2 id="filed">The reports</h2>
                \(reports.isEmpty ? "<p class=\"empty\">No group has reported for \(month.label) yet.</p>" as HTML : "<div class=\"statements\">\(reports)</div>")
                </section>
                <section aria-labelledby="missing"><h2 id="missing">Not reported yet</h2>
                \(missing.isEmpty ? "<p class=\"empty\">Every group taking part has reported.</p>" as HTML : "<ul>\(missing)</ul>")
                </section>
                <p><a href="\(CampaignPaths.reports(slug))">Every month</a></p>
                """
        )
    }

    private static func report(_ digest: MonthDigest, _ report: CoalitionReport) -> HTML {
        let author: HTML = report.author.map { " by \($0)" } ?? .empty
        let late: HTML = .when(digest.isLate(report)) { " · changed after the digest went out" }
        return """
            <article class="position" aria-labelledby="report-\(String(report.groupID))">
            <h3 id="report-\(String(report.groupID))">\(report.group.link)</h3>
            <p class="meta">\(CampaignParts.day(report.updatedAt))\(author)\(late)</p>
            <h4>What we did</h4><div class="prose">\(HTML(raw: report.didHTML))</div>
            \(HTML.when(!report.learned.isEmpty) { "<h4>What we learned</h4><div class=\"prose\">\(HTML(raw: report.learnedHTML))</div>" })
            \(HTML.when(!report.needs.isEmpty) { "<h4>What we need</h4><div class=\"prose\">\(HTML(raw: report.needsHTML))</div>" })
            </article>
            """
    }

    static func form(
        _ context: AppContext,
        _ fields: FieldSet,
        access: ReportAccess,
        month: ReportMonth,
        group: GroupRef,
        current: ReportText?,
        sentAt: Date?
    ) -> HTML {
        let title = "\(group.name)’s report to \(access.coalition.name) for \(month.label)"
        let theirs: HTML = .when(fields.errors[FieldSet.formMessage] != nil && current != nil) {
            """
            <section aria-labelledby="saved"><h2 id="saved">The version saved meanwhile</h2>
            <div class="prose">\(HTML(raw: Markdown.html(current!.did)))</div></section>
            """
        }
        let sent: HTML = .when(sentAt != nil) {
            "<p class=\"meta\">The digest for \(month.label) went out already: what you save now shows on the reports page only.</p>"
        }
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>A short report for the coalition’s monthly digest, read by its members and by the organizers \
                and editors of the groups taking part. You can change it later.</p>
                \(sent)
                \(fields.summary)
                \(theirs)
                \(FormParts.postForm(context, to: CampaignPaths.report(access.coalition.slug, month.description, group.slug), novalidate: true))
                \(FormParts.hidden("baseVersion", String(current?.version ?? 0)))
                \(fields.textarea("did", label: "What we did (Markdown)", rows: 6))
                \(fields.textarea("learned", label: "What we learned (Markdown, optional)", rows: 4))
                \(fields.textarea("needs", label: "What we need (Markdown, optional)", rows: 4))
                <button type="submit">Save the report</button></form>
                <p><a href="\(CampaignPaths.digest(access.coalition.slug, month.description))">Back to the reports</a></p>
                """
        )
    }

    static func confirmSend(_ context: AppContext, _ fields: FieldSet, access: ReportAccess, month: ReportMonth) -> HTML
    {
        ConfirmPage.page(
            context,
            title: "Send the digest for \(month.label) now?",
            explanation: """
                Each organizer of \(access.coalition.name) and of the groups taking part gets one email with the \
                reports filed so far. It goes once: reports filed or changed later show on the page only, and no \
                digest for \(month.label) goes out on the 6th.
                """,
            action: CampaignPaths.sendDigest(access.coalition.slug, month.description),
            button: "Send the digest now",
            back: CampaignPaths.digest(access.coalition.slug, month.description),
            status: fields.summary
        )
    }
}
