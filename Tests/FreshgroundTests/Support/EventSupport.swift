import Events
import Foundation
import FreshgroundWeb
import HTTPTypes
import Mail
import Testing

// Shared set-up for the events' tests: everything goes through the real HTTP routes, as a browser would.

/// Two circles in Leeds that share a member, a circle in York, and a center that promotes:
///
/// - Leeds Tenants (`leeds`), organized by `olive`, with `bob` (a plain member, also in Leeds Students);
/// - Leeds Students (`students`), organized by `sara`, with `bob`;
/// - York Circle (`york`), organized by `yann`;
/// - North Center (`center`), organized by `carol`, with `mona` (a plain member).
struct EventNetwork {
    var olive: Visitor
    var sara: Visitor
    var bob: Visitor
    var yann: Visitor
    var carol: Visitor
    var mona: Visitor
    let leeds: String
    let students: String
    let york: String
    let center: String
}

func eventNetwork(_ app: TestApp) async throws -> EventNetwork {
    var olive = try await app.person("olive")
    let leeds = try await olive.createGroup("Leeds Tenants", city: "Leeds")
    var sara = try await app.person("sara")
    let students = try await sara.createGroup("Leeds Students", city: "Leeds")
    var yann = try await app.person("yann")
    let york = try await yann.createGroup("York Circle", city: "York")
    var carol = try await app.person("carol")
    let center = try await carol.createGroup("North Center", kind: "center")
    var bob = app.visitor()
    try await bob.signUp("bob", email: "bob-\(UUID().uuidString.prefix(8))@example.org")
    let mona = try await app.person("mona")
    for (visitor, group) in [(bob, leeds), (bob, students), (mona, center)] {
        var visitor = visitor
        try #require(try await visitor.post("/groups/\(group)/join").status == .seeOther)
    }
    return EventNetwork(
        olive: olive,
        sara: sara,
        bob: bob,
        yann: yann,
        carol: carol,
        mona: mona,
        leeds: leeds,
        students: students,
        york: york,
        center: center
    )
}

/// Schedules an event through the form and returns its id; `extra` fields replace the defaults.
@discardableResult
func scheduleEvent(
    _ visitor: inout Visitor,
    host: String,
    title: String = "Rent strike forum",
    start: String = "2026-10-20T19:00",
    end: String = "2026-10-20T21:00",
    city: String = "Leeds",
    _ extra: [(String, String)] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> Int {
    let page = try await postEvent(&visitor, host: host, title: title, start: start, end: end, city: city, extra)
    guard page.status == .seeOther, let location = page.location, location.hasPrefix("/events/"),
        let id = Int(location.dropFirst("/events/".count))
    else {
        Issue.record("could not schedule \(title): \(page.status) \(errorsIn(page))", sourceLocation: sourceLocation)
        throw TestFailure("could not schedule \(title)")
    }
    return id
}

/// Posts the event form and returns the answer as it is.
func postEvent(
    _ visitor: inout Visitor,
    host: String,
    title: String = "Rent strike forum",
    start: String = "2026-10-20T19:00",
    end: String = "2026-10-20T21:00",
    city: String = "Leeds",
    _ extra: [(String, String)] = []
) async throws -> Page {
    var fields: [(String, String)] = [
        ("host", host), ("kind", "talk"), ("title", title), ("start", start), ("end", end), ("city", city),
        ("description", "Come along."), ("isPublic", "on"), ("_submitted", "1"),
    ]
    for (name, value) in extra {
        fields.removeAll { $0.0 == name }
        fields.append((name, value))
    }
    return try await visitor.post("/events", fields)
}

/// The field messages and alerts of a page, for failure messages that stay short.
func errorsIn(_ page: Page) -> String {
    let pattern = #/<p class="field-error"[^>]*>([^<]*)</p>|<div class="form-error"[^>]*>(.*?)</div>/#
    let found = page.body.matches(of: pattern).map { String($0.output.1 ?? $0.output.2 ?? "") }
    return found.isEmpty ? String(page.body.prefix(300)) : found.joined(separator: " | ")
}

/// The id in a page's link `/events/N`, for events made by a series.
func eventIDs(in page: Page) -> [Int] {
    page.body.matches(of: #/href="/events/(\d+)"/#).compactMap { Int($0.output.1) }
}

extension TestApp {
    /// Services like the app's, on the same database, clock and mail server, for jobs the server runs on a
    /// timer (reminders).
    func services() -> AppServices {
        let clock = self.clock
        let mailer: any Mailer =
            TestMail.smtpURL.flatMap { SMTPSettings(url: $0, from: "freshground@127.0.0.1") }
            .map { SMTPMailer(settings: $0, messageIDDomain: "127.0.0.1") } ?? LogMailer()
        return AppServices(
            store: store,
            clock: { clock.now },
            site: site,
            passwordCost: 4,
            mailer: mailer
        )
    }
}
