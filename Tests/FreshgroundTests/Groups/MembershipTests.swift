import Foundation
import HTTPTypes
import SQLKit
import Testing

/// Joining, leaving, invitations, roles and pledges.
@Suite("Groups: membership")
struct MembershipTests {
    @Test func joiningAnOpenGroupMakesAnActiveMember() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Open Circle", join: "open")
            var bob = try await app.person("bob")
            // act
            let join = try await bob.post("/groups/\(slug)/join")
            let landing = try await bob.get(try #require(join.location))
            // check
            #expect(join.status == .seeOther)
            #expect(landing.contains("Welcome to Open Circle!"))
            #expect(landing.contains("You are a member of this group."))
            #expect(landing.contains(#"href="/groups/\#(slug)/leave""#), "leaving starts with a confirmation step")
            let mine = try await membership(&bob, in: slug)
            #expect(mine?["status"] as? String == "active")
            #expect(mine?["role"] as? String == "member")
        }
    }

    @Test func joiningAnApprovalGroupWaitsForAnOrganizer() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Careful Circle", join: "approval", membersVisible: true)
            var bob = try await app.person("bob")
            let bobID = try await personID(app, "bob")
            // act
            let ask = try await bob.post("/groups/\(slug)/join")
            let waiting = try await bob.get(try #require(ask.location))
            let pendingStatus = try await membership(&bob, in: slug)?["status"] as? String
            let pendingMembers = try await bob.get("/groups/\(slug)/members")
            let organizerView = try await alice.get("/groups/\(slug)/members")
            let approve = try await alice.post("/groups/\(slug)/members/\(bobID)/approve")
            // check
            #expect(waiting.contains("Your request to join is sent to the organizers."))
            #expect(waiting.contains("Your request to join is waiting for an organizer."))
            #expect(pendingStatus == "pending")
            #expect(pendingMembers.status == .notFound, "a request is not membership")
            #expect(organizerView.contains("asks to join"))
            #expect(organizerView.contains(#"action="/groups/\#(slug)/members/\#(bobID)/approve""#))
            #expect(approve.status == .seeOther)
            #expect(try await membership(&bob, in: slug)?["status"] as? String == "active")
            #expect(try await bob.get("/groups/\(slug)/members").status == .ok)
        }
    }

    @Test func anInviteOnlyGroupRefusesJoiningWithAMessage() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Closed Circle", join: "invite")
            var bob = try await app.person("bob")
            // act
            let page = try await bob.get("/groups/\(slug)")
            let join = try await bob.post("/groups/\(slug)/join")
            let landing = try await bob.get(try #require(join.location))
            // check
            #expect(!page.contains(#"action="/groups/\#(slug)/join""#))
            #expect(page.contains("This group takes new members by invitation."))
            #expect(landing.contains("Closed Circle takes new members by invitation only"))
            #expect(try await membership(&bob, in: slug) == nil)
        }
    }

    @Test func anInvitationLinkLetsSomeoneJoinEvenAPrivateGroup() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Quiet Room", visibility: "private", join: "invite")
            var bob = try await app.person("bob")
            let before = try await bob.get("/groups/\(slug)")
            // act
            let created = try await alice.post("/groups/\(slug)/invites", [("expires_in", "14"), ("max_uses", "")])
            let members = try await alice.get(try #require(created.location))
            let token = try inviteToken(in: members)
            let invitation = try await bob.get("/invites/\(token)")
            let accept = try await bob.post("/invites/\(token)")
            let after = try await bob.get("/groups/\(slug)")
            let memberMakesInvite = try await bob.post("/groups/\(slug)/invites")
            // check
            #expect(before.status == .notFound)
            #expect(created.status == .seeOther, "the new link is shown after a redirect, so a reload makes none")
            #expect(invitation.status == .ok)
            #expect(invitation.contains("You are invited to join Quiet Room"))
            #expect(accept.status == .seeOther)
            #expect(accept.location == "/groups/\(slug)")
            #expect(after.status == .ok)
            #expect(after.contains("You are a member of this group."))
            #expect(try await membership(&bob, in: slug)?["status"] as? String == "active")
            #expect(memberMakesInvite.status == .notFound, "only organizers make invitation links")
        }
    }

    @Test func anInvitationLinkExpiresAfterTwoWeeks() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Slow Circle", join: "invite")
            let token = try await alice.createInvite(slug)
            var bob = try await app.person("bob")
            app.clock.advance(seconds: 13 * 24 * 3600)
            let stillValid = try await bob.get("/invites/\(token)")
            // act
            app.clock.advance(seconds: 2 * 24 * 3600)
            let shown = try await bob.get("/invites/\(token)")
            let accepted = try await bob.post("/invites/\(token)")
            // check
            #expect(stillValid.status == .ok)
            #expect(shown.status == .notFound)
            #expect(accepted.status == .notFound)
            #expect(try await membership(&bob, in: slug) == nil)
        }
    }

    @Test func aMemberCanLeave() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Open Circle")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")
            // act
            let leave = try await bob.post("/groups/\(slug)/leave")
            let landing = try await bob.get(try #require(leave.location))
            // check
            #expect(landing.contains("You left Open Circle."))
            #expect(landing.contains(#"action="/groups/\#(slug)/join""#))
            #expect(try await membership(&bob, in: slug) == nil)
        }
    }

    @Test func theLastOrganizerCannotLeaveBeDemotedOrRemoved() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Lonely Circle")
            let aliceID = try await personID(app, "alice")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")
            // act
            let leave = try await alice.post("/groups/\(slug)/leave")
            let leaveMessage = try await alice.get(try #require(leave.location))
            let demote = try await alice.post("/groups/\(slug)/members/\(aliceID)/role", [("role", "member")])
            let demoteMessage = try await alice.get(try #require(demote.location))
            let remove = try await alice.post("/groups/\(slug)/members/\(aliceID)/remove")
            let removeMessage = try await alice.get(try #require(remove.location))
            // check
            #expect(
                leaveMessage.contains("You are the only organizer. Make another member an organizer before you leave.")
            )
            #expect(demoteMessage.contains("A group needs at least one organizer"))
            #expect(removeMessage.contains("A group needs at least one organizer"))
            let mine = try await membership(&alice, in: slug)
            #expect(mine?["role"] as? String == "organizer")
            #expect(mine?["status"] as? String == "active")
            // with a second organizer, the first may go
            let bobID = try await personID(app, "bob")
            _ = try await alice.post("/groups/\(slug)/members/\(bobID)/role", [("role", "organizer")])
            _ = try await alice.post("/groups/\(slug)/leave")
            #expect(try await membership(&alice, in: slug) == nil)
        }
    }

    @Test func organizersChangeRolesAndNobodyElseCan() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Role Circle")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")
            let aliceID = try await personID(app, "alice")
            let bobID = try await personID(app, "bob")
            // act
            let memberTries = try await bob.post("/groups/\(slug)/members/\(bobID)/role", [("role", "organizer")])
            let toEditor = try await alice.post("/groups/\(slug)/members/\(bobID)/role", [("role", "editor")])
            let editorPage = try await bob.get("/groups/\(slug)")
            let editorMembers = try await bob.get("/groups/\(slug)/members")
            let editorTries = try await bob.post("/groups/\(slug)/members/\(aliceID)/role", [("role", "member")])
            _ = try await alice.post("/groups/\(slug)/members/\(bobID)/role", [("role", "organizer")])
            let organizerMembers = try await bob.get("/groups/\(slug)/members")
            let demoteAlice = try await bob.post("/groups/\(slug)/members/\(aliceID)/role", [("role", "member")])
            // check
            #expect(memberTries.status == .notFound)
            #expect(toEditor.status == .seeOther)
            #expect(editorPage.contains(#"href="/groups/\#(slug)/posts/new""#))
            #expect(editorMembers.status == .notFound)
            #expect(editorTries.status == .notFound)
            #expect(organizerMembers.status == .ok)
            #expect(demoteAlice.status == .seeOther)
            #expect(try await membership(&alice, in: slug)?["role"] as? String == "member")
            #expect(try await membership(&bob, in: slug)?["role"] as? String == "organizer")
        }
    }

    @Test func aPledgeIsSavedValidatedAndShownToThePersonAndOrganizers() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Pledge Circle")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")
            let before = try await membership(&bob, in: slug)
            // act
            let saved = try await bob.post("/groups/\(slug)/pledge", [("hours", "2.5")])
            let savedMessage = try await bob.get(try #require(saved.location))
            var refusals: [Page] = []
            for bad in ["abc", "81", "-1"] {
                refusals.append(try await bob.post("/groups/\(slug)/pledge", [("hours", bad)]))
            }
            let organizerView = try await alice.get("/groups/\(slug)/members")
            // check
            #expect(before?["pledgeHours"] is NSNull, "no pledge yet is reported as null")
            #expect(savedMessage.contains("Your pledge is saved."))
            #expect(savedMessage.contains("value=\"2.5\""), "the form shows the current pledge")
            for (refusal, bad) in zip(refusals, ["abc", "81", "-1"]) {
                #expect(refusal.status == .unprocessableContent)
                #expect(refusal.contains("Give a number of hours from 0 to 80, such as 2 or 1.5."))
                #expect(refusal.contains("value=\"\(bad)\""), "the refused value is kept in the field")
            }
            #expect(
                try await membership(&bob, in: slug)?["pledgeHours"] as? Double == 2.5,
                "refused input changes nothing"
            )
            #expect(organizerView.contains("2.5 h/week"))
            _ = try await bob.post("/groups/\(slug)/pledge", [("hours", "80")])
            #expect(try await membership(&bob, in: slug)?["pledgeHours"] as? Double == 80)
        }
    }

    @Test func clearingAPledgeIsAnExplicitChoice() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Clear Circle")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")
            _ = try await bob.post("/groups/\(slug)/pledge", [("hours", "3")])

            // act: an empty field is refused; the Clear button clears
            let empty = try await bob.post("/groups/\(slug)/pledge", [("hours", "")])
            let kept = try await membership(&bob, in: slug)?["pledgeHours"] as? Double
            let page = try await bob.get("/groups/\(slug)")
            let cleared = try await bob.post("/groups/\(slug)/pledge", [("hours", ""), ("clear", "1")])
            let after = try await bob.get(try #require(cleared.location))

            // check
            #expect(empty.status == .unprocessableContent)
            #expect(empty.contains("Give a number of hours, or clear your pledge with its button."))
            #expect(kept == 3)
            #expect(page.contains("Clear my pledge"))
            #expect(page.contains("name=\"hours\" type=\"text\" value=\"3\""), "the form shows the pledge kept")
            #expect(after.contains("Your pledge is cleared."))
            #expect(try await membership(&bob, in: slug)?["pledgeHours"] is NSNull)
            #expect(!after.contains("Clear my pledge"))
        }
    }

    @Test func otherMembersNeverSeePledgesOrRolesEvenWhenTheListIsShown() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Shared List", membersVisible: true)
            let hidden = try await alice.createGroup("Closed List", membersVisible: false)
            var bob = try await app.person("bob")
            var carol = try await app.person("carol")
            for slug in [slug, hidden] {
                _ = try await bob.post("/groups/\(slug)/join")
                _ = try await carol.post("/groups/\(slug)/join")
            }
            _ = try await bob.post("/groups/\(slug)/pledge", [("hours", "3")])
            _ = try await carol.post("/groups/\(slug)/pledge", [("hours", "1.5")])
            // act
            let carolView = try await carol.get("/groups/\(slug)/members")
            let organizerView = try await alice.get("/groups/\(slug)/members")
            let closedList = try await carol.get("/groups/\(hidden)/members")
            // check: the list is shown, but only carol's own pledge and role
            #expect(carolView.status == .ok)
            #expect(carolView.contains("@bob"))
            #expect(carolView.contains("@alice"))
            #expect(!carolView.contains("3 h/week"), "another member's pledge stays hidden")
            #expect(carolView.contains("1.5 h/week"), "a person sees their own pledge")
            #expect(!carolView.contains("<td>organizer</td>"), "roles stay with the organizers")
            #expect(carolView.body.components(separatedBy: "<td>member</td>").count == 2, "only carol's own role")
            #expect(!carolView.contains("/members/"), "no organizer controls")
            #expect(organizerView.contains("3 h/week"))
            #expect(organizerView.contains("1.5 h/week"))
            #expect(closedList.status == .notFound)
        }
    }

    @Test func memberListsAreHiddenFromOutsiders() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Shared List", membersVisible: true)
            var outsider = try await app.person("dave")
            var anonymous = app.visitor()
            // act
            let outsiderView = try await outsider.get("/groups/\(slug)/members")
            let anonymousView = try await anonymous.get("/groups/\(slug)/members")
            let detail = try await outsider.api(.get, "/api/v1/groups/\(slug)")
            // check
            #expect(outsiderView.status == .notFound)
            #expect(!outsiderView.contains("@alice"))
            #expect(anonymousView.status == .notFound)
            #expect(!anonymousView.contains("@alice"))
            #expect(detail.json["memberCount"] == nil)
        }
    }
}

// MARK: - Helpers

/// The person's own membership in a group, as the API reports it.
private func membership(_ visitor: inout Visitor, in slug: String) async throws -> [String: Any]? {
    let page = try await visitor.api(.get, "/api/v1/me/memberships")
    let items = try #require(page.json["items"] as? [[String: Any]])
    return items.first { ($0["group"] as? [String: Any])?["slug"] as? String == slug }
}

private func personID(_ app: TestApp, _ handle: String) async throws -> Int {
    let row = try await app.store.sql.raw("SELECT id FROM people WHERE handle = \(bind: handle)").first()
    return try #require(try row?.decode(column: "id", as: Int.self))
}
