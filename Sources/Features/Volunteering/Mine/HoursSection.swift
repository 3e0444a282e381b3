import FreshgroundWeb
import Groups

/// The hours a person gave: a form to log them (for a group, and for a piece of work they hold or did) and the
/// entries they logged, each removable.
enum HoursSection {
    static func section(_ context: AppContext, _ page: MyPage, _ fields: FieldSet) -> HTML {
        let works =
            (page.current.filter { $0.assignment.state == .accepted }
                + page.past.filter {
                    $0.assignment.state == .done || $0.assignment.state == .ended
                })
        var seen: Set<Int> = []
        let workOptions = works.filter { seen.insert($0.work.id).inserted }.map {
            (value: String($0.work.id), label: "\($0.work.title) (\($0.group.name))")
        }
        let entries = page.hours.map { entry -> HTML in
            """
            <li>\(entry.onDay): \(entry.minutes) minutes for \(entry.groupName)\
            \(entry.workTitle.map { ", \($0)" as HTML } ?? .empty)\(HTML.when(!entry.note.isEmpty) { " — \(entry.note)" })
            \(FormParts.button(context, VolunteerPaths.removeHours(entry.id), "Remove"))</li>
            """
        }
        let form: HTML =
            page.groups.isEmpty
            ? "<p class=\"empty\">Join a group to log the hours you give it.</p>"
            : """
            \(FormParts.postForm(context, to: VolunteerPaths.hours(), novalidate: true))
            \(fields.select("group", label: "Group", options: page.groups.map { ($0.slug, $0.name) }))
            \(fields.select("work", label: "For (optional)", options: [("", "No particular work")] + workOptions))
            \(fields.text("minutes", label: "Minutes", type: "number", required: true))
            \(fields.text("day", label: "Day (empty for today)", type: "date"))
            \(fields.text("note", label: "Note (optional)"))
            <button type="submit">Log hours</button></form>
            """
        return """
            <section aria-labelledby="hours"><h2 id="hours">Hours I gave</h2>
            <p>Logged hours are yours; a group's figures count them only as totals.</p>
            \(form)
            \(entries.isEmpty ? "<p class=\"empty\">You have logged no hours yet.</p>" as HTML : "<ul>\(entries)</ul>")
            </section>
            """
    }
}
