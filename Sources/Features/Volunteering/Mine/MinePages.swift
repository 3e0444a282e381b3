import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// What the "My work" page shows: the person's offers, the work they hold, their load against their pledges and
/// its history, the hours they logged, their pause and skills. Nobody but the person sees any of it.
struct MyPage {
    var current: [MyPart]
    var past: [MyPart]
    var pledge: Double
    var history: [VolunteerLoad.Week]
    var hours: [HoursLog.Entry]
    var groups: [GroupRef]
    var pausedUntil: String?
    var skills: [SkillWrites.Skill]
    var nextSteps: NextStepList

    /// This week's load, the last of the history.
    var thisWeek: VolunteerLoad.Week? { history.last }
    var overloaded: Bool { VolunteerLoad.chronicallyOverloaded(Array(history.suffix(4))) }
}

enum MinePages {
    static func page(_ context: AppContext, _ page: MyPage, fields: FieldSet = FieldSet()) -> HTML {
        let offers = page.current.filter { $0.assignment.state == .offered }
        let held = page.current.filter { $0.assignment.state == .accepted }
        return Layout.page(
            title: "My work",
            context: context,
            main: """
                <h1>My work</h1>
                <p>Only you see this page. Organizers who offer you work learn only whether it would take you over \
                the hours you pledged: yes or no. <a href="\(VolunteerPaths.access())">What organizers can see about me</a> · \
                <a href="\(VolunteerPaths.card())">My contact card (vCard)</a></p>
                \(fields.summary)
                \(load(page))
                \(NextStepSection.section(context, page.nextSteps))
                <section aria-labelledby="offers"><h2 id="offers">Offers</h2>
                <p>Declining needs no reason, and it is counted nowhere.</p>
                \(offers.isEmpty ? "<p class=\"empty\">No offers are waiting for you.</p>" as HTML : "<ul class=\"items\">\(offers.map { offer(context, $0, fields) })</ul>")
                </section>
                <section aria-labelledby="held"><h2 id="held">Work I hold</h2>
                \(held.isEmpty ? "<p class=\"empty\">You hold no work now. Your groups' boards list what is open.</p>" as HTML : "<ul class=\"items\">\(held.map { holding(context, $0) })</ul>")
                </section>
                \(HoursSection.section(context, page, fields))
                \(pause(context, page, fields))
                \(skills(context, page, fields))
                \(past(page.past))
                """
        )
    }

    static func whenText(_ work: Work) -> String {
        switch work.kind {
        case .task:
            let due = work.dueOn.map { ", due \($0)" } ?? ""
            return "\(work.minutes ?? 0) minutes\(due)"
        case .shift:
            guard let start = work.startsAt, let end = work.endsAt else { return "" }
            return "\(ZonedTime.display(start, zone: work.zone)) to \(ZonedTime.time(end, zone: work.zone))"
        case .role:
            return "\(hoursText(work.weeklyHours ?? 0)) hours a week, a term of \(work.termMonths ?? 0) months"
        }
    }

    static func hoursText(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)
    }

    private static func load(_ page: MyPage) -> HTML {
        let week = page.thisWeek
        let summary: HTML =
            page.pledge > 0
            ? "<p>This week you took on <strong>\(hoursText(week?.hours ?? 0)) hours</strong> of the \(hoursText(page.pledge)) you pledged over all your groups (\(Int(((week?.ratio ?? 0) * 100).rounded()))%).</p>"
            : "<p>You have not pledged weekly hours in any group. Set a pledge on each group's page; your load is measured against it.</p>"
        let warning: HTML = .when(page.overloaded) {
            """
            <p class="notice" role="status">You were over your pledge in at least two of the last four weeks. \
            Consider stepping down from something, pausing, or raising your pledge only if you truly have the time.</p>
            """
        }
        let chart = Chart(
            title: "My load, the last 12 weeks",
            summary: "Hours taken on each week as a share of the hours pledged; 100% is the pledge.",
            kind: .bars,
            rowLabels: ["Load"],
            columnLabels: page.history.map { IsoDay.format($0.week * 7 - 3) },
            values: [page.history.map { $0.ratio.map { $0 * 100 } }],
            unit: "%",
            columnTitle: "Week from Monday"
        )
        return """
            <section aria-labelledby="load"><h2 id="load">My load</h2>
            \(summary)\(warning)
            \(HTML.when(page.pledge > 0) { chart.figure })
            </section>
            """
    }

    private static func offer(_ context: AppContext, _ part: MyPart, _ fields: FieldSet) -> HTML {
        let id = part.assignment.assignmentId
        let consent: HTML = .when(part.assignment.overPledge) {
            """
            <p>This would take you over the hours you pledged.</p>
            \(fields.checkbox("confirmOverPledge-\(id)", label: "I take it on anyway", checked: false))
            """
        }
        return """
            <li><a href="\(VolunteerPaths.work(part.work.id))">\(part.work.title)</a> \
            (\(part.work.kind.label.lowercased()), \(part.group.name)): \(whenText(part.work))
            \(FormParts.postForm(context, to: VolunteerPaths.answer(id), class: "inline"))\
            \(FormParts.hidden("accept", "yes"))\(consent)<button type="submit">Accept</button></form>
            \(FormParts.button(context, VolunteerPaths.answer(id), "Decline", fields: FormParts.hidden("accept", "no")))
            </li>
            """
    }

    private static func holding(_ context: AppContext, _ part: MyPart) -> HTML {
        let id = part.assignment.assignmentId
        let isRole = part.work.kind == .role
        return """
            <li><a href="\(VolunteerPaths.work(part.work.id))">\(part.work.title)</a> \
            (\(part.work.kind.label.lowercased()), \(part.group.name)): \(whenText(part.work))\
            \(HTML.when(isRole) { part.assignment.startsOn.map { " — held since \($0)" as HTML } ?? .empty })
            \(HTML.when(!isRole) { FormParts.button(context, VolunteerPaths.done(id), "Mark done") })
            <a href="\(VolunteerPaths.cancel(id))">\(isRole ? "Step down" : "Cancel")</a></li>
            """
    }

    private static func pause(_ context: AppContext, _ page: MyPage, _ fields: FieldSet) -> HTML {
        let now: HTML =
            page.pausedUntil.map {
                "<p>You are paused until <strong>\($0)</strong>: no reminders, no suggestions, no lapse check-ins.</p>"
            }
            ?? "<p>Going away or need a rest? Pause: nobody suggests you for work or reminds you until you are back.</p>"
        return """
            <section aria-labelledby="pause"><h2 id="pause">Pause</h2>
            \(now)
            \(FormParts.postForm(context, to: VolunteerPaths.pause(), novalidate: true))
            \(fields.text("until", label: "Back on (leave empty to end the pause)", type: "date"))
            <button type="submit">\(page.pausedUntil == nil ? "Pause" : "Change the pause")</button></form>
            </section>
            """
    }

    private static func skills(_ context: AppContext, _ page: MyPage, _ fields: FieldSet) -> HTML {
        let has = page.skills.filter { !$0.wants }
        let wants = page.skills.filter(\.wants)
        var values = fields.values
        if !values.has("has") { values.set("has", has.map(\.skill).joined(separator: ", ")) }
        if !values.has("wants") { values.set("wants", wants.map(\.skill).joined(separator: ", ")) }
        let form = FieldSet(values: values, errors: fields.errors)
        let practised = has.filter { $0.practisedAt != nil }.map(\.skill)
        return """
            <section aria-labelledby="skills"><h2 id="skills">Skills</h2>
            <p>\(practised.isEmpty ? "None practised here yet: finishing a task tagged with a skill marks it practised." : "Practised here: \(practised.joined(separator: ", ")).")</p>
            \(FormParts.postForm(context, to: VolunteerPaths.skills(), novalidate: true))
            \(form.text("has", label: "Skills I have", hint: "Separated by commas, for example: leafleting, design"))
            \(form.text("wants", label: "Skills I want to learn"))
            <button type="submit">Save skills</button></form>
            </section>
            """
    }

    private static func past(_ parts: [MyPart]) -> HTML {
        let items = parts.map { part -> HTML in
            "<li>\(part.work.title) (\(part.group.name)): \(part.assignment.state.rawValue)</li>"
        }
        return """
            <section aria-labelledby="past"><h2 id="past">Before</h2>
            \(parts.isEmpty ? "<p class=\"empty\">Nothing yet.</p>" as HTML : "<ul>\(items)</ul>")
            </section>
            """
    }
}
