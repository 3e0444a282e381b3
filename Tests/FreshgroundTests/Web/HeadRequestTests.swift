import Foundation
import HTTPTypes
import Testing

/// `HEAD` answers every `GET` route as the `GET` does, without the body, since monitors and feed readers use
/// it to check an address; a route that answers only `POST` does not answer `HEAD` with 200.
@Suite("HTTP: HEAD on every GET route")
struct HeadRequestTests {
    @Test("a page, an Atom feed, a calendar and an API GET answer HEAD with the GET's status and type, no body")
    func headAnswersLikeGet() async throws {
        try await withApp { app in
            // setup
            var organizer = try await app.person("olive")
            let slug = try await organizer.createGroup("Leeds Tenants")
            var anonymous = app.visitor()
            for path in [
                "/groups/\(slug)", "/groups/\(slug)/feed.atom", "/groups/\(slug)/events.ics", "/api/v1/groups/\(slug)",
            ] {
                // act
                let get = try await anonymous.get(path)
                let head = try await anonymous.send(path, method: .head, headers: [:], body: nil)
                // check
                #expect(get.status == .ok, "GET \(path)")
                #expect(head.status == .ok, "HEAD \(path): \(head.status)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "HEAD \(path)")
                #expect(head.headers[.contentType] != nil, "HEAD \(path)")
                #expect(head.headers[.cacheControl] == get.headers[.cacheControl], "HEAD \(path)")
                #expect(head.body.isEmpty, "HEAD \(path) sent a body")
                #expect(!get.body.isEmpty)
            }
        }
    }

    @Test("HEAD on an address that only takes POST is not 200; under /api/ it is 405 and Allow names POST")
    func headOnPostOnlyRoutes() async throws {
        try await withApp { app in
            // setup
            var anonymous = app.visitor()
            // act
            let page = try await anonymous.send("/logout", method: .head, headers: [:], body: nil)
            let api = try await anonymous.send("/api/v1/conferences/1/tracks", method: .head, headers: [:], body: nil)
            // check
            #expect(page.status != .ok, "HEAD /logout: \(page.status)")
            #expect(api.status == .methodNotAllowed, "\(api.status)")
            #expect(api.headers[.allow] == "POST")
        }
    }

    @Test("an API method refused with 405 lists HEAD beside GET in Allow")
    func allowListsHead() async throws {
        try await withApp { app in
            // setup
            var organizer = try await app.person("olive")
            let slug = try await organizer.createGroup("Leeds Tenants")
            // act
            let refused = try await organizer.api(.delete, "/api/v1/groups/\(slug)/posts")
            // check
            #expect(refused.status == .methodNotAllowed)
            #expect(refused.headers[.allow] == "GET, HEAD, POST")
        }
    }
}
