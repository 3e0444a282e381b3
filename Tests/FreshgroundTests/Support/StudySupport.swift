import Foundation
import HTTPTypes
import Testing

// Shared set-up for the study series' tests, through the real HTTP routes and API.

/// The events network (see `eventNetwork`) with a series led by Leeds Tenants (`olive`) and co-organized by
/// Leeds Students (`sara`, who accepted); York's `yann`, the center's `carol` and `mona`, and `bob` are free to
/// enroll.
struct StudyNetwork {
    var net: EventNetwork
    let series: Int
    var at: String { "/api/v1/study/\(series)" }
}

func studyNetwork(
    _ app: TestApp,
    enrollment: String = "open",
    publishReports: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> StudyNetwork {
    var net = try await eventNetwork(app)
    let created = try await net.olive.api(
        .post,
        "/api/v1/study",
        json: try jsonBody([
            "title": "Revolutions of 1848", "description": "A *weekly* reading series.", "group": net.leeds,
            "enrollment": enrollment, "publishReports": publishReports,
        ])
    )
    try #require(created.status == .created, "\(created.body.prefix(300))", sourceLocation: sourceLocation)
    let series = try #require(APITests.integer(created.json["id"]), sourceLocation: sourceLocation)
    let invited = try await net.olive.api(
        .post,
        "/api/v1/study/\(series)/organizers",
        json: try jsonBody(["group": net.students])
    )
    try #require(invited.status == .created, "\(invited.body.prefix(300))", sourceLocation: sourceLocation)
    let accepted = try await net.sara.api(
        .post,
        "/api/v1/study/\(series)/organizers/\(net.students)",
        json: try jsonBody(["answer": "accept"])
    )
    try #require(accepted.status == .ok, "\(accepted.body.prefix(300))", sourceLocation: sourceLocation)
    return StudyNetwork(net: net, series: series)
}

/// Adds a week through the API and returns its number.
@discardableResult
func addWeek(
    _ visitor: inout Visitor,
    _ series: Int,
    topic: String,
    questions: [String] = ["What changed?"],
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> Int {
    let page = try await visitor.api(
        .post,
        "/api/v1/study/\(series)/weeks",
        json: try jsonBody(["topic": topic, "introduction": "Read these first.", "questions": questions])
    )
    try #require(page.status == .created, "\(page.body.prefix(300))", sourceLocation: sourceLocation)
    return try #require(APITests.integer(page.json["number"]), sourceLocation: sourceLocation)
}

/// Schedules week `number`'s session in Leeds at `start` (local time) and returns the event id.
@discardableResult
func scheduleSession(
    _ visitor: inout Visitor,
    _ series: Int,
    _ number: Int,
    start: String = "2026-10-20T19:00",
    onlineURL: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> Int {
    var body: [String: Any] = ["start": start, "city": "leeds", "address": "Quaker Meeting House"]
    if let onlineURL { body["onlineURL"] = onlineURL }
    let page = try await visitor.api(.post, "/api/v1/study/\(series)/weeks/\(number)/session", json: try jsonBody(body))
    try #require(page.status == .created, "\(page.body.prefix(300))", sourceLocation: sourceLocation)
    let session = try #require(page.json["session"] as? [String: Any], sourceLocation: sourceLocation)
    return try #require(APITests.integer(session["eventID"]), sourceLocation: sourceLocation)
}

/// Enrolls the visitor and returns the status the API gave.
@discardableResult
func enroll(
    _ visitor: inout Visitor,
    _ series: Int,
    newcomer: Bool = false,
    online: Bool = false
) async throws -> String {
    let page = try await visitor.api(
        .post,
        "/api/v1/study/\(series)/enrollment",
        json: try jsonBody(["newcomer": newcomer, "online": online])
    )
    return page.json["status"] as? String ?? "HTTP \(page.status.code): \(page.body.prefix(200))"
}

extension TestApp {
    /// Moves the test clock forward to `date` (never back).
    func moveClock(to date: Date) {
        let gap = date.timeIntervalSince(clock.now)
        if gap > 0 { clock.advance(seconds: gap) }
    }
}

/// 2026-10-20 19:00 in Leeds (BST), where `scheduleSession` puts a session by default.
let sessionStart = Date(timeIntervalSince1970: 1_792_519_200)

/// People signed up with their own email addresses (unique across the test run, since every test shares one mail
/// sink), each joining `group` when given and enrolling in `series`.
func participants(
    _ app: TestApp,
    _ prefix: String,
    count: Int,
    series: Int,
    group: String? = nil,
    online: Bool = false
) async throws -> [(handle: String, email: String, visitor: Visitor)] {
    var people: [(handle: String, email: String, visitor: Visitor)] = []
    let run = UUID().uuidString.prefix(8).lowercased()
    for index in 1...count {
        let handle = "\(prefix)\(index)"
        let email = "\(prefix)\(index)-\(run)@example.org"
        var visitor = app.visitor()
        try await visitor.signUp(handle, email: email)
        if let group { try #require(try await visitor.post("/groups/\(group)/join").status == .seeOther) }
        #expect(try await enroll(&visitor, series, online: online) == "enrolled")
        people.append((handle, email, visitor))
    }
    return people
}

/// Records everyone in `handles` as here at week `number`, in the room or online.
func markPresent(
    _ organizer: inout Visitor,
    _ series: Int,
    _ number: Int,
    _ handles: [String],
    mode: String = "room"
) async throws {
    for handle in handles {
        let page = try await organizer.api(
            .put,
            "/api/v1/study/\(series)/weeks/\(number)/attendance/\(handle)",
            json: try jsonBody(["mode": mode])
        )
        try #require(page.status == .ok, "\(page.body.prefix(200))")
    }
}

/// The handles in each breakout of a `BreakoutSet` answer.
func breakoutMembers(_ page: Page) -> [[String]] {
    (page.json["rooms"] as? [[String: Any]] ?? []).map { room in
        (room["members"] as? [[String: Any]] ?? []).compactMap { $0["handle"] as? String }
    }
}
