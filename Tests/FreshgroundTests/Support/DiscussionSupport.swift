import Foundation
import HTTPTypes
import NIOCore
import Testing

/// Helpers for the debate, search, reading-list and hostile-input tests. Everything goes through the real
/// routes, the way a person's browser would.
enum Discussion {
    /// Writes a draft through the form and returns its id (the shared `draft` of LibrarySupport).
    static func draft(
        _ author: inout Visitor,
        in journal: String,
        _ title: String,
        body: String = "Some text.",
        kind: String = "article",
        extra: [(String, String)] = []
    ) async throws -> Int {
        try await FreshgroundTests.draft(&author, journal: journal, title: title, kind: kind, body: body, fields: extra)
    }

    /// The author sends the draft to the journal's editors.
    static func submit(_ author: inout Visitor, _ id: Int) async throws {
        try await FreshgroundTests.submit(&author, id)
    }

    /// An editor of the journal accepts the submitted piece, which publishes it.
    static func accept(_ editor: inout Visitor, _ id: Int) async throws {
        try await FreshgroundTests.accept(&editor, id)
    }

    /// Drafts, submits and accepts a piece: `editor` organizes `journal` and writes the piece too.
    @discardableResult
    static func publish(
        _ editor: inout Visitor,
        in journal: String,
        _ title: String,
        body: String = "Some text.",
        kind: String = "article",
        extra: [(String, String)] = []
    ) async throws -> Int {
        let id = try await draft(&editor, in: journal, title, body: body, kind: kind, extra: extra)
        try await submit(&editor, id)
        try await accept(&editor, id)
        return id
    }

    /// Opens a debate through the form and returns its id.
    static func openDebate(
        _ opener: inout Visitor,
        _ question: String,
        description: String = "Let us talk it through.",
        publication: Int? = nil
    ) async throws -> Int {
        var fields = [("question", question), ("description", description)]
        if let publication { fields.append(("publication", String(publication))) }
        let page = try await opener.post("/debates", fields)
        let location = try #require(page.location, "open \(question): \(page.status) \(page.body.prefix(1_500))")
        return try #require(Int(location.dropFirst("/debates/".count)))
    }

    /// States a position and returns its id (from the `#position-N` of the redirect).
    static func state(
        _ person: inout Visitor,
        in debate: Int,
        _ statement: String,
        argument: String = "Because.",
        group: String = ""
    ) async throws -> Int {
        let page = try await person.post(
            "/debates/\(debate)/positions",
            [("statement", statement), ("argument", argument), ("group", group)]
        )
        return try anchor(page, "#position-")
    }

    /// Replies to a position (or to a reply) and returns the reply's id.
    static func reply(
        _ person: inout Visitor,
        in debate: Int,
        position: Int,
        parent: Int? = nil,
        stance: String = "for",
        _ body: String
    ) async throws -> Int {
        let page = try await person.post(
            "/debates/\(debate)/replies",
            [
                ("position", String(position)), ("parent", parent.map(String.init) ?? ""), ("stance", stance),
                ("body", body),
            ]
        )
        return try anchor(page, "#reply-")
    }

    private static func anchor(_ page: Page, _ marker: String) throws -> Int {
        let location = try #require(page.location, "expected a redirect: \(page.status) \(page.body.prefix(1_500))")
        return try #require(Int(location.components(separatedBy: marker).last ?? ""), "\(location)")
    }

    /// A JSON document from a dictionary (strings are escaped as JSON requires).
    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Sends raw bytes as a JSON body with the session and CSRF header, as `Visitor.api` does for text.
    static func apiRaw(
        _ visitor: inout Visitor,
        _ method: HTTPRequest.Method,
        _ path: String,
        bytes: [UInt8]
    ) async throws -> Page {
        if visitor.cookies["fg_csrf"] == nil { try await visitor.get("/login") }
        var headers: HTTPFields = [.accept: "application/json", .contentType: "application/json"]
        headers[HTTPField.Name("X-CSRF-Token")!] = visitor.csrf
        return try await visitor.send(path, method: method, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// What an anonymous visitor gets at `path`: the API's JSON under `/api/`, the page elsewhere.
    static func anonymous(_ app: TestApp, _ path: String) async throws -> Page {
        var visitor = app.visitor()
        return path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
    }

    /// The `items` of an API list.
    static func items(_ page: Page) -> [[String: Any]] { page.json["items"] as? [[String: Any]] ?? [] }

    /// A day as the search form takes it (YYYY-MM-DD, UTC).
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Where each of `texts` first appears in `html`; a missing text fails the test.
    static func offsets(of texts: [String], in html: String) throws -> [String.Index] {
        try texts.map { try #require(html.range(of: $0)?.lowerBound, "\(texts) : \($0) is missing") }
    }
}

// MARK: - Hostile input

extension HostileInputTests {
    /// Sends every corpus entry through each of `fields` and checks the answer: kept (a status in `kept`, then
    /// every page `shown` returns must be harmless) or refused with a message, never a server error.
    static func feed(
        _ person: inout Visitor,
        _ context: String,
        fields: [String],
        kept: Set<Int>,
        send: (inout Visitor, String, Entry) async throws -> Page,
        shown: (inout Visitor, Page) async throws -> [Page]
    ) async throws {
        for field in fields {
            for entry in corpus {
                let label = "\(context): \(field) ← \(entry.name)"
                let (mustBeRefused, isHuge, isInvalid) = (entry.mustBeRefused, entry.isHuge, entry.value == nil)
                let response = try await send(&person, field, entry)
                let code = Int(response.status.code)
                #expect(code < 500, "\(label): answered \(code)")
                #expect(problems(response).isEmpty, "\(label): the answer runs \(problems(response))")
                if kept.contains(code) {
                    #expect(!mustBeRefused, "\(label): kept, but must be refused")
                    for page in try await shown(&person, response) {
                        #expect(page.status == .ok, "\(label): a page showing it answered \(page.status)")
                        #expect(problems(page).isEmpty, "\(label): a page showing it runs \(problems(page))")
                    }
                    continue
                }
                let message = refusal(response)
                #expect((400..<500).contains(code) && !message.isEmpty, "\(label): refused (\(code)) without a message")
                if isHuge {
                    #expect(message.contains(#/under [0-9][0-9,]* characters/#), "\(label): says \(message)")
                }
                if isInvalid {
                    #expect(code == 400 && message.contains("not valid UTF-8"), "\(label): says \(message)")
                }
            }
        }
    }

    /// Posts a form with `field` set to the entry (percent-encoded, or `%FF%FE` for invalid UTF-8).
    static func postForm(
        _ person: inout Visitor,
        _ path: String,
        _ base: [(String, String)],
        _ field: String,
        _ entry: Entry
    ) async throws -> Page {
        if person.cookies["fg_csrf"] == nil { try await person.get("/login") }
        let fields = base.filter { $0.0 != field } + [("_csrf", person.csrf)]
        let value = entry.value.map(Visitor.encode) ?? "a%FF%FEb"
        let body = fields.map { "\(Visitor.encode($0.0))=\(Visitor.encode($0.1))" } + ["\(field)=\(value)"]
        return try await person.postRaw(path, bytes: Array(body.joined(separator: "&").utf8))
    }

    /// Sends `base` as JSON with `field` set to the entry (in an array when `list`); invalid UTF-8 goes raw.
    static func sendJSON(
        _ person: inout Visitor,
        _ method: HTTPRequest.Method,
        _ path: String,
        _ base: [String: Any],
        _ field: String,
        _ entry: Entry,
        list: Bool = false
    ) async throws -> Page {
        let marker = "INVALID-UTF8-GOES-HERE"
        var object = base
        object[field] = list ? [entry.value ?? marker] : entry.value ?? marker
        var bytes = Array(Discussion.json(object).utf8)
        if entry.value == nil, let range = bytes.firstRange(of: Array(marker.utf8)) {
            bytes.replaceSubrange(range, with: [0x61, 0xFF, 0xFE, 0x62])
        }
        return try await Discussion.apiRaw(&person, method, path, bytes: bytes)
    }

    /// What a person is told when their input is refused: the problem's detail and field errors, the form's
    /// field errors, or the error page's text.
    static func refusal(_ page: Page) -> String {
        if page.headers[.contentType]?.contains("json") == true {
            let fields = (page.json["errors"] as? [String: String] ?? [:]).values.sorted()
            return ([page.json["detail"] as? String ?? ""] + fields).joined(separator: " ")
                .trimmingCharacters(in: .whitespaces)
        }
        let fieldErrors = page.body.matches(of: #/<p class="field-error" id="[^"]*">([^<]*)</p>/#).map { String($0.1) }
        if !fieldErrors.isEmpty { return fieldErrors.joined(separator: " ") }
        let titles = ["Some fields need attention", "The request could not be read", "Not allowed", "Conflict"]
        guard let error = page.body.firstMatch(of: #/<h1>([^<]*)</h1>\s*<p>([^<]*)</p>/#),
            titles.contains(String(error.1))
        else { return "" }
        return String(error.2)
    }

    /// Active content in a page, or in the HTML fields (`…HTML`) of an API answer.
    static func problems(_ page: Page) -> [String] {
        guard page.headers[.contentType]?.contains("json") == true else { return activeContent(page.body) }
        func html(_ value: Any, key: String) -> [String] {
            if let object = value as? [String: Any] { return object.flatMap { html($0.value, key: $0.key) } }
            if let array = value as? [Any] { return array.flatMap { html($0, key: key) } }
            return key.hasSuffix("HTML") ? [value as? String ?? ""] : []
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(page.body.utf8))) ?? [:]
        return activeContent(html(object, key: "").joined(separator: "\n"))
    }

    /// What a browser would run: a `<script` element, an `on…=` attribute inside a tag, or a link or source
    /// to a `javascript:` address (after resolving character references, as a browser does).
    static func activeContent(_ html: String) -> [String] {
        var found: [String] = []
        let lower = html.lowercased()
        if lower.contains("<script") { found.append("a <script> element") }
        for tag in lower.matches(of: #/<[a-z][^>]*>/#) {
            let text = String(tag.output)
            let bare = text.replacing(#/"[^"]*"|'[^']*'/#, with: "\"\"")
            if bare.contains(#/\son[a-z]+\s*=/#) { found.append("an event handler in \(text.prefix(120))") }
            for attribute in text.matches(of: #/\s(?:href|src|action|formaction)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/#) {
                var value = String(attribute.1)
                if value.first == "\"" || value.first == "'" { value = String(value.dropFirst().dropLast()) }
                let url = decodeReferences(value).unicodeScalars.filter { $0.value > 0x20 }
                if String(url).hasPrefix("javascript:") { found.append("a script address in \(text.prefix(120))") }
            }
        }
        return found
    }

    /// Numeric character references and the named ones that matter in an address.
    static func decodeReferences(_ value: String) -> String {
        var text = value
        for (name, character) in [("&colon;", ":"), ("&tab;", "\t"), ("&newline;", "\n")] {
            text = text.replacingOccurrences(of: name, with: character)
        }
        return text.replacing(#/&#(x?)([0-9a-f]+);?/#) { match in
            let scalar = UInt32(match.2, radix: match.1.isEmpty ? 10 : 16).flatMap(Unicode.Scalar.init)
            return scalar.map { String(Character($0)) } ?? ""
        }
    }
}
