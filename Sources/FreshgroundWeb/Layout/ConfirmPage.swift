/// The step before an action that cannot be undone or that tells other people (leaving a group, removing a
/// member, cancelling an event, withdrawing a piece): what will happen, a button styled as dangerous that posts
/// the action, and a way back. `fields` holds any field the action takes (a reason), drawn from `fields` with its
/// message when refused.
package enum ConfirmPage {
    package static func page(
        _ context: AppContext,
        title: String,
        explanation: String,
        action: String,
        button: String,
        back: String,
        fields: HTML = .empty,
        status summary: HTML = .empty
    ) -> HTML {
        Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                \(summary)
                <p>\(explanation)</p>
                \(FormParts.postForm(context, to: action, novalidate: true))\(fields)
                <button type="submit" class="danger">\(button)</button></form>
                <p><a href="\(back)">No, go back</a></p>
                """
        )
    }
}
