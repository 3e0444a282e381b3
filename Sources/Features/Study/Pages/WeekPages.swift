import Foundation
import FreshgroundCore
import FreshgroundWeb
import Library

/// A week of the syllabus: topic, introduction, readings by kind, media, presenters, lead questions, the
/// session with its agenda, and the report; organizers get the tools to change each part and schedule the session.
enum WeekPages {
    static func show(
        _ context: AppContext,
        _ series: StudySeries,
        _ week: Week,
        fields: FieldSet = FieldSet(),
        failed: String? = nil,
        choices: WeekChoices? = nil
    ) -> HTML {
        let (id, number) = (series.id, week.number)
        let organizer = series.viewer.isOrganizer
        let kinds = series.readingKinds + week.readings.map(\.kind).filter { !series.readingKinds.contains($0) }
        let readings = kinds.compactMap { kind -> HTML? in
            let items = week.readings.filter { $0.kind == kind }
            guard !items.isEmpty else { return nil }
            let list = items.map { reading -> HTML in
                let remove: HTML = .when(organizer) {
                    FormParts.button(
                        context,
                        StudyPaths.removeReading(id, number, reading.id),
                        "Remove",
                        style: "secondary"
                    )
                }
                return """
                    <li><a href="\(reading.url)"\(HTML.when(reading.publicationID == nil) { " rel=\"nofollow noopener noreferrer\"" })>\(reading.title)</a>\
                    \(HTML.when(!reading.note.isEmpty) { " — \(reading.note)" }) \(remove)</li>
                    """
            }
            return "<h3>\(kind.prefix(1).uppercased() + kind.dropFirst())</h3><ul>\(list)</ul>"
        }
        let media = week.media.map { item -> HTML in
            let size = StudyParts.size(item.sizeBytes)
            let remove: HTML = .when(organizer) {
                FormParts.button(context, StudyPaths.removeMedia(id, number, item.id), "Remove", style: "secondary")
            }
            return """
                <li>\(item.kind.label): <a href="\(item.url)" rel="nofollow noopener noreferrer">\(item.title)</a>\
                \(HTML.when(!size.isEmpty) { " (download, \(size))" }) \(remove)</li>
                """
        }
        let presenters = week.presenters.map { presenter -> HTML in
            let link: HTML =
                if let speaker = presenter.speakerID {
                    "<a href=\"/speakers/\(speaker)\">\(presenter.name)</a>"
                } else {
                    "\(presenter.name)"
                }
            let remove: HTML = .when(organizer) {
                FormParts.button(
                    context,
                    StudyPaths.removePresenter(id, number, presenter.id),
                    "Remove",
                    style: "secondary"
                )
            }
            return "<li>\(link) \(remove)</li>"
        }
        let questions = week.questions.map { question -> HTML in "<li>\(question)</li>" }
        let session: HTML =
            week.session.map { session in
                """
                <p>\(StudyParts.when(session))</p>
                \(StudyParts.agenda(series.agenda, session: session))
                \(HTML.when(series.viewer.isParticipant || organizer) { "<p><a href=\"\(StudyPaths.session(id, number))\">Session: check in, breakouts and notes</a></p>" })
                """
            } ?? "<p class=\"empty\">The session is not scheduled yet.</p>"
        let report: HTML =
            week.reportHTML.map { html in
                let published: HTML =
                    week.reportPublicationID.map {
                        " (also in the <a href=\"\(LibraryPaths.publication($0))\">library</a>)"
                    } ?? .empty
                return
                    "<section aria-labelledby=\"report\"><h2 id=\"report\">Session report</h2>\(published)<div class=\"prose\">\(HTML(raw: html))</div></section>"
            } ?? .empty
        return Layout.page(
            title: "Week \(week.number): \(week.topic) · \(series.title)",
            context: context,
            main: """
                <p><a href="\(StudyPaths.series(id))">\(series.title)</a></p>
                <h1>Week \(week.number): \(week.topic)</h1>
                \(HTML.when(!week.introduction.trimmingWhitespace().isEmpty) {
                    "<h2>Introduction</h2><div class=\"prose\">\(HTML.markdown(week.introduction))</div>"
                })
                <h2>Session</h2>\(session)
                <h2>Readings</h2>\(readings.isEmpty ? "<p class=\"empty\">No readings yet.</p>" : readings.joined())
                \(HTML.when(!media.isEmpty) { "<h2>Recordings and films</h2><ul>\(media)</ul>" })
                \(HTML.when(!presenters.isEmpty) { "<h2>Presenters</h2><ul>\(presenters)</ul>" })
                \(HTML.when(!questions.isEmpty) { "<h2>Lead questions</h2><ol>\(questions)</ol>" })
                \(report)
                \(choices.map { WeekTools.tools(context, series, week, fields: fields, failed: failed, choices: $0) })
                """
        )
    }
}
