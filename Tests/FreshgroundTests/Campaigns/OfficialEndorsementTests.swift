import Foundation
import Testing

/// Groups co-endorsing an official by consent: the recording group's organizers ask a group by name, its organizers
/// are told and accept or decline, and the official's page lists the groups that accepted, a private one named only
/// to those who may see it.
@Suite("Campaigns: groups co-endorsing an official")
struct OfficialEndorsementTests {
    @Test func anAskedGroupIsListedOnlyOnceItsOrganizersAccept() async throws {
        try await withApp(mail: false) { app in
            // setup: Leeds Tenants (olive) records Ada; carol organizes Hyde Park Renters.
            var s = try await OfficialTests().setup(app)
            var carol = try await app.person("carol")
            let renters = try await carol.createGroup("Hyde Park Renters")
            // act
            let asked = try await s.olive.post(
                "/officials/\(s.official)/endorsements",
                [("group", "Hyde Park Renters")]
            )
            let before = try await anonymousGet(app, s.page)
            let notices = try await carol.get("/notifications")
            let waiting = try await carol.get("/officials/invitations")
            let byMember = try await s.bob.post(
                "/officials/\(s.official)/endorsements/\(renters)/answer",
                [("answer", "accept")]
            )
            let accepted = try await carol.post(
                "/officials/\(s.official)/endorsements/\(renters)/answer",
                [("answer", "accept")]
            )
            let again = try await s.olive.post(
                "/officials/\(s.official)/endorsements",
                [("group", "Hyde Park Renters")]
            )
            let after = try await anonymousGet(app, s.page)
            let emptied = try await carol.get("/officials/invitations")
            // check
            #expect(asked.status == .seeOther, "\(errorsIn(asked))")
            #expect(!before.contains("Hyde Park Renters"), "an asked group is not listed before it accepts")
            #expect(notices.contains("Hyde Park Renters is asked to co-endorse Ada Brennan, City councillor"))
            #expect(waiting.contains("Ada Brennan") && waiting.contains("Accept for Hyde Park Renters"))
            #expect(byMember.status == .forbidden, "a member of another group cannot answer for it")
            #expect(accepted.status == .seeOther)
            #expect(again.status == .unprocessableContent && again.contains("already asked or endorses"))
            #expect(after.contains("Endorsed by") && after.contains("Hyde Park Renters"))
            #expect(emptied.contains("No invitation is waiting for your groups."))
        }
    }

    @Test func aDeclinedGroupIsNotListedAndARefusedInvitationKeepsTheInput() async throws {
        try await withApp(mail: false) { app in
            // setup
            var s = try await OfficialTests().setup(app)
            var carol = try await app.person("carol")
            let renters = try await carol.createGroup("Hyde Park Renters")
            try #require(
                try await s.olive.post("/officials/\(s.official)/endorsements", [("group", renters)]).status
                    == .seeOther
            )
            // act
            let declined = try await carol.post(
                "/officials/\(s.official)/endorsements/\(renters)/answer",
                [("answer", "decline")]
            )
            let page = try await s.olive.get(s.page)
            let anonymous = try await anonymousGet(app, s.page)
            let refused = try await s.olive.post("/officials/\(s.official)/endorsements", [("group", "Nobody Such")])
            let byMember = try await s.bob.post("/officials/\(s.official)/endorsements", [("group", renters)])
            // check
            #expect(declined.status == .seeOther)
            #expect(page.contains("declined"), "the recording organizers see the answer")
            #expect(!anonymous.contains("Hyde Park Renters"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("value=\"Nobody Such\""), "the typed name is kept")
            #expect(byMember.status == .forbidden, "only the recording group's organizers ask")
        }
    }

    @Test func aPrivateEndorsingGroupIsNamedOnlyToItsMembers() async throws {
        try await withApp(mail: false) { app in
            // setup: dave organizes the private Quiet Circle, which olive joined so she may ask it.
            var s = try await OfficialTests().setup(app)
            var dave = try await app.person("dave")
            let quiet = try await dave.createGroup("Quiet Circle", visibility: "private")
            let token = try await dave.createInvite(quiet)
            try #require(try await s.olive.post("/invites/\(token)").status == .seeOther)
            try #require(
                try await s.olive.post("/officials/\(s.official)/endorsements", [("group", "Quiet Circle")]).status
                    == .seeOther
            )
            // act
            try #require(
                try await dave.post("/officials/\(s.official)/endorsements/\(quiet)/answer", [("answer", "accept")])
                    .status == .seeOther
            )
            let anonymous = try await anonymousGet(app, s.page)
            var stranger = try await app.person("eve")
            let strangers = try await stranger.get(s.page)
            let member = try await dave.get(s.page)
            // check
            for page in [anonymous, strangers] {
                #expect(!page.contains("Quiet Circle") && !page.contains(quiet))
                #expect(page.contains("a private group"))
            }
            #expect(member.contains("Quiet Circle"))
        }
    }

    @Test func aPrivateRecordingGroupIsNotNamedToTheGroupItAsks() async throws {
        try await withApp(mail: false) { app in
            // setup: the private Leeds Tenants records Ada and asks the public Hyde Park Renters (carol), whose
            // organizer is no member of Leeds Tenants.
            var s = try await OfficialTests().setup(app, visibility: "private")
            var carol = try await app.person("carol")
            let renters = try await carol.createGroup("Hyde Park Renters")
            try #require(
                try await s.olive.post("/officials/\(s.official)/endorsements", [("group", "Hyde Park Renters")])
                    .status == .seeOther
            )
            // act
            let waiting = try await carol.get("/officials/invitations")
            let page = try await carol.get(s.page)
            let accepted = try await carol.post(
                "/officials/\(s.official)/endorsements/\(renters)/answer",
                [("answer", "accept")]
            )
            let members = try await s.bob.get(s.page)
            // check
            #expect(waiting.contains("Ada Brennan") && waiting.contains("recorded by a private group"))
            #expect(!waiting.contains("Leeds Tenants") && !waiting.contains("href=\"\(s.page)\""))
            #expect(page.status == .notFound, "the official's page stays the private group's")
            #expect(accepted.status == .seeOther)
            #expect(members.contains("Hyde Park Renters"), "the members see the public group that endorses")
        }
    }
}
