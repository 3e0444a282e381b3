import Foundation
import HTTPTypes
import SQLKit
import Testing

/// An outside probe of this session's new paths (issue 12): secrets are planted in a private group (its name, a
/// pseudonymous member's handle and pledge, a piece in its journal and the note of its correction, a message its
/// member wrote to another group's organizers, a speaker it added to the roster), then every new page, datalist,
/// feed and API answer is read as a stranger, a plain member of another group, that group's organizer and the
/// site's admin. A secret may appear only where `noSecretCrossesToOutsiders` allows it.
@Suite("New features: privacy probe")
struct NewFeaturesPrivacyTests {
    static let groupName = "Nightjar Tenants Cell"
    static let handle = "nightowlsecret"
    static let pledge = "13.25"
    static let pieceTitle = "Quietly Titled Secret Piece"
    static let correctionNote = "Fixed the quietsecret date"
    static let messageText = "Secret message text 4471"
    static let listNote = "Read this quietsecret first"
    static let secrets = [
        groupName, "nightjar-tenants-cell", handle, pledge, pieceTitle, correctionNote, messageText, listNote,
    ]

    /// kim organizes the private group, owl (no display name) is its pseudonymous member; otto organizes Open
    /// Commons (public, in Berlin) and mia is its plain member; ada is the site's admin.
    struct Planted {
        var kim: Visitor
        var owl: Visitor
        var otto: Visitor
        var mia: Visitor
        var admin: Visitor
        let hidden: String
        let open: String
        let piece: Int
        let message: Int
        let speaker: Int
        let list: Int
    }

    static func plant(_ app: TestApp) async throws -> Planted {
        var kim = try await app.person("kim")
        let hidden = try await kim.createGroup(groupName, kind: "center", city: "Berlin", visibility: "private")
        var owl = try await app.person(handle)
        let token = try await kim.createInvite(hidden)
        try #require(try await owl.post("/invites/\(token)").status == .seeOther)
        try #require(try await owl.post("/groups/\(hidden)/pledge", [("hours", pledge)]).status == .seeOther)
        let piece = try await publishPiece(&owl, editor: &kim, journal: hidden, title: pieceTitle)
        let corrected = try await kim.post(
            "/library/\(piece)/correct",
            [("title", pieceTitle), ("summary", ""), ("body", "Better words."), ("note", correctionNote)]
        )
        try #require(corrected.status == .seeOther, "correction: \(corrected.status)")
        let speaker = try await kim.post(
            "/speakers",
            [("group", hidden), ("name", "Rosa Speaker"), ("city", "leeds"), ("handle", "kim"), ("topics", "rent")]
        )
        let speakerID = try #require(speaker.location.flatMap { Int($0.dropFirst("/speakers/".count)) })
        // owl keeps a public reading list and puts the private piece on it, with a note.
        let made = try await owl.post("/lists", [("title", "Owl's open shelf"), ("description", ""), ("public", "on")])
        let list = try #require(made.location.flatMap { Int($0.dropFirst("/lists/".count)) }, "list: \(made.status)")
        let added = try await owl.post("/lists/\(list)/items", [("publication", pieceTitle), ("note", listNote)])
        try #require(added.status == .seeOther, "list item: \(added.status)")
        var otto = try await app.person("otto")
        let open = try await otto.createGroup("Open Commons", city: "Berlin")
        var mia = try await app.person("mia")
        try await makeMember(app, &mia, of: open, organizer: &otto)
        let sent = try await owl.post("/groups/\(open)/contact", [("subject", "A question"), ("body", messageText)])
        try #require(sent.status == .seeOther, "message: \(sent.status)")
        let message = try #require(
            try await app.store.sql.raw("SELECT id FROM group_messages ORDER BY id DESC").first()?
                .decode(column: "id", as: Int.self)
        )
        let admin = try await app.person("ada-admin")
        try await app.store.sql.raw("UPDATE people SET is_admin = true WHERE handle = 'ada-admin'").run()
        return Planted(
            kim: kim,
            owl: owl,
            otto: otto,
            mia: mia,
            admin: admin,
            hidden: hidden,
            open: open,
            piece: piece,
            message: message,
            speaker: speakerID,
            list: list
        )
    }

    /// Every new page, form (with its datalists and selects), feed and API answer, plus guessed notification ids.
    static func paths(_ p: Planted) -> [String] {
        [
            "/", "/me", "/me/data.json", "/notifications", "/notifications/settings", "/api/v1/notifications",
            "/events/new", "/library/new", "/debates/new", "/me/lists", "/lists", "/tours/new", "/study/new",
            "/speakers/new", "/speakers", "/speakers/\(p.speaker)", "/speakers/\(p.speaker)/edit", "/groups/new",
            "/groups?city=Ber", "/groups?city=berlin", "/api/v1/groups?city=Ber", "/groups?q=Nightjar",
            "/search?q=Quietly", "/api/v1/search?q=Quietly", "/library", "/library/\(p.piece)",
            "/library/\(p.piece)/corrections", "/library/\(p.piece)/correct", "/groups/\(p.hidden)/contact",
            "/groups/\(p.open)", "/groups/\(p.open)/contact", "/groups/\(p.open)/messages/\(p.message)",
            "/cities", "/lists/\(p.list)",
        ] + (1...12).map { "/notifications/\($0)" } + (1...6).map { "/groups/\(p.open)/messages/\($0)" }
    }

    static func read(_ visitor: inout Visitor, _ path: String) async throws -> Page {
        path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
    }

    @Test("No planted secret reaches a stranger, another group's member or organizer, or the admin")
    func noSecretCrossesToOutsiders() async throws {
        try await withApp { app in
            // setup
            var p = try await Self.plant(app)
            let paths = Self.paths(p)

            // act: the private group's people read everything first, so a page cached with their data would show
            var shownToInsiders = Set<String>()
            for path in paths {
                for page in [try await Self.read(&p.kim, path), try await Self.read(&p.owl, path)] {
                    shownToInsiders.formUnion(Self.secrets.filter { page.body.lowercased().contains($0.lowercased()) })
                }
            }
            let viewers: [(String, Visitor, Set<String>)] = [
                ("anonymous", app.visitor(), []), ("mia (member of another group)", p.mia, []),
                ("admin", p.admin, []),
                // otto organizes the group owl wrote to: her words and handle are his to read, nothing else.
                ("otto (organizer of another group)", p.otto, [Self.messageText, Self.handle]),
            ]
            var leaks: [String] = []
            for (name, viewer, allowed) in viewers {
                var viewer = viewer
                for path in paths {
                    let page = try await Self.read(&viewer, path)
                    let seen = (page.body + " " + (page.location ?? "")).lowercased()
                    for secret in Self.secrets where !allowed.contains(secret) && seen.contains(secret.lowercased()) {
                        leaks.append("\(name) GET \(path) (\(page.status.code)) shows “\(secret)”")
                    }
                }
            }

            // check
            #expect(shownToInsiders == Set(Self.secrets), "the probe reads where every secret is shown to its owners")
            #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
        }
    }

    @Test("The probe reads where the secrets are: the private group's people and the addressed organizer see them")
    func secretsAreShownToThoseTheyBelongTo() async throws {
        try await withApp { app in
            // setup
            var p = try await Self.plant(app)

            // act
            let coHosts = try await p.kim.get("/events/new")
            let history = try await p.kim.get("/library/\(p.piece)/corrections")
            let download = try await p.owl.get("/me/data.json")
            let message = try await p.otto.get("/groups/\(p.open)/messages/\(p.message)")
            // The city search finds Berlin's public group, so the private one's absence above means something.
            var stranger = app.visitor()
            let directory = try await stranger.get("/groups?city=Ber")
            let directoryAPI = try await stranger.api(.get, "/api/v1/groups?city=Ber")

            // check
            #expect(coHosts.contains(Self.groupName))
            #expect(history.contains(Self.correctionNote))
            #expect(download.contains(Self.pledge))
            #expect(message.contains(Self.messageText))
            #expect(directory.contains("Open Commons") && directoryAPI.contains("open-commons"))
        }
    }

    @Test("The forms on another group's own event, conference, draft and study series offer nothing private")
    func formsOnOwnThingsOfferNothingPrivate() async throws {
        try await withApp { app in
            // setup: otto's group has a conference with an open call, a draft piece and a study series; Third
            // Circle (public) is there so the datalists have something to offer
            var p = try await Self.plant(app)
            var tess = try await app.person("tess")
            try await tess.createGroup("Third Circle")
            let event = try await scheduleEvent(
                &p.otto,
                host: p.open,
                title: "Commons Conference",
                start: "2026-10-17T09:00",
                end: "2026-10-18T18:00",
                [("kind", "conference")]
            )
            let settings = [("cfpOpen", "on"), ("cfpText", "Send sessions."), ("_submitted", "1")]
            try await expectRedirect(try await p.otto.post("/events/\(event)/conference/settings", settings))
            let piece = try await draft(&p.otto, journal: p.open, title: "Commons draft")
            let series = try await p.otto.api(
                .post,
                "/api/v1/study",
                json: try jsonBody([
                    "title": "Commons reading", "description": "Weekly.", "group": p.open, "enrollment": "open",
                    "publishReports": true,
                ])
            )
            let seriesID = try #require(APITests.integer(series.json["id"]), "\(series.body.prefix(300))")
            let paths = [
                "/events/\(event)", "/events/\(event)/edit", "/events/\(event)/conference",
                "/events/\(event)/conference/proposals/new", "/library/\(piece)", "/library/\(piece)/edit",
                "/study/\(seriesID)", "/study/\(seriesID)/edit",
            ]

            // act
            var leaks: [String] = []
            var offersThirdCircle = false
            var unread: [String] = []
            for path in paths {
                let page = try await p.otto.get(path)
                if page.status != .ok { unread.append("\(path) (\(page.status.code))") }
                offersThirdCircle = offersThirdCircle || page.contains("Third Circle")
                let seen = page.body.lowercased()
                for secret in Self.secrets {
                    if seen.contains(secret.lowercased()) { leaks.append("otto GET \(path) shows “\(secret)”") }
                }
            }

            // check
            #expect(unread.isEmpty, "otto reads his own forms: \(unread)")
            #expect(offersThirdCircle, "the forms offer other groups by name")
            #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
        }
    }

    @Test("Another person's message, notification and correction form answer not found, naming nothing")
    func guessedAddressesAreNotFound() async throws {
        try await withApp { app in
            // setup
            var p = try await Self.plant(app)

            // act
            let mias = try await p.mia.get("/groups/\(p.open)/messages/\(p.message)")
            let kims = try await p.kim.get("/groups/\(p.open)/messages/\(p.message)")
            // kim organizes her own group: another group's message is not found under its address either.
            let underOwn = try await p.kim.get("/groups/\(p.hidden)/messages/\(p.message)")
            var stranger = app.visitor()
            let corrections = try await stranger.get("/library/\(p.piece)/corrections")
            let ottos = try #require(
                try await app.store.sql.raw(
                    "SELECT n.id FROM notifications n JOIN people p ON p.id = n.person_id WHERE p.handle = 'otto'"
                ).first()?.decode(column: "id", as: Int.self)
            )
            let apiRead = try await p.mia.api(.post, "/api/v1/notifications/\(ottos)/read")
            let opened = try await p.mia.get("/notifications/\(ottos)")

            // check
            #expect(mias.status == .notFound)
            #expect(kims.status == .notFound)
            #expect(underOwn.status == .notFound && !underOwn.contains(Self.messageText))
            #expect(corrections.status == .notFound)
            #expect(apiRead.status == .notFound)
            #expect(opened.status == .notFound)
        }
    }
}
