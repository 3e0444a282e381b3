import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit
import Testing

@testable import Federation

/// What a followed group on another server sends is taken in, made safe, and only from that group: nothing from
/// actors no group here follows, nothing attributed to someone else, and a private group's follow goes out from
/// the server's own actor, so the group is never named outside.
@Suite struct RemoteContentTests {
    @Test func aFollowedRemoteGroupsPostsArriveSanitizedAndNothingElseDoes() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                var olive = try await app.person("olive")
                let circle = try await olive.createGroup("Hyde Park Circle")
                let quiet = try await olive.createGroup("Quiet Circle", visibility: "private", join: "invite")
                // Bad handles and addresses this server must not fetch are refused with a message, the input kept.
                for handle in [
                    "", "leeds", "javascript:alert(1)", "http://169.254.169.254/latest/meta-data/",
                    "@nobody@127.0.0.1:8080", peer.actor("alice"),
                ] {
                    let refused = try await olive.post("/groups-elsewhere", [("handle", handle)])
                    #expect(refused.status == .unprocessableContent, "\(handle)")
                    #expect(refused.contains("field-error"), "\(handle)")
                }
                let found = try await olive.post("/groups-elsewhere", [("handle", peer.actor("group-a"))])
                #expect(found.status == .seeOther, "\(errorsIn(found))")
                let remotePath = try #require(found.location)
                for group in [circle, quiet] {
                    let followed = try await olive.post("\(remotePath)/followers", [("group", group)])
                    #expect(followed.status == .seeOther, "\(errorsIn(followed))")
                }
                let federation = Federator(services: app.services())
                _ = try await Following(federation: federation).sendDue()
                _ = try await federation.deliveries.deliverDue()
                let follows = try await peer.waitFor(2).filter { $0.activity["type"] == "Follow" }
                #expect(follows.count == 2)
                let actors = Set(follows.compactMap { $0.activity["actor"]?.string })
                let circleActor = try await Fediverse.actorID(of: circle, in: app)
                #expect(actors == [circleActor, federation.links.instance], "the private circle is never named")
                #expect(follows.allSatisfy { $0.activity["object"]?.string == peer.actor("group-a") })

                let hostile = """
                    <p>Rent <strong>strike</strong> &amp; more<script>alert(1)</script></p>\
                    <img src=x onerror="alert(2)"><a href="javascript:alert(3)">click</a> \
                    <a href="https://example.org/report">report</a><iframe src="https://evil.example"></iframe>
                    """
                let create = article(peer, id: "/posts/1", from: "group-a", name: "Strike news", content: hostile)
                #expect(
                    try await peer.post(create, to: "/ap/inbox", in: app, as: "group-a", date: app.clock.now)
                        == .accepted
                )
                var stranger = app.visitor()
                let page = try await stranger.get(remotePath)
                #expect(page.contains("Strike news"))
                #expect(page.contains("<strong>strike</strong>"))
                #expect(page.contains("href=\"https://example.org/report\""))
                for inert in ["<script", "alert(1)", "onerror", "javascript:", "<iframe", "<img"] {
                    #expect(!page.body.contains(inert), "\(inert) is dropped")
                }

                // Nothing from an actor no group here follows, nor a post attributed to another actor.
                let stray = article(peer, id: "/posts/2", from: "mallory", name: "Stray post", content: "<p>x</p>")
                #expect(
                    try await peer.post(stray, to: "/ap/inbox", in: app, as: "mallory", date: app.clock.now)
                        == .accepted
                )
                var borrowed = article(
                    peer,
                    id: "/posts/3",
                    from: "group-a",
                    name: "Borrowed post",
                    content: "<p>x</p>"
                )
                borrowed = replacing(borrowed, attributedTo: peer.actor("someone-else"))
                #expect(
                    try await peer.post(borrowed, to: "/ap/inbox", in: app, as: "group-a", date: app.clock.now)
                        == .accepted
                )
                let titles = try await app.store.sql.select().column("title").from("posts")
                    .where("origin", .isNot, SQLLiteral.null).column("title", as: String.self)
                #expect(titles == ["Strike news"])

                // The copy is never served as an actor of this server, nor found by WebFinger as one.
                let remoteID = try #require(
                    try await app.store.sql.select().column("id").from("groups")
                        .where("origin", .equal, peer.actor("group-a")).value("id", as: Int.self)
                )
                #expect(try await stranger.get("/ap/groups/\(remoteID)").status == .notFound)
                let remoteSlug = String(remotePath.dropFirst("/groups/".count))
                let finger = try await stranger.get("/.well-known/webfinger?resource=acct:\(remoteSlug)@127.0.0.1:8080")
                #expect(finger.status == .notFound)

                // An affiliation request goes out from the public circle; the private one is told it cannot ask.
                let asked = try await olive.post("\(remotePath)/affiliations", [("group", circle)])
                #expect(asked.status == .seeOther, "\(errorsIn(asked))")
                let refused = try await olive.post("\(remotePath)/affiliations", [("group", quiet)])
                #expect(refused.status == .seeOther)
                #expect(try await olive.get(remotePath).contains("is private: it cannot ask a group on"))
                #expect(try await app.store.sql.count({ $0 }, from: "affiliations") == 1)
                _ = try await Affiliating(federation: federation).sendDue()
                _ = try await federation.deliveries.deliverDue()
                let join = try await peer.waitFor("Join") { $0.activity["type"] == "Join" }
                #expect(join.activity["actor"]?.string == circleActor)
                #expect(join.activity["object"]?.string == peer.actor("group-a"))
                try await Task.sleep(for: .milliseconds(300))
                #expect(peer.received.filter { $0.activity["type"] == "Join" }.count == 1)
                #expect(!peer.received.contains { $0.body.range(of: Data("Quiet".utf8)) != nil })

                // The group deletes it: it goes.
                let delete: JSONValue = .object([
                    "id": .string(peer.base + "/deletes/1"), "type": "Delete", "actor": .string(peer.actor("group-a")),
                    "object": .string(peer.base + "/posts/1"),
                ])
                #expect(
                    try await peer.post(delete, to: "/ap/inbox", in: app, as: "group-a", date: app.clock.now)
                        == .accepted
                )
                #expect(!(try await stranger.get(remotePath)).contains("Strike news"))

                // The group is deleted on its server: its copy goes, and the follows of it.
                let gone: JSONValue = .object([
                    "id": .string(peer.base + "/deletes/group-a"), "type": "Delete",
                    "actor": .string(peer.actor("group-a")), "object": .string(peer.actor("group-a")),
                ])
                #expect(
                    try await peer.post(gone, to: "/ap/inbox", in: app, as: "group-a", date: app.clock.now) == .accepted
                )
                #expect(try await stranger.get(remotePath).status == .notFound)
                #expect(try await app.store.sql.count({ $0 }, from: "federation_following") == 0)
            }
        }
    }

    @Test func remoteHTMLKeepsTheAllowlistAndDropsTheRest() {
        #expect(RemoteHTML.markdown("<p>One</p><p>Two &lt;b&gt;</p>") == "One\n\nTwo <b\\>")
        #expect(RemoteHTML.markdown("<ul><li>a</li><li>b</li></ul>") == "- a\n- b")
        #expect(RemoteHTML.markdown("<a href=\"https://x.org/a)b\">x</a>") == "[x](https://x.org/a%29b)")
        #expect(RemoteHTML.markdown("<a href='data:text/html,hi'>x</a>") == "x")
        #expect(RemoteHTML.markdown("<style>p{}</style><p>*not em*</p>") == "\\*not em\\*")
        #expect(RemoteHTML.markdown("<p>unclosed <script>evil") == "unclosed")
        #expect(RemoteHTML.text("<b>Hi</b>&#33;\n there", limit: 80) == "Hi ! there")
        let rendered = Markdown.html(RemoteHTML.markdown("<p onclick=\"x()\">a<svg onload=alert(1)><b>b</b></svg></p>"))
        #expect(rendered.trimmingCharacters(in: .whitespacesAndNewlines) == "<p>a</p>")
    }
}

private func article(
    _ peer: RemotePeer,
    id: String,
    from name: String,
    name title: String,
    content: String
) -> JSONValue {
    .object([
        "id": .string(peer.base + id + "#create"), "type": "Create", "actor": .string(peer.actor(name)),
        "object": .object([
            "id": .string(peer.base + id), "type": "Article", "name": .string(title), "content": .string(content),
            "attributedTo": .string(peer.actor(name)), "published": "2026-09-20T10:00:00Z",
        ]),
    ])
}

private func replacing(_ create: JSONValue, attributedTo actor: String) -> JSONValue {
    guard case .object(var outer) = create, case .object(var object)? = outer["object"] else { return create }
    object["attributedTo"] = .string(actor)
    outer["object"] = .object(object)
    return .object(outer)
}
