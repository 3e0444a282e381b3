import Foundation
import HTTPTypes
import Testing

// Shared set-up for the conference tests, through the real routes as a browser would.

/// The Northern Left Conference (17–18 October 2026 in Leeds, Europe/London), hosted by Leeds Tenants and
/// so run by `olive`. Rooms "Main hall" and "Room B", track "Housing"; `carol` and `yann` sit on the
/// program committee. The call is open; `blind` sets blind review.
struct ConferenceSetup {
    var net: EventNetwork
    let id: Int
    let mainHall: Int
    let roomB: Int
    let housing: Int

    var base: String { "/events/\(id)/conference" }
}

func conferenceSetup(_ app: TestApp, blind: Bool) async throws -> ConferenceSetup {
    var net = try await eventNetwork(app)
    let id = try await scheduleEvent(
        &net.olive,
        host: net.leeds,
        title: "Northern Left Conference",
        start: "2026-10-17T09:00",
        end: "2026-10-18T18:00",
        [("kind", "conference")]
    )
    let base = "/events/\(id)/conference"
    var settings = [("cfpOpen", "on"), ("cfpText", "Send us your *best* sessions."), ("_submitted", "1")]
    if blind { settings.append(("blindReview", "on")) }
    try await expectRedirect(try await net.olive.post("\(base)/settings", settings))
    for (path, field, name) in [
        ("rooms", "roomName", "Main hall"), ("rooms", "roomName", "Room B"), ("tracks", "trackName", "Housing"),
    ] {
        try await expectRedirect(try await net.olive.post("\(base)/\(path)", [(field, name)]))
    }
    for handle in ["carol", "yann"] {
        try await expectRedirect(try await net.olive.post("\(base)/committee", [("handle", handle)]))
    }
    let conference = try await net.olive.api(.get, "/api/v1/conferences/\(id)")
    func item(_ key: String, _ name: String) throws -> Int {
        let items = conference.json[key] as? [[String: Any]] ?? []
        return try #require(items.first { $0["name"] as? String == name }.flatMap { APITests.integer($0["id"]) })
    }
    return ConferenceSetup(
        net: net,
        id: id,
        mainHall: try item("rooms", "Main hall"),
        roomB: try item("rooms", "Room B"),
        housing: try item("tracks", "Housing")
    )
}

/// Fails the test unless the form post redirected (its field errors otherwise).
func expectRedirect(_ page: Page, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    #expect(page.status == .seeOther, "\(page.status): \(errorsIn(page))", sourceLocation: sourceLocation)
}

/// Sends a proposal through the form and returns its id.
func propose(
    _ visitor: inout Visitor,
    _ setup: ConferenceSetup,
    title: String,
    kind: String = "talk",
    group: String = "",
    speakers: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> Int {
    let page = try await visitor.post(
        "\(setup.base)/proposals",
        [
            ("kind", kind), ("title", title), ("abstract", "What \(title) is about."), ("group", group),
            ("speakers", speakers), ("track", ""),
        ]
    )
    let prefix = "\(setup.base)/proposals/"
    guard page.status == .seeOther, let location = page.location, location.hasPrefix(prefix),
        let id = Int(location.dropFirst(prefix.count))
    else {
        Issue.record("could not propose \(title): \(page.status) \(errorsIn(page))", sourceLocation: sourceLocation)
        throw TestFailure("could not propose \(title)")
    }
    return id
}

/// An organizer decides a proposal.
func decide(_ visitor: inout Visitor, _ setup: ConferenceSetup, _ proposal: Int, _ decision: String) async throws {
    try await expectRedirect(
        try await visitor.post("\(setup.base)/proposals/\(proposal)/decision", [("decision", decision)])
    )
}

/// A person asked to co-speak answers (`accept` or `decline`) through the proposal page's buttons.
func answerCoSpeaking(
    _ visitor: inout Visitor,
    _ setup: ConferenceSetup,
    _ proposal: Int,
    _ answer: String
) async throws -> Page {
    try await visitor.post("\(setup.base)/proposals/\(proposal)/speaking", [("answer", answer)])
}

/// Places a session through the builder's form and returns the answer.
@discardableResult
func place(
    _ visitor: inout Visitor,
    _ setup: ConferenceSetup,
    _ proposal: Int,
    room: Int,
    start: String,
    end: String
) async throws -> Page {
    try await visitor.post(
        "\(setup.base)/sessions",
        [("proposal", String(proposal)), ("room", String(room)), ("start", start), ("end", end)]
    )
}

/// An organizer places an accepted proposal in the main hall on 17 October, 10:00 to 11:00.
func placeInMainHallAtTen(_ visitor: inout Visitor, _ setup: ConferenceSetup, _ proposal: Int) async throws {
    try await expectRedirect(
        try await place(
            &visitor,
            setup,
            proposal,
            room: setup.mainHall,
            start: "2026-10-17T10:00",
            end: "2026-10-17T11:00"
        )
    )
}

/// The message shown next to a field of a re-rendered form.
func conferenceFieldError(_ page: Page, _ field: String) -> String? {
    let pattern = try! Regex<(Substring, Substring)>(#"<p class="field-error" id="\#(field)-error">([^<]*)</p>"#)
    return page.body.firstMatch(of: pattern).map { String($0.output.1) }
}
