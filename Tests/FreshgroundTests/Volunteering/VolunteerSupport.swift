import Foundation
import Testing

/// A circle with volunteers: olive organizes it; mia and bob are members who pledged hours a week (mia 3, bob 5).
/// The test clock stands on Monday 2026-09-21, 14:13 UTC.
struct VolunteerCircle {
    var olive: Visitor
    var mia: Visitor
    var bob: Visitor
    let slug: String
}

/// With `emails`, mia and bob have addresses of their own, so mail to them can be read from the test mail server.
func volunteerCircle(_ app: TestApp, name: String = "Care Circle", emails: Bool = false) async throws -> VolunteerCircle
{
    var olive = try await app.person("olive")
    let slug = try await olive.createGroup(name)
    var mia = app.visitor()
    var bob = app.visitor()
    let tag = UUID().uuidString.prefix(8)
    try await mia.signUp("mia", email: emails ? "mia-\(tag)@example.org" : "")
    try await bob.signUp("bob", email: emails ? "bob-\(tag)@example.org" : "")
    for (visitor, hours) in [(mia, "3"), (bob, "5")] {
        var visitor = visitor
        _ = try await visitor.post("/groups/\(slug)/join")
        let pledged = try await visitor.post("/groups/\(slug)/pledge", [("hours", hours)])
        try #require(pledged.status == .seeOther, "\(errorsIn(pledged))")
    }
    _ = try await mia.get("/volunteering")
    _ = try await bob.get("/volunteering")
    return VolunteerCircle(olive: olive, mia: mia, bob: bob, slug: slug)
}

/// Posts work on the group's board as `visitor` and returns its id.
func postWork(_ visitor: inout Visitor, _ slug: String, _ fields: [(String, String)]) async throws -> Int {
    let posted = try await visitor.post("/groups/\(slug)/work", fields)
    try #require(posted.status == .seeOther, "\(errorsIn(posted))")
    let location = try #require(posted.location)
    return try #require(Int(location.dropFirst("/work/".count)))
}

/// A two-hour shift on Wednesday 2026-09-23 with `places` places.
func twoHourShift(_ title: String, places: Int = 3, lead: String = "") -> [(String, String)] {
    [
        ("kind", "shift"), ("title", title), ("starts", "2026-09-23T18:00"), ("ends", "2026-09-23T20:00"),
        ("zone", "UTC"), ("places", String(places)), ("lead", lead),
    ]
}

/// The ids of the offers and holdings on a person's own work page, in the page's order.
func assignmentIDs(_ page: Page) -> [Int] {
    var seen: [Int] = []
    for match in page.body.matches(of: /\/work\/assignments\/([0-9]+)\/(answer|cancel|done)/) {
        if let id = Int(match.1), !seen.contains(id) { seen.append(id) }
    }
    return seen
}

extension Visitor {
    /// Logs in again as `handle`, after the test clock moved past the session's 30 days.
    mutating func logInAgain(_ handle: String) async throws {
        let page = try await post("/login", [("login", handle), ("password", Visitor.password)])
        try #require(page.status == .seeOther, "log-in of \(handle): \(page.status)")
    }
}
