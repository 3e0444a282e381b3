import Foundation
import FreshgroundCore
import FreshgroundWeb

/// The organizers' view of who takes part and of the mail sent to the list, and the unsubscribe page.
enum ListPages {
    /// `withoutMail` counts the enrolled the list's mail does not reach; `siteSends` is false on a site without a mail
    /// server, where it reaches nobody.
    static func participants(
        _ context: AppContext,
        _ series: StudySeries,
        _ people: [Participant],
        withoutMail unreached: Int,
        siteSends: Bool
    ) -> HTML {
        let id = series.id
        let rows = people.map { person -> HTML in
            let decide: HTML = .when(person.status == .pending) {
                """
                \(FormParts.button(context, StudyPaths.participantAnswer(id, person.handle), "Let in", fields: FormParts.hidden("answer", "accept")))
                \(FormParts.button(context, StudyPaths.participantAnswer(id, person.handle), "Decline", fields: FormParts.hidden("answer", "decline"), style: "secondary"))
                """
            }
            let notes = [
                person.newcomer ? "newcomer" : nil, person.online ? "online" : nil,
                person.subscribed ? nil : "no emails", person.hasEmail ? nil : "no email address",
            ]
            .compactMap { $0 }.joined(separator: ", ")
            return """
                <tr><th scope="row">\(person.name) <span class="meta">@\(person.handle)</span></th><td>\(person.status.rawValue)</td>\
                <td>\(notes)</td><td>\(decide)</td></tr>
                """
        }
        let notice: HTML =
            !siteSends && !people.isEmpty
            ? "<p class=\"notice\" role=\"note\">This site has no mail server: nobody gets email from the series.</p>"
            : .when(unreached > 0) {
                "<p class=\"notice\" role=\"note\">\(unreached) of the enrolled get no email from the series (no email address on their account, or they stopped the emails).</p>"
            }
        return Layout.page(
            title: "Participants · \(series.title)",
            context: context,
            main: """
                <p><a href="\(StudyPaths.series(id))">\(series.title)</a></p>
                <h1>Participants</h1>
                <p class="meta">Only the series' organizers see this list.</p>
                \(notice)
                \(people.isEmpty ? "<p class=\"empty\">Nobody has enrolled yet.</p>" as HTML : """
                <table><thead><tr><th scope="col">Person</th><th scope="col">Status</th><th scope="col">Notes</th>\
                <th scope="col"><span class="visually-hidden">Decide</span></th></tr></thead><tbody>\(rows)</tbody></table>
                """)
                """
        )
    }

    /// `delivers` is false when the site has no mail server and messages only go to its log: then nothing is
    /// called sent.
    static func mailings(_ context: AppContext, _ series: StudySeries, _ mailings: [Mailing], delivers: Bool) -> HTML {
        let done = delivers ? "sent" : "written to the log (not sent)"
        let items = mailings.map { mailing -> HTML in
            let progress = mailing.progress
            let failures = progress.failed.map { failure -> HTML in "<li>\(failure.recipient): \(failure.error)</li>" }
            return """
                <li><strong>\(mailing.subject)</strong> <span class="meta">\(mailing.kind.rawValue), \
                \(ZonedTime.display(mailing.createdAt, zone: "UTC"))</span><br>
                \(progress.sent) of \(progress.total) \(done)\(HTML.when(progress.waiting > 0) { ", \(progress.waiting) waiting or being retried" })\
                \(HTML.when(!progress.failed.isEmpty) { ", <strong class=\"form-error\">\(progress.failed.count) failed</strong>" })
                \(HTML.when(!failures.isEmpty) { "<ul class=\"failures\">\(failures)</ul>" })</li>
                """
        }
        return Layout.page(
            title: "Emails to the list · \(series.title)",
            context: context,
            main: """
                <p><a href="\(StudyPaths.series(series.id))">\(series.title)</a></p>
                <h1>Emails to the list</h1>
                \(delivers ? "<p class=\"meta\">Each email goes out in the background and is retried when the mail server is down; addresses the mail server refuses are listed with its answer.</p>" as HTML : "<p class=\"notice\" role=\"note\">This site has no mail server set up (<code>mail.smtp</code>), so these emails were written to the server's log and reached nobody.</p>")
                \(items.isEmpty ? "<p class=\"empty\">Nothing has been sent to the list yet.</p>" as HTML : "<ul>\(items)</ul>")
                """
        )
    }

    static func unsubscribe(_ context: AppContext, token: String, title: String, subscribed: Bool) -> HTML {
        Layout.page(
            title: "Stop emails from \(title)",
            context: context,
            main: subscribed
                ? """
                <h1>Stop emails from \(title)?</h1>
                <form action="\(StudyPaths.unsubscribe(token))" method="post"><button type="submit">Stop the emails</button></form>
                <p class="meta">You stay enrolled; you can turn the emails back on from the series' page.</p>
                """
                : """
                <h1>You get no more emails from \(title)</h1>
                <p>You stay enrolled; you can turn the emails back on from the series' page.</p>
                """
        )
    }
}
