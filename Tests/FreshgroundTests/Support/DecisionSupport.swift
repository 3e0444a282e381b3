import Foundation
import Testing

/// A circle with an organizer (olive), members (mona, nia and any extra) and a stranger (sam) who belongs to no group.
struct DecisionCircle {
    var olive: Visitor
    var members: [Visitor]
    var sam: Visitor
    let slug: String

    var mona: Visitor {
        get { members[0] }
        set { members[0] = newValue }
    }
    var nia: Visitor {
        get { members[1] }
        set { members[1] = newValue }
    }
}

/// Olive's "Riverside Circle" with `members` plain members (mona, nia, then m3, m4 …) and the stranger sam.
func decisionCircle(
    _ app: TestApp,
    members count: Int = 2,
    visibility: String = "public"
) async throws -> DecisionCircle {
    var olive = try await app.person("olive")
    let slug = try await olive.createGroup("Riverside Circle", visibility: visibility)
    var members: [Visitor] = []
    for index in 0..<count {
        let handle = index == 0 ? "mona" : index == 1 ? "nia" : "member\(index + 1)"
        var member = try await app.person(handle)
        if visibility == "private" {
            let token = try await olive.createInvite(slug)
            try #require(try await member.post("/invites/\(token)").status == .seeOther)
        } else {
            try await makeMember(app, &member, of: slug, organizer: &olive)
        }
        members.append(member)
    }
    return DecisionCircle(olive: olive, members: members, sam: try await app.person("sam"), slug: slug)
}

/// `date` as a form's `datetime-local` value in UTC.
func utcInput(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    return String(
        format: "%04d-%02d-%02dT%02d:%02d",
        parts.year!,
        parts.month!,
        parts.day!,
        parts.hour!,
        parts.minute!
    )
}

/// Opens a decision through the form (a secret motion closing in a day unless `fields` says otherwise) and
/// returns its id.
@discardableResult
func openDecision(
    _ app: TestApp,
    _ organizer: inout Visitor,
    in slug: String,
    title: String = "Join the tenants' march",
    _ fields: [(String, String)] = []
) async throws -> Int {
    var form: [String: String] = [
        "title": title, "body": "We march on Saturday.", "kind": "motion", "options": "", "seats": "1",
        "minChoices": "1", "maxChoices": "1", "scoreMax": "5", "dots": "10", "rankedRule": "scottish-stv",
        "majority": "simple", "base": "yes-no", "quorumVoters": "0", "quorumPercent": "0", "secret": "on",
        "remind": "on",
        "reasons": "optional", "zone": "UTC", "opensAt": "",
        "closesAt": utcInput(app.clock.now.addingTimeInterval(86_400)),
        "_submitted": "1",
    ]
    for (key, value) in fields { form[key] = value }
    let page = try await organizer.post(
        "/groups/\(slug)/decisions/new",
        form.filter { $0.value != "-" }.map { ($0.key, $0.value) }
    )
    guard page.status == .seeOther, let location = page.location,
        let id = Int(location.split(separator: "/").last ?? "")
    else { throw TestFailure("could not open the decision: \(page.status) \(page.body.prefix(3000))") }
    return id
}

/// Casts a vote through the form.
@discardableResult
func vote(_ visitor: inout Visitor, on id: Int, _ fields: [(String, String)]) async throws -> Page {
    try await visitor.post("/decisions/\(id)/vote", fields)
}
