import Foundation
import FreshgroundStore
import HTTPTypes
import SQLKit
import Testing

@testable import Freshground

/// A person's own page (`/me`) and the download of everything the site holds about them (`/me/data.json`, and
/// `freshground admin export` for an operator).
@Suite struct AccountDataTests {
    @Test func theDownloadHoldsEveryKindOfDataAndNoOneElses() async throws {
        try await withApp { app in
            // setup
            var busy = try await busyPerson(app)
            // act
            let download = try await busy.quill.get("/me/data.json")
            var stranger = app.visitor()
            let anonymous = try await stranger.get("/me/data.json")
            // check
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"freshground-quillon.json\"")
            let data = download.json
            for kind in [
                "account", "sessions", "accessTokens", "memberships", "groupPosts", "basisVersions", "invitationsMade",
                "messages", "groupsFollowed", "pieces", "bylines", "correctionsMade", "rsvps", "eventsCreated",
                "speakerProfiles",
                "speakerTopics",
                "speakersAdded", "enrollments", "attendance",
            ] {
                #expect(!((data[kind] as? [Any]) ?? []).isEmpty, "the download has \(kind)")
            }
            let memberships = (data["memberships"] as? [[String: Any]]) ?? []
            let leeds = memberships.first { $0["group_slug"] as? String == busy.leeds }
            #expect(leeds?["pledge_hours"] as? Double == 3 || leeds?["pledge_hours"] as? Int == 3)
            #expect(download.contains("quillon@example.org"))
            let account = (data["account"] as? [[String: Any]])?.first
            #expect((account?["created_at"] as? String)?.hasPrefix("2026-") == true, "times are ISO 8601")
            #expect(download.contains("Stairwell lights") && download.contains("Rent in our street"))
            #expect(download.contains("Tenants meeting") && download.contains("Talks about rent."))
            // Other people: the members and organizers of their groups, their addresses, secrets.
            for other in ["olive", "bob", "sara", "yann"] {
                #expect(!download.contains("\"\(other)\""), "\(other) is not in the download")
            }
            let bobEmail = try await app.store.sql.select().column("email").from("people")
                .where("handle", .equal, "bob").value("email", as: String.self)
            #expect(!download.contains(try #require(bobEmail)))
            #expect(
                !download.contains("$2b$") && !download.contains("token_digest") && !download.contains("password_hash")
            )
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location == "/login?next=/me/data.json")
        }
    }

    @Test func theAdminExportIsThePersonsDownload() async throws {
        try await withApp { app in
            // setup
            var busy = try await busyPerson(app)
            let download = try await busy.quill.get("/me/data.json")
            // act
            let exported = try await exportAccount(store: app.store, config: AppConfig(), handle: "Quillon")
            let nobody = try await exportAccount(store: app.store, config: AppConfig(), handle: "nobody-here")
            // check
            #expect(exported == download.body)
            #expect(nobody == nil)
        }
    }

    @Test func theAccountPageShowsGroupsRolesAndPledges() async throws {
        try await withApp { app in
            // setup
            var busy = try await busyPerson(app)
            var newcomer = try await app.person("newcomer")
            // act
            let page = try await busy.quill.get("/me")
            let empty = try await newcomer.get("/me")
            // check
            #expect(page.status == .ok)
            #expect(
                page.contains(#"<a href="/groups/\#(busy.leeds)">Leeds Tenants</a>: editor · pledged 3 hours a week"#)
            )
            #expect(page.contains(#"<a href="/groups/\#(busy.own)">Riverside Circle</a>: organizer · no pledge"#))
            for link in ["/me/settings", "/me/data.json", "/me/delete", "/notifications", "/me/tokens"] {
                #expect(page.contains("href=\"\(link)\""), "the page links to \(link)")
            }
            #expect(empty.contains("You are in no group yet."))
            #expect(empty.contains(#"href="/me/delete""#))
        }
    }
}
