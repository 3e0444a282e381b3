import Foundation
import Testing

/// Adds an elected body to the group through the form and returns its id.
@discardableResult
func createBody(
    _ organizer: inout Visitor,
    in slug: String,
    name: String = "Editorial board",
    seats: Int = 3,
    months: Int = 12
) async throws -> Int {
    let page = try await organizer.post(
        "/groups/\(slug)/bodies/new",
        [("name", name), ("seats", "\(seats)"), ("termMonths", "\(months)"), ("description", "Edits the journal.")]
    )
    guard page.status == .seeOther, let location = page.location, let mark = location.range(of: "#body-"),
        let id = Int(location[mark.upperBound...])
    else { throw TestFailure("could not create the body: \(page.status) \(page.body.prefix(3000))") }
    return id
}

/// Starts an election of body `id` through the form (ranked unless told, closing in a day) and returns the
/// decision's id.
@discardableResult
func startElection(
    _ app: TestApp,
    _ organizer: inout Visitor,
    body id: Int,
    candidates: String,
    kind: String = "ranked"
) async throws -> Int {
    let page = try await organizer.post(
        "/bodies/\(id)/election",
        [
            ("candidates", candidates), ("kind", kind), ("secret", "on"), ("zone", "UTC"), ("opensAt", ""),
            ("closesAt", utcInput(app.clock.now.addingTimeInterval(86_400))), ("_submitted", "1"),
        ]
    )
    guard page.status == .seeOther, let location = page.location,
        let decision = Int(location.split(separator: "/").last ?? "")
    else { throw TestFailure("could not start the election: \(page.status) \(page.body.prefix(3000))") }
    return decision
}

/// `date` as the `datetime` attribute of a `<time>` on a page.
func timeAttribute(_ date: Date) -> String { "datetime=\"\(date.formatted(.iso8601))\"" }

/// A page as an anonymous visitor sees it.
func anonymousGet(_ app: TestApp, _ path: String) async throws -> Page {
    var visitor = app.visitor()
    return try await visitor.get(path)
}
