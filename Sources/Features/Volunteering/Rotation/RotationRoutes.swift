import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The rotation board (roles whose term is up first, their holders, past holders and handovers, whom to ask next)
/// and the handover form, for the group's organizers.
struct RotationRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(VolunteerPaths.rotation) { _, context in
            let person = try context.requirePerson()
            let (group, roles) = try await board(context, person)
            return Reply.html(RotationPages.board(context, group, roles))
        }
        router.get(VolunteerPaths.handover) { _, context in
            let person = try context.requirePerson()
            return Reply.html(try await handoverPage(context, person, FieldSet()))
        }
        router.post(VolunteerPaths.handover) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: VolunteerPaths.work(id),
                flash: "Handed over: the newcomer is offered the role.",
                fields: { errors in errors.reduce(into: [:]) { $0[$1.key == "person" ? "incoming" : $1.key] = $1.value }
                },
                page: { fields in try await handoverPage(context, person, fields) }
            ) {
                try await Handovers(services: services).record(
                    id,
                    outgoing: context.form["outgoing"],
                    incoming: context.form["incoming"],
                    checklist: context.form["checklist"],
                    shadowFrom: context.form["shadowFrom"],
                    shadowUntil: context.form["shadowUntil"],
                    by: person
                )
            }
        }
    }

    private func board(_ context: AppContext, _ person: CurrentPerson) async throws -> (Group, [RoleOnBoard]) {
        let group = try await ManagedGroup.of(context, person, services)
        return (group, try await RotationQueries(services: services).roles(group: group.id))
    }

    private func handoverPage(_ context: AppContext, _ person: CurrentPerson, _ fields: FieldSet) async throws -> HTML {
        let id = try context.parameters.require("id", as: Int.self)
        let queries = WorkQueries(services: services)
        let found = try await queries.work(id, viewer: person)
        guard found.canManage, found.work.kind == .role else { throw AppError.notFound }
        let holders = try await queries.signUps(found).filter { $0.state == .accepted }
        let members = try await PersonChoices.seen(
            by: person,
            in: "SELECT \(bind: found.work.groupID)",
            sql: services.store.sql
        )
        let today = IsoDay.day(of: services.clock())
        let successors = try await RotationQueries(services: services).successors(
            found.work,
            excluding: Set(holders.map(\.personID)),
            today: today
        )
        return RotationPages.handover(
            context,
            found,
            holders: holders,
            members: members,
            successors: successors,
            fields
        )
    }
}

enum RotationPages {
    static func board(_ context: AppContext, _ group: Group, _ roles: [RoleOnBoard]) -> HTML {
        let items = roles.map { role -> HTML in
            let holders = role.holders.map { "\($0.name) (@\($0.handle)) since \($0.startsOn ?? "?")" }
            let past = role.past.map { "\($0.name) (@\($0.handle)), \($0.startsOn ?? "?") to \($0.endsOn ?? "?")" }
            let next = role.successors.map { $0.name.isEmpty ? "@\($0.handle)" : "\($0.name) (@\($0.handle))" }
            return """
                <li><h2><a href="\(VolunteerPaths.work(role.work.id))">\(role.work.title)</a>\
                \(HTML.when(role.due) { " <span class=\"badge\">rotation due</span>" })</h2>
                <p>\(MinePages.whenText(role.work)). \(holders.isEmpty ? "Nobody holds it now." : "Held by \(holders.joined(separator: "; ")).")</p>
                \(HTML.when(!next.isEmpty) { "<p>Could take it next: \(next.joined(separator: ", ")).</p>" })
                <p>Before: \(past.isEmpty ? "nobody yet" : past.joined(separator: "; ")).\
                \(HTML.when(!role.handovers.isEmpty) { " \(role.handovers.count) handover\(role.handovers.count == 1 ? "" : "s") recorded." })</p>
                <p><a href="\(VolunteerPaths.handover(role.work.id))">Hand it over</a></p></li>
                """
        }
        let title = "\(group.name): rotation"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Standing roles and their terms. When a term is up, the role is marked "rotation due" and the people \
                who could take it next are named: willing members with its skill, past their first month, those who \
                never held it first. Stepping down is normal and keeps the role's history.</p>
                \(items.isEmpty ? "<p class=\"empty\">\(group.name) has no standing roles. Post one on <a href=\"\(VolunteerPaths.board(group.slug))\">the work board</a>.</p>" as HTML : "<ul class=\"items\">\(items)</ul>")
                """
        )
    }

    static func handover(
        _ context: AppContext,
        _ found: WorkInGroup,
        holders: [SignUp],
        members: NamedChoices,
        successors: [Suggestions.Suggested],
        _ fields: FieldSet
    ) -> HTML {
        let title = "Hand over “\(found.work.title)”"
        let next = successors.map { $0.name.isEmpty ? "@\($0.handle)" : "\($0.name) (@\($0.handle))" }
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>The outgoing holder steps down (they stay a member, and their time in the role stays in its \
                history); the incoming one is offered the role and accepts or declines.</p>
                \(HTML.when(!next.isEmpty) { "<p>Could take it: \(next.joined(separator: ", ")).</p>" })
                \(fields.summary)
                \(FormParts.postForm(context, to: VolunteerPaths.handover(found.work.id), novalidate: true))
                \(fields.select("outgoing", label: "Handed on by", options: [("", "Nobody holds it now")] + holders.map { ($0.handle, "\($0.name) (@\($0.handle))") }))
                \(fields.named("incoming", label: "Handed to", choices: members, required: true))
                \(fields.textarea("checklist", label: "What to hand on (checklist)", rows: 5))
                \(fields.text("shadowFrom", label: "Shadowing from (optional)", type: "date"))
                \(fields.text("shadowUntil", label: "Shadowing until (optional)", type: "date"))
                <button type="submit">Record the handover</button></form>
                <p><a href="\(VolunteerPaths.work(found.work.id))">Back</a></p>
                """
        )
    }
}
