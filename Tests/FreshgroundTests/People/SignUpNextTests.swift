import Foundation
import Testing

/// Sign-up keeps where the person was going (`next`) and goes there afterwards, through the same check as
/// log-in; the "log in" prompts on other pages say where to come back to.
@Suite struct SignUpNextTests {
    @Test func signUpGoesBackToALocalNext() async throws {
        try await withApp { app in
            // setup
            var wren = app.visitor()
            // act
            let form = try await wren.get("/signup?next=/groups")
            let page = try await wren.post(
                "/signup",
                [("next", "/groups"), ("handle", "wren"), ("password", Visitor.password)]
            )
            // check
            #expect(form.contains(#"<input type="hidden" name="next" value="/groups">"#))
            #expect(form.contains(#"<a href="/login?next=/groups">Log in</a>"#), "log in instead keeps it too")
            #expect(page.status == .seeOther)
            #expect(page.location == "/groups")
        }
    }

    @Test(arguments: [
        "https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)", "",
    ])
    func signUpWithAForeignNextGoesHome(next: String) async throws {
        try await withApp { app in
            // setup
            var wren = app.visitor()
            // act
            let page = try await wren.post(
                "/signup",
                [("next", next), ("handle", "wren"), ("password", Visitor.password)]
            )
            // check
            #expect(page.status == .seeOther)
            #expect(page.location == "/")
        }
    }

    @Test func logInPageOffersSignUpWithTheSameNext() async throws {
        try await withApp { app in
            // setup
            var visitor = app.visitor()
            // act
            let page = try await visitor.get("/login?next=/groups/new")
            // check
            #expect(page.contains(#"<a href="/signup?next=/groups/new">Sign up</a>"#))
        }
    }

    @Test func logInPromptsComeBackToThePage() async throws {
        try await withApp { app in
            // setup
            var network = try await eventNetwork(app)
            let event = try await scheduleEvent(&network.olive, host: network.leeds)
            var stranger = app.visitor()
            // act
            let eventPage = try await stranger.get("/events/\(event)")
            let groupPage = try await stranger.get("/groups/\(network.leeds)")
            // check
            #expect(eventPage.contains(#"<a href="/login?next=/events/\#(event)">log in</a>"#))
            #expect(eventPage.contains(#"<a href="/signup?next=/events/\#(event)">sign up</a>"#))
            #expect(groupPage.contains(#"<a href="/login?next=/groups/\#(network.leeds)">Log in</a>"#))
            #expect(groupPage.contains(#"<a href="/signup?next=/groups/\#(network.leeds)">sign up</a>"#))
        }
    }
}
