import FluentKit
import Foundation
import Freshground
import SQLKit
import Testing

/// A group's posts can be changed and deleted by their author and by the group's organizers, and by nobody else;
/// deleting asks first, and a refused edit keeps what was typed.
@Suite struct PostEditingTests {
    @Test func theAuthorEditsTheirPostAndARefusedEditKeepsTheInput() async throws {
        try await withApp { app in
            // setup: an editor of the group writes a post
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Editing Circle")
            var eddie = try await app.person("eddie")
            _ = try await eddie.post("/groups/\(slug)/join")
            let eddieID = try await accountID(app, "eddie")
            _ = try await alice.post("/groups/\(slug)/members/\(eddieID)/role", [("role", "editor")])
            let written = try await eddie.post(
                "/groups/\(slug)/posts",
                [("title", "Frist meeting"), ("body", "Thursday.")]
            )
            let path = try #require(written.location)

            // act
            let page = try await eddie.get(path)
            let form = try await eddie.get(path + "/edit")
            let refused = try await eddie.post(path, [("title", "First meeting"), ("body", "  ")])
            let saved = try await eddie.post(path, [("title", "First meeting"), ("body", "Thursday at 7.")])
            var reader = app.visitor()
            let after = try await reader.get(path)

            // check
            #expect(page.contains("href=\"\(path)/edit\""))
            #expect(form.contains("value=\"Frist meeting\"") && form.contains("Thursday."))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Write something in the post.") && refused.contains("value=\"First meeting\""))
            #expect(saved.status == .seeOther && saved.location == path)
            #expect(after.contains("First meeting") && after.contains("Thursday at 7."))
            #expect(!after.contains("Frist"))
            #expect(!after.contains("/edit\""), "an anonymous reader is offered no edit")
        }
    }

    @Test func organizersMayOthersMayNot() async throws {
        try await withApp { app in
            // setup: the organizer writes; a member and an outsider try to change it
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Rules Circle")
            let path = try #require(
                try await alice.post("/groups/\(slug)/posts", [("title", "Agenda"), ("body", "Items.")]).location
            )
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(slug)/join")
            var stranger = try await app.person("stranger")

            // act
            let byMember = try await bob.post(path, [("title", "Hijacked"), ("body", "x")])
            let memberForm = try await bob.get(path + "/edit")
            let byStranger = try await stranger.post(path + "/delete")
            let byOrganizer = try await alice.post(path, [("title", "Agenda, revised"), ("body", "Items.")])

            // check
            #expect(byMember.status == .forbidden && memberForm.status == .forbidden)
            #expect(byStranger.status == .forbidden)
            #expect(byOrganizer.status == .seeOther)
            #expect(try await alice.get(path).contains("Agenda, revised"))
        }
    }

    @Test func deletingAsksFirstThenRemovesThePostFromTheGroupPage() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Delete Circle")
            let path = try #require(
                try await alice.post("/groups/\(slug)/posts", [("title", "Wrong date"), ("body", "Oops.")]).location
            )

            // act
            let ask = try await alice.get(path + "/delete")
            let stillThere = try await alice.get("/groups/\(slug)")
            let deleted = try await alice.post(path + "/delete")
            let group = try await alice.get(try #require(deleted.location))
            let gone = try await alice.get(path)

            // check
            #expect(ask.contains("Delete “Wrong date”?") && ask.contains("This cannot be undone."))
            #expect(stillThere.contains("Wrong date"), "asking deletes nothing")
            #expect(group.contains("The post is deleted.") && !group.contains("Wrong date"))
            #expect(gone.status == .notFound)
        }
    }

    /// A post's HTML is rendered when it is written and when it is edited, and kept; posts stored before that
    /// get theirs from the migration, and the group page, the post's page and the feed show it.
    @Test func thePostsHTMLIsKeptWhenWrittenAndEditedAndFilledInForOlderPosts() async throws {
        try await withApp { app in
            // setup: a post in Markdown, then edited
            var alice = try await app.person("alice")
            let slug = try await alice.createGroup("Markdown Circle")
            let path = try #require(
                try await alice.post("/groups/\(slug)/posts", [("title", "Notes"), ("body", "Bring **leaflets**.")])
                    .location
            )
            let written = try await alice.get(path)
            _ = try await alice.post(path, [("title", "Notes"), ("body", "Bring *banners* <b>and</b> leaflets.")])
            let edited = try await alice.get("/groups/\(slug)")
            let sql = app.store.sql
            try await sql.raw("UPDATE posts SET body_html = ''").run()
            let render = try #require(allMigrations.first { $0.name == "RenderPostBodies" })

            // act
            try await render.prepare(on: app.store.db).get()

            // check
            #expect(written.contains("Bring <strong>leaflets</strong>."))
            let html = "Bring <em>banners</em> &lt;b&gt;and&lt;/b&gt; leaflets."
            #expect(edited.contains(html) && !edited.contains("<strong>leaflets"))
            #expect(try await alice.get("/groups/\(slug)").contains(html))
            #expect(try await alice.get(path).contains(html))
            #expect(try await alice.get("/").contains(html), "the feed")
            let left = try await sql.raw("SELECT COUNT(*) AS n FROM posts WHERE body_html = '' AND body <> ''")
                .first()?.decode(column: "n", as: Int.self)
            #expect(left == 0)
        }
    }
}
