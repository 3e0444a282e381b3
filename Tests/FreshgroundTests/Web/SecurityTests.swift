import Foundation
import HTTPTypes
import SQLKit
import Testing

/// What keeps people safe in a browser: security headers everywhere, nothing loaded from other sites, careful
/// cookies, CSRF on every form, and hostile input that is refused or shown as harmless text, never a 500.
@Suite("Security")
struct SecurityTests {
    @Test(arguments: [
        "GET /", "GET /groups", "GET /signup", "GET /groups/new", "GET /groups/nobody-here", "GET /no/such/page",
        "GET /assets/site.css", "GET /healthz", "GET /api/v1/groups", "GET /api/v1/me",
        "GET /api/v1/groups/nobody-here",
        "GET /api/v1/no-such-route", "GET /api/v1/openapi.json", "POST /groups", "POST /api/v1/groups",
    ])
    func everyResponseCarriesTheSecurityHeaders(request: String) async throws {
        try await withApp { app in
            // setup
            var visitor = app.visitor()
            let parts = request.split(separator: " ").map(String.init)
            // act
            let page: Page
            if parts[0] == "GET" {
                page = try await visitor.get(parts[1])
            } else if parts[1].hasPrefix("/api/") {
                page = try await visitor.send(
                    parts[1],
                    method: .post,
                    headers: [.contentType: "application/json"],
                    body: nil
                )
            } else {
                page = try await visitor.post(parts[1], csrf: false)
            }
            // check
            let headers = page.headers
            let policy = headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"), "\(request)")
            #expect(headers[.xContentTypeOptions] == "nosniff", "\(request)")
            #expect(headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(request)")
            #expect(headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(request)")
            #expect(page.status.code < 500, "\(request)")
        }
    }

    @Test(arguments: [
        "/groups?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&city=%22%3E%3Csvg%20onload%3Dalert(1)%3E",
        "/groups?q=%ZZ&city=%C3%28",
        "/groups?kind=%3Cb%3E&page=99999999999999999999", "/groups/%FF",
        "/groups/\(String(repeating: "a", count: 5000))",
        "/groups/x/posts/99999999999999999999", "/invites/%00", "/login?next=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/api/v1/groups?q=%ZZ&page=-4", "/api/v1/groups/%3Cscript%3E",
    ])
    func hostileAddressesAreHarmless(path: String) async throws {
        try await withApp { app in
            // act
            var visitor = try await app.person("olive")
            let page = try await visitor.get(path)
            // check
            #expect(page.status.code < 500)
            #expect(Self.activeContent(page.body).isEmpty)
        }
    }

    @Test func pagesLoadNothingFromOtherSites() async throws {
        try await withApp { app in
            // setup: Markdown with a link and an image pointing elsewhere, in a basis and a post
            let markdown = "Read [this](https://example.org/reading) and ![logo](https://evil.example/logo.png)."
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Tenants Union", kind: "center", basis: markdown)
            let post = try await olive.post("/groups/\(slug)/posts", [("title", "Reading"), ("body", markdown)])
            var anonymous = app.visitor()
            // act
            var pages: [(String, Page)] = []
            for path in [
                "/", "/groups", "/groups/new", "/groups/\(slug)", "/groups/\(slug)/basis", "/groups/\(slug)/members",
                "/groups/\(slug)/edit", "/groups/\(slug)/posts/new", post.location ?? "/", "/me/tokens",
                "/groups/nowhere",
            ] {
                pages.append(("olive \(path)", try await olive.get(path)))
            }
            for path in ["/", "/signup", "/login", "/groups", "/groups/\(slug)", post.location ?? "/"] {
                pages.append(("anonymous \(path)", try await anonymous.get(path)))
            }
            // check
            let userLinks: Set<String> = ["https://example.org/reading", "https://evil.example/logo.png"]
            for (name, page) in pages {
                #expect(page.status == .ok || page.status == .notFound, "\(name)")
                for tag in Self.tags(page.body) {
                    for (attribute, value) in tag.attributes
                    where ["src", "href", "action", "srcset"].contains(attribute) {
                        let external = value.contains("://") || value.hasPrefix("//")
                        if ["link", "script", "img", "iframe", "source", "embed", "object", "form"].contains(tag.name) {
                            #expect(!external, "\(name): <\(tag.name) \(attribute)=\"\(value)\">")
                        } else if external {
                            #expect(userLinks.contains(value), "\(name): <\(tag.name) \(attribute)=\"\(value)\">")
                        }
                    }
                }
            }
            let linked = pages[3].1.contains(#"href="https://example.org/reading""#)
            #expect(linked, "the person's own link still works")
        }
    }

    @Test(arguments: ["http://127.0.0.1:8080", "https://freshground.example"])
    func cookiesAreHttpOnlyLaxAndSecureOnlyOnHTTPS(site: String) async throws {
        try await withApp(siteURL: site) { app in
            // act
            var visitor = app.visitor()
            let form = try await visitor.get("/signup")
            let signUp = try await visitor.post("/signup", [("handle", "badger"), ("password", Visitor.password)])
            let logOut = try await visitor.post("/logout")
            // check
            let cookies = [form, signUp, logOut].flatMap { $0.headers[values: .setCookie] }
            let ours = cookies.filter { $0.hasPrefix("fg_session=") || $0.hasPrefix("fg_csrf=") }
            #expect(ours.contains { $0.hasPrefix("fg_csrf=") })
            #expect(ours.filter { $0.hasPrefix("fg_session=") }.count == 2, "set at sign-up, cleared at log-out")
            for cookie in ours {
                #expect(cookie.contains("HttpOnly"), "\(cookie)")
                #expect(cookie.contains("SameSite=Lax"), "\(cookie)")
                #expect(cookie.contains("Secure") == site.hasPrefix("https:"), "\(cookie)")
            }
        }
    }

    /// Forms a forger might aim at: whose browser sends it, where it goes, what it says.
    static let guardedForms: [(String, String, [(String, String)])] = [
        ("anonymous", "/signup", [("handle", "newcomer"), ("password", Visitor.password)]),
        ("anonymous", "/login", [("login", "olive"), ("password", Visitor.password)]),
        ("olive", "/logout", []),
        ("olive", "/groups", [("name", "Another"), ("kind", "circle"), ("city", "Leeds")]),
        ("olive", "/groups/tenants-union/edit", [("name", "Hijacked"), ("city", "Leeds"), ("visibility", "private")]),
        ("bob", "/groups/tenants-union/join", []),
        ("olive", "/groups/tenants-union/posts", [("title", "Forged"), ("body", "Forged")]),
        ("olive", "/me/tokens", [("name", "stolen")]),
    ]

    enum Forgery: String, CaseIterable, Sendable {
        /// No `_csrf` field at all; a token that was never issued; the attacker's own valid token.
        case missing, madeUp, attackersOwn
    }

    @Test(arguments: guardedForms, Forgery.allCases)
    func formsWithoutTheirOwnTokenAreRefusedAndChangeNothing(
        form: (victim: String, path: String, fields: [(String, String)]),
        forgery: Forgery
    ) async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            try await olive.createGroup("Tenants Union")
            let bob = try await app.person("bob")
            var attacker = app.visitor()
            try await attacker.get("/login")
            var victim = ["olive": olive, "bob": bob][form.victim] ?? app.visitor()
            let before = try await Self.snapshot(app)
            let token: [(String, String)] =
                switch forgery {
                case .missing: []
                case .madeUp: [("_csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
                case .attackersOwn: [("_csrf", attacker.csrf)]
                }
            // act
            let page = try await victim.post(form.path, form.fields + token, csrf: false)
            // check
            let says = page.contains("This form has expired")
            #expect(page.status == .forbidden && says)
            #expect(try await Self.snapshot(app) == before)
            let stillIn = try await olive.get("/").contains("Signed in as olive")
            #expect(stillIn)
        }
    }

    /// Row counts of every table a form can touch, and each group's name and visibility.
    static func snapshot(_ app: TestApp) async throws -> [String] {
        var result = try await app.store.sql.raw("SELECT name, visibility FROM groups ORDER BY id").all().map {
            try $0.decode(column: "name", as: String.self) + " " + $0.decode(column: "visibility", as: String.self)
        }
        for table in ["people", "sessions", "groups", "memberships", "posts", "access_tokens"] {
            let row = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
            result.append("\(table): \(try row?.decode(column: "n", as: Int.self) ?? -1)")
        }
        return result
    }

    // MARK: - Hostile input

    enum Payload: String, CaseIterable, Sendable {
        case scriptTag, imgOnError, attributeBreakout, javascriptLink, text200KB, text600KB, rawInvalidUTF8,
            escapedInvalidUTF8, brokenPercentEscape

        /// The value as it goes into the urlencoded body.
        var encoded: [UInt8] {
            switch self {
            case .scriptTag: Self.encode("<script>alert(1)</script>")
            case .imgOnError: Self.encode("<img src=x onerror=alert(1)>")
            case .attributeBreakout: Self.encode("\"><svg onload=alert(1)>")
            case .javascriptLink:
                Self.encode("[x](javascript:alert(1)) [y]( JaVaScRiPt:alert(2)) <javascript:alert(3)>")
            case .text200KB: Self.encode("<script>alert(1)</script>" + String(repeating: "solidarity ", count: 18_700))
            case .text600KB: Array(String(repeating: "a", count: 600 * 1024).utf8)
            case .rawInvalidUTF8: [0x61, 0xFF, 0xFE, 0x62]
            case .escapedInvalidUTF8: Array("a%C3%28b".utf8)
            case .brokenPercentEscape: Array("50%zzoff".utf8)
            }
        }

        /// What a refusal must say, for input that cannot be read at all.
        var unreadable: String? {
            [
                .text600KB: "larger than", .rawInvalidUTF8: "not valid UTF-8", .escapedInvalidUTF8: "not valid UTF-8",
                .brokenPercentEscape: "broken percent escape",
            ][self]
        }

        var isShortMarkup: Bool { [.scriptTag, .imgOnError, .attributeBreakout, .javascriptLink].contains(self) }

        static func encode(_ text: String) -> [UInt8] { Array(Visitor.encode(text).utf8) }
    }

    /// Every text field of sign-up, the group forms (create and edit) and the post form.
    static let hostileFields: [(String, String)] =
        ["handle", "email", "display_name", "password"].map { ("signup", $0) } + ["title", "body"].map { ("post", $0) }
        + ["create", "edit"].flatMap { form in
            ["name", "description", "city", "place_name", "basis"].map { (form, $0) }
        }

    @Test(arguments: hostileFields)
    func hostileInputIsRefusedOrShownAsHarmlessText(form: String, field: String) async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Tenants Union", kind: "center")
            for (index, payload) in Payload.allCases.enumerated() {
                let label = "\(form).\(field) ← \(payload)"
                var author = form == "signup" ? app.visitor() : olive
                var fields: [(String, String)]
                let path: String
                switch form {
                case "signup":
                    path = "/signup"
                    fields = [
                        ("handle", "newbie-\(index)"), ("email", ""), ("display_name", ""),
                        ("password", Visitor.password),
                    ]
                case "post":
                    path = "/groups/\(slug)/posts"
                    fields = [("title", "Post \(index)"), ("body", "Hello")]
                default:
                    path = form == "create" ? "/groups" : "/groups/\(slug)/edit"
                    fields = [
                        ("name", "Hostile \(index)"), ("description", "About"), ("place_kind", "city"),
                        ("city", "Leeds"),
                        ("place_name", ""), ("visibility", "public"), ("join_policy", "open"), ("basis", "Basis"),
                    ]
                    if form == "create" { fields += [("slug", "hostile-\(index)"), ("kind", "center")] }
                }
                if author.csrf.isEmpty { try await author.get("/login") }
                var body = fields.filter { $0.0 != field }.map { "\(Visitor.encode($0.0))=\(Visitor.encode($0.1))&" }
                    .joined()
                body += "_csrf=\(author.csrf)&\(field)="
                // act
                let response = try await author.postRaw(path, bytes: Array(body.utf8) + payload.encoded)
                var pages = [("response", response)]
                if response.status == .seeOther {
                    for page in try await Self.pagesShowing(
                        form: form,
                        after: response,
                        slug: slug,
                        author: &author,
                        app: app
                    ) {
                        pages.append(page)
                    }
                }
                // check: refused with a reason, or kept; never a 500, never active content
                let status = response.status
                if let message = payload.unreadable {
                    let says = response.contains(message)
                    #expect(status == .badRequest && says, "\(label): refused, saying why")
                } else if ["handle", "email", "city"].contains(field) {
                    // A handle and an address have a form; a group's city is one of the site's list.
                    let says = response.contains(#"id="\#(field)-error""#)
                    #expect(status == .unprocessableContent && says, "\(label): refused, saying why")
                } else if payload.isShortMarkup {
                    #expect(status == .seeOther, "\(label): people may write about markup; it is kept as text")
                } else if status != .seeOther {
                    let says = response.contains("field-error")
                    #expect(status == .unprocessableContent && says, "\(label): refused, saying why")
                }
                for (name, page) in pages {
                    let status = page.status
                    #expect(status.code < 500, "\(label): \(name)")
                    for problem in Self.activeContent(page.body) { Issue.record("\(label): \(name): \(problem)") }
                }
            }
        }
    }

    /// The pages where what was just stored shows up.
    static func pagesShowing(
        form: String,
        after response: Page,
        slug: String,
        author: inout Visitor,
        app: TestApp
    )
        async throws -> [(String, Page)]
    {
        var paths: [String]
        switch form {
        case "signup":
            let own = try await author.createGroup("Own Circle \(UUID().uuidString.prefix(6))")
            try await author.post("/groups/\(own)/posts", [("title", "Mine"), ("body", "Mine")])
            paths = ["/", "/groups/\(own)/members", "/groups/\(own)"]
        case "post":
            paths = [response.location ?? "/", "/groups/\(slug)", "/", "/api/v1/groups/\(slug)/posts"]
        default:
            let target = response.location ?? "/groups/\(slug)"
            paths = [target, "\(target)/basis", "\(target)/edit", "\(target)/members", "/groups", "/"]
        }
        var pages: [(String, Page)] = []
        for path in paths {
            guard path.hasPrefix("/api/") else {
                pages.append((path, try await author.get(path)))
                continue
            }
            let page = try await author.api(.get, path)
            for item in page.json["items"] as? [[String: Any]] ?? [] {
                pages.append(
                    ("bodyHTML", Page(status: page.status, headers: [:], body: item["bodyHTML"] as? String ?? ""))
                )
            }
        }
        var anonymous = app.visitor()
        if form != "signup" { pages.append(("anonymous /", try await anonymous.get("/"))) }
        return pages
    }

    /// Anything in the markup that a browser would run: script or SVG elements, event-handler attributes, or
    /// links and sources with a script or data URL (after decoding entities, as a browser does).
    static func activeContent(_ html: String) -> [String] {
        var problems: [String] = []
        let lower = html.lowercased()
        for marker in ["<script", "<svg", "<iframe", "<object", "<embed", "<img src=x", "href=\"javascript"]
        where lower.contains(marker) {
            problems.append("contains \(marker)")
        }
        for tag in tags(html) {
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { problems.append("<\(tag.name) \(name)=…>") }
                let url = String(value.unicodeScalars.filter { $0.value > 0x20 }).lowercased()
                if ["href", "src", "action", "formaction", "srcset"].contains(name),
                    ["javascript:", "vbscript:", "data:"].contains(where: url.hasPrefix)
                {
                    problems.append("<\(tag.name) \(name)=\"\(value)\">")
                }
            }
        }
        return problems
    }

    /// The start tags of a page with their attributes: names lowercased, entities in values decoded. Text and
    /// attribute values are escaped by the app, so a raw `<` or `>` only ever belongs to real markup.
    static func tags(_ html: String) -> [(name: String, attributes: [(String, String)])] {
        let tag = try! NSRegularExpression(pattern: #"<([A-Za-z][^\s/>]*)([^>]*)>"#)
        let attribute = try! NSRegularExpression(pattern: #"([^\s=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"']+))?"#)
        func groups(_ text: String, _ pattern: NSRegularExpression) -> [[String]] {
            let string = NSString(string: text)
            return pattern.matches(in: text, range: NSRange(location: 0, length: string.length)).map { match in
                (1..<match.numberOfRanges).map {
                    match.range(at: $0).location == NSNotFound ? "" : string.substring(with: match.range(at: $0))
                }
            }
        }
        return groups(html, tag).map { parts in
            let attributes = groups(parts[1], attribute).map { pair -> (String, String) in
                let quoted = pair[1].first == "\"" || pair[1].first == "'"
                return (pair[0].lowercased(), decodeEntities(quoted ? String(pair[1].dropFirst().dropLast()) : pair[1]))
            }
            return (parts[0].lowercased(), attributes)
        }
    }

    /// Character references as a browser resolves them in attribute values (numeric, and the few named ones
    /// that matter for URLs).
    static func decodeEntities(_ value: String) -> String {
        let named = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n",
        ]
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[rest.index(after: amp)...]
            guard let end = tail.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = tail
                continue
            }
            let entity = tail[..<end].lowercased()
            let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : UInt32(entity.dropFirst())
            if entity.hasPrefix("#"), let scalar = number.flatMap(Unicode.Scalar.init) {
                out.unicodeScalars.append(scalar)
            } else {
                out += named[entity] ?? "&\(entity);"
            }
            rest = tail[tail.index(after: end)...]
        }
        return out + rest
    }

    @Test func theActiveContentCheckCatchesWhatABrowserWouldRun() {
        let active = [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<p title='x' ONCLICK=\"go()\">",
            #"<a href="&#106;avascript:alert(1)">x</a>"#, #"<a href=" java&Tab;script&colon;alert(1)">x</a>"#,
            "<a href='data:text/html,x'>x</a>",
        ]
        let inert = [
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>",
            #"<input name="a" value="&quot;&gt;&lt;svg onload=alert(1)&gt;"><textarea>&lt;/textarea&gt;</textarea>"#,
            #"<a href="https://example.org/x?a=1&amp;b=2">javascript:alert(1)</a>"#,
        ]
        for html in active { #expect(!Self.activeContent(html).isEmpty, "\(html)") }
        for html in inert { #expect(Self.activeContent(html).isEmpty, "\(html)") }
    }
}
