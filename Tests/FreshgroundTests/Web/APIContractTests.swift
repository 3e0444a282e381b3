import Foundation
import HTTPTypes
import Testing

/// Every `/api/` request is held to the OpenAPI document before a handler sees it: undocumented methods get 405
/// with `Allow`, path parameters that cannot name anything get 404, query parameters outside their schema 422.
@Suite("API contract")
struct APIContractTests {
    @Test func aMethodTheDocumentDoesNotListIsMethodNotAllowed() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let trace = try await alice.api(.trace, "/api/v1/feed")
            let delete = try await alice.api(.delete, "/api/v1/groups")
            let unknown = try await alice.api(.delete, "/api/v1/no-such-thing")
            // check
            _ = APITests.problem(trace, code: "method-not-allowed", status: .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, HEAD")
            _ = APITests.problem(delete, code: "method-not-allowed", status: .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET, HEAD, POST")
            _ = APITests.problem(unknown, code: "not-found", status: .notFound)
        }
    }

    @Test(arguments: [
        "/api/v1/events/99999999999999999999", "/api/v1/events/0", "/api/v1/events/-3", "/api/v1/events/abc",
        "/api/v1/study/1/weeks/0", "/api/v1/conferences/1e3/schedule",
    ])
    func anIdThatCannotExistIsNotFound(path: String) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let answer = try await alice.api(.get, path)
            // check
            _ = APITests.problem(answer, code: "not-found", status: .notFound)
        }
    }

    @Test(arguments: [
        ("/api/v1/groups?page=0", "page"), ("/api/v1/groups?page=10001", "page"), ("/api/v1/feed?page=two", "page"),
        ("/api/v1/groups?kind=party", "kind"), ("/api/v1/journal?sort=oldest", "sort"),
        ("/api/v1/speakers?from=2026-02-30", "from"), ("/api/v1/search", "q"),
    ])
    func aQueryParameterOutsideItsSchemaIsRefused(path: String, parameter: String) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let answer = try await alice.api(.get, path)
            // check
            let problem = APITests.problem(answer, code: "validation", status: .unprocessableContent)
            #expect((problem["errors"] as? [String: String])?[parameter]?.isEmpty == false, "\(answer.body)")
        }
    }

    @Test func aBodyOfTheWrongShapeIsUnreadableAndOneWithWrongValuesInvalid() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Tenants Union")
            let posts = "/api/v1/groups/\(slug)/posts"
            // act
            let missing = try await alice.api(.post, posts, json: #"{"title": "Rent strike"}"#)
            let wrongType = try await alice.api(.post, posts, json: #"{"title": 5, "body": "Meet at six."}"#)
            let wrongValues = try await alice.api(.post, "/api/v1/groups", json: #"{"name": "", "kind": "parade"}"#)
            // check
            let unread = APITests.problem(missing, code: "bad-request", status: .badRequest)
            #expect((unread["detail"] as? String)?.contains("body") == true, "\(missing.body)")
            _ = APITests.problem(wrongType, code: "bad-request", status: .badRequest)
            let invalid = APITests.problem(wrongValues, code: "validation", status: .unprocessableContent)
            #expect(Set((invalid["errors"] as? [String: String] ?? [:]).keys) == ["name", "kind"])
            #expect(try await APITests.count(app, "posts") == 0)
        }
    }

    @Test func parametersThatFitAreServed() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let groups = try await alice.api(.get, "/api/v1/groups?page=10000&kind=circle")
            let speakers = try await alice.api(.get, "/api/v1/speakers?from=2028-02-29")
            // check
            #expect(groups.status == .ok)
            #expect(APITests.integer(groups.json["page"]) == 10000)
            #expect(speakers.status == .ok, "\(speakers.body)")
        }
    }
}
