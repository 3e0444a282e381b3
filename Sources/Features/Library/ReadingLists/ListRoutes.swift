import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// Reading lists' pages and forms.
struct ListRoutes {
    let services: AppServices
    var lists: ReadingLists { ReadingLists(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(LibraryPaths.myLists) { _, context in
            let person = try context.requirePerson()
            let mine = try await lists.lists(person: person, includePrivate: true)
            return Reply.html(Self.mine(context, mine, groups: try await keepers(person)))
        }
        router.post(LibraryPaths.lists) { _, context in
            let person = try context.requirePerson()
            let groups = try await keepers(person)
            return try await FormFlow.submit(
                context,
                page: { fields in
                    let mine = try await lists.lists(person: person, includePrivate: true)
                    return Self.mine(context, mine, groups: groups, fields: fields)
                }
            ) {
                let id = try await lists.create(
                    title: context.form["title"],
                    description: context.form.raw("description"),
                    isPublic: context.form.checked("public"),
                    // Any group the person can see is taken by name; the write says whether they may keep its lists.
                    group: try await GroupChoices.named(
                        visibleTo: person,
                        naming: context.form["group"],
                        in: services.store.sql
                    ).value(of: context.form["group"], field: "group") ?? "",
                    by: person
                )
                return Reply.redirect(LibraryPaths.list(id), flash: "List created.")
            }
        }
        router.get(LibraryPaths.list) { _, context in
            let (list, canEdit) = try await lists.list(
                try context.parameters.require("id", as: Int.self),
                viewer: context.person
            )
            let offered = canEdit ? try await pieces(context.person) : nil
            return Reply.html(Self.show(context, list, canEdit: canEdit, pieces: offered))
        }
        router.post(LibraryPaths.listItems) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                redirectTo: LibraryPaths.list(id),
                flash: "Added.",
                page: { fields in
                    let (list, canEdit) = try await lists.list(id, viewer: person)
                    let offered = try await pieces(person, naming: context.form["publication"])
                    return Self.show(context, list, canEdit: canEdit, pieces: offered, fields: fields)
                }
            ) {
                let typed = context.form["publication"]
                guard let number = try await pieces(person, naming: typed).number(of: typed, field: "publication")
                else {
                    throw AppError.validation(["publication": "Choose a piece by its title."])
                }
                try await lists.add(number, note: context.form["note"], to: id, by: person)
            }
        }
        router.post(LibraryPaths.removeListItem) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await lists.remove(
                try context.parameters.require("post", as: Int.self),
                from: id,
                by: try context.requirePerson()
            )
            return Reply.redirect(LibraryPaths.list(id), flash: "Removed.")
        }
        router.post(LibraryPaths.moveListItem) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await lists.move(
                try context.parameters.require("post", as: Int.self),
                by: context.form["direction"] == "up" ? -1 : 1,
                in: id,
                person: try context.requirePerson()
            )
            return Reply.redirect(LibraryPaths.list(id))
        }
    }

    /// The groups a person may keep a list for (those they organize or edit), offered by name.
    private func keepers(_ person: CurrentPerson) async throws -> NamedChoices {
        GroupChoices.named(try await groupsEdited(by: person, followableOnly: false, in: services.store.sql))
    }

    /// The published pieces a person may put on a list, offered by title, with those `typed` names.
    private func pieces(_ person: CurrentPerson?, naming typed: String = "") async throws -> NamedChoices {
        try await PieceChoices.published(readableBy: person, naming: typed, in: services.store.sql)
    }

    static func mine(
        _ context: AppContext,
        _ lists: [(id: Int, title: String, isPublic: Bool)],
        groups: NamedChoices,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let items = lists.map { list -> HTML in
            "<li><a href=\"\(LibraryPaths.list(list.id))\">\(list.title)</a>\(HTML.when(!list.isPublic) { " <span class=\"meta\">(private)</span>" })</li>"
        }
        return Layout.page(
            title: "My reading lists",
            context: context,
            main: """
                <h1>My reading lists</h1>
                \(items.isEmpty ? "<p class=\"empty\">You have no reading list yet.</p>" : "<ul>\(items)</ul>" as HTML)
                \(FormParts.postForm(context, to: LibraryPaths.lists()))\(FormParts.hidden("_submitted", "1"))
                <fieldset><legend>New list</legend>\(fields.summary)
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("description", label: "What it is for", rows: 3))
                \(HTML.when(!groups.choices.isEmpty || fields.errors["group"] != nil) { fields.select("group", label: "Kept by", choices: groups, none: "Me") })
                \(fields.checkbox("public", label: "Anyone may read it", checked: false))
                <button type="submit">Create the list</button></fieldset></form>
                """
        )
    }

    /// `pieces` are offered by title to whoever may edit the list.
    static func show(
        _ context: AppContext,
        _ list: ReadingList,
        canEdit: Bool,
        pieces: NamedChoices?,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let items = list.items.enumerated().map { index, item -> HTML in
            let (move, remove) = (
                LibraryPaths.moveListItem(list.id, item.publication.id),
                LibraryPaths.removeListItem(list.id, item.publication.id)
            )
            let tools: HTML = .when(canEdit) {
                """
                \(HTML.when(index > 0) { FormParts.button(context, move, "Move up", fields: FormParts.hidden("direction", "up"), style: "secondary") })
                \(HTML.when(index < list.items.count - 1) { FormParts.button(context, move, "Move down", fields: FormParts.hidden("direction", "down"), style: "secondary") })
                \(FormParts.button(context, remove, "Remove", style: "secondary"))
                """
            }
            return LibraryParts.card(
                item.publication,
                extra: "\(HTML.when(!item.note.isEmpty) { "<p class=\"note\">\(item.note)</p>" })\(tools)"
            )
        }
        let add: HTML =
            pieces.map { pieces -> HTML in
                """
                \(FormParts.postForm(context, to: LibraryPaths.listItems(list.id)))
                <fieldset><legend>Add a piece</legend>\(fields.summary)
                \(fields.named("publication", label: "Piece", choices: pieces, required: true, hint: "Its title; the list suggests published pieces as you type."))
                \(fields.text("note", label: "Note (optional)"))
                <button type="submit">Add</button></fieldset></form>
                """
            } ?? .empty
        return Layout.page(
            title: list.title,
            context: context,
            main: """
                <h1>\(list.title)</h1>
                <p class="meta">\(list.group.map { group -> HTML in "Kept by <a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a> · " })\
                \(list.isPublic ? "Public" : "Private")</p>
                \(HTML.when(!list.description.trimmingWhitespace().isEmpty) { "<h2>About the list</h2>\(HTML.markdown(list.description))" })
                <h2>The pieces</h2>
                \(items.isEmpty ? "<p class=\"empty\">The list is empty.</p>" : "<ol class=\"piece-list\">\(items)</ol>" as HTML)
                \(add)
                """
        )
    }
}
