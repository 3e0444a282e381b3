/// The frame around every page: skip link, header navigation, the flash message and the main column. The
/// header's links come from the features (`Feature.navigation`) through `context.frame`; the layout knows no
/// feature's addresses.
package enum Layout {
    package static func page(title: String, context: AppContext, main: HTML) -> HTML {
        let site = context.frame.name
        let links = context.frame.links(.main).map { link -> HTML in "<a href=\"\(link.path)\">\(link.label)</a>\n" }
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(site)</title>
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            <a class="skip-link" href="#main">Skip to content</a>
            <header class="site-header">
            <nav aria-label="Main">
            <a class="brand" href="/">\(site)</a>
            \(links)\(account(context))
            </nav>
            </header>
            <main id="main">
            \(context.flash.map { flash -> HTML in "<p class=\"flash\" role=\"status\">\(flash)</p>" })
            \(main)
            </main>
            <footer class="site-footer"><p>\(site): circles, centers and coalitions working together.</p></footer>
            </body>
            </html>
            """
    }

    /// The signed-in person's own pages sit in a menu under their name (a `<details>`, so it opens without script
    /// and by keyboard), which keeps the header on one line on a laptop; the log-out button stays in view.
    private static func account(_ context: AppContext) -> HTML {
        let frame = context.frame
        guard let person = context.person else {
            return frame.links(.signedOut).map { link -> HTML in "<a href=\"\(link.path)\">\(link.label)</a>" }
                .joined(separator: " ")
        }
        let own = (frame.links(.signedIn) + (person.isAdmin ? frame.links(.admin) : [])).map { link -> HTML in
            "<a href=\"\(link.path)\">\(link.label)\(countBadge(context.headerCounts[link.path]))</a>\n"
        }
        // The menu is closed on most pages, so its summary shows the numbers too.
        let counts = frame.links(.signedIn).compactMap { context.headerCounts[$0.path] }.map { countBadge($0) }
        let out = frame.links(.signOut).map { link -> HTML in
            """
            \(FormParts.postForm(context, to: link.path, class: "inline"))\
            <button type="submit">\(link.label)</button></form>
            """
        }
        return """
            <details class="me-menu"><summary><span class="whoami">Signed in as \(person.shownName)</span>\(counts)</summary>
            <div class="menu">\(own)</div></details>
            \(out)
            """
    }

    /// ` 3` in a badge, with what it counts for screen readers; nothing for none.
    private static func countBadge(_ count: HeaderCount?) -> HTML {
        guard let count, count.count > 0 else { return .empty }
        return " <span class=\"badge count\">\(count.count)<span class=\"visually-hidden\"> \(count.noun)</span></span>"
    }
}
