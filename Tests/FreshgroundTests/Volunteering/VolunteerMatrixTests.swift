import Foundation
import Testing

/// Who may see and do what in volunteering, as a table: each row a page or answer, each column a kind of viewer.
/// Private things answer 404 to everyone who may not see them; sign-ups are seen by the group's organizers, the
/// shift's lead and the organizers of the event the shift serves, never by other members, other groups or the
/// site's admin.
@Suite("Volunteering: authorization matrix")
struct VolunteerMatrixTests {
    enum Viewer: String, CaseIterable, Sendable {
        case anonymous, member, lead, eventManager, organizer, otherOrganizer, coalitionOrganizer, siteAdmin
    }

    /// 200 seen, 404 hidden, 303 sent to log in (pages), 401 (API), 403 refused to someone who may see it.
    struct Row: Sendable {
        let path: String
        let statuses: [Int]
        /// Text that must appear for exactly these viewers (among those who get the page).
        var secret: String?
        var secretFor: Set<Viewer> = []

        init(_ path: String, _ statuses: Int..., secret: String? = nil, for secretFor: Set<Viewer> = []) {
            precondition(statuses.count == Viewer.allCases.count, "\(path): one cell per viewer")
            (self.path, self.statuses, self.secret, self.secretFor) = (path, statuses, secret, secretFor)
        }
    }

    // swift-format-ignore
    static let rows: [Row] = [
        //   path                                  anon member lead event  org  other coalition admin
        Row("/groups/{leeds}/work",                404, 200,  200, 404,   200, 404,  404, 404),
        Row("/work/{shift}",                       404, 200,  200, 200,   200, 404,  404, 404,
            secret: "(@bob): taken on", for: [.lead, .eventManager, .organizer]),
        Row("/work/{shift}/edit",                  303, 404,  404, 404,   200, 404,  404, 404),
        Row("/groups/{leeds}/rotation",            303, 404,  404, 404,   200, 404,  404, 404),
        Row("/groups/{leeds}/checkins",            303, 404,  404, 404,   200, 404,  404, 404),
        Row("/groups/{leeds}/mentoring",           303, 404,  404, 404,   200, 404,  404, 404),
        Row("/groups/{leeds}/volunteering-settings", 303, 404, 404, 404,  200, 404,  404, 404),
        Row("/groups/{leeds}/figures",             303, 404,  404, 404,   200, 404,  404, 404),
        Row("/groups/{leeds}/people/import",       303, 404,  404, 404,   200, 404,  404, 404),
        Row("/groups/{leeds}/people/export.csv",   303, 404,  404, 404,   200, 404,  404, 404),
        Row("/volunteering",                       303, 200,  200, 200,   200, 200,  200, 200, secret: "Clinic door", for: [.member]),
        Row("/volunteering/access",                303, 200,  200, 200,   200, 200,  200, 200),
        Row("/api/v1/groups/{leeds}/work",         404, 200,  200, 404,   200, 404,  404, 404),
        Row("/api/v1/work/{shift}",                404, 200,  200, 200,   200, 404,  404, 404,
            secret: "\"handle\":\"bob\"", for: [.lead, .eventManager, .organizer]),
        Row("/api/v1/work/{shift}/suggestions",    401, 403,  403, 403,   200, 404,  404, 404),
        Row("/api/v1/me/work",                     401, 200,  200, 200,   200, 200,  200, 200, secret: "Clinic door", for: [.member]),
    ]

    @Test func everyViewerGetsExactlyWhatTheRulesAllow() async throws {
        try await withApp(mail: false) { app in
            // setup: Leeds Tenants (olive) runs a shift led by lena for an event it co-hosts with Leeds Students
            // (sara); bob is a member who signed up for it; yann organizes York Circle, cole a coalition
            var net = try await eventNetwork(app)
            var lena = try await app.person("lena")
            _ = try await lena.post("/groups/\(net.leeds)/join")
            var cole = try await app.person("cole")
            _ = try await cole.createGroup("Northern Coalition", kind: "coalition")
            let event = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent clinic")
            _ = try await net.olive.post("/events/\(event)/hosts", [("group", net.students)])
            let accepted = try await net.sara.post("/events/\(event)/hosts/\(net.students)/accept")
            #expect(accepted.status == .seeOther, "\(errorsIn(accepted))")
            var fields = twoHourShift("Clinic door", lead: "lena")
            fields.append(("event", String(event)))
            let shift = try await postWork(&net.olive, net.leeds, fields)
            let signed = try await net.bob.post("/work/\(shift)/sign-up", [("confirmOverPledge", "on")])
            #expect(signed.status == .seeOther, "\(errorsIn(signed))")
            // root runs the site and is in none of these groups: no more standing in them than a stranger
            let root = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            var viewers: [Viewer: Visitor] = [
                .anonymous: app.visitor(), .member: net.bob, .lead: lena, .eventManager: net.sara,
                .organizer: net.olive, .otherOrganizer: net.yann, .coalitionOrganizer: cole, .siteAdmin: root,
            ]
            // act and check
            for row in Self.rows {
                let path = row.path.replacingOccurrences(of: "{leeds}", with: net.leeds)
                    .replacingOccurrences(of: "{shift}", with: String(shift))
                for (index, viewer) in Viewer.allCases.enumerated() {
                    var visitor = try #require(viewers[viewer])
                    let page = path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
                    viewers[viewer] = visitor
                    #expect(
                        Int(page.status.code) == row.statuses[index],
                        "GET \(row.path) × \(viewer.rawValue): \(page.status)"
                    )
                    if let secret = row.secret, page.status == .ok {
                        #expect(
                            page.contains(secret) == row.secretFor.contains(viewer),
                            "GET \(row.path) × \(viewer.rawValue): \(secret) is \(row.secretFor.contains(viewer) ? "missing" : "shown")"
                        )
                    }
                }
            }
            // writes: offering the shift
            let offers: [Viewer: Int] = [
                .anonymous: 401, .member: 403, .lead: 403, .eventManager: 403, .organizer: 303, .otherOrganizer: 404,
                .coalitionOrganizer: 404, .siteAdmin: 404,
            ]
            for viewer in Viewer.allCases {
                var visitor = try #require(viewers[viewer])
                let page = try await visitor.post("/work/\(shift)/offer", [("person", "lena")])
                #expect(Int(page.status.code) == offers[viewer], "POST offer × \(viewer.rawValue): \(page.status)")
            }
        }
    }
}
