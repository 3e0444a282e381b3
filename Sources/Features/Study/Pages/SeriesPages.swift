import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import People

/// The study series' pages: the list, the form to start or change a series, and a series' page with its
/// organizers, enrollment and syllabus.
enum SeriesPages {
    static func index(
        _ context: AppContext,
        _ page: Page<SeriesCard>,
        invitations: [(series: SeriesCard, group: GroupRef)]
    ) -> HTML {
        let items = page.items.map { card -> HTML in
            let next: HTML =
                card.nextSession.map { " · next session \(ZonedTime.dateLabel($0, zone: "UTC"))" } ?? .empty
            return """
                <li><a href="\(StudyPaths.series(card.id))">\(card.title)</a> <span class="meta">by \(StudyParts.groups(card.organizers)) · \
                \(card.weeks) week\(card.weeks == 1 ? "" : "s")\(next)</span></li>
                """
        }
        let asked = invitations.map { item -> HTML in
            """
            <li><a href="\(StudyPaths.series(item.series.id))">\(item.series.title)</a> asks \(item.group.name) to co-organize. \
            \(FormParts.button(context, StudyPaths.organizerAnswer(item.series.id, item.group.slug), "Accept", fields: FormParts.hidden("answer", "accept"))) \
            \(FormParts.button(context, StudyPaths.organizerAnswer(item.series.id, item.group.slug), "Decline", fields: FormParts.hidden("answer", "decline"), style: "secondary"))</li>
            """
        }
        return Layout.page(
            title: "Study series",
            context: context,
            main: """
                <h1>Study series</h1>
                <p>Reading and discussion series that groups run together, open to people from every group.</p>
                \(HTML.when(context.person != nil) { "<p><a class=\"button\" href=\"\(StudyPaths.newSeries())\">Start a series</a></p>" })
                \(HTML.when(!asked.isEmpty) { "<h2>Asking your groups to co-organize</h2><ul>\(asked)</ul>" })
                \(items.isEmpty ? "<p class=\"empty\">No study series yet.</p>" as HTML : "<ul class=\"cards\">\(items)</ul>")
                \(paginationNav(page, base: StudyPaths.study()))
                """
        )
    }

    static func form(
        _ context: AppContext,
        _ fields: FieldSet,
        groups: [GroupRef],
        copies: NamedChoices? = nil,
        editing series: StudySeries? = nil
    ) -> HTML {
        let title = series == nil ? "Start a study series" : "Change \(series!.title)"
        let (lead, none) = GroupChoices.leadField(
            fields,
            groups: groups,
            starting: series == nil,
            refusal: "Only organizers of a group start series."
        )
        let copy: HTML =
            copies.map {
                fields.named(
                    "copyFrom",
                    label: "Copy the syllabus of another series (optional)",
                    choices: $0,
                    hint: "Its title: its weeks, readings and questions are copied."
                )
            } ?? .empty
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                \(none)
                \(fields.summary)
                \(FormParts.postForm(context, to: series.map { StudyPaths.series($0.id) } ?? StudyPaths.study(), novalidate: true))
                \(FormParts.hidden("_submitted", "1"))
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("description", label: "Description (Markdown)", rows: 5))
                \(lead)
                \(fields.select("enrollment", label: "Enrollment", options: [("open", "Open: anyone can enroll"), ("approved", "Approved: organizers let people in")]))
                \(fields.textarea("readingKinds", label: "Kinds of reading, one per line", rows: 3))
                \(fields.textarea("agenda", label: "Session agenda, one item per line: minutes then the item", rows: 4, hint: "For example: 30 Presentations"))
                \(fields.checkbox("publishReports", label: "Publish session reports in the library", checked: series?.publishReports ?? true))
                \(copy)
                <button type="submit">\(series == nil ? "Start the series" : "Save")</button></form>
                """
        )
    }

    static func show(
        _ context: AppContext,
        _ series: StudySeries,
        fields: FieldSet = FieldSet(),
        failed: String? = nil,
        choices: SeriesChoices? = nil
    ) -> HTML {
        let organizing = series.organizingGroups
        let invited = series.organizers.filter { $0.status == .invited }.map(\.group)
        let weeks = series.weeks.map { week -> HTML in
            let when: HTML = week.session.map { StudyParts.when($0) } ?? "<span class=\"meta\">no session yet</span>"
            return """
                <li><a href="\(StudyPaths.week(series.id, week.number))">Week \(week.number): \(week.topic)</a><br>\(when)\
                \(HTML.when(week.report != nil) { " · <strong>report written</strong>" })</li>
                """
        }
        return Layout.page(
            title: series.title,
            context: context,
            main: """
                <h1>\(series.title)</h1>
                <p class="meta">Organized by \(StudyParts.groups(organizing))\
                \(HTML.when(!invited.isEmpty) { " · invited: \(StudyParts.groups(invited))" }) · \
                \(series.participants) participant\(series.participants == 1 ? "" : "s") · \
                enrollment \(series.enrollment == .open ? "open" : "approved by the organizers")</p>
                \(HTML.when(!series.descriptionHTML.isEmpty) {
                    "<h2>About the series</h2><div class=\"prose\">\(HTML(raw: series.descriptionHTML))</div>"
                })
                \(enrollment(context, series))
                <h2>Syllabus</h2>
                \(weeks.isEmpty ? "<p class=\"empty\">No weeks yet.</p>" as HTML : "<ol class=\"weeks\">\(weeks)</ol>")
                \(StudyParts.agenda(series.agenda, session: nil))
                \(choices.map { organizerTools(context, series, fields: fields, failed: failed, choices: $0) })
                """
        )
    }

    /// Said before and after enrolling when the series' mail cannot reach the person.
    private static func noMail(_ viewer: SeriesViewer) -> HTML {
        """
        <p class="notice" role="note">You will get no email from this series: \
        your account has no email address, or this site sends no mail. Reminders and session reports are on \
        these pages.</p>
        """
    }

    private static func enrollment(_ context: AppContext, _ series: StudySeries) -> HTML {
        let id = series.id
        guard context.person != nil else {
            return "<p><a href=\"\(PeoplePaths.logIn())?next=\(StudyPaths.series(id))\">Log in</a> to enroll.</p>"
        }
        switch series.viewer.enrollment {
        case nil:
            return """
                <section aria-labelledby="enroll"><h2 id="enroll">Take part</h2>
                \(FormParts.postForm(context, to: StudyPaths.enrollment(id)))
                <div class="field checkbox"><input id="newcomer" name="newcomer" type="checkbox" value="on">\
                <label for="newcomer">This is my first study series</label></div>
                <div class="field checkbox"><input id="online" name="online" type="checkbox" value="on">\
                <label for="online">I will mostly join online</label></div>
                <div class="field checkbox"><input id="digest" name="digest" type="checkbox" value="on">\
                <label for="digest">Also send me a weekly digest</label></div>
                <button type="submit">Enroll</button></form>
                \(series.viewer.getsMail ? "<p class=\"meta\">Enrolling puts you on the series' email list (reminders and session reports); every email has a link to stop them.</p>" as HTML : noMail(series.viewer))</section>
                """
        case .pending?:
            return "<p role=\"status\">You asked to enroll; an organizer will let you in.</p>"
        case .declined?:
            return "<p>The organizers did not take your enrollment.</p>"
        case .enrolled?:
            let viewer = series.viewer
            return """
                <section aria-labelledby="enrolled"><h2 id="enrolled">You are enrolled</h2>
                \(FormParts.postForm(context, to: StudyPaths.enrollmentSettings(id)))
                <div class="field checkbox"><input id="subscribed" name="subscribed" type="checkbox" value="on"\(viewer.subscribed ? " checked" : "")>\
                <label for="subscribed">Email me reminders and session reports</label></div>
                <div class="field checkbox"><input id="digest" name="digest" type="checkbox" value="on"\(viewer.digest ? " checked" : "")>\
                <label for="digest">Send me a weekly digest</label></div>
                <button type="submit">Save email settings</button></form>
                \(HTML.when(!viewer.getsMail) { noMail(viewer) })
                \(FormParts.button(context, StudyPaths.leave(id), "Leave the series", style: "secondary"))</section>
                """
        }
    }

    private static func weekly(_ context: AppContext, _ series: StudySeries, _ fields: FieldSet) -> HTML {
        """
        <h3>Schedule the sessions, a week apart</h3>\(fields.summary)
        <p class="meta">Every week without a session gets one, at the same local time a week after the last.</p>
        \(FormParts.postForm(context, to: StudyPaths.weeklySessions(series.id), novalidate: true))
        \(StudyParts.sessionFields(fields, startLabel: "First session starts (local time)"))
        <button type="submit">Schedule the sessions</button></form>
        """
    }

    private static func organizerTools(
        _ context: AppContext,
        _ series: StudySeries,
        fields: FieldSet,
        failed: String?,
        choices: SeriesChoices
    ) -> HTML {
        let id = series.id
        let week = StudyParts.fields("week", failed: failed, fields)
        let invite = StudyParts.fields("invite", failed: failed, fields)
        let list = StudyParts.fields("list", failed: failed, fields)
        return """
            <section aria-labelledby="organize"><h2 id="organize">Organize</h2>
            <p><a href="\(StudyPaths.editSeries(id))">Change the series</a> · <a href="\(StudyPaths.participants(id))">Participants</a> · \
            <a href="\(StudyPaths.mailings(id))">Emails sent to the list</a></p>
            <h3>Add a week</h3>\(week.summary)
            \(FormParts.postForm(context, to: StudyPaths.weeks(id), novalidate: true))
            \(week.text("topic", label: "Topic", required: true))
            \(week.textarea("introduction", label: "Introduction (Markdown)", rows: 4))
            \(week.textarea("questions", label: "Lead questions, one per line", rows: 3))
            <button type="submit">Add the week</button></form>
            \(HTML.when(series.weeks.contains { $0.session == nil }) { weekly(context, series, StudyParts.fields("sessions", failed: failed, fields)) })
            <h3>Turn a reading list into weeks</h3>\(list.summary)
            \(FormParts.postForm(context, to: StudyPaths.weeksFromList(id), novalidate: true))
            \(list.named("list", label: "Reading list", choices: choices.lists, required: true, hint: "Its title; the list suggests the reading lists you can read."))
            \(list.text("perWeek", label: "Readings a week", type: "number"))
            <button type="submit">Add the weeks</button></form>
            <h3>Invite a group to co-organize</h3>\(invite.summary)
            \(FormParts.postForm(context, to: StudyPaths.organizers(id), novalidate: true))
            \(invite.named("group", label: "Group", choices: choices.groups, required: true, hint: "Its name; the list suggests them as you type. Its organizers accept or decline."))
            <button type="submit">Invite</button></form></section>
            """
    }
}
