import Foundation
import FreshgroundStore
import SQLKit
import Testing

@testable import Freshground

/// Invitation links from the members page: made by a form that redirects, listed while live with their uses,
/// revoked, expiring, used up; and the invited person kept through signing up.
@Suite struct InvitationLinkTests {
    @Test func anInvitedStrangerSignsUpAndComesBackToJoin() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Quiet Room", visibility: "private", join: "invite")
            // act: the organizer makes a link for one person
            let created = try await alice.post("/groups/\(slug)/invites", [("expires_in", "7"), ("max_uses", "1")])
            let shown = try await alice.get(try #require(created.location))
            let token = try inviteToken(in: shown)
            let reloaded = try await alice.get("/groups/\(slug)/members")
            // act: a stranger follows it, signs up (a refused try first) and joins
            var bob = app.visitor()
            let invitation = try await bob.get("/invites/\(token)")
            let signUpLink = try #require(
                invitation.body.firstMatch(of: #/<a href="(/signup\?next=[^"]+)">sign up</a>/#)?.output.1
            )
            let form = try await bob.get(String(signUpLink))
            let refused = try await bob.post(
                "/signup",
                [("next", "/invites/\(token)"), ("handle", "bob"), ("password", "short")]
            )
            let signedUp = try await bob.post(
                "/signup",
                [("next", "/invites/\(token)"), ("handle", "bob"), ("password", Visitor.password)]
            )
            let back = try await bob.get(try #require(signedUp.location))
            let joined = try await bob.post("/invites/\(token)")
            let listAfter = try await alice.get("/groups/\(slug)/members")
            var carol = try await app.person("carol")
            let second = try await carol.post("/invites/\(token)")
            let opened = try await carol.get("/invites/\(token)")
            // check: created by a redirect, shown once, and a reload makes nothing
            #expect(created.status == .seeOther)
            #expect(created.location == "/groups/\(slug)/members")
            #expect(shown.contains("valid for 7 days, for 1 person"))
            #expect(try inviteRows(in: shown) == ["0 of 1"])
            #expect(!reloaded.contains("Share this invitation link"), "the link is shown only once")
            #expect(try inviteRows(in: reloaded) == ["0 of 1"])
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM invites") == 1)
            // check: the invitation keeps where the person was going
            #expect(invitation.status == .ok)
            #expect(invitation.contains(#"<a href="/login?next=/invites/\#(token)">Log in</a>"#))
            #expect(signUpLink == "/signup?next=/invites/\(token)")
            #expect(form.contains(#"<input type="hidden" name="next" value="/invites/\#(token)">"#))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains(#"<input type="hidden" name="next" value="/invites/\#(token)">"#))
            #expect(signedUp.status == .seeOther)
            #expect(signedUp.location == "/invites/\(token)")
            #expect(back.contains("<button type=\"submit\">Join Quiet Room</button>"))
            #expect(joined.status == .seeOther)
            #expect(joined.location == "/groups/\(slug)")
            // check: the one use is counted and the link is spent
            #expect(try await count(app, "SELECT uses AS n FROM invites") == 1)
            #expect(try inviteRows(in: listAfter) == [], "a used-up link is not live")
            #expect(listAfter.contains("No invitation links are live."))
            #expect(second.status == .notFound)
            #expect(second.contains("This invitation link is no longer valid"))
            #expect(!second.contains("Quiet Room"))
            #expect(opened.status == .notFound)
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM memberships") == 2, "alice and bob only")
        }
    }

    @Test func aUseIsCountedOnlyWhenItMakesAMember() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Slow Circle", join: "approval")
            let token = try await alice.createInvite(slug, limit: "2")
            var bob = try await app.person("bob")
            try #require(try await bob.post("/groups/\(slug)/join").status == .seeOther)
            // act
            let first = try await bob.post("/invites/\(token)")
            let again = try await bob.post("/invites/\(token)")
            let organizerUse = try await alice.post("/invites/\(token)")
            let list = try await alice.get("/groups/\(slug)/members")
            // check
            #expect(first.status == .seeOther)
            #expect(again.status == .seeOther)
            #expect(
                try await bob.get(try #require(again.location)).contains("You are already a member of Slow Circle.")
            )
            #expect(organizerUse.status == .seeOther)
            #expect(try inviteRows(in: list) == ["1 of 2"], "bob's request became a membership: one use")
            #expect(list.contains("by @alice"))
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM memberships WHERE status = 'active'") == 2)
        }
    }

    @Test func aRevokedLinkAnswersLikeAnUnknownOne() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Quiet Room", join: "invite")
            let kept = try await alice.createInvite(slug, days: "30")
            let token = try await alice.createInvite(slug)
            var bob = try await app.person("bob")
            let ids = try revokeActions(in: try await alice.get("/groups/\(slug)/members"))
            try #require(ids.count == 2)
            // act
            let byMember = try await bob.post(ids[0])
            let revoked = try await alice.post(ids[0])
            let twice = try await alice.post(ids[0])
            let list = try await alice.get("/groups/\(slug)/members")
            let opened = try await bob.get("/invites/\(token)")
            let accepted = try await bob.post("/invites/\(token)")
            let unknown = try await bob.get("/invites/\(String(repeating: "A", count: 43))")
            // check
            #expect(byMember.status == .notFound, "only organizers revoke")
            #expect(revoked.status == .seeOther)
            #expect(revoked.location == "/groups/\(slug)/members")
            #expect(twice.status == .notFound)
            #expect(try revokeActions(in: list) == [ids[1]], "the newest link was revoked; the other stays live")
            for page in [opened, accepted, unknown] {
                #expect(page.status == .notFound)
                #expect(page.contains("This invitation link is no longer valid"))
                #expect(!page.contains("Quiet Room"))
            }
            #expect(try await bob.get("/invites/\(kept)").status == .ok)
        }
    }

    @Test func aLinkExpiresAfterTheChosenDays() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Quiet Room", join: "invite")
            let token = try await alice.createInvite(slug, days: "1")
            var bob = try await app.person("bob")
            app.clock.advance(seconds: 23 * 3600)
            let stillValid = try await bob.get("/invites/\(token)")
            // act
            app.clock.advance(seconds: 2 * 3600)
            let shown = try await bob.get("/invites/\(token)")
            let accepted = try await bob.post("/invites/\(token)")
            let list = try await alice.get("/groups/\(slug)/members")
            // check
            #expect(stillValid.status == .ok)
            #expect(shown.status == .notFound)
            #expect(accepted.status == .notFound)
            #expect(try inviteRows(in: list) == [])
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM memberships") == 1)
        }
    }

    @Test(arguments: [
        ("0", "max_uses"), ("x", "max_uses"), ("1001", "max_uses"), ("2.5", "max_uses"), ("3", "expires_in"),
    ])
    func refusedInputComesBackInTheForm(value: String, field: String) async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Quiet Room", join: "invite")
            let fields = field == "max_uses" ? [("expires_in", "7"), ("max_uses", value)] : [("expires_in", value)]
            // act
            let page = try await alice.post("/groups/\(slug)/invites", fields)
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("id=\"\(field)-error\""))
            if field == "max_uses" {
                #expect(page.contains("Give a whole number from 1 to 1000"))
                #expect(page.contains(#"name="max_uses" type="text" value="\#(value)""#))
                #expect(page.contains(#"<option value="7" selected>"#))
            } else {
                #expect(page.contains("Choose 1, 7, 14 or 30 days."))
            }
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM invites") == 0)
        }
    }
}

/// The uses column of each live link listed on a members page.
private func inviteRows(in page: Page) throws -> [String] {
    guard let table = page.body.firstMatch(of: #/<table id="invites">(?s:.*?)</table>/#) else { return [] }
    return table.output.matches(of: #/<td>(\d+ (?:of \d+|\(no limit\)))</td>/#).map { String($0.output.1) }
}

/// The revoke buttons' addresses on a members page, in the list's order (newest first).
private func revokeActions(in page: Page) throws -> [String] {
    page.body.matches(of: #/action="(/groups/[^"]+/invites/\d+/revoke)"/#).map { String($0.output.1) }
}

private func count(_ app: TestApp, _ query: SQLQueryString) async throws -> Int {
    try #require(try await app.store.sql.raw(query).first()?.decode(column: "n", as: Int.self))
}
