import Foundation
import FreshgroundWeb
import Groups

/// One piece of work as the viewer may see it: what and when, the places left, the viewer's own part, the
/// sign-ups for those who may see them, and for the group's organizers the offer form, suggestions and changes.
struct WorkView {
    var found: WorkInGroup
    var taken: Int
    var mine: Assignment?
    var signUps: [SignUp]?
    var suggestions: [Suggestions.Suggested]
    var members: NamedChoices?

    var work: Work { found.work }
}

enum WorkPage {
    static func page(_ context: AppContext, _ view: WorkView, fields: FieldSet = FieldSet()) -> HTML {
        let work = view.work
        let places: HTML =
            work.kind == .shift ? "<p>\(view.taken) of \(work.places ?? 0) places taken.</p>" : .empty
        let status: HTML =
            work.status == .open
            ? .empty : "<p class=\"notice\">This \(work.kind.rawValue) is \(work.status.rawValue).</p>"
        return Layout.page(
            title: work.title,
            context: context,
            main: """
                <h1>\(work.title)</h1>
                <p>\(work.kind.label) for \(view.found.group.link): \(MinePages.whenText(work))\
                \(HTML.when(!work.shiftRole.isEmpty) { " · \(work.shiftRole)" })\
                \(HTML.when(!work.skills.isEmpty) { " · skills: \(work.skills)" })</p>
                \(status)\(places)
                \(HTML.when(!work.details.isEmpty) { "<p>\(work.details)</p>" })
                \(fields.summary)
                \(own(context, view, fields))
                \(signUps(context, view))
                \(HTML.when(view.found.canManage) { manage(context, view, fields) })
                <p><a href="\(VolunteerPaths.board(view.found.group.slug))">Back to the board</a></p>
                """
        )
    }

    private static func own(_ context: AppContext, _ view: WorkView, _ fields: FieldSet) -> HTML {
        if let mine = view.mine {
            if mine.state == .offered {
                return
                    "<p>You are offered this: <a href=\"\(VolunteerPaths.mine())#offers\">accept or decline it on your work page</a>.</p>"
            }
            return """
                <p>You hold this.</p>
                \(HTML.when(view.work.kind != .role) { FormParts.button(context, VolunteerPaths.done(mine.id), "Mark done") })
                <a href="\(VolunteerPaths.cancel(mine.id))">\(view.work.kind == .role ? "Step down" : "Cancel")</a>
                """
        }
        guard VolunteerRules.canSignUp(view.work, view.found.standing) else {
            return view.work.kind == .role && view.work.status == .open
                ? "<p>Roles are offered by the group's organizers; tell them if you would like it.</p>" : .empty
        }
        return """
            \(FormParts.postForm(context, to: VolunteerPaths.signUp(view.work.id), novalidate: true))
            \(fields.checkbox("confirmOverPledge", label: "If this takes me over the hours I pledged, I take it on anyway", checked: false))
            <button type="submit">Sign up</button></form>
            """
    }

    private static func signUps(_ context: AppContext, _ view: WorkView) -> HTML {
        guard let signUps = view.signUps else { return .empty }
        let rows = signUps.map { signUp -> HTML in
            let dates: HTML =
                view.work.kind == .role && signUp.startsOn != nil
                ? " (\(signUp.startsOn ?? "") to \(signUp.endsOn ?? "now"))" : .empty
            let withdraw: HTML = .when(signUp.state == .offered && view.found.canManage) {
                FormParts.button(context, VolunteerPaths.withdraw(signUp.id), "Withdraw the offer")
            }
            return "<li>\(signUp.name) (@\(signUp.handle)): \(label(signUp.state))\(dates) \(withdraw)</li>"
        }
        return """
            <section aria-labelledby="people"><h2 id="people">\(view.work.kind == .role ? "Holders, now and before" : "Who signed up")</h2>
            \(rows.isEmpty ? "<p class=\"empty\">Nobody yet.</p>" as HTML : "<ul>\(rows)</ul>")
            </section>
            """
    }

    static func label(_ state: AssignmentState) -> String {
        switch state {
        case .offered: "offered, waiting for an answer"
        case .accepted: "taken on"
        case .done: "done"
        case .ended: "handed on"
        case .declined, .cancelled: "not taking part"
        }
    }

    private static func manage(_ context: AppContext, _ view: WorkView, _ fields: FieldSet) -> HTML {
        let work = view.work
        let suggested = view.suggestions.map { person -> HTML in
            let skills: HTML = .when(!person.skills.isEmpty) { " — has \(person.skills.joined(separator: ", "))" }
            return
                "<li>\(person.name.isEmpty ? "@\(person.handle)" : "\(person.name) (@\(person.handle))")\(skills)</li>"
        }
        let offer: HTML =
            work.status != .open
            ? .empty
            : """
            <section aria-labelledby="offer"><h2 id="offer">Offer it to someone</h2>
            <p>They accept or decline; declining needs no reason. You learn only whether it would take them over \
            what they pledged.</p>
            \(FormParts.postForm(context, to: VolunteerPaths.offer(work.id), novalidate: true))
            \(view.members.map { fields.named("person", label: "Member", choices: $0, required: true) } ?? fields.text("person", label: "Member's handle", required: true))
            <button type="submit">Offer</button></form>
            <h3>Who could take this</h3>
            <p>Members with room left in their pledge that week, matching skills first, then those asked least recently. \
            Nobody at or over their pledge or on a pause is listed.</p>
            \(suggested.isEmpty ? "<p class=\"empty\">Nobody has room left in their pledge for this.</p>" as HTML : "<ol>\(suggested)</ol>")
            </section>
            """
        return """
            \(offer)
            <section aria-labelledby="change"><h2 id="change">Change</h2>
            <p><a href="\(VolunteerPaths.edit(work.id))">Edit</a>\
            \(HTML.when(work.kind == .role) { " · <a href=\"\(VolunteerPaths.handover(work.id))\">Hand over</a>" })</p>
            \(FormParts.button(context, VolunteerPaths.archive(work.id), work.status == .open ? "Archive" : "Reopen", fields: FormParts.hidden("open", work.status == .open ? "no" : "yes")))
            </section>
            """
    }
}
