import Synchronization

/// The frame around every page: skip link, header navigation, the flash message and the main column.
package enum Layout {
    private static let configuredName = Mutex("Freshground")

    /// The site's name in titles and the header; set once at start-up from `site.name`.
    package static var siteName: String {
        get { configuredName.withLock { $0 } }
        set { configuredName.withLock { $0 = newValue } }
    }

    package static func page(title: String, context: AppContext, main: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · \(siteName)</title>
        <link rel="stylesheet" href="/assets/site.css">
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
        <nav aria-label="Main">
        <a class="brand" href="/">\(siteName)</a>
        <a href="/groups">Groups</a>
        <a href="/library">Library</a>
        <a href="/journal">Journal</a>
        <a href="/debates">Debates</a>
        <a href="/events">Events</a>
        <a href="/study">Study</a>
        <a href="/search">Search</a>
        \(account(context))
        </nav>
        </header>
        <main id="main">
        \(context.flash.map { flash -> HTML in "<p class=\"flash\" role=\"status\">\(flash)</p>" })
        \(main)
        </main>
        <footer class="site-footer"><p>\(siteName): circles, centers and coalitions working together.</p></footer>
        </body>
        </html>
        """
    }

    private static func account(_ context: AppContext) -> HTML {
        guard let person = context.person else {
            return #"<a href="/login">Log in</a> <a href="/signup">Sign up</a>"#
        }
        return """
            <a href="/groups/new">New group</a>
            <a href="/me/library">My writing</a>
            <a href="/me/events">My events</a>
            <a href="/me/lists">Reading lists</a>
            <a href="/me/tokens">Access tokens</a>
            <span class="whoami">Signed in as \(person.shownName)</span>
            <form class="inline" action="/logout" method="post">\(csrfField(context))<button type="submit">Log out</button></form>
            """
    }

    /// The hidden field every form carries.
    package static func csrfField(_ context: AppContext) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(context.csrfToken)\">"
    }
}
