import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The "Next steps" part of a person's own work page: one step up in each of their groups, which they may put off
/// for four weeks or stop, and bring back.
enum NextStepSection {
    static func section(_ context: AppContext, _ list: NextStepList) -> HTML {
        let held: HTML = list.held.map { "<p>\($0)</p>" } ?? .empty
        let steps: HTML =
            list.steps.isEmpty
            ? (list.held == nil ? "<p class=\"empty\">No next step for now.</p>" : .empty)
            : "<ul class=\"items\">\(list.steps.map { step(context, $0) })</ul>"
        let putOff: HTML = .when(!list.putOff.isEmpty) {
            """
            <h3>Put off</h3>
            <ul class="items">\(list.putOff.map { item -> HTML in
                let until: HTML = item.until.map { " until \($0)" } ?? " until you ask again"
                return """
                    <li>\(item.group.name): no next steps\(until). \
                    \(paceButton(context, item.group, "again", "Offer them again"))</li>
                    """
            })</ul>
            """
        }
        return """
            <section aria-labelledby="next"><h2 id="next">Next steps</h2>
            <p>One step at a time, from what you have done in each group. Putting a step off or stopping them is \
            seen by nobody.</p>
            \(held)\(steps)\(putOff)
            </section>
            """
    }

    private static func step(_ context: AppContext, _ step: NextStep) -> HTML {
        let what: HTML =
            if let title = step.title, let path = step.path {
                "<a href=\"\(path)\">\(title)</a>"
            } else if let path = step.path {
                "\(step.fallback) <a href=\"\(path)\">Go to \(step.group.name)</a>"
            } else {
                "\(step.fallback)"
            }
        return """
            <li><strong>\(step.group.name)</strong>: you are at “\(step.rung.label)”. \(step.invitation): \(what)
            \(paceButton(context, step.group, "later", "Not now (four weeks)")) \
            \(paceButton(context, step.group, "never", "No more here"))</li>
            """
    }

    private static func paceButton(
        _ context: AppContext,
        _ group: GroupRef,
        _ pace: String,
        _ label: String
    )
        -> HTML
    {
        FormParts.button(
            context,
            VolunteerPaths.nextStepPace(group.slug),
            label,
            fields: FormParts.hidden("pace", pace)
        )
    }
}

/// Setting the pace of next steps in one of the person's groups from their page.
struct NextStepRoutes {
    let services: AppServices
    let mine: MineRoutes

    func register(on router: Router<AppContext>) {
        router.post(VolunteerPaths.nextStepPace) { _, context in
            let person = try context.requirePerson()
            let pace = context.form["pace"]
            let flash =
                switch pace {
                case "later": "Put off for four weeks."
                case "never": "No more next steps there, until you ask again."
                default: "Next steps are offered again."
                }
            // the pace comes from buttons, so a bad one is told above the page rather than by a field
            let rename: ([String: String]) -> [String: String] = { errors in
                errors["pace"].map { [FieldSet.formMessage: $0] } ?? errors
            }
            return try await mine.submit(context, person, flash: flash, fields: rename) {
                try await NextSteps(services: services).setPace(
                    pace,
                    group: try context.parameters.require("slug"),
                    for: person
                )
            }
        }
    }
}
