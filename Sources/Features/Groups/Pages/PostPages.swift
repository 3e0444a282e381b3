import FreshgroundWeb

/// Writing a post and reading one.
enum PostPages {
    static func new(_ context: AppContext, group: Group, fields: FieldSet) -> HTML {
        Layout.page(
            title: "New post in \(group.name)",
            context: context,
            main: """
                <h1>New post in \(group.name)</h1>
                \(fields.summary)
                \(FormParts.postForm(context, to: GroupPaths.posts(group.slug), novalidate: true))
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("body", label: "Text", rows: 14, hint: "Markdown: **bold**, *italic*, [links](https://…), lists and quotes."))
                <button type="submit">Publish</button>
                </form>
                """
        )
    }

    static func edit(_ context: AppContext, group: Group, id: Int, fields: FieldSet) -> HTML {
        Layout.page(
            title: "Edit the post",
            context: context,
            main: """
                <h1>Edit the post</h1>
                \(fields.summary)
                \(FormParts.postForm(context, to: GroupPaths.post(group.slug, id), novalidate: true))
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("body", label: "Text", rows: 14, hint: "Markdown: **bold**, *italic*, [links](https://…), lists and quotes."))
                <button type="submit">Save</button>
                </form>
                <p><a href="\(GroupPaths.post(group.slug, id))">Cancel</a></p>
                """
        )
    }

    static func confirmDelete(_ context: AppContext, group: Group, post: PostView) -> HTML {
        Layout.page(
            title: "Delete the post?",
            context: context,
            main: """
                <h1>Delete “\(post.title)”?</h1>
                <p>The post goes from \(group.name)'s page and from every feed. This cannot be undone.</p>
                \(FormParts.button(context, GroupPaths.deletePost(group.slug, post.id), "Delete the post", style: "danger"))
                <p><a href="\(GroupPaths.post(group.slug, post.id))">Keep it</a></p>
                """
        )
    }

    static func show(_ context: AppContext, group: Group, post: PostView, mayEdit: Bool = false) -> HTML {
        Layout.page(
            title: post.title,
            context: context,
            main: """
                <article class="post post-full">
                <h1>\(post.title)</h1>
                <p class="post-source">From <a href="\(GroupPaths.group(group.slug))">\(group.name)</a></p>
                <p class="meta">\(post.author.map { "by \($0.displayName.isEmpty ? $0.handle : $0.displayName), " } ?? "")\
                <time datetime="\(GroupParts.iso(post.createdAt))">\(GroupParts.day(post.createdAt))</time></p>
                <h2 class="visually-hidden">The post</h2>
                <div class="post-body">\(HTML(raw: post.bodyHTML))</div>
                \(HTML.when(mayEdit) {
                    "<p><a href=\"\(GroupPaths.editPost(group.slug, post.id))\">Edit</a> · <a href=\"\(GroupPaths.deletePost(group.slug, post.id))\">Delete</a></p>"
                })
                </article>
                """
        )
    }
}
