import Foundation
import FreshgroundCore
import FreshgroundWeb

/// The organizers' forms on a week's page. Each form's fields carry its own prefix so ids stay unique.
enum WeekTools {
    static func tools(
        _ context: AppContext,
        _ series: StudySeries,
        _ week: Week,
        fields: FieldSet,
        failed: String?,
        choices: WeekChoices
    ) -> HTML {
        let (id, number) = (series.id, week.number)
        let edit =
            failed == "week"
            ? fields
            : FieldSet(
                values: FormData([
                    ("topic", week.topic), ("introduction", week.introduction),
                    ("questions", week.questions.joined(separator: "\n")),
                ])
            )
        let reading = StudyParts.fields("reading", failed: failed, fields)
        let media = StudyParts.fields("media", failed: failed, fields)
        let presenter = StudyParts.fields("presenter", failed: failed, fields)
        let session = StudyParts.fields("session", failed: failed, fields)
        let schedule: HTML = .when(week.session == nil) {
            """
            <h3>Schedule the session</h3>\(session.summary)
            \(FormParts.postForm(context, to: StudyPaths.session(id, number), novalidate: true))
            \(StudyParts.sessionFields(session, startLabel: "Starts (local time)"))
            <button type="submit">Schedule</button></form>
            """
        }
        return """
            <section aria-labelledby="organize"><h2 id="organize">Organize this week</h2>
            <p>\(FormParts.button(context, StudyPaths.moveWeek(id, number), "Move earlier", fields: FormParts.hidden("step", "-1"), style: "secondary")) \
            \(FormParts.button(context, StudyPaths.moveWeek(id, number), "Move later", fields: FormParts.hidden("step", "1"), style: "secondary")) \
            \(HTML.when(week.session == nil && week.report == nil) {
                FormParts.button(context, StudyPaths.removeWeek(id, number), "Remove this week", style: "secondary")
            })</p>
            \(schedule)
            <h3>Add a reading</h3>\(reading.summary)
            \(FormParts.postForm(context, to: StudyPaths.readings(id, number), novalidate: true))
            \(reading.select("readingKind", label: "Kind", options: series.readingKinds.map { ($0, $0) }))
            \(reading.named("readingPublication", label: "A piece in the library", choices: choices.pieces, hint: "Its title; the list suggests published pieces as you type."))
            \(reading.text("readingUrl", label: "Or the address of an outside reading", type: "url"))
            \(reading.text("readingTitle", label: "Title", hint: "Taken from the library piece when empty"))
            \(reading.text("readingNote", label: "Note"))
            <button type="submit">Add the reading</button></form>
            <h3>Add a recording or film</h3>\(media.summary)
            \(FormParts.postForm(context, to: StudyPaths.media(id, number), novalidate: true))
            \(media.select("mediaKind", label: "Kind", options: MediaKind.allCases.map { ($0.rawValue, $0.label) }))
            \(media.text("mediaTitle", label: "Title", required: true))
            \(media.text("mediaUrl", label: "Address to watch or download", type: "url", required: true))
            \(media.text("mediaSizeMB", label: "Download size in MB", hint: "For a long film, so people can plan the download"))
            <button type="submit">Add</button></form>
            <h3>Add a presenter</h3>\(presenter.summary)
            \(FormParts.postForm(context, to: StudyPaths.presenters(id, number), novalidate: true))
            \(presenter.named("presenterHandle", label: "A person on the site", choices: choices.people, hint: "Their name or handle. The list offers the members of the organizing groups you may see."))
            \(presenter.select("presenterSpeaker", label: "Or a speaker on the roster", choices: choices.speakers, none: "None"))
            <button type="submit">Add</button></form>
            <h3>Change the week</h3>\(edit.summary)
            \(FormParts.postForm(context, to: StudyPaths.week(id, number), novalidate: true))
            \(edit.text("topic", label: "Topic", required: true))
            \(edit.textarea("introduction", label: "Introduction (Markdown)", rows: 4))
            \(edit.textarea("questions", label: "Lead questions, one per line", rows: 3))
            <button type="submit">Save the week</button></form></section>
            """
    }
}
