import Foundation
import Testing

/// Who edited a group's basis of unity tells who organizes it, so the history names editors only to those who
/// may see the member list (`GroupRules.canSeeMembers`), and says "edited by an organizer" to everyone else.
@Suite("Basis of unity history: who edited it")
struct BasisHistoryPrivacyTests {
    static let organizerName = "Quiet Ada"
    static let organizerHandle = "quietorganizer"

    /// A group organized by Quiet Ada (@quietorganizer), whose basis she wrote and then edited once; Bob is a
    /// plain member. Returns the slug, Ada and Bob.
    func group(
        _ app: TestApp,
        visibility: String = "public",
        membersVisible: Bool
    ) async throws -> (slug: String, organizer: Visitor, member: Visitor) {
        var organizer = app.visitor()
        try await organizer.signUp(Self.organizerHandle, displayName: Self.organizerName)
        let slug = try await organizer.createGroup(
            "Quiet Circle",
            visibility: visibility,
            membersVisible: membersVisible,
            basis: "First words."
        )
        var edit = [
            ("name", "Quiet Circle"), ("slug", slug), ("kind", "circle"), ("description", "About Quiet Circle"),
            ("place_kind", "city"), ("city", "Leeds"), ("place_name", ""), ("visibility", visibility),
            ("join_policy", "open"), ("basis", "Second words."),
        ]
        if membersVisible { edit.append(("members_visible_to_members", "on")) }
        try #require(try await organizer.post("/groups/\(slug)/edit", edit).status == .seeOther)
        var member = try await app.person("bob")
        if visibility == "private" {
            // A private group is found only through an invitation link.
            let token = try await organizer.createInvite(slug)
            try #require(try await member.post("/invites/\(token)").status == .seeOther)
        } else {
            try #require(try await member.post("/groups/\(slug)/join").status == .seeOther)
        }
        return (slug, organizer, member)
    }

    func namesTheEditor(_ page: Page) -> Bool {
        page.contains(Self.organizerName) || page.contains(Self.organizerHandle)
    }

    @Test("an anonymous visitor and a signed-in non-member are told only that an organizer edited it")
    func outsidersSeeNoEditor() async throws {
        try await withApp { app in
            // setup
            let (slug, _, _) = try await group(app, membersVisible: true)
            var stranger = try await app.person("stranger")
            var anonymous = app.visitor()
            // act
            let seenAnonymously = try await anonymous.get("/groups/\(slug)/basis")
            let seenByStranger = try await stranger.get("/groups/\(slug)/basis")
            let api = try await anonymous.api(.get, "/api/v1/groups/\(slug)")
            // check
            for page in [seenAnonymously, seenByStranger] {
                #expect(page.status == .ok)
                #expect(page.contains("Second words."), "the history itself stays public")
                #expect(page.contains("First words."))
                #expect(!namesTheEditor(page), "the editor is named to an outsider")
                #expect(page.body.components(separatedBy: "edited by an organizer").count - 1 == 2)
            }
            #expect(api.status == .ok)
            #expect(!namesTheEditor(api), "the group's API answer names the editor")
        }
    }

    @Test("a member of a group that keeps its member list to organizers does not see the editor")
    func membersOfAClosedListSeeNoEditor() async throws {
        try await withApp { app in
            // setup
            var (slug, _, member) = try await group(app, membersVisible: false)
            // act
            let page = try await member.get("/groups/\(slug)/basis")
            // check
            #expect(page.status == .ok)
            #expect(!namesTheEditor(page))
            #expect(page.contains("edited by an organizer"))
        }
    }

    @Test("a member of a private group that keeps its member list to organizers does not see the editor")
    func membersOfAPrivateGroupSeeNoEditor() async throws {
        try await withApp { app in
            // setup: a private group Bob joined by invitation
            var (slug, _, member) = try await group(app, visibility: "private", membersVisible: false)
            var anonymous = app.visitor()
            // act
            let page = try await member.get("/groups/\(slug)/basis")
            let outside = try await anonymous.get("/groups/\(slug)/basis")
            // check
            #expect(outside.status == .notFound)
            #expect(!namesTheEditor(outside))
            #expect(page.status == .ok)
            #expect(!namesTheEditor(page))
        }
    }

    @Test("the organizer sees who edited it, and so do members when the group shows them its member list")
    func thoseWhoSeeTheMemberListSeeTheEditor() async throws {
        try await withApp { app in
            // setup
            var (closedSlug, organizer, closedMember) = try await group(app, membersVisible: false)
            var openOrganizer = app.visitor()
            try await openOrganizer.signUp("openorganizer", displayName: "Open Olu")
            let openSlug = try await openOrganizer.createGroup("Open Circle", membersVisible: true, basis: "Ours.")
            var openMember = closedMember
            try #require(try await openMember.post("/groups/\(openSlug)/join").status == .seeOther)
            // act
            let seenByOrganizer = try await organizer.get("/groups/\(closedSlug)/basis")
            let seenByMember = try await openMember.get("/groups/\(openSlug)/basis")
            let closedToMember = try await closedMember.get("/groups/\(closedSlug)/basis")
            // check
            #expect(seenByOrganizer.body.components(separatedBy: "edited by \(Self.organizerName)").count - 1 == 2)
            #expect(!seenByOrganizer.contains("edited by an organizer"))
            #expect(seenByMember.contains("edited by Open Olu"))
            #expect(!closedToMember.contains("edited by \(Self.organizerName)"))
        }
    }
}
