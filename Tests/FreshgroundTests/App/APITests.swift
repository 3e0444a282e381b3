import Foundation
import HTTPTypes
import NIOCore
import SQLKit
import Testing

/// The JSON API as a script sees it: problem documents with stable codes, personal access tokens, CSRF for
/// cookie sessions, the OpenAPI document and the shape of lists.
@Suite("JSON API")
struct APITests {
    /// Every API operation the router serves; the OpenAPI document must list exactly these.
    static let operations: Set<String> = [
        "GET /api/v1/me", "GET /api/v1/me/memberships", "GET /api/v1/groups", "POST /api/v1/groups",
        "GET /api/v1/groups/{slug}", "GET /api/v1/groups/{slug}/posts", "POST /api/v1/groups/{slug}/posts",
        "GET /api/v1/groups/{slug}/affiliations", "GET /api/v1/feed", "GET /api/v1/openapi.json",
    ]

    /// Checks the RFC 9457 shape and returns the document.
    static func problem(
        _ page: Page,
        code: String,
        status: HTTPResponse.Status,
        sourceLocation: SourceLocation = #_sourceLocation
    )
        -> [String: Any]
    {
        #expect(page.status == status, sourceLocation: sourceLocation)
        #expect(
            page.headers[.contentType]?.hasPrefix("application/problem+json") == true,
            sourceLocation: sourceLocation
        )
        let json = page.json
        #expect(
            (json["type"] as? String)?.hasSuffix("/problems/\(code)") == true,
            "\(page.body)",
            sourceLocation: sourceLocation
        )
        #expect(integer(json["status"]) == Int(status.code), sourceLocation: sourceLocation)
        #expect((json["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        return json
    }

    static func integer(_ value: Any?) -> Int? {
        if let value = value as? Int { return value }
        return (value as? NSNumber)?.intValue
    }

    static func count(_ app: TestApp, _ table: String) async throws -> Int {
        try await app.store.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(
            column: "n",
            as: Int.self
        ) ?? 0
    }

    @Test func unknownThingsAreNotFoundProblems() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let group = try await alice.api(.get, "/api/v1/groups/no-such-group")
            let posts = try await alice.api(.get, "/api/v1/groups/no-such-group/posts")
            let route = try await alice.api(.get, "/api/v1/no-such-thing")
            // check
            _ = Self.problem(group, code: "not-found", status: .notFound)
            _ = Self.problem(posts, code: "not-found", status: .notFound)
            _ = Self.problem(route, code: "not-found", status: .notFound)
        }
    }

    @Test(arguments: ["/api/v1/me", "/api/v1/me/memberships", "/api/v1/feed"])
    func personalReadsNeedALogIn(path: String) async throws {
        try await withApp { app in
            // act
            var anonymous = app.visitor()
            let page = try await anonymous.api(.get, path)
            // check
            _ = Self.problem(page, code: "unauthorized", status: .unauthorized)
            #expect(page.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }

    @Test(arguments: [
        (#"{"name":"x","kind":"circle","city":"Leeds"}"#, "name"),
        (#"{"name":"Tenants","kind":"club","city":"Leeds"}"#, "kind"),
        (#"{"name":"Tenants","kind":"circle","placeKind":"moon","city":"Leeds"}"#, "placeKind"),
        (#"{"name":"Tenants","kind":"circle","city":"Leeds","joinPolicy":"never"}"#, "joinPolicy"),
        (#"{"name":"Tenants","kind":"circle","city":"Leeds","visibility":"secret"}"#, "visibility"),
        (#"{"name":"Tenants","kind":"circle","placeKind":"city","city":""}"#, "city"),
        (
            #"{"name":"Tenants","kind":"circle","city":"Leeds","placeName":"\#(String(repeating: "p", count: 121))"}"#,
            "placeName"
        ),
        (#"{"name":"Tenants","kind":"circle","city":"Leeds","slug":"-no-"}"#, "slug"),
    ])
    func invalidGroupsNameTheFieldByItsAPIName(json: String, field: String) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let page = try await alice.api(.post, "/api/v1/groups", json: json)
            // check
            let problem = Self.problem(page, code: "validation", status: .unprocessableContent)
            let errors = try #require(problem["errors"] as? [String: String])
            #expect(errors[field]?.isEmpty == false, "errors: \(errors)")
            #expect(errors.keys.allSatisfy { !$0.contains("_") }, "camelCase keys only: \(errors)")
            #expect(try await Self.count(app, "groups") == 0)
        }
    }

    @Test func invalidPostsNameTitleAndBody() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Tenants Union")
            // act
            let page = try await alice.api(.post, "/api/v1/groups/\(slug)/posts", json: #"{"title":"  ","body":""}"#)
            // check
            let errors = try #require(
                Self.problem(page, code: "validation", status: .unprocessableContent)["errors"] as? [String: String]
            )
            #expect(Set(errors.keys) == ["title", "body"])
        }
    }

    @Test(arguments: [#"{"name": "#, "name=Tenants", "", #"{"name": 5, "kind": "circle"}"#, "[1, 2]"])
    func unreadableBodiesAreBadRequests(body: String) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let page = try await alice.api(.post, "/api/v1/groups", json: body)
            // check
            _ = Self.problem(page, code: "bad-request", status: .badRequest)
            #expect(try await Self.count(app, "groups") == 0)
        }
    }

    @Test(arguments: [nil, "forged-token-value-1234567890"])
    func cookieSessionWritesNeedTheCSRFHeader(header: String?) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var headers: HTTPFields = [.contentType: "application/json", .accept: "application/json"]
            if let header { headers[HTTPField.Name("X-CSRF-Token")!] = header }
            // act
            let page = try await alice.send(
                "/api/v1/groups",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: #"{"name":"Tenants","kind":"circle","city":"Leeds"}"#)
            )
            // check
            _ = Self.problem(page, code: "csrf", status: .forbidden)
            #expect(try await Self.count(app, "groups") == 0)
        }
    }

    @Test func accessTokenIsShownOnceWorksWithoutCSRFAndDiesWhenRevoked() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act: make a token
            let made = try await alice.post("/me/tokens", [("name", "calendar sync")])
            let token = try #require(Self.text(in: made.body, after: #"<code id="new-token">"#, before: "</code>"))
            let later = try await alice.get("/me/tokens")
            // check: shown once, stored only as a digest
            #expect(made.status == .created)
            #expect(token.hasPrefix("fgp_"))
            let (shownAgain, listed) = (later.contains(token), later.contains("calendar sync"))
            #expect(!shownAgain && listed)
            let stored = try await app.store.sql.raw("SELECT token_digest FROM access_tokens").all()
            #expect(
                try stored.map { try $0.decode(column: "token_digest", as: String.self) }.allSatisfy {
                    !$0.contains(token)
                }
            )

            // act: a script with no cookies at all uses it for a read and a write
            var script = app.visitor()
            let me = try await script.api(.get, "/api/v1/me", bearer: token)
            let created = try await script.api(
                .post,
                "/api/v1/groups",
                json: #"{"name":"Scripted Circle","kind":"circle","city":"Leeds"}"#,
                bearer: token
            )
            // check
            #expect(me.status == .ok)
            #expect(me.json["handle"] as? String == "alice")
            #expect(created.status == .created, "\(created.body)")
            #expect(created.json["slug"] as? String == "scripted-circle")
            #expect(try await Self.count(app, "groups") == 1)

            // act: revoke it
            let id = try #require(Self.text(in: later.body, after: #"action="/me/tokens/"#, before: "/revoke"))
            let revoked = try await alice.post("/me/tokens/\(id)/revoke")
            let after = try await script.api(.get, "/api/v1/me", bearer: token)
            let write = try await script.api(
                .post,
                "/api/v1/groups",
                json: #"{"name":"Second Circle","kind":"circle","city":"Leeds"}"#,
                bearer: token
            )
            // check
            #expect(revoked.status == .seeOther)
            _ = Self.problem(after, code: "unauthorized", status: .unauthorized)
            _ = Self.problem(write, code: "unauthorized", status: .unauthorized)
            #expect(try await Self.count(app, "groups") == 1)
            let markedRevoked = try await alice.get("/me/tokens").contains("Revoked")
            #expect(markedRevoked)
        }
    }

    @Test func nobodyRevokesSomeoneElsesToken() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let made = try await alice.post("/me/tokens", [("name", "sync")])
            let token = try #require(Self.text(in: made.body, after: #"<code id="new-token">"#, before: "</code>"))
            let id = try #require(Self.text(in: made.body, after: #"action="/me/tokens/"#, before: "/revoke"))
            var mallory = try await app.person("mallory")
            // act
            let attempt = try await mallory.post("/me/tokens/\(id)/revoke")
            // check
            #expect(attempt.status == .notFound)
            var script = app.visitor()
            #expect(try await script.api(.get, "/api/v1/me", bearer: token).status == .ok)
        }
    }

    @Test(arguments: ["fgp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-token", ""])
    func wrongBearerTokensAreUnauthorized(token: String) async throws {
        try await withApp { app in
            // setup: even a valid session cookie does not rescue a request with a bad token
            var alice = try await app.person("alice")
            var headers: HTTPFields = [.accept: "application/json"]
            headers[.authorization] = "Bearer \(token)"
            // act
            let page = try await alice.send("/api/v1/me", method: .get, headers: headers, body: nil)
            // check
            _ = Self.problem(page, code: "unauthorized", status: .unauthorized)
            let leaked = page.contains("alice")
            #expect(!leaked)
        }
    }

    @Test func openAPIDocumentListsExactlyTheServedOperations() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Tenants Union", kind: "center")
            // act
            let page = try await alice.get("/api/v1/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var listed: Set<String> = []
            for (path, item) in paths {
                for method in item.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    listed.insert("\(method.uppercased()) \(path)")
                }
            }
            // check: the document parses, every reference resolves, and it lists what the router serves
            #expect(page.status == .ok)
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            #expect(
                listed
                    == Self.operations.union(LibraryAPIDocumentTests.operations)
                    .union(ConferencesAPIDocumentTests.operations).union(SpeakersAPIDocumentTests.operations)
                    .union(EventsAPIDocumentTests.operations).union(StudyAPIDocumentTests.operations)
                    .union(NotificationsAPIDocumentTests.operations).union(DecisionsAPIDocumentTests.operations)
                    .union(BodiesAPITests.operations).union(CountFileTests.operations)
                    .union(CampaignAPITests.operations).union(PetitionsAPITests.operations)
                    .union(DemandsAPITests.operations).union(PlanAPITests.operations)
                    .union(ReportsAPITests.operations).union(InquiryAPITests.operations)
                    .union(OfficialsAPITests.operations).union(VolunteeringAPITests.operations)
            )
            let references = Self.references(in: document)
            #expect(references.count > 10)
            for reference in references {
                #expect(
                    Self.dig(document, reference.dropFirst(2).split(separator: "/").map(String.init)) != nil,
                    "\(reference)"
                )
            }
            for operation in Self.operations.sorted() {
                let parts = operation.split(separator: " ")
                let path = String(parts[1]).replacingOccurrences(of: "{slug}", with: slug)
                let answer = try await alice.api(
                    parts[0] == "GET" ? .get : .post,
                    path,
                    json: parts[0] == "GET" ? nil : "{}"
                )
                #expect(answer.status != .notFound, "\(operation) is served")
                #expect(answer.status.code < 500, "\(operation)")
                if parts[0] == "GET" { #expect(answer.status == .ok, "\(operation)") }
            }
        }
    }

    @Test func responsesCarryExactlyThePropertiesTheDocumentDescribes() async throws {
        try await withApp { app in
            // setup: a center with a post and a follower, so every list has an item
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Tenants Union", kind: "center")
            let circle = try await alice.createGroup("Street Circle")
            try await alice.post("/groups/\(slug)/posts", [("title", "Hello"), ("body", "First post.")])
            try await alice.post("/groups/\(slug)/followers", [("group", circle)])
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(try await alice.get("/api/v1/openapi.json").body.utf8))
                    as? [String: Any]
            )
            let bodies = [
                "POST /api/v1/groups": #"{"name":"Docs Circle","kind":"circle","city":"Leeds"}"#,
                "POST /api/v1/groups/{slug}/posts": #"{"title":"Documented","body":"Every field."}"#,
            ]
            for operation in Self.operations.sorted() where !operation.hasSuffix(".json") {
                let parts = operation.split(separator: " ").map(String.init)
                let (method, status) = parts[0] == "GET" ? (HTTPRequest.Method.get, "200") : (.post, "201")
                // act
                let page = try await alice.api(
                    method,
                    parts[1].replacingOccurrences(of: "{slug}", with: slug),
                    json: bodies[operation]
                )
                // check: the top level, and the first item of a list
                let schema = Self.dig(
                    document,
                    [
                        "paths", parts[1], parts[0].lowercased(), "responses", status, "content", "application/json",
                        "schema",
                    ]
                )
                #expect(page.status.code == Int(status), "\(operation)")
                let body = Self.shape(schema, in: document)
                Self.expect(page.json, matches: body, "\(operation)")
                if let item = (page.json["items"] as? [[String: Any]])?.first {
                    Self.expect(
                        item,
                        matches: Self.shape(Self.dig(body.properties["items"], ["items"]), in: document),
                        "\(operation) items"
                    )
                }
            }
        }
    }

    static func expect(
        _ object: [String: Any],
        matches shape: (required: Set<String>, properties: [String: Any]),
        _ name: String
    ) {
        let missing = shape.required.subtracting(object.keys)
        let extra = Set(object.keys).subtracting(shape.properties.keys)
        #expect(missing.isEmpty, "\(name) lack \(missing.sorted())")
        #expect(extra.isEmpty, "\(name) send undocumented \(extra.sorted())")
    }

    static func dig(_ node: Any?, _ keys: [String]) -> Any? { keys.reduce(node) { ($0 as? [String: Any])?[$1] } }

    /// A schema's required property names and its properties, following `$ref` and `allOf`.
    static func shape(_ schema: Any?, in document: [String: Any]) -> (required: Set<String>, properties: [String: Any])
    {
        guard var object = schema as? [String: Any] else { return ([], [:]) }
        if let reference = object["$ref"] as? String {
            object =
                dig(document, reference.dropFirst(2).split(separator: "/").map(String.init)) as? [String: Any] ?? [:]
        }
        var required = Set(object["required"] as? [String] ?? [])
        var properties = object["properties"] as? [String: Any] ?? [:]
        for part in object["allOf"] as? [Any] ?? [] {
            let inner = shape(part, in: document)
            required.formUnion(inner.required)
            properties.merge(inner.properties) { first, _ in first }
        }
        return (required, properties)
    }

    static func references(in node: Any) -> [String] {
        if let object = node as? [String: Any] {
            let own = (object["$ref"] as? String).map { [$0] } ?? []
            return own + object.values.flatMap { references(in: $0) }
        }
        if let array = node as? [Any] { return array.flatMap { references(in: $0) } }
        return []
    }

    @Test(arguments: ["/api/v1/groups", "/api/v1/groups/{slug}/posts", "/api/v1/feed", "/api/v1/me/memberships"])
    func listsSayWhichPageAndWhetherMoreFollow(path: String) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Tenants Union")
            try await alice.post("/groups/\(slug)/posts", [("title", "Hello"), ("body", "First post.")])
            // act
            let page = try await alice.api(.get, path.replacingOccurrences(of: "{slug}", with: slug))
            // check
            #expect(page.status == .ok)
            let items = try #require(page.json["items"] as? [Any])
            #expect(items.count == 1)
            #expect(Self.integer(page.json["page"]) == 1)
            #expect((Self.integer(page.json["perPage"]) ?? 0) >= 1)
            #expect(page.json["hasNext"] as? Bool == false)
        }
    }

    @Test func theDirectoryPagesThroughEveryPublicGroup() async throws {
        try await withApp { app in
            // setup: 21 public groups and one private one
            var alice = try await app.person("alice")
            for number in 1...21 { try await alice.createGroup("Circle \(number)") }
            try await alice.createGroup("Quiet Circle", visibility: "private")
            // act
            let first = try await alice.api(.get, "/api/v1/groups")
            let second = try await alice.api(.get, "/api/v1/groups?page=2")
            // check
            #expect((first.json["items"] as? [Any])?.count == 20)
            #expect(first.json["hasNext"] as? Bool == true)
            #expect(Self.integer(first.json["perPage"]) == 20)
            #expect((second.json["items"] as? [Any])?.count == 1)
            #expect(second.json["hasNext"] as? Bool == false)
            #expect(Self.integer(second.json["page"]) == 2)
            let listsPrivate = first.contains("quiet-circle") || second.contains("quiet-circle")
            #expect(!listsPrivate)
        }
    }

    static func text(in body: String, after start: String, before end: String) -> String? {
        guard let from = body.range(of: start), let to = body.range(of: end, range: from.upperBound..<body.endIndex)
        else {
            return nil
        }
        return String(body[from.upperBound..<to.lowerBound])
    }
}
