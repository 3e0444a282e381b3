import FreshgroundWeb
import Hummingbird

/// Writing and reading posts on the site.
struct PostRoutes {
    let services: AppServices
    var queries: GroupQueries { GroupQueries(services: services) }
    var posts: Posts { Posts(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(GroupPaths.newPost) { _, context in
            let (group, _) = try await posting(context)
            return Reply.html(PostPages.new(context, group: group, fields: FieldSet()))
        }
        router.post(GroupPaths.posts) { _, context in
            let person = try context.requirePerson()
            let (group, standing) = try await posting(context)
            let form = context.form
            return try await FormFlow.submit(
                context,
                page: { fields in PostPages.new(context, group: group, fields: fields) }
            ) {
                let id = try await posts.create(
                    in: group,
                    standing: standing,
                    person: person,
                    title: form["title"],
                    body: form.raw("body")
                )
                return Reply.redirect(GroupPaths.post(group.slug, id), flash: "Published.")
            }
        }
        router.get(GroupPaths.post) { _, context in
            let (group, standing) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person
            )
            guard let id = context.parameters.get("id", as: Int.self),
                let post = try await posts.find(id: id, in: group)
            else {
                throw AppError.notFound
            }
            let mayEdit = (try? await posts.editable(id, in: group, standing: standing)) != nil
            return Reply.html(PostPages.show(context, group: group, post: post, mayEdit: mayEdit))
        }
        router.get(GroupPaths.editPost) { _, context in
            let (group, standing, id) = try await editing(context)
            let post = try await posts.editable(id, in: group, standing: standing)
            let values = FormData([("title", post.title), ("body", post.body)])
            return Reply.html(PostPages.edit(context, group: group, id: id, fields: FieldSet(values: values)))
        }
        router.post(GroupPaths.post) { _, context in
            let (group, standing, id) = try await editing(context)
            return try await FormFlow.submit(
                context,
                redirectTo: GroupPaths.post(group.slug, id),
                flash: "Saved.",
                page: { fields in PostPages.edit(context, group: group, id: id, fields: fields) }
            ) {
                try await posts.update(
                    id,
                    in: group,
                    standing: standing,
                    title: context.form["title"],
                    body: context.form.raw("body")
                )
            }
        }
        router.get(GroupPaths.deletePost) { _, context in
            let (group, standing, id) = try await editing(context)
            let post = try await posts.editable(id, in: group, standing: standing)
            return Reply.html(PostPages.confirmDelete(context, group: group, post: post))
        }
        router.post(GroupPaths.deletePost) { _, context in
            let (group, standing, id) = try await editing(context)
            try await posts.delete(id, in: group, standing: standing)
            return Reply.redirect(GroupPaths.group(group.slug), flash: "The post is deleted.")
        }
    }

    /// The signed-in viewer's standing in the group in the URL, and the post's id.
    private func editing(_ context: AppContext) async throws -> (Group, Standing, Int) {
        _ = try context.requirePerson()
        let (group, standing) = try await queries.visibleGroup(
            slug: try context.parameters.require("slug"),
            viewer: context.person
        )
        guard let id = context.parameters.get("id", as: Int.self) else { throw AppError.notFound }
        return (group, standing, id)
    }

    /// The group in the URL, for a viewer who may post in it (others: not found, or not allowed if visible).
    private func posting(_ context: AppContext) async throws -> (Group, Standing) {
        _ = try context.requirePerson()
        let (group, standing) = try await queries.visibleGroup(
            slug: try context.parameters.require("slug"),
            viewer: context.person
        )
        guard GroupRules.canPost(standing) else {
            throw AppError.forbidden("Only the group's organizers and editors can post for it.")
        }
        return (group, standing)
    }
}
