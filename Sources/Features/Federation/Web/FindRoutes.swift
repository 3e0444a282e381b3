import Foundation
import FreshgroundWeb
import Groups
import Hummingbird

/// Finding a group on another server by its handle, so that groups here can follow it: the group is copied into
/// the directory, marked as remote, and its page here offers the usual follow buttons.
struct FindRoutes {
    let federation: Federator

    func register(on router: Router<AppContext>) {
        router.get(FederationPaths.find) { _, context in
            guard federation.enabled else { throw AppError.notFound }
            _ = try context.requirePerson()
            return Reply.html(page(context, fields: FieldSet()))
        }
        router.post(FederationPaths.find) { _, context in
            guard federation.enabled else { throw AppError.notFound }
            _ = try context.requirePerson()
            return try await FormFlow.submit(context, page: { page(context, fields: $0) }) {
                let id = try await Following(federation: federation).find(context.form["handle"])
                guard let group = try await GroupQueries(services: federation.services).group(id: id) else {
                    throw AppError.notFound
                }
                return Reply.redirect(
                    GroupPaths.group(group.slug),
                    flash: "\(group.name) is in the directory now. Follow it from one of your groups to get its posts "
                        + "and events."
                )
            }
        }
    }

    private func page(_ context: AppContext, fields: FieldSet) -> HTML {
        Layout.page(
            title: "Find a group on another server",
            context: context,
            main: """
                <h1>Find a group on another server</h1>
                <p>Groups on other Freshground servers, and on Mastodon, Lemmy or Mobilizon, can be followed from \
                here. Give the group's handle; it joins the directory, marked as remote, and your groups can follow \
                it: its public posts and events then come to this server.</p>
                \(FormParts.postForm(context, to: FederationPaths.find(), novalidate: true))
                \(fields.text("handle", label: "The group's handle or address", required: true, hint: "Such as @leeds-renters@example.org, or https://example.org/ap/groups/3"))
                <button type="submit">Find</button></form>
                """
        )
    }
}
