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

    static func show(_ context: AppContext, group: Group, post: PostView) -> HTML {
        Layout.page(
            title: post.title,
            context: context,
            main: """
                <article class="post post-full">
                <h1>\(post.title)</h1>
                <p class="post-source">From <a href="\(GroupPaths.group(group.slug))">\(group.name)</a></p>
                <p class="meta">\(post.author.map { "by \($0.displayName.isEmpty ? $0.handle : $0.displayName), " } ?? "")\
                <time datetime="\(GroupParts.iso(post.createdAt))">\(GroupParts.day(post.createdAt))</time></p>
                <div class="post-body">\(HTML(raw: post.bodyHTML))</div>
                </article>
                """
        )
    }
}
