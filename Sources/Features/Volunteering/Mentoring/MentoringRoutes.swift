import Foundation
import FreshgroundWeb
import Groups
import Hummingbird

/// The group's mentoring pairs, for its organizers: the list with the next check-in of each, pairing two members,
/// and ending a pair (asked first).
struct MentoringRoutes {
    let services: AppServices
    var mentoring: Mentoring { Mentoring(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(VolunteerPaths.mentoring) { _, context in
            let person = try context.requirePerson()
            return Reply.html(try await page(context, person, FieldSet()))
        }
        router.post(VolunteerPaths.mentoring) { _, context in
            let person = try context.requirePerson()
            let group = try await ManagedGroup.of(context, person, services)
            return try await FormFlow.submit(
                context,
                redirectTo: VolunteerPaths.mentoring(group.slug),
                flash: "Paired. Both will be reminded when a check-in is due.",
                page: { fields in try await page(context, person, fields) }
            ) {
                try await mentoring.pair(
                    group: group.id,
                    mentor: context.form["mentor"],
                    mentee: context.form["mentee"],
                    skill: context.form["skill"],
                    every: context.form["every"],
                    by: person
                )
            }
        }
        router.get(VolunteerPaths.endMentoring) { _, context in
            let person = try context.requirePerson()
            let group = try await ManagedGroup.of(context, person, services)
            let id = try context.parameters.require("id", as: Int.self)
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "End this mentoring pair?",
                    explanation: "No more check-in reminders go to either of them. You can pair them again later.",
                    action: VolunteerPaths.endMentoring(group.slug, id),
                    button: "End the pair",
                    back: VolunteerPaths.mentoring(group.slug)
                )
            )
        }
        router.post(VolunteerPaths.endMentoring) { _, context in
            let person = try context.requirePerson()
            let group = try await ManagedGroup.of(context, person, services)
            try await mentoring.end(try context.parameters.require("id", as: Int.self), group: group.id)
            return Reply.redirect(VolunteerPaths.mentoring(group.slug), flash: "The pair is ended.")
        }
    }

    private func page(_ context: AppContext, _ person: CurrentPerson, _ fields: FieldSet) async throws -> HTML {
        let group = try await ManagedGroup.of(context, person, services)
        let pairs = try await mentoring.pairs(group: group.id)
        let members = try await PersonChoices.seen(by: person, in: "SELECT \(bind: group.id)", sql: services.store.sql)
        let items = pairs.map { pair -> HTML in
            """
            <li>@\(pair.mentor) mentors @\(pair.mentee) in \(pair.skill), every \(pair.everyDays) days; next check-in \
            \(pair.nextOn). <a href="\(VolunteerPaths.endMentoring(group.slug, pair.id))">End</a></li>
            """
        }
        let title = "\(group.name): mentoring"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Pair someone who has a skill with someone who wants to learn it. Both get a reminder when a \
                check-in is due, unless either is on a pause.</p>
                \(pairs.isEmpty ? "<p class=\"empty\">No mentoring pairs yet.</p>" as HTML : "<ul class=\"items\">\(items)</ul>")
                <h2>Pair two members</h2>
                \(fields.summary)
                \(FormParts.postForm(context, to: VolunteerPaths.mentoring(group.slug), novalidate: true))
                \(fields.named("mentor", label: "Mentor", choices: members, required: true))
                \(fields.named("mentee", label: "Mentee", choices: members, required: true))
                \(fields.text("skill", label: "Skill", required: true))
                \(fields.text("every", label: "Check in every (days)", type: "number", required: true))
                <button type="submit">Pair them</button></form>
                """
        )
    }
}
