import FreshgroundCore

/// Form controls that always come with a label, the person's previous input and, when validation failed,
/// a message tied to the field for screen readers (`aria-describedby`, `aria-invalid`).
package struct FieldSet: Sendable {
    package let values: FormData
    package let errors: [String: String]

    package init(values: FormData = FormData(), errors: [String: String] = [:]) {
        self.values = values
        self.errors = errors
    }

    package func text(
        _ name: String,
        label: String,
        type: String = "text",
        required: Bool = false,
        hint: String? = nil,
        autocomplete: String? = nil,
        keepValue: Bool = true,
        extra: HTML = .empty
    ) -> HTML {
        let value = keepValue ? values.raw(name) : ""
        return """
            <div class="field">
            <label for="\(name)">\(label)\(required ? " (required)" : "")</label>
            \(hintHTML(name, hint))
            <input id="\(name)" name="\(name)" type="\(type)" value="\(value)"\(required ? " required" : "")\(
                autocomplete.map { HTML(raw: " autocomplete=\"\($0)\"") })\(describedBy(name, hint))\(extra)>
            \(errorHTML(name))
            </div>
            """
    }

    package func textarea(_ name: String, label: String, rows: Int = 6, hint: String? = nil) -> HTML {
        """
        <div class="field">
        <label for="\(name)">\(label)</label>
        \(hintHTML(name, hint))
        <textarea id="\(name)" name="\(name)" rows="\(rows)"\(describedBy(name, hint))>\(values.raw(name))</textarea>
        \(errorHTML(name))
        </div>
        """
    }

    package func select(
        _ name: String,
        label: String,
        options: [(value: String, label: String)],
        selected: String? = nil
    )
        -> HTML
    {
        let current = values.has(name) ? values[name] : (selected ?? "")
        let items = options.map { option -> HTML in
            "<option value=\"\(option.value)\"\(option.value == current ? " selected" : "")>\(option.label)</option>"
        }
        return """
            <div class="field">
            <label for="\(name)">\(label)</label>
            <select id="\(name)" name="\(name)"\(describedBy(name, nil))>\(items)</select>
            \(errorHTML(name))
            </div>
            """
    }

    package func checkbox(_ name: String, label: String, checked: Bool) -> HTML {
        let isOn = values.has("_submitted") ? values.checked(name) : checked
        return """
            <div class="field checkbox">
            <input id="\(name)" name="\(name)" type="checkbox" value="on"\(isOn ? " checked" : "")\(describedBy(name, nil))>
            <label for="\(name)">\(label)</label>
            \(errorHTML(name))
            </div>
            """
    }

    /// The key of a message about the whole form rather than one field (a piece that can no longer be edited).
    package static let formMessage = "_form"

    /// A summary at the top of a form that failed, announced to screen readers: the message about the whole form,
    /// if any, and a pointer to the fields marked below.
    package var summary: HTML {
        guard !errors.isEmpty else { return .empty }
        let fieldCount = errors.keys.filter { $0 != Self.formMessage }.count
        let message: HTML = .when(errors[Self.formMessage] != nil) {
            "<p id=\"\(Self.formMessage)-error\">\(errors[Self.formMessage] ?? "")</p>"
        }
        let fields: HTML = .when(fieldCount > 0) {
            "<p>Please correct the \(fieldCount == 1 ? "field" : "fields") marked below.</p>"
        }
        return """
            <div class="form-error" role="alert">\(message)\(fields)</div>
            """
    }

    private func hintHTML(_ name: String, _ hint: String?) -> HTML {
        guard let hint else { return .empty }
        return "<p class=\"hint\" id=\"\(name)-hint\">\(hint)</p>"
    }

    private func describedBy(_ name: String, _ hint: String?) -> HTML {
        var ids: [String] = []
        if hint != nil { ids.append("\(name)-hint") }
        if errors[name] != nil { ids.append("\(name)-error") }
        guard !ids.isEmpty else { return .empty }
        let invalid: HTML = errors[name] != nil ? " aria-invalid=\"true\"" : .empty
        return " aria-describedby=\"\(ids.joined(separator: " "))\"\(invalid)"
    }

    private func errorHTML(_ name: String) -> HTML {
        guard let message = errors[name] else { return .empty }
        return "<p class=\"field-error\" id=\"\(name)-error\">\(message)</p>"
    }
}

/// Previous/next links for a paged list; `base` already carries the other query parameters.
package func paginationNav<Item>(_ page: Page<Item>, base: String) -> HTML {
    guard page.hasPrevious || page.hasNext else { return .empty }
    let joiner = base.contains("?") ? "&" : "?"
    let previous: HTML = .when(page.hasPrevious) {
        "<a rel=\"prev\" href=\"\(base)\(joiner)page=\(page.request.number - 1)\">Previous page</a>"
    }
    let next: HTML = .when(page.hasNext) {
        "<a rel=\"next\" href=\"\(base)\(joiner)page=\(page.request.number + 1)\">Next page</a>"
    }
    return """
        <nav class="pagination" aria-label="Pages">\(previous) <span>Page \(page.request.number)</span> \(next)</nav>
        """
}
