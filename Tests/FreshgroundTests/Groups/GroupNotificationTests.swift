import Foundation
import Testing

@Suite("Groups: organizers are told of join and affiliation requests")
struct GroupNotificationTests {
    /// Riverside Circle (approval to join), organized by olive and otto, with mona as a plain member.
    static func riverside(_ app: TestApp) async throws -> (olive: Visitor, otto: Visitor, mona: Visitor, slug: String) {
        var olive = try await app.person("olive")
        let slug = try await olive.createGroup("Riverside Circle", join: "approval")
        var otto = try await app.person("otto")
        try await makeMember(app, &otto, of: slug, organizer: &olive, role: "organizer")
        var mona = try await app.person("mona")
        try await makeMember(app, &mona, of: slug, organizer: &olive)
        return (olive, otto, mona, slug)
    }

    @Test func aJoinRequestTellsEachOrganizerAndNobodyElse() async throws {
        try await withApp { app in
            // setup
            var (olive, _, mona, slug) = try await Self.riverside(app)
            var mara = try await app.person("mara")

            // act
            let asked = try await mara.post("/groups/\(slug)/join")
            let oliveList = try await olive.get("/notifications")
            let monaList = try await mona.get("/notifications")

            // check: both organizers, not the plain member and not mara herself, with the members page to answer
            #expect(asked.status == .seeOther)
            let notices = try await notices(app, about: "mara asked to join Riverside Circle")
            #expect(notices.map(\.handle) == ["olive", "otto"])
            #expect(notices.allSatisfy { $0.kind == "join_request" && $0.path == "/groups/\(slug)/members" })
            #expect(oliveList.contains("mara asked to join Riverside Circle"))
            #expect(!monaList.contains("mara asked to join"))
            let link = try #require(oliveList.body.firstMatch(of: #/href="(/notifications/[0-9]+)"/#)?.output.1)
            let opened = try await olive.get(String(link))
            #expect(opened.location == "/groups/\(slug)/members")
            let members = try await olive.get("/groups/\(slug)/members")
            #expect(members.contains("mara"))
        }
    }

    @Test func joiningAnOpenGroupTellsNobody() async throws {
        try await withApp { app in
            // setup
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Open Circle", join: "open")
            var mara = try await app.person("mara")

            // act
            let joined = try await mara.post("/groups/\(slug)/join")

            // check
            #expect(joined.status == .seeOther)
            #expect(try await told(app, about: "asked to join").isEmpty)
        }
    }

    @Test func anAffiliationRequestTellsTheOtherGroupsOrganizers() async throws {
        try await withApp { app in
            // setup
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            var mona = try await app.person("mona")
            try await makeMember(app, &mona, of: center, organizer: &carol)
            var olive = try await app.person("olive")
            let circle = try await olive.createGroup("Leeds Circle")

            // act
            let asked = try await olive.post("/groups/\(center)/affiliations", [("group", circle)])

            // check: carol organizes the center; mona is only a member, olive asked
            #expect(asked.status == .seeOther)
            let notices = try await notices(
                app,
                about: "Leeds Circle asked to be listed as affiliated with North Center"
            )
            #expect(notices.map(\.handle) == ["carol"])
            #expect(notices.first?.kind == "invitation")
            #expect(notices.first?.path == "/groups/\(center)#affiliations")
        }
    }
}
