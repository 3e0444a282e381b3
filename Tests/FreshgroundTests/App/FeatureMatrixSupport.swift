import Foundation
import HTTPTypes
import SQLKit
import Testing

/// The authorization matrix of every feature beyond groups, written as tables like `AuthorizationMatrixTests`:
/// each row a read or a write, each column a kind of viewer, and every failure names its cell. The world is the
/// groups matrix's (a private "Hidden Coalition" and a public "Open Coalition", both organized by olive, with
/// eddie as editor, mia as member and quinn as a member who pledged), plus yann, who organizes York Circle and
/// nothing else. Each feature's suite plants its own things in it.
enum FeatureViewer: String, CaseIterable, Sendable {
    case anonymous, outsider, member, editor, organizer, otherOrganizer, admin
}

/// What one viewer gets from one row, as in `AuthorizationMatrixTests.Outcome`: reads are `seen` (200), `hidden`
/// (404, naming nothing), `login` (a redirect to log in for pages, 401 for posts and the API) or `denied` (403,
/// only for things the viewer may see); writes are `done`, `refused` (back to the page with a message) or
/// `invalid` (the form again, 422), or one of the refusals above; no refusal changes anything.
enum Cell: Sendable { case seen, hidden, login, denied, done, refused, invalid }

/// One page or API answer, what each viewer gets, and a planted text that only `secretFor` may read there.
struct FeatureRead: Sendable {
    let path: String
    let cells: [Cell]
    var secret: String?
    var secretFor: Set<FeatureViewer> = []

    init(_ path: String, _ cells: Cell..., secret: String? = nil, for secretFor: Set<FeatureViewer> = []) {
        precondition(cells.count == FeatureViewer.allCases.count, "\(path): one cell per viewer")
        (self.path, self.cells, self.secret, self.secretFor) = (path, cells, secret, secretFor)
    }
}

/// One write, what each viewer gets, and SQL whose `n` is 1 once it has taken effect (0 before).
struct FeatureWrite: Sendable {
    let name: String
    let cells: [Cell]
    let request: AuthorizationMatrixTests.Request
    let effect: String

    init(_ name: String, _ request: AuthorizationMatrixTests.Request, effect: String, _ cells: Cell...) {
        precondition(cells.count == FeatureViewer.allCases.count, "\(name): one cell per viewer")
        (self.name, self.request, self.effect, self.cells) = (name, request, effect, cells)
    }
}

struct FeatureWorld {
    var visitors: [FeatureViewer: Visitor]
    /// Placeholders in paths, forms and SQL: `{hidden}`, `{open}`, `{york}` and what each suite plants.
    var values: [String: String]
    /// SQL for "the viewer has a row in `table` (with `person_id`) matching `condition`".
    static func mine(_ table: String, _ condition: String) -> String {
        """
        SELECT COUNT(*) AS n FROM \(table) t JOIN people p ON p.id = t.person_id
        WHERE p.handle = '{selfHandle}' AND \(condition)
        """
    }

    /// quinn-pledger, a plain member of both coalitions, whose doings are the planted secrets.
    var quinn: Visitor
    /// pip-promotee, another plain member of both coalitions.
    var pip: Visitor

    static let handles: [FeatureViewer: String] = [
        .outsider: "otto-outsider", .member: "mia-member", .editor: "eddie-editor", .organizer: "olive-organizer",
        .otherOrganizer: "yann-other", .admin: "ada-admin",
    ]

    subscript(viewer: FeatureViewer) -> Visitor {
        get { visitors[viewer]! }
        set { visitors[viewer] = newValue }
    }

    var olive: Visitor {
        get { self[.organizer] }
        set { self[.organizer] = newValue }
    }

    func fill(_ template: String) -> String {
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }

    /// The same path with its first placeholder standing for something that does not exist.
    func twin(_ template: String) -> String? {
        guard let open = template.firstIndex(of: "{"), let close = template[open...].firstIndex(of: "}") else {
            return nil
        }
        let key = String(template[template.index(after: open)..<close])
        let missing = Int(values[key] ?? "") == nil ? "no-such-thing" : "987654"
        return fill(template.replacingCharacters(in: open...close, with: missing))
    }

    static func build(_ app: TestApp) async throws -> FeatureWorld {
        let base = try await AuthorizationMatrixTests.build(app)
        var visitors: [FeatureViewer: Visitor] = [:]
        for viewer in FeatureViewer.allCases {
            visitors[viewer] = AuthorizationMatrixTests.Viewer(rawValue: viewer.rawValue).flatMap { base.visitors[$0] }
        }
        var yann = try await app.person("yann-other")
        let york = try await yann.createGroup("York Circle", city: "York")
        visitors[.otherOrganizer] = yann
        var quinn = app.visitor()
        try await quinn.logInAgain(AuthorizationMatrixTests.pledger)
        quinn.handle = AuthorizationMatrixTests.pledger
        var pip = app.visitor()
        try await pip.logInAgain("pip-promotee")
        pip.handle = "pip-promotee"
        var values = base.values
        values["york"] = york
        return FeatureWorld(visitors: visitors, values: values, quinn: quinn, pip: pip)
    }

    /// The id at the end of a redirect's location (`/study/12` → 12), for things made through a form.
    static func id(_ page: Page, _ what: String) throws -> String {
        try #require(page.status == .seeOther, "setup: \(what): \(page.status) \(errorsIn(page))")
        let last = page.location?.split(separator: "?").first?.split(separator: "/").last
        return try #require(last.flatMap { Int($0) }.map(String.init), "setup: \(what) at \(page.location ?? "")")
    }

    /// The `id` of a JSON answer that made something.
    static func id(json page: Page, _ what: String, key: String = "id") throws -> String {
        try #require(page.status == .created || page.status == .ok, "setup: \(what): \(page.body.prefix(300))")
        return try #require(APITests.integer(page.json[key]).map(String.init), "setup: \(what)")
    }
}

/// Runs a feature's tables for one viewer: every read first (so no write has changed what they find), then every
/// write, each checked by its effect in the database.
func runFeatureMatrix(
    viewer: FeatureViewer,
    reads: [FeatureRead],
    writes: [FeatureWrite],
    plant: @escaping @Sendable (TestApp, inout FeatureWorld) async throws -> Void
) async throws {
    try await withApp(mail: false) { app in
        // setup
        var world = try await FeatureWorld.build(app)
        try await plant(app, &world)
        world.values["selfHandle"] = FeatureWorld.handles[viewer] ?? "nobody"
        var visitor = world[viewer]
        let column = FeatureViewer.allCases.firstIndex(of: viewer)!
        // act and check: reads
        for row in reads {
            let page = try await fetchFeature(world.fill(row.path), &visitor)
            let twin = try await world.twin(row.path).asyncMap { try await fetchFeature($0, &visitor) }
            checkFeatureRead(page, twin: twin, row: row, outcome: row.cells[column], viewer: viewer)
        }
        // act and check: writes
        for row in writes {
            let cell = Comment(rawValue: "\(row.name) × \(viewer)")
            let outcome = row.cells[column]
            let page: Page
            switch row.request {
            case .form(let path, let fields):
                page = try await visitor.post(world.fill(path), fields.map { ($0.0, world.fill($0.1)) })
            case .api(let path, let json):
                page = try await visitor.api(.post, world.fill(path), json: world.fill(json))
            }
            let effect = try await AuthorizationMatrixTests.count(app, "\(unsafeRaw: world.fill(row.effect))")
            #expect(effect == (outcome == .done ? 1 : 0), "\(cell): effect \(effect), answer \(page.status)")
            let status = page.status
            switch outcome {
            case .done: #expect(status == .seeOther || status == .created || status == .ok, "\(cell): \(status)")
            case .refused:
                let said = try await visitor.get(page.location ?? "/").contains("class=\"flash\"")
                #expect(status == .seeOther && said, "\(cell): back to the page, saying why (\(status))")
            case .hidden: #expect(status == .notFound && !page.contains("Hidden Coalition"), "\(cell): \(status)")
            case .invalid: #expect(status == .unprocessableContent, "\(cell): \(status)")
            case .login: #expect(status == .unauthorized, "\(cell): \(status)")
            case .denied: #expect(status == .forbidden, "\(cell): \(status)")
            case .seen: Issue.record("\(cell): not a write outcome")
            }
        }
    }
}

func fetchFeature(_ path: String, _ visitor: inout Visitor) async throws -> Page {
    path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
}

func checkFeatureRead(_ page: Page, twin: Page?, row: FeatureRead, outcome: Cell, viewer: FeatureViewer) {
    let cell = Comment(rawValue: "GET \(row.path) × \(viewer)")
    let isAPI = row.path.hasPrefix("/api/")
    let status = page.status
    switch outcome {
    case .seen: #expect(status == .ok, "\(cell): \(status)")
    case .hidden:
        let problem = page.headers[.contentType]?.hasPrefix(isAPI ? "application/problem+json" : "text/html") == true
        #expect(status == .notFound && problem && !page.contains("Hidden Coalition"), "\(cell): \(status)")
    case .login:
        let location = page.location ?? ""
        let sent = isAPI ? status == .unauthorized : status == .seeOther && location.hasPrefix("/login?next=")
        #expect(sent, "\(cell): \(status) \(location)")
    case .denied: #expect(status == .forbidden, "\(cell): \(status)")
    case .done, .refused, .invalid: Issue.record("\(cell): not a read outcome")
    }
    // A private thing (hidden from someone) answers exactly as one that does not exist, even when asked to log in.
    let isPrivate = row.cells.contains(.hidden)
    if let twin, outcome == .hidden || (outcome == .login && isPrivate) {
        #expect(twin.status == status, "\(cell): answers \(status), but \(twin.status) for a thing that does not exist")
    }
    if let secret = row.secret {
        let allowed = status == .ok && row.secretFor.contains(viewer)
        #expect(page.contains(secret) == allowed, "\(cell): “\(secret)” \(allowed ? "missing" : "leaks")")
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
