import FreshgroundCore
import FreshgroundWeb
import Groups

/// The library's lists: everything published, one tag, one's own pieces, an editors' queue, the journal, and
/// search results.
enum LibraryPages {
    static func index(_ context: AppContext, page: Page<PublicationCard>, kind: PublicationKind?) -> HTML {
        let filters = [("", "All")] + LibraryParts.kindOptions
        let links = filters.map { option -> HTML in
            let current = option.0 == (kind?.rawValue ?? "")
            return
                "<a href=\"\(LibraryPaths.library() + LibraryParts.query([("kind", option.0)]))\"\(HTML.when(current) { " aria-current=\"page\"" })>\(option.1)</a> "
        }
        return Layout.page(
            title: "Library",
            context: context,
            main: """
                <h1>Library</h1>
                <p>Writing, reports, links and recordings published by every group. <a href="\(LibraryPaths.newPublication())">Write for a journal</a> · \
                <a href="\(LibraryPaths.journal())">The common journal</a> · <a href="\(LibraryPaths.search())">Search</a> · <a href="\(LibraryPaths.debates())">Debates</a></p>
                <nav class="filters" aria-label="Kinds">\(links)</nav>
                \(LibraryParts.cards(page.items, empty: "Nothing has been published here yet."))
                \(paginationNav(page, base: LibraryPaths.library() + LibraryParts.query([("kind", kind?.rawValue ?? "")])))
                """
        )
    }

    static func tag(_ context: AppContext, tag: String, page: Page<PublicationCard>) -> HTML {
        Layout.page(
            title: "Tag: \(tag)",
            context: context,
            main: """
                <h1>Tagged “\(tag)”</h1>
                <p><a href="\(LibraryPaths.tagFeed(tag))">Atom feed of this tag</a></p>
                \(LibraryParts.cards(page.items, empty: "No published piece has this tag yet."))
                \(paginationNav(page, base: LibraryPaths.tag(tag)))
                """
        )
    }

    static func mine(_ context: AppContext, page: Page<(PublicationCard, String)>) -> HTML {
        let items = page.items.map { card, status -> HTML in
            let label = PublicationStatus(rawValue: status)?.label ?? status
            return LibraryParts.card(card, extra: "<p class=\"status\">\(label)</p>")
        }
        return Layout.page(
            title: "My writing",
            context: context,
            main: """
                <h1>My writing</h1>
                <p><a class="button" href="\(LibraryPaths.newPublication())">Write for a journal</a> \
                <a class="button secondary" href="\(LibraryPaths.newPublication())?kind=report">Write a report from below</a></p>
                \(items.isEmpty ? "<p class=\"empty\">You have not written anything yet.</p>" : "<ul class=\"piece-list\">\(items)</ul>" as HTML)
                \(paginationNav(page, base: LibraryPaths.myLibrary()))
                """
        )
    }

    static func queue(
        _ context: AppContext,
        group: Group,
        submitted: [PublicationCard],
        offers: [PublicationCard]
    ) -> HTML {
        let offerItems = offers.map { card -> HTML in
            let action = LibraryPaths.copublisherAnswer(card.id, group.slug)
            return LibraryParts.card(
                card,
                extra: """
                    \(FormParts.button(context, action, "Co-publish", fields: FormParts.hidden("answer", "accept")))
                    \(FormParts.button(context, action, "Decline", fields: FormParts.hidden("answer", "decline"), style: "secondary"))
                    """
            )
        }
        return Layout.page(
            title: "Submissions to \(group.name)",
            context: context,
            main: """
                <h1>Submissions to \(group.name)</h1>
                <h2>Waiting for a decision</h2>
                \(LibraryParts.cards(submitted, empty: "Nothing is waiting."))
                <h2>Offered for co-publication</h2>
                \(offerItems.isEmpty ? "<p class=\"empty\">No offers.</p>" : "<ul class=\"piece-list\">\(offerItems)</ul>" as HTML)
                """
        )
    }

    static func journal(_ context: AppContext, page: Page<JournalEntry>, order: JournalOrder) -> HTML {
        let items = page.items.map { entry -> HTML in
            let names = entry.recommendedBy.map { group -> HTML in
                "<a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a>"
            }
            var joined: [HTML] = []
            for (index, name) in names.enumerated() { joined.append(index == 0 ? name : HTML(raw: ", " + name.raw)) }
            return LibraryParts.card(
                entry.publication,
                extra: "<p class=\"recommended-by\">Recommended by \(joined) (\(entry.recommendations))</p>"
            )
        }
        let other: JournalOrder = order == .newest ? .most : .newest
        return Layout.page(
            title: "The common journal",
            context: context,
            main: """
                <h1>The common journal</h1>
                <p>The best writing of every current, as recommended by the centers and coalitions. \
                <a href="\(LibraryPaths.journalFeed())">Atom feed</a></p>
                <p>Ordered by \(order == .newest ? "newest recommendation" : "most recommended"). \
                <a href="\(LibraryPaths.journal())?sort=\(other.rawValue)">Order by \(other == .newest ? "newest" : "most recommended")</a></p>
                <h2>Recommended pieces</h2>
                \(items.isEmpty ? "<p class=\"empty\">No piece has been recommended yet.</p>" : "<ul class=\"piece-list\">\(items)</ul>" as HTML)
                \(paginationNav(page, base: LibraryPaths.journal() + "?sort=\(order.rawValue)"))
                """
        )
    }

    static func search(
        _ context: AppContext,
        query: String,
        fields: FieldSet,
        groups: NamedChoices,
        page: Page<SearchHit>?
    ) -> HTML {
        let form = fields.values
        let results: HTML
        if let page {
            let items = page.items.map { hit -> HTML in
                let kind = hit.publicationKind?.label ?? "Debate"
                return """
                    <li class="search-hit"><h3><a href="\(hit.url)">\(hit.title)</a> <span class="badge">\(kind)</span></h3>
                    <p class="meta">\(hit.byline ?? "")\(hit.date.map { date -> HTML in "\((hit.byline ?? "").isEmpty ? "" : " · ")\(LibraryParts.time(date))" })</p>
                    <p>\(LibraryParts.snippet(hit.snippet))</p></li>
                    """
            }
            let base =
                LibraryPaths.search()
                + LibraryParts.query(["q", "kind", "group", "tag", "from", "until"].map { ($0, form[$0]) })
            results =
                items.isEmpty
                ? "<p class=\"empty\" role=\"status\">Nothing matches “\(query)”.</p>"
                : "<ol class=\"search-results\" aria-label=\"Results\">\(items)</ol>\(paginationNav(page, base: base))"
        } else {
            results = .empty
        }
        return Layout.page(
            title: query.isEmpty ? "Search" : "Search: \(query)",
            context: context,
            main: """
                <h1>Search the library and debates</h1>
                <form action="\(LibraryPaths.search())" method="get" role="search">\(fields.summary)
                \(fields.text("q", label: "Words to find", type: "search"))
                \(fields.select("kind", label: "Kind", options: [("", "Any")] + LibraryParts.kindOptions))
                \(fields.named("group", label: "Published by", choices: groups, hint: "A group's name; the list suggests them as you type."))
                \(fields.text("tag", label: "Tag"))
                \(fields.text("from", label: "Published from", type: "date"))
                \(fields.text("until", label: "Published until", type: "date"))
                <button type="submit">Search</button>
                </form>
                \(results)
                """
        )
    }
}
