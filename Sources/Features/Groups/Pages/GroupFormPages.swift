import Foundation
import FreshgroundCore
import FreshgroundWeb

/// The group create and edit forms, and the basis of unity's history.
enum GroupFormPages {
    /// `cities` are the names of the site's cities, offered as the city's choices.
    static func create(_ context: AppContext, fields: FieldSet, cities: [String]) -> HTML {
        Layout.page(
            title: "New group",
            context: context,
            main: """
                <h1>Start a group</h1>
                \(fields.summary)
                \(FormParts.postForm(context, to: GroupPaths.directory(), novalidate: true))
                <input type="hidden" name="_submitted" value="1">
                \(fields.text("name", label: "Name", required: true))
                \(fields.text("slug", label: "Address", hint: "Optional: the part after /groups/. Made from the name if empty."))
                \(fields.select("kind", label: "Kind", options: GroupParts.kindOptions, selected: "circle"))
                \(common(fields, visibleDefault: false, cities: cities))
                <button type="submit">Create group</button>
                </form>
                """
        )
    }

    /// `requiresTwoFactor` is whether the group requires two-factor sign-in of its organizers (only editing offers it).
    static func edit(
        _ context: AppContext,
        group: Group,
        fields: FieldSet,
        cities: [String],
        requiresTwoFactor: Bool
    ) -> HTML {
        Layout.page(
            title: "Edit \(group.name)",
            context: context,
            main: """
                <h1>Edit \(group.name)</h1>
                \(fields.summary)
                \(FormParts.postForm(context, to: GroupPaths.edit(group.slug), novalidate: true))
                <input type="hidden" name="_submitted" value="1">
                \(fields.text("name", label: "Name", required: true))
                \(common(fields, visibleDefault: group.membersVisible, cities: cities))
                \(fields.checkbox("require_two_factor", label: "Organizers must use two-factor sign-in", checked: requiresTwoFactor))
                <button type="submit">Save</button>
                </form>
                <p><a href="\(GroupPaths.group(group.slug))">Back to the group</a></p>
                """
        )
    }

    /// The form values that show a group as it is now.
    static func values(of group: Group) -> FormData {
        FormData([
            ("name", group.name), ("description", group.description), ("place_kind", group.placeKind.rawValue),
            ("city", group.city), ("place_name", group.placeName), ("visibility", group.visibility.rawValue),
            ("join_policy", group.joinPolicy.rawValue), ("basis", group.basis),
        ])
    }

    private static func common(_ fields: FieldSet, visibleDefault: Bool, cities: [String]) -> HTML {
        let choices = cities.map { name -> HTML in "<option value=\"\(name)\">" }
        return """
            \(fields.textarea("description", label: "Description", rows: 3, hint: "A few sentences: who you are and what you do."))
            \(fields.select("place_kind", label: "Where it meets", options: GroupParts.placeOptions, selected: "city"))
            \(fields.text("city", label: "City", hint: "Needed unless the group is online. Type its first letters and choose it from the site's list of cities.", autocomplete: "off", extra: " list=\"city-choices\""))
            <datalist id="city-choices">\(choices)</datalist>
            \(fields.text("place_name", label: "Workplace, school or place", hint: "Optional, e.g. a hospital or campus. Leave it out if naming it could put people at risk."))
            \(fields.select("visibility", label: "Visibility", options: GroupParts.visibilityOptions, selected: "public"))
            \(fields.select("join_policy", label: "Joining", options: GroupParts.joinOptions, selected: "approval"))
            \(fields.checkbox("members_visible_to_members", label: "Let members see the member list (organizers always can)", checked: visibleDefault))
            \(fields.textarea("basis", label: "Basis of unity", rows: 10, hint: "What the group openly stands for, in Markdown. Every edit is kept and shown in its history."))
            """
    }

    static func editorLabel(_ editor: BasisVersion.Editor) -> HTML {
        switch editor {
        case .named(let name): " · edited by \(name)"
        case .anOrganizer: " · edited by an organizer"
        case .unknown: .empty
        }
    }

    static func history(_ context: AppContext, group: Group, versions: [BasisVersion]) -> HTML {
        let items = versions.map { version -> HTML in
            """
            <article class="basis-version" id="v\(version.version)">
            <h2>Version \(version.version)</h2>
            <p class="meta"><time datetime="\(GroupParts.iso(version.createdAt))">\(GroupParts.day(version.createdAt))</time>\(
                editorLabel(version.editor))</p>
            \(version.text.trimmingWhitespace().isEmpty ? "<p><em>(empty)</em></p>" : HTML.markdown(version.text))
            </article>
            """
        }
        return Layout.page(
            title: "Basis of unity of \(group.name)",
            context: context,
            main: """
                <h1>Basis of unity of \(group.name)</h1>
                <p>Every version, newest first. <a href="\(GroupPaths.group(group.slug))">Back to the group</a></p>
                \(items)
                """
        )
    }
}
