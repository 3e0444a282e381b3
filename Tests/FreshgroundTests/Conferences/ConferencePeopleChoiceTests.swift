import Foundation
import Testing

/// A conference's committee and a proposal's co-speakers are picked by name (issue 12, item 7): the form lists
/// the people the person filling it in may already see, takes a shown name or a handle (with or without @),
/// refuses a name that fits nobody with the input kept, and never lists a stranger, whose exact handle still
/// works as typing it always did.
@Suite struct ConferencePeopleChoiceTests {
    static func unknown(_ typed: String) -> String {
        "There is no person called “\(typed)” among those you can choose. Pick from the list of names."
    }

    @Test func theCommitteeIsNamedFromTheHostGroupsMembers() async throws {
        try await withApp { app in
            // setup: olive runs the conference for Leeds Tenants (with bob); ada joins Leeds; mona is in
            // North Center only, so a stranger to olive
            var setup = try await conferenceSetup(app, blind: false)
            var ada = app.visitor()
            try await ada.signUp("ada", displayName: "Ada Lovelace")
            try #require(try await ada.post("/groups/\(setup.net.leeds)/join").status == .seeOther)
            let committee = "\(setup.base)/committee"

            // act
            let page = try await setup.net.olive.get(setup.base)
            let unknown = try await setup.net.olive.post(committee, [("handle", "Nobody Here")])
            let byName = try await setup.net.olive.post(committee, [("handle", "Ada Lovelace (@ada)")])
            let byHandle = try await setup.net.olive.post(committee, [("handle", "@bob")])
            let stranger = try await setup.net.olive.post(committee, [("handle", "MONA")])
            let after = try await setup.net.olive.get(setup.base)

            // check
            #expect(page.contains(#"<label for="handle">Add a committee member</label>"#))
            #expect(page.contains(#"<option value="Ada Lovelace (@ada)"></option>"#))
            #expect(page.contains(#"<option value="@bob"></option>"#))
            #expect(page.contains(#"<option value="@olive"></option>"#))
            #expect(!page.contains(#"<option value="@mona"></option>"#), "mona shares no group with olive")
            #expect(!page.contains("@mona"))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "handle") == Self.unknown("Nobody Here"))
            #expect(unknown.contains(#"value="Nobody Here""#))
            try await expectRedirect(byName)
            try await expectRedirect(byHandle)
            try await expectRedirect(stranger)
            #expect(after.contains("<li>Ada Lovelace (@ada)"))
            #expect(after.contains("<li>bob (@bob)"))
            #expect(after.contains("<li>mona (@mona)"))
        }
    }

    @Test func coSpeakersAreOfferedOnlyWhereTheProposerSeesMembers() async throws {
        try await withApp { app in
            // setup: pia is a member of Open Circle, whose members see each other (ada organizes it), and of
            // Leeds Tenants, whose member list only olive sees (bob is there); zed is in no group
            let setup = try await conferenceSetup(app, blind: false)
            var ada = app.visitor()
            try await ada.signUp("ada", displayName: "Ada Lovelace")
            let open = try await ada.createGroup("Open Circle", membersVisible: true)
            var pia = try await app.person("pia")
            for group in [open, setup.net.leeds] {
                try #require(try await pia.post("/groups/\(group)/join").status == .seeOther)
            }
            _ = try await app.person("zed")
            let fields = { (speakers: String) in
                [
                    ("kind", "talk"), ("title", "Rent strikes"), ("abstract", "How to win."), ("group", ""),
                    ("speakers", speakers), ("track", ""),
                ]
            }

            // act
            let form = try await pia.get("\(setup.base)/proposals/new")
            let unknown = try await pia.post(
                "\(setup.base)/proposals",
                fields("Ada Lovelace (@ada), Nobody Here")
            )
            let sent = try await pia.post("\(setup.base)/proposals", fields("Ada Lovelace (@ada), @zed"))
            let proposal = try await pia.get(try #require(sent.location))

            // check
            #expect(form.contains(#"<label for="speakers">Co-speakers (separated by commas)</label>"#))
            #expect(form.contains(#"<option value="Ada Lovelace (@ada)"></option>"#))
            #expect(!form.contains("@bob"), "Leeds Tenants does not show its members to members")
            #expect(!form.contains("@zed") && !form.contains("@olive") && !form.contains("@pia"))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "speakers") == Self.unknown("Nobody Here"))
            #expect(unknown.contains(#"value="Ada Lovelace (@ada), Nobody Here""#))
            try await expectRedirect(sent)
            #expect(proposal.contains("Ada Lovelace (@ada), not answered yet"))
            #expect(proposal.contains("zed (@zed), not answered yet"))
        }
    }
}
