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
        \(postForm(context, to: action, class: "inline"))\(fields)\
        <button type="submit"\(HTML.when(!style.isEmpty) { " class=\"\(style)\"" })>\(label)</button></form>
        """
    }

    /// The opening tag of a form that posts to `action`, with the CSRF field every post needs. `novalidate` leaves
    /// checking to the server, whose messages sit next to the fields.
    package static func postForm(
        _ context: AppContext,
        to action: String,
        class style: String = "",
        novalidate: Bool = false,
        attributes: HTML = .empty
    ) -> HTML {
        let classAttribute: HTML = style.isEmpty ? .empty : " class=\"\(style)\""
        let check: HTML = novalidate ? " novalidate" : .empty
        return """
            <form\(classAttribute) action="\(action)" method="post"\(check)\(attributes)>\
            <input type="hidden" name="_csrf" value="\(context.csrfToken)">
            """
    }

    package static func hidden(_ name: String, _ value: String) -> HTML {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">"
    }
}
