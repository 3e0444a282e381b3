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
    let invited = try await net.olive.api(.post, "/api/v1/study/\(series)/organizers", json: try jsonBody(["group": net.students]))
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
func enroll(_ visitor: inout Visitor, _ series: Int, newcomer: Bool = false, online: Bool = false) async throws -> String {
    let page = try await visitor.api(
        .post,
        "/api/v1/study/\(series)/enrollment",
        json: try jsonBody(["newcomer": newcomer, "online": online])
    )
    return page.json["status"] as? String ?? "HTTP \(page.status.code): \(page.body.prefix(200))"
}
