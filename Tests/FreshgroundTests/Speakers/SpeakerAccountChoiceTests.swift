import Foundation
import Testing

/// A speaker's account on the site is picked by name (issue 12, item 7): the form lists the person adding the
/// speaker and the members of groups whose member list they may see, takes a shown name or a handle, refuses a
/// name that fits nobody with the input kept, and never lists a stranger, whose exact handle still works.
@Suite struct SpeakerAccountChoiceTests {
    @Test func aSpeakersAccountIsPickedByName() async throws {
        try await withApp { app in
            // setup: alice organizes North Center, which ben joined; carol shares no group with her
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            var ben = app.visitor()
            try await ben.signUp("ben", displayName: "Ben Tillett")
            try #require(try await ben.post("/groups/\(center)/join").status == .seeOther)
            var carol = try await app.person("carol")
            _ = try await carol.createGroup("Far Circle")
            let fields = { (name: String, handle: String) in
                [("group", center), ("name", name), ("handle", handle), ("city", "leeds"), ("topics", "docks")]
            }

            // act
            let form = try await alice.get("/speakers/new")
            let unknown = try await alice.post("/speakers", fields("Rosa Example", "Nobody Here"))
            let byName = try await alice.post("/speakers", fields("Ben Tillett", "Ben Tillett (@ben)"))
            let stranger = try await alice.post("/speakers", fields("Carol Speaker", "@Carol"))
            let benPage = try await alice.get(try #require(byName.location))
            let carolPage = try await alice.get(try #require(stranger.location))
            let edit = try await alice.get("\(try #require(byName.location))/edit")

            // check
            #expect(form.contains(#"<label for="handle">Their account on the site (optional)</label>"#))
            #expect(form.contains(#"<option value="Ben Tillett (@ben)"></option>"#))
            #expect(form.contains(#"<option value="@alice"></option>"#))
            #expect(!form.contains("@carol"), "carol shares no group with alice")
            #expect(unknown.status == .unprocessableContent)
            #expect(
                fieldError(unknown, "handle")
                    == "There is no person called “Nobody Here” among those you can choose. Pick from the list of names."
            )
            #expect(unknown.contains(#"value="Nobody Here""#) && unknown.contains(#"value="Rosa Example""#))
            #expect(byName.status == .seeOther && stranger.status == .seeOther)
            #expect(benPage.contains("on the site as @ben"))
            #expect(carolPage.contains("on the site as @carol"))
            #expect(edit.contains(#"name="handle" type="text" value="Ben Tillett (@ben)""#))
        }
    }

    @Test func whichAccountASpeakerIsShowsOnlyToThoseWhoMayEditTheEntry() async throws {
        try await withApp { app in
            // setup: alice adds the speaker "Ben Tillett" and links ben's account (a member of her center)
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            var ben = try await app.person("ben")
            try #require(try await ben.post("/groups/\(center)/join").status == .seeOther)
            let added = try await alice.post(
                "/speakers",
                [
                    ("group", center), ("name", "Ben Tillett"), ("handle", "@ben"), ("city", "leeds"),
                    ("topics", "docks"),
                ]
            )
            let page = try #require(added.location)
            let id = try #require(page.split(separator: "/").last.map(String.init))
            var carol = try await app.person("carol")
            // act
            let readers = [
                try await app.anonymousGet(page), try await app.anonymousGet("/api/v1/speakers/\(id)"),
                try await app.anonymousGet("/speakers"), try await app.anonymousGet("/api/v1/speakers"),
                try await carol.get(page), try await carol.api(.get, "/api/v1/speakers/\(id)"),
            ]
            let own = try await ben.get(page)
            let adder = try await alice.get(page)
            // check
            for answer in readers {
                #expect(answer.status == .ok)
                #expect(answer.contains("Ben Tillett") && !answer.contains("@ben") && !answer.contains("\"ben\""))
            }
            #expect(own.contains("on the site as @ben") && adder.contains("on the site as @ben"))
        }
    }
}
