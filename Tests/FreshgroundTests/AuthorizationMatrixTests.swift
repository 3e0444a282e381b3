import Foundation
import HTTPTypes
import SQLKit
import Testing

/// Who may see and do what in a group, written as tables: each row is a read or a write, each column a kind of
/// viewer, and every failure names its cell ("private member list × editor"). Private things answer 404 to
/// everyone who may not see them, never 403, so their existence is not confirmed.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Viewer: String, CaseIterable, Sendable {
        case anonymous, outsider, pending, member, editor, organizer, admin
    }

    /// What one viewer gets from one row. Reads: `seen` (200), `counted` (200 with `memberCount`), `hidden` (404),
    /// `login` (sent to log in: a redirect for pages, 401 for posts and the API), `denied` (403, only for things
    /// the viewer may see). Writes: `done` (it happened), `refused` (back to the page with a message, nothing
    /// changed), or one of the refusals above, which also change nothing.
    enum Outcome: Sendable { case seen, counted, hidden, login, denied, done, refused }

    static let handles: [Viewer: String] = [
        .outsider: "otto-outsider", .pending: "pat-pending", .member: "mia-member", .editor: "eddie-editor",
        .organizer: "olive-organizer", .admin: "ada-admin",
    ]
    /// A member whose pledge (7.5 hours) and very presence only the organizers, and members of a group that
    /// shows its list, may learn.
    static let pledger = "quinn-pledger"

    struct Read: Sendable {
        let name: String
        let path: String
        let cells: [Outcome]
        /// Text that must appear for exactly these viewers (among those who get the page at all).
        var secret: String?
        var secretFor: Set<Viewer> = []

        init(_ name: String, _ path: String, _ cells: Outcome..., secret: String? = nil, for secretFor: Set<Viewer> = []) {
            precondition(cells.count == Viewer.allCases.count, "\(name): one cell per viewer")
            self.name = name
            self.path = path
            self.cells = cells
            self.secret = secret
            self.secretFor = secretFor
        }
    }

    // The open coalition keeps its member list to its organizers.
    static let readsWhileListIsClosed: [Read] = [
        //    row                                       path                                   anon     outsider pending  member   editor   organizer admin
        Read("private group page", "/groups/{hidden}", .hidden, .hidden, .hidden, .seen, .seen, .seen, .hidden),
        Read("private group, posts page 2", "/groups/{hidden}?page=2", .hidden, .hidden, .hidden, .seen, .seen, .seen, .hidden),
        Read("private group's post", "/groups/{hidden}/posts/{post}", .hidden, .hidden, .hidden, .seen, .seen, .seen, .hidden),
        Read("private new-post form", "/groups/{hidden}/posts/new", .login, .hidden, .hidden, .denied, .seen, .seen, .hidden),
        Read("private basis history", "/groups/{hidden}/basis", .hidden, .hidden, .hidden, .seen, .seen, .seen, .hidden),
        Read("private member list", "/groups/{hidden}/members", .hidden, .hidden, .hidden, .hidden, .hidden, .seen, .hidden),
        Read("private edit form", "/groups/{hidden}/edit", .login, .hidden, .hidden, .hidden, .hidden, .seen, .hidden),
        Read("API private detail", "/api/v1/groups/{hidden}", .hidden, .hidden, .hidden, .seen, .seen, .counted, .hidden),
        Read("API private posts", "/api/v1/groups/{hidden}/posts", .hidden, .hidden, .hidden, .seen, .seen, .seen, .hidden),
        Read("API private affiliations", "/api/v1/groups/{hidden}/affiliations", .hidden, .hidden, .hidden, .seen, .seen, .seen, .hidden),
        Read("feed page", "/", .seen, .seen, .seen, .seen, .seen, .seen, .seen, secret: "Secret plans", for: [.member, .editor, .organizer]),
        Read("API feed", "/api/v1/feed", .login, .seen, .seen, .seen, .seen, .seen, .seen, secret: "Secret plans", for: [.member, .editor, .organizer]),
        Read("public group page", "/groups/{open}", .seen, .seen, .seen, .seen, .seen, .seen, .seen, secret: "Ally One", for: [.organizer]),
        Read("API public affiliations", "/api/v1/groups/{open}/affiliations", .seen, .seen, .seen, .seen, .seen, .seen, .seen, secret: "ally-one", for: [.organizer]),
        Read("public member list, closed", "/groups/{open}/members", .hidden, .hidden, .hidden, .hidden, .hidden, .seen, .hidden),
        Read("API public memberCount, closed", "/api/v1/groups/{open}", .seen, .seen, .seen, .seen, .seen, .counted, .seen),
    ]

    // After the organizer ticks "let members see the member list" on the open coalition.
    static let readsWhileListIsOpen: [Read] = [
        Read("public member list, open", "/groups/{open}/members", .hidden, .hidden, .hidden, .seen, .seen, .seen, .hidden),
        Read("API public memberCount, open", "/api/v1/groups/{open}", .seen, .seen, .seen, .counted, .counted, .counted, .seen),
        Read("private member list, still closed", "/groups/{hidden}/members", .hidden, .hidden, .hidden, .hidden, .hidden, .seen, .hidden),
    ]

    @Test("Reads: each viewer gets exactly what the table says, and no pledge, role or hidden member leaks",
        arguments: Viewer.allCases)
    func reads(viewer: Viewer) async throws {
        try await withApp { app in
            // setup
            let fixture = try await Self.build(app)
            var visitor = fixture.visitors[viewer]!
            // act
            var pages: [(Read, Page)] = []
            for row in Self.readsWhileListIsClosed { pages.append((row, try await Self.fetch(row, &visitor, fixture))) }
            var olive = fixture.visitors[.organizer]!
            let opened = try await olive.post(
                "/groups/\(fixture.values["open"]!)/edit",
                Self.groupFields("Open Coalition", visibility: "public", membersVisible: true, basis: "Open basis."))
            try #require(opened.status == .seeOther, "the organizer opens the member list")
            for row in Self.readsWhileListIsOpen { pages.append((row, try await Self.fetch(row, &visitor, fixture))) }
            // check
            for (row, page) in pages { Self.check(page, row: row, viewer: viewer) }
        }
    }

    static func fetch(_ row: Read, _ visitor: inout Visitor, _ fixture: Fixture) async throws -> Page {
        let path = fixture.fill(row.path)
        return path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
    }

    static func check(_ page: Page, row: Read, viewer: Viewer) {
        let cell = Comment(rawValue: "\(row.name) × \(viewer)")
        let outcome = row.cells[Viewer.allCases.firstIndex(of: viewer)!]
        let isAPI = row.path.hasPrefix("/api/")
        switch outcome {
        case .seen, .counted:
            #expect(page.status == .ok, cell)
            if isAPI && (row.path.hasSuffix("{hidden}") || row.path.hasSuffix("{open}")) {
                #expect(integer(page.json["memberCount"]) == (outcome == .counted ? 5 : nil), "\(cell): memberCount")
            }
        case .hidden:
            #expect(page.status == .notFound, cell)
            #expect(!page.contains("Hidden Coalition"), cell)
            if isAPI { #expect(page.headers[.contentType]?.hasPrefix("application/problem+json") == true, cell) }
        case .login:
            if isAPI {
                #expect(page.status == .unauthorized, cell)
            } else {
                #expect(page.status == .seeOther, cell)
                #expect(page.location?.hasPrefix("/login?next=") == true, cell)
            }
        case .denied: #expect(page.status == .forbidden, cell)
        case .done, .refused: Issue.record("\(cell): not a read outcome")
        }
        if let secret = row.secret, page.status == .ok {
            #expect(page.contains(secret) == row.secretFor.contains(viewer), "\(cell): \(secret)")
        }
        checkNoLeaks(page, viewer: viewer, cell: cell, listShown: outcome == .seen && row.path.hasSuffix("/members"))
    }

    /// Pledges and roles stay with the organizers (and each person's own row); names on a member list only
    /// reach those who may see the list; pending requests only the organizers.
    static func checkNoLeaks(_ page: Page, viewer: Viewer, cell: Comment, listShown: Bool) {
        if viewer == .organizer {
            if listShown {
                #expect(page.contains("7.5 h/week") && page.contains("<td>editor</td>"), "\(cell): the organizer sees pledges and roles")
                #expect(page.contains(pledger) && page.contains("pat-pending"), "\(cell): the organizer sees members and requests")
            }
            return
        }
        #expect(!page.contains("7.5"), "\(cell): a pledge leaked")
        for role in ["member", "editor", "organizer"] where role != viewer.rawValue {
            #expect(!page.contains("<td>\(role)</td>"), "\(cell): the role \(role) leaked")
        }
        if page.headers[.contentType]?.contains("json") == true {
            #expect(!page.contains("\"pledgeHours\"") && !page.contains("\"role\""), "\(cell): membership fields leaked")
        }
        if !listShown { #expect(!page.contains(pledger), "\(cell): a member's name leaked") }
        if viewer != .pending { #expect(!page.contains("pat-pending"), "\(cell): a pending request leaked") }
    }

    struct Write {
        let name: String
        let path: String
        var fields: [(String, String)] = []
        var json: String?
        let cells: [Outcome]
        /// Whether the write took effect, read from the database afterwards.
        let happened: (TestApp, Fixture, Viewer) async throws -> Bool
    }

    static func writes() -> [Write] {
        func row(
            _ name: String, _ path: String, _ cells: [Outcome], fields: [(String, String)] = [], json: String? = nil,
            happened: @escaping (TestApp, Fixture, Viewer) async throws -> Bool
        ) -> Write {
            precondition(cells.count == Viewer.allCases.count, "\(name): one cell per viewer")
            return Write(name: name, path: path, fields: fields, json: json, cells: cells, happened: happened)
        }
        func membership(_ app: TestApp, _ handle: String, _ condition: String) async throws -> Bool {
            try await count(
                app,
                """
                SELECT COUNT(*) AS n FROM memberships m JOIN people p ON p.id = m.person_id
                JOIN groups g ON g.id = m.group_id WHERE g.slug = 'hidden-coalition' AND p.handle = \(bind: handle)
                AND \(unsafeRaw: condition)
                """) > 0
        }
        let onlyOrganizer: [Outcome] = [.login, .hidden, .hidden, .hidden, .hidden, .done, .hidden]
        return [
            //  row                                path                                          anon    outsider pending  member   editor  organizer admin
            row("edit the private group", "/groups/{hidden}/edit",
                groupFields("Renamed Coalition", visibility: "private", membersVisible: false, basis: "Renamed."), onlyOrganizer
            ) { app, _, _ in try await count(app, "SELECT COUNT(*) AS n FROM groups WHERE name = 'Renamed Coalition'") > 0 },
            row("post (form) in the private group", "/groups/{hidden}/posts", [("title", "Form post"), ("body", "Hello")],
                [.login, .hidden, .hidden, .denied, .done, .done, .hidden]
            ) { app, _, _ in try await count(app, "SELECT COUNT(*) AS n FROM posts WHERE title = 'Form post'") > 0 },
            row("post (API) in the private group", "/api/v1/groups/{hidden}/posts", json: #"{"title":"API post","body":"Hello"}"#,
                [.login, .hidden, .hidden, .denied, .done, .done, .hidden]
            ) { app, _, _ in try await count(app, "SELECT COUNT(*) AS n FROM posts WHERE title = 'API post'") > 0 },
            row("post (form) in the public group", "/groups/{open}/posts", [("title", "Open post"), ("body", "Hello")],
                [.login, .denied, .denied, .denied, .done, .done, .denied]
            ) { app, _, _ in try await count(app, "SELECT COUNT(*) AS n FROM posts WHERE title = 'Open post'") > 0 },
            row("approve the pending request", "/groups/{hidden}/members/{pat}/approve", onlyOrganizer) { app, _, _ in
                try await membership(app, "pat-pending", "m.status = 'active'")
            },
            row("remove a member", "/groups/{hidden}/members/{quinn}/remove", onlyOrganizer) { app, _, _ in
                !(try await membership(app, pledger, "1 = 1"))
            },
            row("make a member an editor", "/groups/{hidden}/members/{pip}/role", [("role", "editor")], onlyOrganizer) { app, _, _ in
                try await membership(app, "pip-promotee", "m.role = 'editor'")
            },
            row("make oneself organizer", "/groups/{hidden}/members/{self}/role", [("role", "organizer")], onlyOrganizer) { app, _, viewer in
                try await membership(app, handles[viewer] ?? "pat-pending", "m.role = 'organizer'")
            },
            row("create an invitation link", "/groups/{hidden}/invites", onlyOrganizer) { app, _, _ in
                try await count(app, "SELECT COUNT(*) AS n FROM invites") > 0
            },
            row("accept an affiliation", "/groups/{open}/affiliations/{asked}/accept", onlyOrganizer) { app, fixture, _ in
                try await count(app, "SELECT COUNT(*) AS n FROM affiliations WHERE id = \(bind: Int(fixture.values["asked"]!)!) AND status = 'accepted'") > 0
            },
            row("end an affiliation", "/groups/{open}/affiliations/{linked}/end", onlyOrganizer) { app, fixture, _ in
                try await count(app, "SELECT COUNT(*) AS n FROM affiliations WHERE id = \(bind: Int(fixture.values["linked"]!)!)") == 0
            },
            row("follow for the public group", "/groups/{beacon}/followers", [("group", "{open}")],
                [.login, .refused, .refused, .refused, .refused, .done, .refused]
            ) { app, _, _ in try await followed(app, by: "open-coalition") },
            row("follow for the private group", "/groups/{beacon}/followers", [("group", "{hidden}")],
                [.login, .hidden, .hidden, .refused, .refused, .done, .hidden]
            ) { app, _, _ in try await followed(app, by: "hidden-coalition") },
        ]
    }

    static func followed(_ app: TestApp, by slug: String) async throws -> Bool {
        try await count(
            app,
            """
            SELECT COUNT(*) AS n FROM follows f JOIN groups a ON a.id = f.follower_id JOIN groups b ON b.id = f.target_id
            WHERE a.slug = \(bind: slug) AND b.slug = 'beacon-center'
            """) > 0
    }

    @Test("Writes: each viewer may do exactly what the table says; refusals change nothing", arguments: Viewer.allCases)
    func writes(viewer: Viewer) async throws {
        try await withApp { app in
            // setup
            let fixture = try await Self.build(app)
            for row in Self.writes() {
                var visitor = fixture.visitors[viewer]!
                let cell = Comment(rawValue: "\(row.name) × \(viewer)")
                let outcome = row.cells[Viewer.allCases.firstIndex(of: viewer)!]
                // act
                let path = fixture.fill(row.path, viewer: viewer)
                let page =
                    row.json != nil
                    ? try await visitor.api(.post, path, json: row.json)
                    : try await visitor.post(path, row.fields.map { ($0.0, fixture.fill($0.1)) })
                // check
                #expect(try await row.happened(app, fixture, viewer) == (outcome == .done), cell)
                switch outcome {
                case .done: #expect(page.status == .seeOther || page.status == .created, cell)
                case .refused:
                    #expect(page.status == .seeOther, cell)
                    let back = try await visitor.get(page.location ?? "/")
                    #expect(back.contains("class=\"flash\""), "\(cell): the refusal says why")
                case .hidden:
                    #expect(page.status == .notFound, cell)
                    #expect(!page.contains("Hidden Coalition"), cell)
                case .login: #expect(page.status == .unauthorized, cell)
                case .denied: #expect(page.status == .forbidden, cell)
                case .seen, .counted: Issue.record("\(cell): not a write outcome")
                }
                checkNoLeaks(page, viewer: viewer, cell: cell, listShown: false)
            }
        }
    }

    // MARK: - The world every cell runs in

    /// Two coalitions organized by olive: `hidden` (private) and `open` (public), each with an editor (eddie), a
    /// member (mia), a pending request (pat), a member who pledged 7.5 hours (quinn) and one to promote (pip);
    /// a post in `hidden`; and al's groups: a request from Ally One and an accepted link with Ally Two to
    /// `open`, and Beacon Center to follow. Otto belongs nowhere; Ada is a site admin and belongs nowhere.
    struct Fixture {
        var visitors: [Viewer: Visitor]
        var values: [String: String]
        var ids: [String: Int]

        func fill(_ template: String, viewer: Viewer? = nil) -> String {
            var text = template
            var all = values
            if let viewer { all["self"] = String(ids[handles[viewer] ?? "pat-pending"]!) }
            for (key, value) in all { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
            return text
        }
    }

    static func build(_ app: TestApp) async throws -> Fixture {
        var visitors: [Viewer: Visitor] = [:]
        var anonymous = app.visitor()
        try await anonymous.get("/login")
        visitors[.anonymous] = anonymous
        for (viewer, handle) in handles { visitors[viewer] = try await app.person(handle) }
        var olive = visitors[.organizer]!
        let quinn = try await app.person(pledger)
        let pip = try await app.person("pip-promotee")
        var al = try await app.person("al-ally")
        try await app.store.sql.raw("UPDATE people SET is_admin = true WHERE handle = 'ada-admin'").run()
        var ids: [String: Int] = [:]
        for row in try await app.store.sql.raw("SELECT id, handle FROM people").all() {
            ids[try row.decode(column: "handle", as: String.self)] = try row.decode(column: "id", as: Int.self)
        }
        func ok(_ page: Page, _ what: String) throws { try #require(page.status == .seeOther, "setup: \(what)") }

        let hidden = try await olive.createGroup("Hidden Coalition", kind: "coalition", join: "approval", basis: "First basis.")
        let open = try await olive.createGroup("Open Coalition", kind: "coalition", join: "approval", basis: "Open basis.")
        for slug in [hidden, open] {
            for var joiner in [visitors[.editor]!, visitors[.member]!, visitors[.pending]!, quinn, pip] {
                try ok(try await joiner.post("/groups/\(slug)/join"), "\(joiner.handle) asks to join \(slug)")
            }
            for handle in ["eddie-editor", "mia-member", pledger, "pip-promotee"] {
                try ok(try await olive.post("/groups/\(slug)/members/\(ids[handle]!)/approve"), "approve \(handle)")
            }
            try ok(try await olive.post("/groups/\(slug)/members/\(ids["eddie-editor"]!)/role", [("role", "editor")]), "editor")
            var pledging = quinn
            try ok(try await pledging.post("/groups/\(slug)/pledge", [("hours", "7.5")]), "pledge")
        }
        try ok(
            try await olive.post(
                "/groups/\(hidden)/edit",
                groupFields("Hidden Coalition", visibility: "private", membersVisible: false, basis: "Second basis.")),
            "make the coalition private")
        let posted = try await olive.post("/groups/\(hidden)/posts", [("title", "Secret plans"), ("body", "Meet at noon.")])
        try ok(posted, "post")
        let post = try #require(posted.location?.split(separator: "/").last.map(String.init))

        let allyOne = try await al.createGroup("Ally One")
        let allyTwo = try await al.createGroup("Ally Two")
        let beacon = try await al.createGroup("Beacon Center", kind: "center")
        try ok(try await al.post("/groups/\(open)/affiliations", [("group", allyOne)]), "Ally One asks")
        try ok(try await al.post("/groups/\(open)/affiliations", [("group", allyTwo)]), "Ally Two asks")
        func affiliation(_ slug: String) async throws -> Int {
            try await count(
                app, "SELECT MIN(a.id) AS n FROM affiliations a JOIN groups g ON g.id = a.group_id WHERE g.slug = \(bind: slug)")
        }
        let asked = try await affiliation(allyOne)
        let linked = try await affiliation(allyTwo)
        try ok(try await olive.post("/groups/\(open)/affiliations/\(linked)/accept"), "accept Ally Two")

        // The table only means something if the roles are what it assumes.
        let roles = try await app.store.sql.raw(
            """
            SELECT p.handle, m.role, m.status FROM memberships m JOIN people p ON p.id = m.person_id
            JOIN groups g ON g.id = m.group_id WHERE g.slug = \(bind: hidden) AND g.visibility = 'private' ORDER BY p.handle
            """
        ).all().map {
            "\(try $0.decode(column: "handle", as: String.self)) \(try $0.decode(column: "role", as: String.self)) "
                + (try $0.decode(column: "status", as: String.self))
        }
        try #require(
            roles == [
                "eddie-editor editor active", "mia-member member active", "olive-organizer organizer active",
                "pat-pending member pending", "pip-promotee member active", "quinn-pledger member active",
            ])
        var ada = visitors[.admin]!
        let adaProfile = try await ada.api(.get, "/api/v1/me")
        try #require(adaProfile.contains("\"isAdmin\":true"), "ada is a site admin")
        let values = [
            "hidden": hidden, "open": open, "beacon": beacon, "post": post, "asked": String(asked), "linked": String(linked),
            "pat": String(ids["pat-pending"]!), "quinn": String(ids[pledger]!), "pip": String(ids["pip-promotee"]!),
        ]
        return Fixture(visitors: visitors, values: values, ids: ids)
    }

    static func groupFields(_ name: String, visibility: String, membersVisible: Bool, basis: String) -> [(String, String)] {
        var fields = [
            ("name", name), ("description", "About \(name)"), ("place_kind", "city"), ("city", "Leeds"), ("place_name", ""),
            ("visibility", visibility), ("join_policy", "approval"), ("basis", basis),
        ]
        if membersVisible { fields.append(("members_visible_to_members", "on")) }
        return fields
    }

    /// A JSON number as an Int, however Foundation hands it over.
    static func integer(_ value: Any?) -> Int? {
        if let value = value as? Int { return value }
        return (value as? NSNumber)?.intValue
    }

    static func count(_ app: TestApp, _ query: SQLQueryString) async throws -> Int {
        try await app.store.sql.raw(query).first()?.decode(column: "n", as: Int?.self) ?? 0
    }
}
