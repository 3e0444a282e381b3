import Foundation
import FreshgroundWeb
import Groups
import Hummingbird

/// The group's check-ins page: members who have gone quiet, for an organizer to contact in person. Reading it is
/// a read of those members' activity, which each of them sees on their access page.
struct CheckinRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(VolunteerPaths.checkins) { _, context in
            let person = try context.requirePerson()
            let group = try await managed(context, person)
            let checks = LapseChecks(services: services)
            try await checks.refresh(group: group.id)
            let list = try await checks.list(group: group.id)
            try await AccessLog.record(
                list.map(\.personId),
                .attendance,
                viewer: person.id,
                group: group.id,
                at: services.clock(),
                on: services.store.sql
            )
            return Reply.html(page(context, group, list))
        }
        router.post(VolunteerPaths.checkinDone) { _, context in
            let person = try context.requirePerson()
            let group = try await managed(context, person)
            let done = context.form["done"] != "no"
            try await LapseChecks(services: services).setDone(
                try context.parameters.require("id", as: Int.self),
                group: group.id,
                done: done,
                by: person
            )
            return Reply.redirect(
                VolunteerPaths.checkins(group.slug),
                flash: done ? "Marked done. You can reopen it below." : "Open again."
            )
        }
    }

    private func managed(_ context: AppContext, _ person: CurrentPerson) async throws -> Group {
        try await ManagedGroup.of(context, person, services)
    }

    private func page(_ context: AppContext, _ group: Group, _ list: [LapseChecks.Checkin]) -> HTML {
        let items = list.map { checkin -> HTML in
            let name =
                checkin.displayName.isEmpty ? "@\(checkin.handle)" : "\(checkin.displayName) (@\(checkin.handle))"
            let last = checkin.lastActiveOn.map { "last active \($0)" } ?? "no activity yet"
            let open = checkin.doneAt == nil
            let button = FormParts.button(
                context,
                VolunteerPaths.checkinDone(group.slug, checkin.id),
                open ? "Done" : "Reopen",
                fields: FormParts.hidden("done", open ? "yes" : "no")
            )
            return "<li>\(name), \(last)\(HTML.when(!open) { " — done" }) \(button)</li>"
        }
        let title = "\(group.name): check-ins"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Members with no activity (an event they came to, hours, work) for a while. Nobody is emailed: \
                call them or meet them, then mark it done. People on a pause are not listed. Each of them can see \
                that you read this.</p>
                \(items.isEmpty ? "<p class=\"empty\">Nobody has gone quiet.</p>" as HTML : "<ul class=\"items\">\(items)</ul>")
                """
        )
    }
}
