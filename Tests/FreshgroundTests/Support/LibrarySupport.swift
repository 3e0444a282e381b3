import Foundation
import HTTPTypes
import SQLKit
import Testing

// Shared set-up for the library's tests. Everything goes through the real HTTP routes, as a browser would.

/// The people and groups most library tests need:
///
/// - `author` (handle `adawren`, shown as "Ada Wrenfield") writes pieces and belongs to no group;
/// - North Center (`center`): organized by `organizer` (carol), with `editor` (eddie, role editor) and `member`
///   (mona, a plain member);
/// - South Center (`otherCenter`): organized by `otherOrganizer` (sam);
/// - Leeds Circle (`circle`): organized by `circleOrganizer` (olive), with `reader` (bob, a plain member); the
///   circle follows North Center, so North Center's posts reach bob's feed.
struct LibraryNetwork {
    static let authorHandle = "adawren"
    static let authorName = "Ada Wrenfield"

    var author: Visitor
    var organizer: Visitor
    var editor: Visitor
    var member: Visitor
    var otherOrganizer: Visitor
    var circleOrganizer: Visitor
    var reader: Visitor
    let center: String
    let otherCenter: String
    let circle: String
}

/// Builds the `LibraryNetwork`: seven accounts, two centers and a circle that follows the first center.
func libraryNetwork(_ app: TestApp) async throws -> LibraryNetwork {
    var author = app.visitor()
    try await author.signUp(LibraryNetwork.authorHandle, displayName: LibraryNetwork.authorName)
    var organizer = try await app.person("carol")
    let center = try await organizer.createGroup("North Center", kind: "center")
    var editor = try await app.person("eddie")
    try #require(try await editor.post("/groups/\(center)/join").status == .seeOther)
    let editorID = try await accountID(app, "eddie")
    let role = try await organizer.post("/groups/\(center)/members/\(editorID)/role", [("role", "editor")])
    try #require(role.status == .seeOther, "eddie could not be made an editor: \(role.status)")
    var member = try await app.person("mona")
    try #require(try await member.post("/groups/\(center)/join").status == .seeOther)
    var otherOrganizer = try await app.person("sam")
    let otherCenter = try await otherOrganizer.createGroup("South Center", kind: "center", city: "Bristol")
    var circleOrganizer = try await app.person("olive")
    let circle = try await circleOrganizer.createGroup("Leeds Circle")
    var reader = try await app.person("bob")
    try #require(try await reader.post("/groups/\(circle)/join").status == .seeOther)
    let follow = try await circleOrganizer.post("/groups/\(center)/followers", [("group", circle)])
    try #require(follow.status == .seeOther, "the circle could not follow the center: \(follow.status)")
    return LibraryNetwork(
        author: author,
        organizer: organizer,
        editor: editor,
        member: member,
        otherOrganizer: otherOrganizer,
        circleOrganizer: circleOrganizer,
        reader: reader,
        center: center,
        otherCenter: otherCenter,
        circle: circle
    )
}

/// Saves a draft through the form (POST /library) and returns its id. `fields` are added to the form and
/// replace the defaults of the same name (kind, journal, title, body), e.g. `[("tags", "strike, rent")]`,
/// `[("byline", "A nurse"), ("pseudonym", "on")]` or the fields of a report.
@discardableResult
func draft(
    _ author: inout Visitor,
    journal: String,
    title: String,
    kind: String = "article",
    body: String = "Some text.",
    fields: [(String, String)] = []
) async throws -> Int {
    let given = Set(fields.map(\.0))
    let defaults = [("kind", kind), ("journal", journal), ("title", title), ("body", body)]
    let page = try await author.post("/library", defaults.filter { !given.contains($0.0) } + fields)
    guard page.status == .seeOther, let location = page.location, let id = Int(location.dropFirst("/library/".count))
    else {
        throw TestFailure("the draft \(title) was not saved: \(page.status) \(page.body.prefix(3000))")
    }
    return id
}

/// The author submits the piece to its journal (POST /library/ID/submit); fails the test unless it worked.
func submit(_ author: inout Visitor, _ id: Int) async throws {
    let page = try await author.post("/library/\(id)/submit")
    guard page.status == .seeOther else { throw TestFailure("submitting \(id) failed: \(page.status)") }
}

/// Sends an editorial decision or comment through the form (POST /library/ID/review) and returns the response.
@discardableResult
func review(_ visitor: inout Visitor, _ id: Int, _ action: String, note: String = "") async throws -> Page {
    try await visitor.post("/library/\(id)/review", [("action", action), ("note", note)])
}

/// An editor accepts (publishes) the piece; fails the test unless it worked.
func accept(_ editor: inout Visitor, _ id: Int, note: String = "") async throws {
    let page = try await review(&editor, id, "accept", note: note)
    guard page.status == .seeOther else { throw TestFailure("accepting \(id) failed: \(page.status)") }
}

/// Drafts, submits and accepts a piece in one go and returns its id: `author` writes it for `journal`, whose
/// editor (or organizer) `editor` accepts it.
@discardableResult
func publishPiece(
    _ author: inout Visitor,
    editor: inout Visitor,
    journal: String,
    title: String,
    kind: String = "article",
    body: String = "Some text.",
    fields: [(String, String)] = []
) async throws -> Int {
    let id = try await draft(&author, journal: journal, title: title, kind: kind, body: body, fields: fields)
    try await submit(&author, id)
    try await accept(&editor, id)
    return id
}

/// Recommends the piece for the journal on behalf of `group` (POST /library/ID/recommend) and returns the response.
@discardableResult
func recommend(_ visitor: inout Visitor, _ id: Int, for group: String, note: String = "") async throws -> Page {
    try await visitor.post("/library/\(id)/recommend", [("group", group), ("note", note)])
}

/// The fields of a report from below, for `draft(fields:)`: a hidden workplace, signed with a pseudonym.
func reportFields(
    byline: String = "A picker",
    placeName: String = "Brightline Depot 7",
    happening: String = "Management cut the breaks."
) -> [(String, String)] {
    [
        ("kind", "report"), ("byline", byline), ("pseudonym", "on"), ("placeKind", "workplace"),
        ("sector", "logistics"), ("city", "Leeds"), ("placeName", placeName), ("hidePlace", "on"),
        ("happening", happening), ("doing", "A petition and a walkout."), ("tags", "logistics"),
    ]
}

/// The account id behind a handle, for routes that name people by id (such as changing a member's role).
func accountID(_ app: TestApp, _ handle: String) async throws -> Int {
    let row = try await app.store.sql.raw("SELECT id FROM people WHERE handle = \(bind: handle)").first()
    return try #require(try row?.decode(column: "id", as: Int.self), "no account \(handle)")
}

/// The `items` of a JSON list response; an empty list when there is none.
func jsonItems(_ page: Page) -> [[String: Any]] {
    page.json["items"] as? [[String: Any]] ?? []
}

/// A JSON object as request text.
func jsonBody(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

/// The texts among `candidates` that occur in `text`, in the order they first occur there (to check the order
/// of a list on a page).
func ordered(_ candidates: [String], in text: String) -> [String] {
    candidates.compactMap { candidate in text.range(of: candidate).map { (candidate, $0.lowerBound) } }
        .sorted { $0.1 < $1.1 }.map(\.0)
}

extension TestApp {
    /// What an anonymous visitor gets at `path`: the JSON API (with `Accept: application/json`) when the path
    /// starts with `/api/`, the page otherwise.
    func anonymousGet(_ path: String) async throws -> Page {
        var visitor = visitor()
        return path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
    }
}
