/// Small form pieces every feature's pages use.
package enum FormParts {
    /// A one-button form posting to `action`.
    package static func button(
        _ context: AppContext,
        _ action: String,
        _ label: String,
        fields: HTML = .empty,
        style: String = ""
    )
        -> HTML
    {
        """
        <form class="inline" action="\(action)" method="post">\(Layout.csrfField(context))\(fields)\
        <button type="submit"\(HTML.when(!style.isEmpty) { " class=\"\(style)\"" })>\(label)</button></form>
        """
    }

    package static func hidden(_ name: String, _ value: String) -> HTML {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">"
    }
}
