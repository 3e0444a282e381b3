import Foundation
import FreshgroundWeb
import Groups

/// A group's work board as its members see it: open tasks, shifts and roles with the places left, and for its
/// organizers the form that posts more and the links to rotation, figures and check-ins.
struct Board {
    var group: Group
    var standing: Standing
    var work: [Work]
    /// Places taken per piece of work (accepted), which every member may know.
    var taken: [Int: Int]
    var closed: Bool
    var events: [(id: Int, title: String)]

    var canManage: Bool { VolunteerRules.canManage(standing) }
}

enum BoardPages {
    static func page(_ context: AppContext, _ board: Board, fields: FieldSet = FieldSet()) -> HTML {
        let slug = board.group.slug
        let sections = WorkKind.allCases.map { kind -> HTML in
            let items = board.work.filter { $0.kind == kind }.map { item(board, $0) }
            let heading = "\(kind.label)s"
            return """
                <section aria-labelledby="kind-\(kind.rawValue)"><h2 id="kind-\(kind.rawValue)">\(heading)</h2>
                \(items.isEmpty ? "<p class=\"empty\">No \(board.closed ? "closed" : "open") \(kind.rawValue)s.</p>" as HTML : "<ul class=\"items\">\(items)</ul>")
                </section>
                """
        }
        let title = "\(board.group.name): work"
        let manage: HTML = .when(board.canManage) {
            """
            <p><a href="\(VolunteerPaths.rotation(slug))">Rotation</a> · <a href="\(VolunteerPaths.figures(slug))">Figures</a> · \
            <a href="\(VolunteerPaths.checkins(slug))">Check-ins</a> · \
            <a href="\(VolunteerPaths.mentoring(slug))">Mentoring</a> · \
            <a href="\(VolunteerPaths.settings(slug))">Settings</a> · <a href="\(VolunteerPaths.importPeople(slug))">Import people</a> · \
            <a href="\(VolunteerPaths.exportPeople(slug))">Export the members (CSV)</a></p>
            """
        }
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Tasks, shifts and roles of \(GroupRef(slug: slug, name: board.group.name).link). Take what fits \
                the hours you pledged; <a href="\(VolunteerPaths.mine())">your work</a> shows your load.</p>
                \(manage)
                <p>\(board.closed ? "<a href=\"\(VolunteerPaths.board(slug))\">Open work</a>" as HTML : "<a href=\"\(VolunteerPaths.board(slug))?closed=1\">Done and archived work</a>")</p>
                \(sections)
                \(HTML.when(board.canManage && !board.closed) { post(context, board, fields) })
                """
        )
    }

    private static func item(_ board: Board, _ work: Work) -> HTML {
        let places: HTML =
            work.kind == .shift
            ? " — \(board.taken[work.id] ?? 0) of \(work.places ?? 0) places taken"
            : work.kind == .role && (board.taken[work.id] ?? 0) == 0 ? " — needs someone" : .empty
        let skills: HTML = .when(!work.skills.isEmpty) { " · skills: \(work.skills)" }
        return """
            <li><a href="\(VolunteerPaths.work(work.id))">\(work.title)</a>: \(MinePages.whenText(work))\(places)\(skills)</li>
            """
    }

    private static func post(_ context: AppContext, _ board: Board, _ fields: FieldSet) -> HTML {
        """
        <section aria-labelledby="post"><h2 id="post">Post work</h2>
        \(fields.summary)
        \(FormParts.postForm(context, to: VolunteerPaths.board(board.group.slug), novalidate: true))
        \(WorkForm.fields(fields, events: board.events, kindChangeable: true))
        <button type="submit">Post</button></form>
        </section>
        """
    }
}

/// The fields of a piece of work, for posting and for changing it. Each kind uses some of them; the hint says
/// which.
enum WorkForm {
    static func fields(_ fields: FieldSet, events: [(id: Int, title: String)], kindChangeable: Bool) -> HTML {
        let kind: HTML =
            kindChangeable
            ? fields.select(
                "kind",
                label: "Kind",
                options: WorkKind.allCases.map { ($0.rawValue, $0.label) },
                selected: "task"
            ) : FormParts.hidden("kind", fields.values["kind"])
        return """
            \(kind)
            \(fields.text("title", label: "Title", required: true))
            \(fields.textarea("details", label: "Details", rows: 4))
            \(fields.text("skills", label: "Skills", hint: "Separated by commas; people with them are suggested first."))
            \(fields.select("event", label: "For an event (optional)", options: [("", "No event")] + events.map { (String($0.id), $0.title) }))
            <fieldset><legend>A task</legend>
            \(fields.text("minutes", label: "Estimate in minutes", type: "number"))
            \(fields.text("due", label: "Due (optional)", type: "date"))
            </fieldset>
            <fieldset><legend>A shift</legend>
            \(fields.text("starts", label: "Starts", type: "datetime-local"))
            \(fields.text("ends", label: "Ends", type: "datetime-local"))
            \(fields.text("zone", label: "Time zone", hint: "For example Europe/Berlin; UTC when empty."))
            \(fields.text("places", label: "How many people", type: "number"))
            \(fields.text("shiftRole", label: "What people do (optional)", hint: "For example: door, stall, stewarding"))
            \(fields.text("lead", label: "Shift lead's handle (optional)", hint: "The lead sees who signed up for this shift."))
            </fieldset>
            <fieldset><legend>A standing role</legend>
            \(fields.text("weeklyHours", label: "Hours a week", type: "number"))
            \(fields.text("termMonths", label: "Term in months", type: "number"))
            </fieldset>
            """
    }
}
