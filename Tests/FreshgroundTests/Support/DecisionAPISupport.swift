import Foundation
import Testing

/// For the decisions API's tests: Olive organizes Riverside Circle; mona and nia are members (then voter3, voter4 … when more are asked for); sam belongs
/// to no group.
struct APICircle {
    var olive: Visitor
    var mona: Visitor
    var nia: Visitor
    var sam: Visitor
    var more: [Visitor]
    let slug: String

    init(_ app: TestApp, more count: Int = 0) async throws {
        olive = try await app.person("olive")
        slug = try await olive.createGroup("Riverside Circle")
        mona = try await app.person("mona")
        try await makeMember(app, &mona, of: slug, organizer: &olive)
        nia = try await app.person("nia")
        try await makeMember(app, &nia, of: slug, organizer: &olive)
        more = []
        for index in 0..<count {
            var member = try await app.person("voter\(index + 3)")
            try await makeMember(app, &member, of: slug, organizer: &olive)
            more.append(member)
        }
        sam = try await app.person("sam")
    }
}

/// A time as the API takes it: local wall time, here in UTC.
func apiLocalTime(_ date: Date) -> String { String(date.ISO8601Format().prefix(16)) }

/// The decisions API's operations, as its document names them (for `LibraryAPIDocumentTests.Calls`).
enum DecisionOp {
    static let mine = "GET /api/v1/decisions"
    static let group = "GET /api/v1/groups/{slug}/decisions"
    static let create = "POST /api/v1/groups/{slug}/decisions"
    static let one = "GET /api/v1/decisions/{id}"
    static let ballot = "POST /api/v1/decisions/{id}/ballot"
    static let close = "POST /api/v1/decisions/{id}/close"
}

/// Olive opens a decision through the API (a secret motion closing in a day, unless `fields` say otherwise); its id.
func putToVote(
    _ app: TestApp,
    _ calls: inout LibraryAPIDocumentTests.Calls,
    _ circle: inout APICircle,
    _ fields: [String: Any] = [:]
) async throws -> Int {
    var body: [String: Any] = [
        "title": "Join the tenants' march", "body": "We march on Saturday.",
        "closesAt": apiLocalTime(app.clock.now.addingTimeInterval(86_400)),
    ]
    body.merge(fields) { _, new in new }
    let page = try await calls.call(
        &circle.olive,
        DecisionOp.create,
        "/api/v1/groups/\(circle.slug)/decisions",
        json: body
    )
    return try #require(APITests.integer(page.json["id"]), "\(page.body.prefix(2000))")
}

/// A field of a JSON answer, by its keys from the top.
func jsonField(_ page: Page, _ keys: String...) -> Any? { APITests.dig(page.json, keys) }
