import Foundation
import HTTPTypes
import Testing

// Shared set-up for the plenary's tests (issue 13, items 5 and 7), through the real routes.

/// The Northern Left Conference of `conferenceSetup`, with `bob`, `mona` and `sara` registered (RSVPed with their
/// accounts, going); `carol` (committee) and `olive` (the organizer) are not registered.
func plenarySetup(_ app: TestApp) async throws -> ConferenceSetup {
    let setup = try await conferenceSetup(app, blind: false)
    for index in 0..<3 {
        var visitor = [setup.net.bob, setup.net.mona, setup.net.sara][index]
        try await register(&visitor, setup)
    }
    return setup
}

/// A private conference, the Closed Assembly of Leeds Tenants (17–18 October 2026), run by `olive`; nobody is
/// registered yet and it has no rooms or tracks.
func privateConferenceSetup(_ app: TestApp) async throws -> ConferenceSetup {
    var net = try await eventNetwork(app)
    let id = try await scheduleEvent(
        &net.olive,
        host: net.leeds,
        title: "Closed Assembly",
        start: "2026-10-17T09:00",
        end: "2026-10-18T18:00",
        [("kind", "conference"), ("isPublic", "off")]
    )
    return ConferenceSetup(net: net, id: id, mainHall: 0, roomB: 0, housing: 0)
}

/// RSVPs to the conference (a place, going).
func register(_ visitor: inout Visitor, _ setup: ConferenceSetup) async throws {
    try await expectRedirect(try await visitor.post("/events/\(setup.id)/rsvp"))
}

/// A closing time a day after the test clock's start (21 September 2026), in the conference's zone.
let plenaryCloses = "2026-09-22T18:00"

/// Moves the clock past `plenaryCloses`.
func closePlenaryVotes(_ app: TestApp) async throws {
    try await app.advanceClockAfterMail(seconds: 3 * 86_400)
}

/// The organizer puts the action to the plenary's vote; returns the decision's id.
@discardableResult
func putToPlenary(
    _ app: TestApp,
    _ organizer: inout Visitor,
    _ setup: ConferenceSetup,
    _ action: Int,
    kind: String = "motion",
    secret: Bool = false,
    closes: String = plenaryCloses
) async throws -> Int {
    var fields = [("kind", kind), ("closesAt", closes), ("_submitted", "1")]
    if secret { fields.append(("secret", "on")) }
    try await expectRedirect(try await organizer.post("\(setup.base)/actions/\(action)/vote", fields))
    let id = try await app.store.sql.raw("SELECT decision_id FROM action_proposals WHERE id = \(bind: action)")
        .first()?.decode(column: "decision_id", as: Int?.self)
    return try #require(id ?? nil)
}

/// A participant proposes an amendment; returns its id.
func proposeAmendment(
    _ visitor: inout Visitor,
    _ setup: ConferenceSetup,
    _ action: Int,
    mode: String = "add",
    text: String
) async throws -> Int {
    let page = try await visitor.post(
        "\(setup.base)/actions/\(action)/amendments",
        [("amendmentMode", mode), ("amendmentText", text)]
    )
    guard page.status == .seeOther, let location = page.location,
        let id = location.firstMatch(of: #/#amendment-(\d+)/#).flatMap({ Int($0.output.1) })
    else { throw TestFailure("could not amend: \(page.status) \(errorsIn(page))") }
    return id
}

/// The decision an amendment was put to.
func amendmentDecision(_ app: TestApp, _ amendment: Int) async throws -> Int {
    let id = try await app.store.sql.raw("SELECT decision_id FROM action_amendments WHERE id = \(bind: amendment)")
        .first()?.decode(column: "decision_id", as: Int?.self)
    return try #require(id ?? nil)
}

/// An adopted action: bob proposes it, olive puts it to the vote, bob and mona vote yes, and voting closes.
func adoptedAction(_ app: TestApp, _ setup: inout ConferenceSetup, title: String) async throws -> Int {
    let action = try await ActionProposalTests.proposeAction(&setup.net.bob, setup, title: title)
    let decision = try await putToPlenary(app, &setup.net.olive, setup, action)
    try await expectRedirect(try await vote(&setup.net.bob, on: decision, [("position", "yes")]))
    try await expectRedirect(try await vote(&setup.net.mona, on: decision, [("position", "yes")]))
    try await closePlenaryVotes(app)
    return action
}

/// A page as a visitor who is not signed in sees it.
func signedOutGet(_ app: TestApp, _ path: String) async throws -> Page {
    var visitor = app.visitor()
    return try await visitor.get(path)
}
