import Foundation
import HTTPTypes
import Testing

/// Error pages are pages like any other: a signed-in person sees who they are signed in as, with the same header
/// and a log-out form that carries their CSRF token, whether the error came from a handler, from the CSRF check
/// or from an address no route matches. Anonymous visitors still get the log-in link and the log-in redirect,
/// and the API still answers with problem documents.
@Suite("Error pages")
struct ErrorPageTests {
    @Test(arguments: ["/groups/nobody-here", "/no/such/page", "/groups/x/posts/99999"])
    func signedInNotFoundPageShowsThePerson(path: String) async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            let normal = try await olive.get("/groups")
            // act
            let page = try await olive.get(path)
            // check
            #expect(page.status == .notFound)
            Self.expectSignedIn(page, as: olive, sameHeaderAs: normal)
        }
    }

    @Test func signedInPostToAnUnknownAddressShowsThePerson() async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            let normal = try await olive.get("/groups")
            // act
            let page = try await olive.post("/no/such/page", [("title", "x")])
            // check
            #expect(page.status == .notFound)
            Self.expectSignedIn(page, as: olive, sameHeaderAs: normal)
        }
    }

    @Test func signedInForbiddenPageShowsThePerson() async throws {
        try await withApp { app in
            // setup: olive's event; bob organizes none of its hosts
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Leeds Tenants")
            let id = try await scheduleEvent(&olive, host: slug)
            var bob = try await app.person("bob")
            let normal = try await bob.get("/groups")
            // act
            let page = try await bob.post("/events/\(id)/hosts", [("group", slug)])
            // check
            #expect(page.status == .forbidden)
            #expect(page.contains("Not allowed"))
            Self.expectSignedIn(page, as: bob, sameHeaderAs: normal)
        }
    }

    @Test func refusedFormTokenPageShowsThePerson() async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            let normal = try await olive.get("/groups")
            // act
            let page = try await olive.post("/groups", [("name", "No Token Circle")], csrf: false)
            // check
            #expect(page.status == .forbidden)
            #expect(page.contains("This form has expired"))
            Self.expectSignedIn(page, as: olive, sameHeaderAs: normal)
        }
    }

    @Test func signedInValidationPageShowsThePerson() async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Leeds Tenants")
            let id = try await scheduleEvent(&olive, host: slug)
            let normal = try await olive.get("/groups")
            // act
            let page = try await olive.post("/events/\(id)/hosts", [("group", "nobody-here")])
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("There is no group called nobody-here."))
            Self.expectSignedIn(page, as: olive, sameHeaderAs: normal)
        }
    }

    @Test func errorPageSetsTheTokenItsFormsCarry() async throws {
        try await withApp { app in
            // setup: a signed-in browser that has lost its CSRF cookie
            var olive = try await app.person("olive")
            olive.cookies["fg_csrf"] = nil
            // act
            let page = try await olive.get("/groups/nobody-here")
            // check: the page's token is the one the response sets, so its log-out form works
            #expect(page.status == .notFound)
            let set = page.headers[values: .setCookie].first { $0.hasPrefix("fg_csrf=") }
            #expect(set != nil)
            #expect(!olive.csrf.isEmpty)
            #expect(page.contains(#"name="_csrf" value="\#(olive.csrf)""#))
            let logOut = try await olive.post("/logout")
            #expect(logOut.status == .seeOther)
            let after = try await olive.get("/groups")
            #expect(!after.contains("Signed in as"))
        }
    }

    @Test(arguments: ["/groups/nobody-here", "/no/such/page"])
    func anonymousNotFoundPageOffersLogIn(path: String) async throws {
        try await withApp { app in
            // setup
            var visitor = app.visitor()
            // act
            let page = try await visitor.get(path)
            // check
            #expect(page.status == .notFound)
            #expect(page.contains(#"<a href="/login">Log in</a>"#))
            #expect(!page.contains("Signed in as"))
            #expect(!page.contains(#"action="/logout""#))
        }
    }

    @Test func anonymousGetThatNeedsALogInIsRedirected() async throws {
        try await withApp { app in
            // setup
            var visitor = app.visitor()
            // act
            let page = try await visitor.get("/groups/new")
            // check
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?next=/groups/new")
        }
    }

    @Test(arguments: ["/api/v1/groups/nobody-here", "/api/v1/no-such-route"])
    func signedInAPINotFoundIsStillAProblem(path: String) async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            // act
            let page = try await olive.api(.get, path)
            // check
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "application/problem+json")
            #expect(page.json["type"] as? String == "https://freshground.example/problems/not-found")
            #expect(page.json["status"] as? Int == 404)
            #expect(!page.contains("<html"))
        }
    }

    @Test func badBearerTokenIsStillAProblem() async throws {
        try await withApp { app in
            // setup
            var visitor = app.visitor()
            // act: the auth middleware itself refuses the token
            let page = try await visitor.api(.get, "/api/v1/me", bearer: "fg_not-a-real-token")
            // check
            #expect(page.status == .unauthorized)
            #expect(page.headers[.contentType] == "application/problem+json")
            #expect(page.headers[.wwwAuthenticate] == "Bearer realm=\"freshground\"")
            #expect(page.json["type"] as? String == "https://freshground.example/problems/unauthorized")
        }
    }

    /// The page is for `visitor`: their name, a log-out form with their (non-empty) token, no log-in link, and
    /// the same header as a normal page they were shown.
    static func expectSignedIn(
        _ page: Page,
        as visitor: Visitor,
        sameHeaderAs normal: Page,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(page.headers[.contentType] == "text/html; charset=utf-8", sourceLocation: sourceLocation)
        #expect(page.contains("Signed in as \(visitor.handle)"), sourceLocation: sourceLocation)
        #expect(!visitor.csrf.isEmpty, sourceLocation: sourceLocation)
        let logOut =
            #"<form class="inline" action="/logout" method="post">"#
            + #"<input type="hidden" name="_csrf" value="\#(visitor.csrf)">"#
        #expect(page.contains(logOut), sourceLocation: sourceLocation)
        #expect(!page.contains(#"value="""#), sourceLocation: sourceLocation)
        #expect(!page.contains(#"href="/login""#), sourceLocation: sourceLocation)
        #expect(!page.contains("Log in"), sourceLocation: sourceLocation)
        let header = Self.header(page)
        #expect(header != nil, sourceLocation: sourceLocation)
        #expect(header == Self.header(normal), sourceLocation: sourceLocation)
    }

    /// The `<header>` element of a page (the site navigation).
    static func header(_ page: Page) -> String? {
        let body = page.body
        guard let start = body.range(of: "<header"),
            let end = body.range(of: "</header>", range: start.upperBound..<body.endIndex)
        else { return nil }
        return String(body[start.lowerBound..<end.upperBound])
    }
}
