import Foundation
import HTTPTypes
import Testing

/// Every form of the product, sent once with one refused value and a distinctive text typed in another field: the
/// answer is the form's own page (422, or the documented status), with the field's message and the typed text still
/// in the form. Nothing typed is lost to a bare error page.
@Suite("Web: every refused form keeps what the person typed")
struct FormsKeepInputTests {
    /// One form: how to reach it and send it, and what the answer must show.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The field whose message is expected (its `id="…-error"`; a reply's number may follow the name).
        let field: String
        let message: String
        /// Text typed in another field that must still be in the form (nil: the form has no other field).
        let typed: String?
        var status: HTTPResponse.Status = .unprocessableContent
        let send: @Sendable (TestApp) async throws -> Page

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "sign-up",
            field: "password",
            message: "Use at least 10 characters.",
            typed: "Marguerite Quillfeather"
        ) { app in
            var visitor = app.visitor()
            return try await visitor.post(
                "/signup",
                [
                    ("handle", "kestrel"), ("email", ""), ("display_name", "Marguerite Quillfeather"),
                    ("password", "short"),
                ]
            )
        },
        Case(
            name: "new group",
            field: "name",
            message: "Give the group a name of 2 to 100 characters.",
            typed: "Dockside tenants meet on Thursdays"
        ) { app in
            var alice = try await app.person("alice")
            return try await alice.post(
                "/groups",
                [
                    ("name", "x"), ("kind", "circle"), ("description", "Dockside tenants meet on Thursdays"),
                    ("place_kind", "city"), ("city", "Leeds"), ("visibility", "public"), ("join_policy", "open"),
                    ("basis", ""),
                ]
            )
        },
        Case(
            name: "group post",
            field: "title",
            message: "Give the post a title of 1 to 200 characters.",
            typed: "Boiler room rent strike notes"
        ) { app in
            var alice = try await app.person("alice")
            let group = try await alice.createGroup("Leeds Tenants")
            return try await alice.post(
                "/groups/\(group)/posts",
                [("title", " "), ("body", "Boiler room rent strike notes")]
            )
        },
        Case(
            name: "new publication",
            field: "title",
            message: "Give the piece a title of 1 to 200 characters.",
            typed: "Night shift at the depot"
        ) { app in
            var net = try await libraryNetwork(app)
            return try await net.author.post(
                "/library",
                [("kind", "article"), ("journal", net.center), ("title", ""), ("body", "Night shift at the depot")]
            )
        },
        Case(
            name: "edit of a published piece",
            field: "_form",
            message: "it can no longer be edited",
            typed: "Depot notes revised",
            status: .conflict
        ) { app in
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            return try await net.author.post(
                "/library/\(id)",
                [("kind", "article"), ("journal", net.center), ("title", "Depot notes revised"), ("body", "More.")]
            )
        },
        Case(
            name: "debate position",
            field: "statement",
            message: "State the position in up to 300 characters.",
            typed: "Because the port pays by the hour"
        ) { app in
            var alice = try await app.person("alice")
            let debate = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            return try await alice.post(
                "/debates/\(debate)/positions",
                [("statement", "  "), ("argument", "Because the port pays by the hour"), ("group", "")]
            )
        },
        Case(
            name: "debate summary, too long",
            field: "summary",
            message: "Keep this under 20,000 characters.",
            typed: "Consensus is forming around the docks"
        ) { app in
            var alice = try await app.person("alice")
            let debate = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            let summary = "Consensus is forming around the docks. " + String(repeating: "x", count: 20_000)
            return try await alice.post("/debates/\(debate)/summary", [("summary", summary)])
        },
        Case(
            name: "hiding a reply without a reason",
            field: "reason-",
            message: "Give the reason; it is shown in the public log.",
            typed: nil
        ) { app in
            var alice = try await app.person("alice")
            let debate = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            let position = try await Discussion.state(&alice, in: debate, "Yes, all out")
            let reply = try await Discussion.reply(&alice, in: debate, position: position, "Not so fast")
            return try await alice.post("/debates/\(debate)/replies/\(reply)/hide", [("reason", " ")])
        },
        Case(
            name: "hiding a reply, reason too long",
            field: "reason-",
            message: "Keep this under 500 characters.",
            typed: "Names a docker at home"
        ) { app in
            var alice = try await app.person("alice")
            let debate = try await Discussion.openDebate(&alice, "Should dockers unionize?")
            let position = try await Discussion.state(&alice, in: debate, "Yes, all out")
            let reply = try await Discussion.reply(&alice, in: debate, position: position, "Not so fast")
            let reason = "Names a docker at home. " + String(repeating: "x", count: 500)
            return try await alice.post("/debates/\(debate)/replies/\(reply)/hide", [("reason", reason)])
        },
        Case(
            name: "search with a malformed date",
            field: "from",
            message: "Give the date as YYYY-MM-DD.",
            typed: "depot strike"
        ) { app in
            var visitor = app.visitor()
            return try await visitor.get("/search?q=depot%20strike&from=2026-13-45")
        },
        Case(
            name: "reading list",
            field: "title",
            message: "Give the list a title of 1 to 200 characters.",
            typed: "Pamphlets for new stewards"
        ) { app in
            var alice = try await app.person("alice")
            return try await alice.post(
                "/lists",
                [("title", ""), ("description", "Pamphlets for new stewards"), ("group", ""), ("_submitted", "1")]
            )
        },
        Case(
            name: "event form",
            field: "title",
            message: "Give the event a title of 1 to 200 characters.",
            typed: "Bring banners for the picket"
        ) { app in
            var net = try await eventNetwork(app)
            return try await postEvent(
                &net.olive,
                host: net.leeds,
                title: "",
                [("description", "Bring banners for the picket")]
            )
        },
        Case(
            name: "speaker form",
            field: "name",
            message: "Give the speaker's name, 1 to 120 characters.",
            typed: "Organizer at the Armley depot"
        ) { app in
            var net = try await eventNetwork(app)
            return try await net.olive.post(
                "/speakers",
                [
                    ("group", net.leeds), ("name", ""), ("city", "leeds"), ("topics", ""), ("contact", ""),
                    ("bio", "Organizer at the Armley depot"),
                ]
            )
        },
        Case(
            name: "tour form",
            field: "until",
            message: "The last day comes before the first.",
            typed: "Northern depots tour"
        ) { app in
            var net = try await eventNetwork(app)
            let speaker = try await addSpeaker(&net.olive, group: net.leeds, name: "Ada Lovell")
            return try await net.olive.post(
                "/tours",
                [
                    ("speaker", String(speaker)), ("title", "Northern depots tour"), ("from", "2026-10-10"),
                    ("until", "2026-10-01"), ("group", net.leeds),
                ]
            )
        },
        Case(
            name: "conference proposal",
            field: "title",
            message: "Give the session a title of 1 to 200 characters.",
            typed: "Organizing the night buses"
        ) { app in
            var setup = try await conferenceSetup(app, blind: false)
            return try await setup.net.sara.post(
                "\(setup.base)/proposals",
                [
                    ("kind", "talk"), ("title", ""), ("abstract", "Organizing the night buses"),
                    ("group", setup.net.students), ("track", ""), ("speakers", ""),
                ]
            )
        },
        Case(
            name: "study series form",
            field: "title",
            message: "Give the series a title of 1 to 200 characters.",
            typed: "Capital volume one, slowly"
        ) { app in
            var net = try await eventNetwork(app)
            return try await net.olive.post(
                "/study",
                [
                    ("title", ""), ("description", "Capital volume one, slowly"), ("enrollment", "open"),
                    ("group", net.leeds),
                ]
            )
        },
        Case(
            name: "access token",
            field: "name",
            message: "Give the token a name of 1 to 80 characters",
            typed: "Nightly backup script"
        ) { app in
            var alice = try await app.person("alice")
            let name = "Nightly backup script " + String(repeating: "x", count: 80)
            return try await alice.post("/me/tokens", [("name", name)])
        },
    ]

    @Test(arguments: cases)
    func theRefusedFormComesBackWithTheInput(_ form: Case) async throws {
        try await withApp { app in
            // setup and act: the form, sent once with one refused value
            let page = try await form.send(app)
            // check
            #expect(page.status == form.status, "\(page.status): \(errorsIn(page))")
            let errorID = try Regex("id=\"\(form.field)[0-9]*-error\"")
            #expect(page.body.contains(errorID), "the message is tied to the field")
            let message = form.message.replacingOccurrences(of: "'", with: "&#39;")
            #expect(page.contains(message) || page.contains(form.message), "the field's message: \(errorsIn(page))")
            if let typed = form.typed {
                #expect(page.contains(typed), "what the person typed is still in the form")
            }
            #expect(page.contains("<main id=\"main\">"), "the page in the normal layout")
        }
    }
}
