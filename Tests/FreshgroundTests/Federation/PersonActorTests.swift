import Foundation
import FreshgroundWeb
import SQLKit
import Testing

@testable import Federation

/// What a group publishes names its writers as actors: the account behind a public post, and each byline of a
/// published piece, a pseudonym as an actor of its own that never leads to the account. Nobody else has an
/// actor: not people without anything public, not writers in private groups, so the addresses cannot be walked.
@Suite struct PersonActorTests {
    @Test func writersAreActorsOnlyThroughWhatTheyPublishedInPublic() async throws {
        try await withApp { app in
            var olive = try await app.person("olive")
            let open = try await olive.createGroup("Leeds Renters", kind: "center")
            try await olive.post("/groups/\(open)/posts", [("title", "Rent strike"), ("body", "Friday.")])
            var carol = try await app.person("carol")
            let closed = try await carol.createGroup("Quiet Circle", visibility: "private", join: "invite")
            try await carol.post("/groups/\(closed)/posts", [("title", "Secret plan"), ("body", "Shh.")])
            _ = try await app.person("bob")
            // A pseudonymous report in the center's journal, written by its organizer.
            var editor = olive
            try await publishPiece(
                &olive,
                editor: &editor,
                journal: open,
                title: "Depot walkout",
                fields: reportFields(byline: "A picker")
            )

            var stranger = app.visitor()
            func id(_ handle: String) async throws -> Int {
                try #require(
                    try await app.store.sql.select().column("id").from("people").where("handle", .equal, handle)
                        .value("id", as: Int.self)
                )
            }
            let oliveActor = try await stranger.get("/ap/people/\(try await id("olive"))")
            #expect(oliveActor.status == .ok)
            #expect(oliveActor.contains("\"preferredUsername\":\"olive\""))
            #expect(try await stranger.get("/ap/people/\(try await id("bob"))").status == .notFound)
            #expect(try await stranger.get("/ap/people/\(try await id("carol"))").status == .notFound)
            #expect(try await stranger.get("/ap/people/999999").status == .notFound)

            // The piece names its byline actor, which carries the pen name and nothing of the account.
            let groupActor = try await Fediverse.actorID(of: open, in: app)
            let outbox = try JSONValue(
                parsing: Data(
                    try await stranger.get("/ap/groups/\(groupActor.split(separator: "/").last ?? "")/outbox").body.utf8
                )
            )
            let piece = try #require(
                outbox["orderedItems"]?.array?.compactMap { $0["object"] }.first { $0["name"] == "Depot walkout" }
            )
            let attributed = (piece["attributedTo"]?.array ?? []).compactMap { $0.string }
            #expect(attributed.first == groupActor)
            let byline = try #require(attributed.last { $0.contains("/ap/bylines/") })
            let pen = try await stranger.get(String(byline.dropFirst("http://127.0.0.1:8080".count)))
            #expect(pen.status == .ok)
            #expect(pen.contains("A picker"))
            #expect(!pen.contains("olive"), "the pseudonym never leads to the account")
            #expect(!attributed.contains { $0.contains("/ap/people/") })

            // Once the center is private, neither actor is served.
            let edited = try await olive.post(
                "/groups/\(open)/edit",
                [
                    ("name", "Leeds Renters"), ("slug", open), ("kind", "center"), ("description", "About"),
                    ("place_kind", "city"), ("city", "Leeds"), ("place_name", ""), ("visibility", "private"),
                    ("join_policy", "invite"), ("basis", "Solidarity."),
                ]
            )
            #expect(edited.status == .seeOther, "\(errorsIn(edited))")
            #expect(try await stranger.get("/ap/people/\(try await id("olive"))").status == .notFound)
            #expect(try await stranger.get(String(byline.dropFirst("http://127.0.0.1:8080".count))).status == .notFound)
        }
    }
}
