import Foundation
import Testing

/// A public campaign of cole's Northern Coalition with one inquiry, and `members` more people who joined the
/// coalition (so they may answer).
struct InquiryFixture {
    var cole: Visitor
    var members: [Visitor]
    let campaign: Int
    let coalition: String
    /// The inquiry's page, `/inquiries/N`.
    let path: String
    var id: Int { Int(path.split(separator: "/").last ?? "") ?? 0 }
}

/// The day `days` from the test clock's now, as the close date field takes it (YYYY-MM-DD, UTC).
func inquiryDay(_ app: TestApp, plus days: Int) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: app.clock.now.addingTimeInterval(Double(days) * 86_400))
}

/// Starts the fixture: an inquiry by `method` that closes at the end of the day a week from now.
func inquiryFixture(
    _ app: TestApp,
    members: Int,
    method: String = "trend",
    topics: String = "Workload\n",
    title: String = "How is work going?"
) async throws -> InquiryFixture {
    var cole = try await app.person("cole")
    let coalition = try await cole.createGroup("Northern Coalition", kind: "coalition")
    let campaign = try await startCampaign(&cole, group: coalition)
    let started = try await cole.post(
        "/campaigns/\(campaign)/inquiries",
        [
            ("title", title), ("method", method), ("topics", topics), ("closesOn", inquiryDay(app, plus: 7)),
            ("group", coalition),
        ]
    )
    try #require(started.status == .seeOther, "\(errorsIn(started))")
    var people: [Visitor] = []
    for index in 0..<members {
        var person = try await app.person("member\(index)")
        try await makeMember(app, &person, of: coalition, organizer: &cole)
        people.append(person)
    }
    return InquiryFixture(
        cole: cole,
        members: people,
        campaign: campaign,
        coalition: coalition,
        path: try #require(started.location)
    )
}

/// Answers a one-question trend survey with the choice at `choice` (0 better, 1 the same, 2 worse).
func answerInquiry(_ visitor: inout Visitor, _ path: String, choice: Int) async throws -> Page {
    try await visitor.post("\(path)/answer", [("q0", String(choice))])
}

/// Moves the clock past the fixture's close (a week and a day).
func passInquiryClose(_ app: TestApp) {
    app.clock.advance(seconds: 8 * 86_400)
}
