import FreshgroundWeb
import Hummingbird

/// Writing to a group's organizers (its page and an event's "contact its hosts" link here), and the organizers
/// reading and answering a message. Only a group the person may see can be written to; anyone else is told "not
/// found", as on its page.
struct ContactRoutes {
    let services: AppServices
    var queries: GroupQueries { GroupQueries(services: services) }
    var messages: GroupMessages { GroupMessages(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(GroupPaths.contact) { _, context in
            let (group, _) = try await visible(context)
            return Reply.html(ContactPages.form(context, group: group, fields: FieldSet()))
        }
        router.post(GroupPaths.contact) { _, context in
            let person = try context.requirePerson()
            let (group, _) = try await visible(context)
            return try await FormFlow.submit(
                context,
                redirectTo: GroupPaths.group(group.slug),
                flash: "Your message is sent to the organizers of \(group.name). They can answer you here.",
                page: { fields in ContactPages.form(context, group: group, fields: fields) }
            ) {
                try await messages.send(
                    to: group,
                    subject: context.form["subject"],
                    body: context.form["body"],
                    by: person
                )
            }
        }
        router.get(GroupPaths.message) { _, context in
            let (group, standing, id) = try await organized(context)
            let message = try await messages.message(id, of: group, standing: standing)
            return Reply.html(ContactPages.message(context, group: group, message: message, fields: FieldSet()))
        }
        router.post(GroupPaths.message) { _, context in
            let (group, standing, id) = try await organized(context)
            let person = try context.requirePerson()
            let message = try await messages.message(id, of: group, standing: standing)
            return try await FormFlow.submit(
                context,
                redirectTo: GroupPaths.message(group.slug, id),
                flash: "Your reply is sent to \(message.senderShown).",
                page: { fields in ContactPages.message(context, group: group, message: message, fields: fields) }
            ) {
                try await messages.reply(
                    to: id,
                    of: group,
                    standing: standing,
                    body: context.form["body"],
                    by: person
                )
            }
        }
    }

    private func visible(_ context: AppContext) async throws -> (Group, Standing) {
        try await queries.visibleGroup(slug: try context.parameters.require("slug"), viewer: context.person)
    }

    /// The group in the address, which the signed-in viewer organizes, and the message's id; "not found" otherwise.
    private func organized(_ context: AppContext) async throws -> (Group, Standing, Int) {
        _ = try context.requirePerson()
        let (group, standing) = try await visible(context)
        guard GroupRules.canManage(standing), let id = context.parameters.get("id", as: Int.self) else {
            throw AppError.notFound
        }
        return (group, standing, id)
    }
}
