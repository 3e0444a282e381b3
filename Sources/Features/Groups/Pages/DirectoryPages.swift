import FreshgroundCore
import FreshgroundWeb
import People

/// The start page and the directory of public groups.
enum DirectoryPages {
    /// `federated`: the site takes part in federation, so groups on other servers can be found and are listed,
    /// marked as remote.
    static func directory(_ context: AppContext, filter: DirectoryFilter, page: Page<Group>, federated: Bool) -> HTML {
        Layout.page(
            title: "Groups",
            context: context,
            main: """
                <h1>Groups</h1>
                \(filterForm(filter))
                <h2>Public groups</h2>
                \(results(filter: filter, page: page))
                \(HTML.when(federated) {
                    "<p>Looking for a group on another server? <a href=\"/groups-elsewhere\">Find it by its handle</a>.</p>"
                })
                """
        )
    }

    static func filterForm(_ filter: DirectoryFilter) -> HTML {
        let kinds = [("", "All kinds")] + GroupKind.allCases.map { ($0.rawValue, $0.label) }
        let options = kinds.map { value, label -> HTML in
            "<option value=\"\(value)\"\(value == (filter.kind?.rawValue ?? "") ? " selected" : "")>\(label)</option>"
        }
        return """
            <form id="directory-filter" class="filters" action="\(GroupPaths.directory())" method="get" role="search">
            <div class="field"><label for="q">Name</label><input id="q" name="q" type="search" value="\(filter.query)"></div>
            <div class="field"><label for="kind">Kind</label><select id="kind" name="kind">\(options)</select></div>
            <div class="field"><label for="city">City (or its first letters)</label><input id="city" name="city" value="\(filter.city)"></div>
            <button type="submit">Search</button>
            </form>
            """
    }

    static func results(filter: DirectoryFilter, page: Page<Group>) -> HTML {
        guard !page.items.isEmpty else {
            return page.request.number > 1
                ? "<p>No more groups. <a href=\"\(GroupPaths.directory())?\(filter.queryString)\">Back to the first page</a>.</p>"
                : "<p>No public group matches. Try fewer filters, or <a href=\"\(GroupPaths.new())\">start a group</a>.</p>"
        }
        let query = filter.queryString
        return """
            <ul class="group-list">\(page.items.map(GroupParts.card))</ul>
            \(paginationNav(page, base: query.isEmpty ? GroupPaths.directory() : GroupPaths.directory() + "?\(query)"))
            """
    }

    /// The start page for an anonymous visitor: what the site is, what is happening (the features' sections), and
    /// the directory.
    static func welcome(_ context: AppContext, page: Page<Group>, sections: [HTML] = []) -> HTML {
        Layout.page(
            title: "Welcome",
            context: context,
            main: """
                <h1>Work together without merging</h1>
                <p>Here local circles, political centers and coalitions share their writing, events and campaigns. \
                A circle can follow any number of centers and see what they publish; groups can list their \
                affiliations openly; nobody gains control over anybody else.</p>
                <p><a class="button" href="\(PeoplePaths.signUp())">Sign up</a> <a href="\(PeoplePaths.logIn())">or log in</a>. A handle and a \
                password are enough; pseudonyms are welcome.</p>
                \(sections)
                <h2>Groups</h2>
                \(filterForm(DirectoryFilter()))
                \(results(filter: DirectoryFilter(), page: page))
                """
        )
    }

    /// The signed-in person's home: what other features have for them now (`sections`), then their groups' posts.
    static func feed(_ context: AppContext, page: Page<PostView>, sections: [HTML] = []) -> HTML {
        let body: HTML =
            page.items.isEmpty
            ? """
            <p>Your feed is empty. <a href="\(GroupPaths.directory())">Join a group</a>, or have your group follow a center or \
            coalition, and their posts will show up here.</p>
            """
            : """
            \(page.items.map { GroupParts.post($0, showSource: true) })
            \(paginationNav(page, base: GroupPaths.home()))
            """
        return Layout.page(
            title: "Your feed",
            context: context,
            main: "<h1>Your feed</h1>\n\(sections.joined())\n\(body)"
        )
    }
}
