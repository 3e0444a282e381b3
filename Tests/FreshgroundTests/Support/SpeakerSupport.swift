import Foundation
import HTTPTypes
import Testing

// Shared set-up for the roster's and the tours' tests, through the real HTTP routes.

/// Adds a speaker through the form as `visitor`, for `group`, and returns the speaker's number.
@discardableResult
func addSpeaker(
    _ visitor: inout Visitor,
    group: String,
    name: String,
    city: String = "leeds",
    topics: String = "",
    contact: String = "",
    bio: String = ""
) async throws -> Int {
    let page = try await visitor.post(
        "/speakers",
        [
            ("group", group), ("name", name), ("city", city), ("topics", topics), ("contact", contact), ("bio", bio),
        ]
    )
    guard page.status == .seeOther, let location = page.location, location.hasPrefix("/speakers/"),
        let id = Int(location.dropFirst("/speakers/".count))
    else { throw TestFailure("could not add \(name): \(page.status) \(page.body.prefix(2000))") }
    return id
}

/// Adds dates the speaker can do, through the form.
func addDates(_ visitor: inout Visitor, _ speaker: Int, _ from: String, _ until: String) async throws {
    let page = try await visitor.post("/speakers/\(speaker)/availability", [("from", from), ("until", until)])
    guard page.status == .seeOther else {
        throw TestFailure("could not add dates: \(page.status) \(page.body.prefix(2000))")
    }
}

/// The speakers' names in a page of the roster (HTML) or its API.
func speakerNames(_ page: Page) -> [String] {
    if page.headers[.contentType]?.hasPrefix("application/json") == true {
        return (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }
    let pattern = #/<h2><a href="/speakers/\d+">([^<]*)</a></h2>/#
    return page.body.matches(of: pattern).map { String($0.output.1) }
}

/// The message shown next to a field of a form that failed, or nil.
func fieldError(_ page: Page, _ field: String) -> String? {
    let pattern = try! Regex(#"<p class="field-error" id="\#(field)-error">([^<]*)</p>"#)
    return (page.body.firstMatch(of: pattern)?.output[1].substring).map(String.init)
}
