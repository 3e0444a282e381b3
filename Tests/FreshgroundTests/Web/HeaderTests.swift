import Foundation
import Testing

/// The header stays one row on a laptop: the site's sections in a row, the person's own pages in a menu under
/// their name (a `<details>`, which opens without script and by keyboard), and the log-out button in view.
@Suite struct HeaderTests {
    @Test func aSignedInPersonsOwnPagesAreInTheMenuUnderTheirName() async throws {
        try await withApp { app in
            // setup
            var wren = try await app.person("wren")

            // act
            let page = try await wren.get("/groups")
            let header = try #require(page.body.firstMatch(of: /<header class="site-header">(?s)(.*?)<\/header>/))
            let html = String(header.1)
            let menu = try #require(html.firstMatch(of: /<details class="me-menu">(?s)(.*?)<\/details>/))
            let inMenu = String(menu.1)
            let outside = html.replacingOccurrences(of: inMenu, with: "")

            // check
            #expect(inMenu.contains("<summary><span class=\"whoami\">Signed in as wren</span></summary>"))
            #expect(inMenu.contains("href=\"/me/events\"") && inMenu.contains("href=\"/groups/new\""))
            #expect(outside.contains("href=\"/groups\"") && outside.contains("href=\"/events\""))
            #expect(outside.contains("action=\"/logout\""), "log out stays in view")
            #expect(!outside.contains("href=\"/me/events\""))
        }
    }

    @Test func anAnonymousVisitorSeesLogInAndSignUpWithoutAMenu() async throws {
        try await withApp { app in
            var visitor = app.visitor()
            let page = try await visitor.get("/groups")
            #expect(page.contains("href=\"/login\"") && page.contains("href=\"/signup\""))
            #expect(!page.contains("me-menu"))
        }
    }
}
