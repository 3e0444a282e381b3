import Foundation
import FreshgroundWeb
import HTTPTypes
import Testing
import _CryptoExtras

@testable import Federation

/// A group on this server followed from another server (a real HTTP server on loopback standing in for it):
/// discovery, the follow and its Accept, the backfill, new posts going out, the unfollow.
@Suite struct FederationTests {
    @Test func aRemoteActorFollowsAGroupAndReceivesItsPosts() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                var (organizer, slug, actor, id, follow) = try await Fediverse.followedGroup(
                    posts: [("Rent strike", "We *meet* Friday.")],
                    inbox: { "/ap/groups/\($0)/inbox" },
                    by: peer,
                    in: app
                )
                var visitor = app.visitor()
                let followers = try JSONValue(
                    parsing: Data(try await visitor.get("/ap/groups/\(id)/followers").body.utf8)
                )
                #expect(followers["totalItems"] == .int(1))
                #expect(followers["orderedItems"] == nil && followers["items"] == nil)

                // The server also sends in the background; either way, both arrive.
                let federation = Federator(services: app.services())
                _ = try await federation.deliveries.deliverDue()
                let received = try await peer.waitFor(2)
                #expect(Set(received.map { $0.activity["type"]?.string }) == ["Accept", "Create"])
                #expect(received.allSatisfy { $0.path == "/users/alice/inbox" })
                let accept = try #require(received.first { $0.activity["type"] == "Accept" })
                #expect(accept.activity["object"]?["id"]?.string == peer.base + "/activities/1")
                let create = try #require(received.first { $0.activity["type"] == "Create" })
                let article = try #require(create.activity["object"])
                #expect(article["type"] == "Article")
                #expect(article["name"] == "Rent strike")
                #expect(article["content"]?.string?.contains("<em>meet</em>") == true)
                // The group first; then the organizer who wrote it, as an actor that names them and nothing more.
                let attributed = (article["attributedTo"]?.array ?? []).compactMap { $0.string }
                #expect(attributed.first == actor)
                #expect(attributed.count == 2)
                let author = try JSONValue(
                    parsing: Data(
                        try await visitor.get(String(attributed[1].dropFirst("http://127.0.0.1:8080".count))).body.utf8
                    )
                )
                #expect(author["type"] == "Person")
                #expect(author["preferredUsername"] == "organizer")
                #expect(article["audience"]?.string == actor)
                #expect(article["to"] == .array([.string(Documents.publicAudience)]))

                // Each delivery is signed by the group with the key its actor document publishes.
                let document = try JSONValue(parsing: Data(try await visitor.get("/ap/groups/\(id)").body.utf8))
                let pem = try #require(document["publicKey"]?["publicKeyPem"]?.string)
                let key = try _RSA.Signing.PublicKey(pemRepresentation: pem)
                for delivery in received {
                    let parsed = try #require(HTTPSignatures.parse(delivery.headers["signature"] ?? ""))
                    #expect(parsed.keyID == actor + "#main-key")
                    #expect(delivery.headers["digest"] == HTTPSignatures.digest(of: delivery.body))
                    #expect(
                        HTTPSignatures.isValid(
                            parsed,
                            method: "POST",
                            target: delivery.path,
                            headers: delivery.headers,
                            key: key
                        )
                    )
                }

                // A new post goes out once, to the follower's server's shared inbox.
                try await organizer.post("/groups/\(slug)/posts", [("title", "Strike won"), ("body", "We won.")])
                _ = try await Publisher(federation: federation).publishDue()
                _ = try await Publisher(federation: federation).publishDue()
                _ = try await federation.deliveries.deliverDue()
                let created = try #require(
                    try await peer.waitFor(3).first { $0.activity["object"]?["name"] == "Strike won" }
                )
                #expect(created.path == "/inbox")
                #expect(created.activity["object"]?["name"] == "Strike won")
                #expect(try await app.store.sql.count({ $0 }, from: "federation_deliveries") == 3)

                // A deleted post is withdrawn: followers get a Delete, and its address a Tombstone (410).
                let first = try #require(article["id"]?.string)
                let firstID = try #require(first.split(separator: "/").last.map(String.init))
                let deleted = try await organizer.post("/groups/\(slug)/posts/\(firstID)/delete")
                #expect(deleted.status == .seeOther)
                _ = try await Publisher(federation: federation).publishDue()
                _ = try await federation.deliveries.deliverDue()
                let withdrawal = try #require(try await peer.waitFor(4).first { $0.activity["type"] == "Delete" })
                #expect(withdrawal.activity["object"]?["id"]?.string == first)
                #expect(withdrawal.activity["object"]?["type"] == "Tombstone")
                let gone = try await visitor.get("/ap/posts/\(firstID)")
                #expect(gone.status == .gone)
                #expect(gone.body.contains("Tombstone"))

                // Unfollowed, the group sends it nothing more.
                let undo = JSONValue.object([
                    "id": .string(peer.base + "/activities/2"), "type": "Undo", "actor": .string(peer.actor("alice")),
                    "object": follow,
                ])
                #expect(try await peer.post(undo, to: "/ap/inbox", in: app, date: app.clock.now) == .accepted)
                let after = try JSONValue(parsing: Data(try await visitor.get("/ap/groups/\(id)/followers").body.utf8))
                #expect(after["totalItems"] == .int(0))
                try await organizer.post("/groups/\(slug)/posts", [("title", "Next"), ("body", "More.")])
                _ = try await Publisher(federation: federation).publishDue()
                #expect(try await app.store.sql.count({ $0 }, from: "federation_deliveries") == 4)
            }
        }
    }

    @Test func aGroupMadePrivateWithdrawsWhatItSent() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                let (_, _, _, id, _) = try await Fediverse.followedGroup(
                    posts: [("One", "First."), ("Two", "Second.")],
                    inbox: { _ in "/ap/inbox" },
                    by: peer,
                    in: app
                )
                let federation = Federator(services: app.services())
                _ = try await federation.deliveries.deliverDue()
                let sent = try await peer.waitFor(3).compactMap { $0.activity["object"]?["id"]?.string }
                try await app.store.sql.raw("UPDATE groups SET visibility = 'private' WHERE id = \(bind: id)").run()
                _ = try await Publisher(federation: federation).publishDue()
                _ = try await federation.deliveries.deliverDue()
                let deletes = try await peer.waitFor(5).filter { $0.activity["type"] == "Delete" }
                let posts = sent.filter { $0.contains("/ap/posts/") }
                #expect(posts.count == 2)
                #expect(Set(deletes.compactMap { $0.activity["object"]?["id"]?.string }) == Set(posts))
                var visitor = app.visitor()
                for post in posts {
                    #expect(
                        try await visitor.get(String(post.dropFirst("http://127.0.0.1:8080".count))).status == .gone
                    )
                }
                #expect(try await visitor.get("/ap/groups/\(id)").status == .notFound)
            }
        }
    }

    @Test func discoveryNamesPublicGroupsAndNothingPrivate() async throws {
        try await withApp { app in
            var organizer = try await app.person("organizer")
            let open = try await organizer.createGroup("Leeds Renters", kind: "center")
            let hidden = try await organizer.createGroup("Quiet Cell", visibility: "private")
            try await organizer.post("/groups/\(hidden)/posts", [("title", "Secret plan"), ("body", "Hidden words.")])
            var visitor = app.visitor()
            let finger = try await visitor.get("/.well-known/webfinger?resource=acct:\(open)@127.0.0.1:8080")
            #expect(finger.status == .ok)
            #expect(finger.headers[.contentType] == "application/jrd+json")
            #expect(
                try await visitor.get("/.well-known/webfinger?resource=acct:\(hidden)@127.0.0.1:8080").status
                    == .notFound
            )
            #expect(
                try await visitor.get("/.well-known/webfinger?resource=acct:\(open)@elsewhere.example").status
                    == .notFound
            )
            #expect(try await visitor.get("/.well-known/webfinger").status == .badRequest)

            let hiddenID = try #require(
                try await app.store.sql.raw("SELECT id FROM groups WHERE slug = \(bind: hidden)").first()?
                    .decode(column: "id", as: Int.self)
            )
            let postID = try #require(
                try await app.store.sql.raw("SELECT id FROM posts WHERE group_id = \(bind: hiddenID)").first()?
                    .decode(column: "id", as: Int.self)
            )
            for path in [
                "/ap/groups/\(hiddenID)", "/ap/groups/\(hiddenID)/outbox", "/ap/groups/\(hiddenID)/followers",
                "/ap/posts/\(postID)",
            ] {
                #expect(try await visitor.get(path).status == .notFound, "\(path)")
            }
            let actor = try await Fediverse.actorID(of: open, in: app)
            let document = try await visitor.get(String(actor.dropFirst("http://127.0.0.1:8080".count)))
            #expect(document.headers[.contentType] == Documents.contentType)
            let json = try JSONValue(parsing: Data(document.body.utf8))
            #expect(json["type"] == "Group")
            #expect(json["preferredUsername"]?.string == open)
            #expect(json["endpoints"]?["sharedInbox"] == "http://127.0.0.1:8080/ap/inbox")
            #expect(!document.body.contains("organizer"))

            let index = try JSONValue(parsing: Data(try await visitor.get("/.well-known/nodeinfo").body.utf8))
            #expect(index["links"]?.array?.first?["href"] == "http://127.0.0.1:8080/nodeinfo/2.1")
            let nodeinfo = try JSONValue(parsing: Data(try await visitor.get("/nodeinfo/2.1").body.utf8))
            #expect(nodeinfo["protocols"] == .array(["activitypub"]))
            #expect(nodeinfo["usage"]?["users"] == .object([:]))
            #expect(
                try await visitor.get("/.well-known/host-meta").body.contains("/.well-known/webfinger?resource={uri}")
            )
            let instance = try JSONValue(parsing: Data(try await visitor.get("/ap/actor").body.utf8))
            #expect(instance["publicKey"]?["owner"] == "http://127.0.0.1:8080/ap/actor")

            // A private group's follow is taken without a word: no follower, nothing queued.
            try await RemotePeer.with { peer in
                let follow = Fediverse.follow(
                    id: peer.base + "/activities/9",
                    actor: peer.actor("alice"),
                    object: "http://127.0.0.1:8080/ap/groups/\(hiddenID)"
                )
                let status = try await peer.post(follow, to: "/ap/inbox", in: app, date: app.clock.now)
                #expect(status == .accepted)
            }
            #expect(try await app.store.sql.count({ $0 }, from: "federation_followers") == 0)
            #expect(try await app.store.sql.count({ $0 }, from: "federation_deliveries") == 0)
            // Even a follower row left from when a group was public sends nothing once it is private.
            try await app.store.sql.raw(
                """
                INSERT INTO federation_followers (group_id, actor_uri, host, follow_id, created_at)
                VALUES (\(bind: hiddenID), 'https://remote.example/u/x', 'remote.example', 'https://remote.example/f/1', \(bind: app.clock.now))
                """
            ).run()
            #expect(try await Publisher(federation: Federator(services: app.services())).publishDue() == 0)
            #expect(try await app.store.sql.count({ $0 }, from: "federation_deliveries") == 0)
        }
    }

    @Test func federationSwitchedOffAnswersNothing() async throws {
        try await withApp(federation: FederationSettings(enabled: false)) { app in
            var organizer = try await app.person("organizer")
            let slug = try await organizer.createGroup("Leeds Renters", kind: "center")
            var visitor = app.visitor()
            for path in [
                "/.well-known/webfinger?resource=acct:\(slug)@127.0.0.1:8080", "/.well-known/nodeinfo", "/nodeinfo/2.1",
                "/ap/actor", "/ap/groups/1", "/ap/groups/1/outbox",
            ] {
                #expect(try await visitor.get(path).status == .notFound, "\(path)")
            }
            try await RemotePeer.with { peer in
                let follow = Fediverse.follow(id: peer.base + "/a/1", actor: peer.actor("alice"), object: "x")
                let status = try await peer.post(follow, to: "/ap/inbox", in: app, date: app.clock.now)
                #expect(status == .notFound)
            }
        }
    }
}

/// Small helpers for the federation tests.
enum Fediverse {
    static func follow(id: String, actor: String, object: String) -> JSONValue {
        .object([
            "@context": "https://www.w3.org/ns/activitystreams", "id": .string(id), "type": "Follow",
            "actor": .string(actor), "object": .string(object),
        ])
    }

    /// A public group made by "organizer" with `posts`, followed by the peer's alice through the inbox `inbox`
    /// names for the group's id; fails unless the follow is taken.
    static func followedGroup(
        posts: [(title: String, body: String)],
        inbox: (Int) -> String,
        by peer: RemotePeer,
        in app: TestApp
    ) async throws -> (organizer: Visitor, slug: String, actor: String, id: Int, follow: JSONValue) {
        var organizer = try await app.person("organizer")
        let slug = try await organizer.createGroup("Leeds Renters", kind: "center")
        for post in posts {
            try await organizer.post("/groups/\(slug)/posts", [("title", post.title), ("body", post.body)])
        }
        let actor = try await actorID(of: slug, in: app)
        let id = try #require(Int(actor.split(separator: "/").last ?? ""))
        let follow = Fediverse.follow(id: peer.base + "/activities/1", actor: peer.actor("alice"), object: actor)
        let status = try await peer.post(follow, to: inbox(id), in: app, date: app.clock.now)
        guard status == .accepted else { throw TestFailure("the follow was answered \(status)") }
        return (organizer, slug, actor, id, follow)
    }

    /// The actor id WebFinger gives for a group.
    static func actorID(of slug: String, in app: TestApp) async throws -> String {
        var visitor = app.visitor()
        let page = try await visitor.get("/.well-known/webfinger?resource=acct:\(slug)@127.0.0.1:8080")
        let json = try JSONValue(parsing: Data(page.body.utf8))
        let link = json["links"]?.array?.first { $0["rel"] == "self" }
        return try #require(link?["href"]?.string)
    }
}
