import Foundation
import HTTPTypes
import Testing

/// Every text field of the library, through the forms and the API, fed a corpus of hostile input. Each entry is
/// refused with a message a person can read (never a 500) or kept and shown as harmless text.
@Suite("Library: hostile input")
struct HostileInputTests {
    /// One hostile input; `value` nil stands for bytes that are not UTF-8.
    struct Entry: Sendable {
        let name: String
        let value: String?
        var isHuge: Bool { (value?.count ?? 0) > 100_000 }
        var mustBeRefused: Bool { isHuge || value == nil }
    }

    static let corpus: [Entry] = [
        Entry(name: "script tag", value: "<script>alert(1)</script>"),
        Entry(name: "img onerror", value: "<img src=x onerror=alert(1)>"),
        Entry(name: "Markdown javascript link", value: "[x](javascript:alert(1))"),
        Entry(name: "HTML javascript link", value: #"<a href="javascript:alert(1)">x</a>"#),
        Entry(name: "attribute breakout", value: #""><svg onload=alert(1)>"#),
        Entry(name: "escaped markup", value: "&lt;script&gt;"),
        Entry(name: "300,000 characters", value: String(repeating: "a", count: 300_000)),
        Entry(name: "NUL", value: "a\u{0}b"),
        Entry(name: "BEL", value: "a\u{7}b"),
        Entry(name: "RTL override", value: "abc\u{202E}def"),
        Entry(name: "invalid UTF-8", value: nil),
    ]

    static let kinds: [String: (base: [(String, String)], fields: [String])] = [
        "article": ([], ["title", "summary", "body", "byline", "tags"]),
        "link": ([("linkURL", "https://example.org/story"), ("linkSource", "Example")], ["linkURL", "linkSource"]),
        "recording": ([("mediaURL", "https://example.org/talk.mp3")], ["mediaURL"]),
        "report": (
            [("happening", "Shifts were cut."), ("placeName", "Depot 4")],
            ["sector", "city", "placeName", "happening", "doing", "worked", "needs"]
        ),
    ]

    @Test(arguments: ["article", "link", "recording", "report"])
    func publicationFormFields(kind: String) async throws {
        try await withApp { app in
            // setup: carol organizes the journal, so she can publish what she writes
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let (extra, fields) = try #require(Self.kinds[kind])
            let base = [("kind", kind), ("journal", center), ("title", "Base title"), ("body", "Base text.")] + extra
            // act + check
            try await Self.feed(&carol, "form \(kind)", fields: fields, kept: [303]) { person, field, entry in
                try await Self.postForm(&person, "/library", base, field, entry)
            } shown: { person, response in
                let id = try #require(Int(response.location?.dropFirst("/library/".count) ?? ""))
                var pages = [try await person.get("/library/\(id)"), try await person.get("/library/\(id)/edit")]
                try await Discussion.submit(&person, id)
                try await Discussion.accept(&person, id)
                var reader = app.visitor()
                pages += [try await reader.get("/library/\(id)"), try await reader.get("/library")]
                return pages
            }
        }
    }

    @Test(arguments: ["article", "link", "recording", "report"])
    func publicationAPIFields(kind: String) async throws {
        try await withApp { app in
            // setup
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let (extra, fields) = try #require(Self.kinds[kind])
            var base: [String: Any] = ["kind": kind, "journal": center, "title": "Base title", "body": "Base text."]
            for (key, value) in extra { base[key] = value }
            // act + check
            try await Self.feed(&carol, "API \(kind)", fields: fields, kept: [201]) { person, field, entry in
                try await Self.sendJSON(&person, .post, "/api/v1/library", base, field, entry, list: field == "tags")
            } shown: { person, response in
                let id = try #require(response.json["id"] as? Int)
                let submitted = try await person.api(.post, "/api/v1/library/\(id)/submit")
                let accepted = try await person.api(
                    .post,
                    "/api/v1/library/\(id)/reviews",
                    json: #"{"action":"accept"}"#
                )
                var reader = app.visitor()
                return [submitted, accepted, try await reader.get("/library/\(id)"), try await reader.get("/library")]
            }
        }
    }

    @Test func reviewNotes() async throws {
        try await withApp { app in
            // setup: a submitted piece; comments keep it submitted, so one piece takes the whole corpus
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let id = try await Discussion.draft(&carol, in: center, "Under review")
            try await Discussion.submit(&carol, id)
            let base = [("action", "comment"), ("note", "Fine.")]
            // act + check
            try await Self.feed(&carol, "review form", fields: ["note"], kept: [303]) { person, field, entry in
                try await Self.postForm(&person, "/library/\(id)/review", base, field, entry)
            } shown: { person, _ in
                [try await person.get("/library/\(id)")]
            }
            try await Self.feed(&carol, "review API", fields: ["note"], kept: [200]) { person, field, entry in
                let json: [String: Any] = ["action": "comment"]
                return try await Self.sendJSON(&person, .post, "/api/v1/library/\(id)/reviews", json, field, entry)
            } shown: { person, _ in
                [try await person.get("/library/\(id)"), try await person.api(.get, "/api/v1/library/\(id)/reviews")]
            }
        }
    }

    @Test(arguments: ["form", "API"])
    func debateFields(via: String) async throws {
        try await withApp { app in
            // setup: a debate with a position and a reply, opened by carol, who moderates it
            var carol = try await app.person("carol")
            let debate = try await Discussion.openDebate(&carol, "Base question")
            let position = try await Discussion.state(&carol, in: debate, "Base position")
            let reply = try await Discussion.reply(&carol, in: debate, position: position, "Base reply")
            let targets: [(fields: [String], path: String, api: String, base: [(String, String)])] = [
                (
                    ["question", "description"], "/debates", "/api/v1/debates",
                    [("question", "Q"), ("description", "D")]
                ),
                (
                    ["statement", "argument"], "/debates/\(debate)/positions", "/api/v1/debates/\(debate)/positions",
                    [("statement", "S"), ("argument", "A")]
                ),
                (
                    ["body"], "/debates/\(debate)/replies", "/api/v1/debates/\(debate)/replies",
                    [("position", "\(position)"), ("stance", "for"), ("body", "B")]
                ),
                (["summary"], "/debates/\(debate)/summary", "/api/v1/debates/\(debate)/summary", [("summary", "S")]),
                (
                    ["reason"], "/debates/\(debate)/replies/\(reply)/hide",
                    "/api/v1/debates/\(debate)/replies/\(reply)/moderation", [("reason", "R")]
                ),
            ]
            // act + check
            for target in targets {
                try await Self.feed(&carol, "debate \(via)", fields: target.fields, kept: [303, 200, 201]) {
                    person,
                    field,
                    entry in
                    guard via == "API" else {
                        return try await Self.postForm(&person, target.path, target.base, field, entry)
                    }
                    var json = Dictionary(uniqueKeysWithValues: target.base.map { ($0.0, $0.1 as Any) })
                    json["position"] = position
                    return try await Self.sendJSON(&person, .post, target.api, json, field, entry)
                } shown: { _, response in
                    let id = (response.json["debate"] as? [String: Any])?["id"] as? Int
                    let path = response.location?.components(separatedBy: "#").first ?? "/debates/\(id ?? debate)"
                    var reader = app.visitor()
                    return [try await reader.get(path), try await reader.get("/debates")]
                }
            }
            let search = try await Discussion.anonymous(app, "/search?q=alert")
            #expect(search.status == .ok)
            #expect(Self.activeContent(search.body).isEmpty, "search results: \(Self.activeContent(search.body))")
        }
    }

    @Test(arguments: ["form", "API"])
    func readingListFields(via: String) async throws {
        try await withApp { app in
            // setup: a public list and a published piece to note on it
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let piece = try await Discussion.publish(&carol, in: center, "Noted piece")
            let list = try #require(
                try await carol.api(.post, "/api/v1/lists", json: #"{"title":"Base","isPublic":true}"#).json["id"]
                    as? Int
            )
            let shown: (inout Visitor, Page) async throws -> [Page] = { person, response in
                let id =
                    response.location.flatMap { Int($0.dropFirst("/lists/".count)) } ?? response.json["id"] as? Int
                var reader = app.visitor()
                return [try await reader.get("/lists/\(id ?? list)"), try await person.get("/me/lists")]
            }
            // act + check
            try await Self.feed(
                &carol,
                "list \(via)",
                fields: ["title", "description"],
                kept: [303, 201],
                send: { person, field, entry in
                    let base = [("title", "T"), ("description", "D"), ("public", "on")]
                    guard via == "API" else { return try await Self.postForm(&person, "/lists", base, field, entry) }
                    let json: [String: Any] = ["title": "T", "description": "D", "isPublic": true]
                    return try await Self.sendJSON(&person, .post, "/api/v1/lists", json, field, entry)
                },
                shown: shown
            )
            try await Self.feed(
                &carol,
                "list item \(via)",
                fields: ["note"],
                kept: [303, 200],
                send: { person, field, entry in
                    if via == "API" {
                        _ = try await person.api(.delete, "/api/v1/lists/\(list)/items/\(piece)")
                        let json: [String: Any] = ["publication": piece]
                        return try await Self.sendJSON(
                            &person,
                            .post,
                            "/api/v1/lists/\(list)/items",
                            json,
                            field,
                            entry
                        )
                    }
                    _ = try await person.post("/lists/\(list)/items/\(piece)/remove")
                    let base = [("publication", "\(piece)"), ("note", "N")]
                    return try await Self.postForm(&person, "/lists/\(list)/items", base, field, entry)
                },
                shown: shown
            )
        }
    }

    @Test func theActiveContentCheckCatchesWhatABrowserWouldRun() {
        let active = [
            "<script>alert(1)</script>", "<SCRIPT src=x>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
            "<p title='x' ONCLICK=\"go()\">", #"<a href="javascript:alert(1)">x</a>"#,
            #"<a href=" &#106;avascript&colon;alert(1)">x</a>"#,
        ]
        let inert = [
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>",
            #"<input name="a" value="&quot;&gt;&lt;svg onload=alert(1)&gt;"><textarea>&lt;/textarea&gt;</textarea>"#,
            #"<a href="https://example.org/x?a=1&amp;b=2">javascript:alert(1)</a>"#, "<p>onload=alert(1)</p>",
        ]
        for html in active { #expect(!Self.activeContent(html).isEmpty, "\(html)") }
        for html in inert { #expect(Self.activeContent(html).isEmpty, "\(html)") }
    }
}
