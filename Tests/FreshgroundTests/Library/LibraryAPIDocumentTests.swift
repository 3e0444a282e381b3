import Foundation
import HTTPTypes
import Testing

/// The library's part of the OpenAPI document: every operation it lists is served, answers with the status the
/// document gives for success, and sends bodies that fit the document's schemas at every depth (nested objects,
/// `null`s and left-out keys included). Problems are checked against the responses each operation documents.
@Suite("Library API document")
struct LibraryAPIDocumentTests {
    /// Every library operation the router serves; `APITests` checks the document lists these plus its own.
    static let operations: Set<String> = [
        "GET /api/v1/library", "POST /api/v1/library", "GET /api/v1/library/{id}", "PUT /api/v1/library/{id}",
        "POST /api/v1/library/{id}/submit", "GET /api/v1/library/{id}/reviews", "POST /api/v1/library/{id}/reviews",
        "POST /api/v1/library/{id}/withdraw", "POST /api/v1/library/{id}/copublishers",
        "POST /api/v1/library/{id}/copublishers/{slug}", "POST /api/v1/library/{id}/recommendations",
        "DELETE /api/v1/library/{id}/recommendations/{slug}", "GET /api/v1/journal", "GET /api/v1/search",
        "GET /api/v1/debates", "POST /api/v1/debates", "GET /api/v1/debates/{id}",
        "POST /api/v1/debates/{id}/positions", "POST /api/v1/debates/{id}/replies",
        "POST /api/v1/debates/{id}/summary", "POST /api/v1/debates/{id}/replies/{reply}/moderation",
        "POST /api/v1/debates/{id}/moderators", "POST /api/v1/debates/{id}/close", "GET /api/v1/me/lists",
        "POST /api/v1/lists", "GET /api/v1/lists/{id}", "POST /api/v1/lists/{id}/items",
        "DELETE /api/v1/lists/{id}/items/{post}", "POST /api/v1/lists/{id}/items/{post}/move",
    ]

    /// Calls operations and checks each answer against the document, remembering which were exercised.
    struct Calls {
        let document: [String: Any]
        var exercised: Set<String> = []

        /// The calls against the document the server serves at /api/v1/openapi.json.
        static func load(_ visitor: inout Visitor) async throws -> Calls {
            let page = try await visitor.get("/api/v1/openapi.json")
            return Calls(
                document: try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
            )
        }

        /// Calls `operation` (as listed in the document) at the concrete `path`. Expects the operation's one
        /// documented 2xx status unless `status` is given, which must then be documented too; the body must fit
        /// the schema documented for that status and content type.
        @discardableResult
        mutating func call(
            _ visitor: inout Visitor,
            _ operation: String,
            _ path: String,
            json: [String: Any]? = nil,
            status: HTTPResponse.Status? = nil,
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> Page {
            let parts = operation.split(separator: " ").map(String.init)
            let method = try #require(HTTPRequest.Method(parts[0]), sourceLocation: sourceLocation)
            let text = try json.map {
                String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
            }
            let described = APITests.dig(document, ["paths", parts[1], parts[0].lowercased()])
            // An operation without a documented body is called without one.
            let body = text ?? (APITests.dig(described, ["requestBody"]) == nil ? nil : "{}")
            let page = try await visitor.api(method, path, json: body)
            exercised.insert(operation)
            let responses = APITests.dig(described, ["responses"]) as? [String: Any] ?? [:]
            let successes = responses.keys.filter { $0.hasPrefix("2") }
            #expect(
                successes.count == 1,
                "\(operation) documents one success: \(successes)",
                sourceLocation: sourceLocation
            )
            let expected = status.map { String($0.code) } ?? successes.first ?? "200"
            #expect(
                String(page.status.code) == expected,
                "\(operation): \(page.status) \(page.body.prefix(600))",
                sourceLocation: sourceLocation
            )
            var response = responses[expected] as? [String: Any]
            if let reference = response?["$ref"] as? String {
                response = LibraryAPIDocumentTests.resolve(reference, document)
            }
            #expect(response != nil, "\(operation) does not document \(expected)", sourceLocation: sourceLocation)
            let mediaType = page.headers[.contentType]?.split(separator: ";").first.map(String.init) ?? ""
            guard let schema = APITests.dig(response, ["content", mediaType, "schema"]) else {
                #expect(
                    page.body.isEmpty,
                    "\(operation) sends an undocumented \(mediaType) body",
                    sourceLocation: sourceLocation
                )
                return page
            }
            let answer = try JSONSerialization.jsonObject(with: Data(page.body.utf8), options: [.fragmentsAllowed])
            let problems = LibraryAPIDocumentTests.violations(answer, schema, document, at: "\(operation) \(expected)")
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
            return page
        }
    }

    @Test func everyLibraryOperationAnswersAsDocumented() async throws {
        try await withApp { app in
            // setup: alice organizes North Center (a journal), carol South Center; bob writes; dan only reads
            var alice = try await app.person("alice")
            let north = try await alice.createGroup("North Center", kind: "center")
            var carol = try await app.person("carol")
            let south = try await carol.createGroup("South Center", kind: "center", city: "Bristol")
            var bob = try await app.person("bob")
            var dan = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&dan)

            // act: an article through the whole workflow, and a report from below
            let created = try await calls.call(
                &bob,
                "POST /api/v1/library",
                "/api/v1/library",
                json: ["kind": "article", "journal": north, "title": "Rent strike diary", "body": "Tenants organised."]
            )
            let article = try #require(APITests.integer(created.json["id"]))
            let at = "/api/v1/library/\(article)"
            try await calls.call(
                &bob,
                "PUT /api/v1/library/{id}",
                at,
                json: [
                    "kind": "article", "journal": north, "title": "Rent strike diary", "summary": "Week one.",
                    "body": "Tenants organised a *rent strike*.", "tags": ["Rent Strike", "housing"],
                ]
            )
            try await calls.call(&bob, "POST /api/v1/library/{id}/submit", "\(at)/submit")
            try await calls.call(
                &alice,
                "POST /api/v1/library/{id}/reviews",
                "\(at)/reviews",
                json: ["action": "comment", "note": "Lovely."]
            )
            let published = try await calls.call(
                &alice,
                "POST /api/v1/library/{id}/reviews",
                "\(at)/reviews",
                json: ["action": "accept"]
            )
            let reportDraft = try await calls.call(
                &bob,
                "POST /api/v1/library",
                "/api/v1/library",
                json: [
                    "kind": "report", "journal": north, "title": "Depot breaks", "byline": "A picker",
                    "placeKind": "workplace",
                    "city": "Leeds", "placeName": "Depot 7", "happening": "Breaks were cut.", "doing": "A petition.",
                ]
            )
            let report = try #require(APITests.integer(reportDraft.json["id"]))
            try await calls.call(&bob, "POST /api/v1/library/{id}/submit", "/api/v1/library/\(report)/submit")
            try await calls.call(
                &alice,
                "POST /api/v1/library/{id}/reviews",
                "/api/v1/library/\(report)/reviews",
                json: ["action": "accept"]
            )
            let readByStranger = try await calls.call(&dan, "GET /api/v1/library/{id}", "/api/v1/library/\(report)")
            let history = try await calls.call(&bob, "GET /api/v1/library/{id}/reviews", "\(at)/reviews")
            try await calls.call(&dan, "GET /api/v1/library/{id}/reviews", "\(at)/reviews", status: .forbidden)
            // check: what the document promises of these answers
            #expect(published.json["status"] as? String == "published")
            #expect(published.json["tags"] as? [String] == ["rent-strike", "housing"])
            #expect(readByStranger.json["report"].flatMap { $0 as? [String: Any] }?["placeName"] as? String == "")
            let bylines = try #require(readByStranger.json["authors"] as? [[String: Any]])
            #expect(bylines.count == 1 && bylines[0]["handle"] is NSNull, "a report is pseudonymous by default")
            #expect(Self.items(history).compactMap { $0["action"] as? String } == ["submitted", "comment", "accepted"])

            // act: co-publication, the journal, the library and search
            try await calls.call(
                &bob,
                "POST /api/v1/library/{id}/copublishers",
                "\(at)/copublishers",
                json: ["group": south]
            )
            let copublished = try await calls.call(
                &carol,
                "POST /api/v1/library/{id}/copublishers/{slug}",
                "\(at)/copublishers/\(south)",
                json: ["answer": "accept"]
            )
            try await calls.call(
                &alice,
                "POST /api/v1/library/{id}/recommendations",
                "\(at)/recommendations",
                json: ["group": north, "note": "Read this."]
            )
            let journal = try await calls.call(&dan, "GET /api/v1/journal", "/api/v1/journal?sort=most")
            let library = try await calls.call(&dan, "GET /api/v1/library", "/api/v1/library?group=\(south)")
            try await calls.call(
                &alice,
                "DELETE /api/v1/library/{id}/recommendations/{slug}",
                "\(at)/recommendations/\(north)"
            )
            // check
            #expect((copublished.json["publishers"] as? [[String: Any]])?.count == 2)
            #expect(Self.items(journal).count == 1)
            #expect(Self.items(library).compactMap { APITests.integer($0["id"]) } == [article])

            // act: a debate about the article, with a position for a group, replies, moderation and a summary
            let opened = try await calls.call(
                &bob,
                "POST /api/v1/debates",
                "/api/v1/debates",
                json: ["question": "Should the rent strike spread?", "description": "Say why.", "publication": article]
            )
            let debate = try #require(APITests.integer(Self.dig(opened, "debate", "id")))
            let stated = try await calls.call(
                &carol,
                "POST /api/v1/debates/{id}/positions",
                "/api/v1/debates/\(debate)/positions",
                json: ["statement": "Yes, city-wide.", "argument": "Numbers win.", "group": south]
            )
            let position = try #require(
                (Self.dig(stated, "debate", "positions") as? [[String: Any]])?.first.flatMap {
                    APITests.integer($0["id"])
                }
            )
            let replied = try await calls.call(
                &alice,
                "POST /api/v1/debates/{id}/replies",
                "/api/v1/debates/\(debate)/replies",
                json: ["position": position, "stance": "for", "body": "Agreed."]
            )
            let reply = try #require(
                (Self.dig(replied, "replies", "items") as? [[String: Any]])?.first.flatMap {
                    APITests.integer($0["id"])
                }
            )
            try await calls.call(
                &bob,
                "POST /api/v1/debates/{id}/replies",
                "/api/v1/debates/\(debate)/replies",
                json: ["position": position, "parent": reply, "stance": "against", "body": "Not yet."]
            )
            try await calls.call(
                &bob,
                "POST /api/v1/debates/{id}/replies/{reply}/moderation",
                "/api/v1/debates/\(debate)/replies/\(reply)/moderation",
                json: ["hide": true, "reason": "Off topic."]
            )
            try await calls.call(
                &bob,
                "POST /api/v1/debates/{id}/summary",
                "/api/v1/debates/\(debate)/summary",
                json: ["summary": "Mostly for."]
            )
            try await calls.call(
                &bob,
                "POST /api/v1/debates/{id}/moderators",
                "/api/v1/debates/\(debate)/moderators",
                json: ["handle": "alice"]
            )
            try await calls.call(
                &bob,
                "POST /api/v1/debates/{id}/close",
                "/api/v1/debates/\(debate)/close",
                status: .conflict
            )
            let quiet = try await calls.call(
                &bob,
                "POST /api/v1/debates",
                "/api/v1/debates",
                json: ["question": "A quiet question?"]
            )
            let quietID = try #require(APITests.integer(Self.dig(quiet, "debate", "id")))
            try await calls.call(&bob, "POST /api/v1/debates/{id}/close", "/api/v1/debates/\(quietID)/close")
            let shown = try await calls.call(&dan, "GET /api/v1/debates/{id}", "/api/v1/debates/\(debate)?page=1")
            let debates = try await calls.call(&dan, "GET /api/v1/debates", "/api/v1/debates")
            let found = try await calls.call(&dan, "GET /api/v1/search", "/api/v1/search?q=rent+strike")
            try await calls.call(&dan, "GET /api/v1/search", "/api/v1/search?q=", status: .unprocessableContent)
            // check
            let replies = try #require(Self.dig(shown, "replies", "items") as? [[String: Any]])
            let hidden = try #require(replies.first { APITests.integer($0["id"]) == reply })
            #expect(hidden["hidden"] as? Bool == true && hidden["bodyHTML"] is NSNull)
            #expect((shown.json["log"] as? [Any])?.count == 1)
            #expect(Self.dig(quiet, "debate", "publication") == nil, "absent, not null, without a piece")
            #expect(Self.items(debates).count == 2)
            #expect(Set(Self.items(found).compactMap { $0["type"] as? String }) == ["publication", "debate"])

            // act: reading lists, a person's and a group's
            let list = try await calls.call(
                &bob,
                "POST /api/v1/lists",
                "/api/v1/lists",
                json: ["title": "Strike reading", "description": "Start here.", "isPublic": true]
            )
            let listID = try #require(APITests.integer(list.json["id"]))
            try await calls.call(
                &alice,
                "POST /api/v1/lists",
                "/api/v1/lists",
                json: ["title": "North picks", "group": north]
            )
            for piece in [article, report] {
                try await calls.call(
                    &bob,
                    "POST /api/v1/lists/{id}/items",
                    "/api/v1/lists/\(listID)/items",
                    json: ["publication": piece, "note": "Read it."]
                )
            }
            let moved = try await calls.call(
                &bob,
                "POST /api/v1/lists/{id}/items/{post}/move",
                "/api/v1/lists/\(listID)/items/\(report)/move",
                json: ["direction": "up"]
            )
            try await calls.call(
                &bob,
                "DELETE /api/v1/lists/{id}/items/{post}",
                "/api/v1/lists/\(listID)/items/\(article)"
            )
            let shared = try await calls.call(&dan, "GET /api/v1/lists/{id}", "/api/v1/lists/\(listID)")
            let mine = try await calls.call(&bob, "GET /api/v1/me/lists", "/api/v1/me/lists")
            let withdrawn = try await calls.call(
                &bob,
                "POST /api/v1/library/{id}/withdraw",
                "/api/v1/library/\(report)/withdraw",
                json: ["note": "Too easy to trace."]
            )
            // check
            let order = (moved.json["items"] as? [[String: Any]])?.compactMap {
                APITests.integer(($0["publication"] as? [String: Any])?["id"])
            }
            #expect(order == [report, article])
            #expect((shared.json["items"] as? [Any])?.count == 1)
            #expect(Self.items(mine).count == 1)
            #expect(withdrawn.json["status"] as? String == "withdrawn")
            #expect(
                calls.exercised == Self.operations,
                "not exercised: \(Self.operations.subtracting(calls.exercised))"
            )
        }
    }

    /// Problems found checking `value` against `schema`: missing or undocumented keys, wrong types, values
    /// outside an enum and malformed times, at every depth. Follows `$ref`, `allOf` and `oneOf`.
    static func violations(_ value: Any, _ schema: Any?, _ document: [String: Any], at path: String) -> [String] {
        guard var node = schema as? [String: Any] else { return ["\(path): the document has no schema here"] }
        if let reference = node["$ref"] as? String { node = resolve(reference, document) ?? [:] }
        if let options = node["oneOf"] as? [Any] {
            let tries = options.map { violations(value, $0, document, at: path) }
            return tries.contains(where: \.isEmpty) ? [] : ["\(path) fits no oneOf: \(tries.flatMap { $0 })"]
        }
        var types = (node["type"] as? [String]) ?? [node["type"] as? String].compactMap { $0 }
        if node["allOf"] != nil { types = ["object"] }
        guard types.isEmpty || types.contains(where: { isJSON(value, $0) }) else {
            return ["\(path): \(value) is not \(types.joined(separator: " or "))"]
        }
        if let options = node["enum"] as? [Any], !options.contains(where: { "\($0)" == "\(value)" }) {
            return ["\(path): \(value) is not one of \(options)"]
        }
        if node["format"] as? String == "date-time", let text = value as? String,
            (try? Date(text, strategy: .iso8601)) == nil
        {
            return ["\(path): \(text) is not an ISO 8601 time"]
        }
        if let array = value as? [Any] {
            return array.enumerated().flatMap { violations($1, node["items"], document, at: "\(path)[\($0)]") }
        }
        guard let object = value as? [String: Any] else { return [] }
        if let values = node["additionalProperties"] as? [String: Any] {
            return object.flatMap { violations($0.value, values, document, at: "\(path).\($0.key)") }
        }
        let shape = APITests.shape(node, in: document)
        var problems = shape.required.subtracting(object.keys).sorted().map { "\(path) lacks \($0)" }
        problems += Set(object.keys).subtracting(shape.properties.keys).sorted().map {
            "\(path) sends undocumented \($0)"
        }
        for (key, item) in object where shape.properties[key] != nil {
            problems += violations(item, shape.properties[key], document, at: "\(path).\(key)")
        }
        return problems
    }

    /// Whether a value from `JSONSerialization` is of a JSON Schema type; booleans are not numbers here.
    static func isJSON(_ value: Any, _ type: String) -> Bool {
        let number = value as? NSNumber
        let isBoolean = number.map { String(cString: $0.objCType) == "c" } ?? false
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "boolean": return isBoolean
        case "integer": return !isBoolean && number.map { $0.doubleValue.rounded() == $0.doubleValue } == true
        case "number": return !isBoolean && number != nil
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }

    static func resolve(_ reference: String, _ document: [String: Any]) -> [String: Any]? {
        APITests.dig(document, reference.dropFirst(2).split(separator: "/").map(String.init)) as? [String: Any]
    }

    static func dig(_ page: Page, _ keys: String...) -> Any? { APITests.dig(page.json, keys) }

    static func items(_ page: Page) -> [[String: Any]] { page.json["items"] as? [[String: Any]] ?? [] }
}
