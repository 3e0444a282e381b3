import Foundation
import Testing

/// A week's presenter is a person picked by name (issue 12, item 7): the form lists the people the organizer may
/// already see among the members of the series' organizing groups, takes a shown name or a handle, refuses a
/// name that fits nobody with the input kept, and never lists a stranger, whose exact handle still works.
@Suite struct PresenterChoiceTests {
    @Test func aPresenterIsPickedFromTheOrganizingGroupsMembers() async throws {
        try await withApp { app in
            // setup: ada joins Leeds Tenants (olive organizes it); sam joins Leeds Students, the co-organizing
            // group whose member list olive may not see; mona is in North Center only
            var study = try await studyNetwork(app)
            var ada = app.visitor()
            try await ada.signUp("ada", displayName: "Ada Lovelace")
            try #require(try await ada.post("/groups/\(study.net.leeds)/join").status == .seeOther)
            var sam = try await app.person("sam")
            try #require(try await sam.post("/groups/\(study.net.students)/join").status == .seeOther)
            let week = try await addWeek(&study.net.olive, study.series, topic: "The spring of nations")
            let path = "/study/\(study.series)/weeks/\(week)"

            // act
            let page = try await study.net.olive.get(path)
            let unknown = try await study.net.olive.post("\(path)/presenters", [("presenterHandle", "Nobody Here")])
            let byName = try await study.net.olive.post(
                "\(path)/presenters",
                [("presenterHandle", "ADA LOVELACE (@ada)")]
            )
            let byHandle = try await study.net.olive.post("\(path)/presenters", [("presenterHandle", "bob")])
            let stranger = try await study.net.olive.post("\(path)/presenters", [("presenterHandle", "@mona")])
            let after = try await study.net.olive.get(path)

            // check
            #expect(page.contains(#"<label for="presenterHandle">A person on the site</label>"#))
            #expect(page.contains(#"<option value="Ada Lovelace (@ada)"></option>"#))
            #expect(page.contains(#"<option value="@bob"></option>"#))
            #expect(!page.contains("@sam"), "Leeds Students' members are not olive's to see")
            #expect(!page.contains("@mona"), "mona shares no group with olive")
            #expect(unknown.status == .unprocessableContent)
            #expect(
                fieldError(unknown, "presenterHandle")
                    == "There is no person called “Nobody Here” among those you can choose. Pick from the list of names."
            )
            #expect(unknown.contains(#"value="Nobody Here""#))
            #expect(byName.status == .seeOther)
            #expect(byHandle.status == .seeOther)
            #expect(stranger.status == .seeOther)
            #expect(after.contains("<li>Ada Lovelace <form") || after.contains("<li>Ada Lovelace "))
            #expect(after.contains("<li>bob ") && after.contains("<li>mona "))
        }
    }
}
