import FreshgroundCore
import FreshgroundWeb
import SQLKit

/// Changing and deleting a group's own posts (kind `post`; publications have their own corrections). Who may is
/// `GroupRules.canEditPost`: the author while they may post for the group, and its organizers.
extension Posts {
    /// The post's author, if the post is a plain post of the group and the viewer may change it; otherwise not
    /// found (nothing tells an outsider whether the post exists) or not allowed.
    func editable(_ id: Int, in group: Group, standing: Standing) async throws -> PostView {
        guard let post = try await find(id: id, in: group),
            let row = try await sql.select().column("author_id").from("posts").where("id", .equal, id)
                .where("group_id", .equal, group.id).where("kind", .equal, "post").row(AuthorRow.self)
        else { throw AppError.notFound }
        guard GroupRules.canEditPost(standing, authorID: row.authorID) else {
            throw AppError.forbidden("Only the post's author and the group's organizers can change it.")
        }
        return post
    }

    /// Saves a new title and text; refused input is `AppError.validation`.
    func update(_ id: Int, in group: Group, standing: Standing, title: String, body: String) async throws {
        _ = try await editable(id, in: group, standing: standing)
        let (title, body) = try Self.validated(title: title, body: body)
        try await sql.update("posts").set("title", to: title).set("body", to: body)
            .set("body_html", to: Markdown.html(body)).where("id", .equal, id).run()
    }

    /// Deletes the post for good.
    func delete(_ id: Int, in group: Group, standing: Standing) async throws {
        _ = try await editable(id, in: group, standing: standing)
        try await sql.delete(from: "posts").where("id", .equal, id).where("kind", .equal, "post").run()
    }
}

private struct AuthorRow: Decodable {
    let authorID: Int?
}
