import Foundation
import HTTPTypes
import Testing

/// People in and out of a group: an organizer imports an Action Network or CiviCRM export (a dry run first, every
/// refused row named by its line), each person left gets a single-use invitation by email, the member list goes out
/// as CSV (logged for every member in it) and reads back in; anyone else is told the pages do not exist. A person
/// downloads only their own vCard.
@Suite("Volunteering: people in and out")
struct PeopleInOutTests {
    /// olga organizes Leeds Tenants; mia (with an address, pledging 3 hours) and nia (no address) are members.
    func tenants(_ app: TestApp) async throws -> (olga: Visitor, mia: Visitor, slug: String) {
        var olga = try await app.person("olga")
        let slug = try await olga.createGroup("Leeds Tenants")
        var mia = app.visitor()
        try await mia.signUp("mia", displayName: "Mia M", email: "mia@example.org")
        let nia = try await app.person("nia")
        for visitor in [mia, nia] {
            var visitor = visitor
            let joined = try await visitor.post("/groups/\(slug)/join")
            try #require(joined.status == .seeOther, "\(joined.status)")
        }
        let pledged = try await mia.post("/groups/\(slug)/pledge", [("hours", "3")])
        try #require(pledged.status == .seeOther, "\(pledged.status)")
        return (olga, mia, slug)
    }

    func count(_ app: TestApp, _ query: String) async throws -> Int {
        try await app.store.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: query)").first()?
            .decode(column: "n", as: Int.self) ?? -1
    }

    func fields(_ preset: String, text: String = "", mode: String, dedupe: String = "email") -> [(String, String)] {
        [("preset", preset), ("dedupe", dedupe), ("consent_column", ""), ("text", text), ("mode", mode)]
    }

    func upload(
        _ visitor: inout Visitor,
        _ slug: String,
        _ fields: [(String, String)],
        file: String
    ) async throws
        -> Page
    {
        try await upload(&visitor, slug, fields, bytes: Array(file.utf8))
    }

    func upload(
        _ visitor: inout Visitor,
        _ slug: String,
        _ fields: [(String, String)],
        bytes: [UInt8]
    ) async throws
        -> Page
    {
        if visitor.cookies["fg_csrf"] == nil { try await visitor.get("/login") }
        let form = PeopleFixtures.upload(fields: fields + [("_csrf", visitor.csrf)], file: bytes)
        return try await visitor.send(
            "/groups/\(slug)/people/import",
            method: .post,
            headers: [.contentType: form.type],
            body: form.body
        )
    }

    @Test func anActionNetworkFileIsCheckedLineByLineThenImportedAsInvitations() async throws {
        try await withApp { app in
            // setup
            let setup = try await tenants(app)
            var olga = setup.olga
            let slug = setup.slug
            // act: the dry run
            let dry = try await upload(
                &olga,
                slug,
                fields("action_network", mode: "dry"),
                file: PeopleFixtures.actionNetwork
            )
            // check: every refused row by its line, who would be invited, nothing written
            #expect(dry.status == .ok, "\(dry.body.prefix(3000))")
            #expect(dry.contains("Dry run: nothing was changed"))
            for (line, reason) in [
                (3, "No consent: the consent column says “unsubscribed”, not yes."), (5, "The same person as line 2."),
                (7, "The row has no email address."), (9, "No consent: the consent column says “bouncing”, not yes."),
                (10, "“gus(at)example.org” is not an email address."),
            ] {
                #expect(dry.contains("<tr><td>\(line)</td><td>\(reason)</td></tr>"), "line \(line)")
            }
            #expect(dry.contains("<tr><td>2</td><td>Ada Lovelace</td><td>ada@example.org</td></tr>"))
            #expect(dry.contains("<tr><td>4</td><td>Cy, the younger Young</td><td>cy@example.org</td></tr>"))
            #expect(dry.contains("<tr><td>8</td><td>Eve Evans</td><td>eve@example.org</td></tr>"))
            #expect(dry.contains("Already in the group (lines 6)."))
            #expect(dry.contains("3 people would be invited; 5 rows refused; 1 already in the group"))
            #expect(try await count(app, "invites") == 0)
            #expect(try await count(app, "mail_outbox WHERE batch LIKE 'people-import-%'") == 0)
            // the file's text is kept in the form for the real run
            #expect(dry.contains("Gus,Grey,gus(at)example.org"))
            // act: the real run, from the text the dry run kept
            let run = try await olga.post(
                "/groups/\(slug)/people/import",
                fields("action_network", text: PeopleFixtures.actionNetwork, mode: "run")
            )
            // check: one single-use invitation and one mail per person taken
            #expect(run.status == .ok)
            #expect(run.contains("3 people invited; 5 rows refused"))
            #expect(try await count(app, "invites WHERE max_uses = 1 AND uses = 0") == 3)
            let recipients = try await app.store.sql.raw(
                "SELECT recipient, body FROM mail_outbox WHERE batch LIKE 'people-import-%' ORDER BY recipient"
            ).all().map { try $0.decode(column: "recipient", as: String.self) }
            #expect(recipients == ["ada@example.org", "cy@example.org", "eve@example.org"])
            // the link in the mail, as delivered, is a live invitation to the group. The test mail server is shared
            // by every test (and by both databases' runs in CI), so ada@example.org may already hold invitations from
            // other apps: look at each new one until this app's arrives, rather than stopping at the first mail.
            var ada = try await app.person("ada")
            var invite: Page?
            var tried: Set<Substring> = []
            let deadline = Date().addingTimeInterval(60)
            while invite == nil, Date() < deadline {
                for mail in try Mailbox.messagesSoFar(to: "ada@example.org").reversed() {
                    guard let token = mail.body.firstMatch(of: #/invites/([A-Za-z0-9_-]+)/#)?.output.1,
                        tried.insert(token).inserted
                    else { continue }
                    let page = try await ada.get("/invites/\(token)")
                    if page.status == .ok {
                        invite = page
                        break
                    }
                }
                if invite == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(try #require(invite, "no mailed invitation works").contains("Leeds Tenants"))
            // act: the same file again invites nobody twice
            let again = try await olga.post(
                "/groups/\(slug)/people/import",
                fields("action_network", text: PeopleFixtures.actionNetwork, mode: "run")
            )
            #expect(again.contains("0 people invited"))
            #expect(again.contains("Invited by an earlier import (lines 2, 4, 8)."))
            #expect(try await count(app, "invites") == 3)
        }
    }

    @Test func aCiviCRMFileHonoursDoNotEmailAndBothWaysOfRecognisingTheSamePerson() async throws {
        try await withApp(mail: false) { app in
            let setup = try await tenants(app)
            var olga = setup.olga
            let slug = setup.slug
            // the file is sent as Excel saves "CSV UTF-8": with a byte order mark
            let byEmail = try await upload(
                &olga,
                slug,
                fields("civicrm", mode: "dry"),
                file: "\u{FEFF}" + PeopleFixtures.civicrm
            )
            #expect(byEmail.status == .ok, "\(byEmail.body.prefix(3000))")
            #expect(byEmail.contains("<tr><td>3</td><td>The source marks this person “Do Not Email”.</td></tr>"))
            #expect(byEmail.contains("<tr><td>4</td><td>No consent: the consent column says “No”, not yes.</td></tr>"))
            #expect(byEmail.contains("<tr><td>6</td><td>The same person as line 2.</td></tr>"))
            #expect(byEmail.contains("<tr><td>5</td><td>Kane, Kit</td><td>kit@example.org</td></tr>"))
            #expect(byEmail.contains("2 people would be invited; 3 rows refused"))
            // by name and email, "Hal H." at Hal Hughes's address is someone else
            let byName = try await upload(
                &olga,
                slug,
                fields("civicrm", mode: "dry", dedupe: "name_email"),
                file: PeopleFixtures.civicrm
            )
            #expect(byName.contains("3 people would be invited; 2 rows refused"))
            #expect(try await count(app, "invites") == 0)
        }
    }

    @Test func withoutAConsentColumnNothingIsReadAndTheFormKeepsItsInput() async throws {
        try await withApp(mail: false) { app in
            let setup = try await tenants(app)
            var olga = setup.olga
            let slug = setup.slug
            let text = "Contact ID,First Name,Email\n1,Ada,ada@example.org\n"
            let page = try await olga.post("/groups/\(slug)/people/import", fields("civicrm", text: text, mode: "run"))
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("The file has no consent column “Consent”."))
            #expect(page.contains("<option value=\"civicrm\" selected>"))
            #expect(page.contains("1,Ada,ada@example.org"), "the pasted text is still there")
            #expect(try await count(app, "invites") == 0)
            let empty = try await olga.post("/groups/\(slug)/people/import", fields("civicrm", mode: "dry"))
            #expect(empty.status == .unprocessableContent)
            #expect(empty.contains("Choose a CSV file or paste its text."))
        }
    }

    @Test func onlyTheGroupsOrganizersReachImportAndExport() async throws {
        try await withApp(mail: false) { app in
            let (_, mia, slug) = try await tenants(app)
            var otto = try await app.person("otto")
            _ = try await otto.createGroup("Otley Organizers")
            let paths = ["/groups/\(slug)/people/import", "/groups/\(slug)/people/export.csv"]
            for visitor in [mia, otto] {
                var visitor = visitor
                for path in paths {
                    #expect(try await visitor.get(path).status == .notFound, "\(visitor.handle) \(path)")
                }
                let posted = try await visitor.post(
                    paths[0],
                    fields("action_network", text: PeopleFixtures.actionNetwork, mode: "run")
                )
                #expect(posted.status == .notFound)
            }
            var anonymous = app.visitor()
            for path in paths {
                let page = try await anonymous.get(path)
                #expect(page.status != .ok && !page.contains("Bring people in") && !page.contains("mia"))
            }
            #expect(try await count(app, "invites") == 0)
            #expect(try await count(app, "access_log") == 0)
        }
    }

    @Test func theExportIsLoggedShowsNoAddressesAndReadsBackIn() async throws {
        try await withApp(mail: false) { app in
            // setup: olga also organizes Bradford Tenants, where mia and nia are not members
            let setup = try await tenants(app)
            var olga = setup.olga
            let slug = setup.slug
            let other = try await olga.createGroup("Bradford Tenants")
            // act
            let file = try await olga.get("/groups/\(slug)/people/export.csv")
            // check: a CSV attachment without addresses, one access-log row per other member
            #expect(file.status == .ok)
            #expect(file.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(
                file.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"leeds-tenants-members-") == true
            )
            let day = String(ISO8601DateFormatter().string(from: app.clock.now).prefix(10))
            #expect(
                file.body.hasPrefix("handle,name,role,joined_on,pledge_hours,consent\r\nmia,Mia M,member,\(day),3,\r\n")
            )
            #expect(file.body.contains("nia,,member,\(day),,\r\n"))
            #expect(file.body.contains("olga,,organizer,\(day),,\r\n"))
            #expect(!file.body.contains("@example.org"))
            #expect(try await count(app, "access_log WHERE what = 'export'") == 2)
            #expect(
                try await count(
                    app,
                    "access_log l JOIN people p ON p.id = l.person_id WHERE p.handle IN ('mia', 'nia') AND l.group_id IS NOT NULL"
                ) == 2
            )
            // the organizer fills in the consent column, as the page asks, and reads the file back in
            let consented = file.body.replacing(",\r\n", with: ",yes\r\n")
            let same = try await olga.post(
                "/groups/\(slug)/people/import",
                fields("freshground", text: consented, mode: "dry")
            )
            #expect(same.status == .ok, "\(same.body.prefix(3000))")
            #expect(same.contains("0 people would be invited; 0 rows refused; 3 already in the group"))
            #expect(same.contains("Already in the group (lines 2, 3, 4)."))
            // into the other group: mia is invited by handle, her address never shown; nia has no address
            let moved = try await olga.post(
                "/groups/\(other)/people/import",
                fields("freshground", text: consented, mode: "run")
            )
            #expect(moved.contains("<tr><td>2</td><td>Mia M</td><td>@mia</td></tr>"))
            #expect(moved.contains("<tr><td>3</td><td>@nia has no address an invitation can go to.</td></tr>"))
            #expect(moved.contains("Already in the group (lines 4)."))
            #expect(!moved.contains("mia@example.org"))
            #expect(
                try await count(app, "mail_outbox WHERE recipient = 'mia@example.org' AND batch LIKE 'people-import-%'")
                    == 1
            )
        }
    }

    @Test func aPersonDownloadsOnlyTheirOwnCard() async throws {
        try await withApp(mail: false) { app in
            var (olga, mia, _) = try await tenants(app)
            let card = try await mia.get("/volunteering/card.vcf?handle=olga")
            #expect(card.status == .ok)
            #expect(card.headers[.contentType]?.hasPrefix("text/vcard") == true)
            #expect(card.body.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mia M\r\nNICKNAME:mia\r\n"))
            #expect(card.contains("EMAIL;TYPE=home:mia@example.org"))
            #expect(!card.contains("olga"))
            let own = try await olga.get("/volunteering/card.vcf")
            #expect(own.contains("FN:olga") && !own.contains("mia") && !own.contains("EMAIL"))
            var anonymous = app.visitor()
            let refused = try await anonymous.get("/volunteering/card.vcf")
            #expect(refused.status != .ok && !refused.contains("BEGIN:VCARD"))
        }
    }
}
