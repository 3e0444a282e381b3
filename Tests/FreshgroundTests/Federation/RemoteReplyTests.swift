import Foundation
import FreshgroundWeb
import Testing

@testable import Federation

/// People on other servers reply to the debates here: a signed `Create(Note)` in reply to a position or a reply
/// joins the thread under the person's name and handle, made safe, without a side, and moderated like any other;
/// its author's `Delete` removes it; a closed debate takes none. The debate, its positions and replies can be
/// fetched as objects to reply to, and a hidden reply's text never goes out.
@Suite struct RemoteReplyTests {
    @Test func remoteRepliesJoinTheThreadAndAreModerated() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                var alice = try await app.person("alice")
                let debate = try await Discussion.openDebate(&alice, "Strike in May?")
                let position = try await Discussion.state(&alice, in: debate, "Yes, in May")
                let base = "http://127.0.0.1:8080"
                var stranger = app.visitor()
                let served = try await stranger.get("/ap/positions/\(position)")
                #expect(served.status == .ok)
                #expect(served.contains("Yes, in May"))
                #expect(served.contains("\(base)/ap/debates/\(debate)"))
                #expect(try await stranger.get("/ap/debates/\(debate)").contains("Strike in May?"))

                let reply = note(
                    peer,
                    "/notes/1",
                    inReplyTo: "\(base)/ap/positions/\(position)",
                    content: "<p>May is <em>too soon</em><script>alert(1)</script></p>"
                )
                #expect(try await peer.post(reply, to: "/ap/inbox", in: app, date: app.clock.now) == .accepted)
                var page = try await stranger.get("/debates/\(debate)")
                #expect(page.contains("May is <em>too soon</em>"))
                #expect(!page.contains("alert(1)"))
                #expect(page.contains("Peer alice (@alice@127.0.0.1:\(peer.port))"))
                #expect(page.contains("Comment"))

                // A reply to the remote reply, by its own address, threads under it.
                let answer = note(peer, "/notes/2", inReplyTo: peer.base + "/notes/1", content: "<p>Agreed</p>")
                #expect(try await peer.post(answer, to: "/ap/inbox", in: app, date: app.clock.now) == .accepted)
                let depth = try await app.store.sql.select().column("depth").from("replies")
                    .where("origin", .equal, peer.base + "/notes/2").value("depth", as: Int.self)
                #expect(depth == 1)

                // The opener hides the first: only the reason shows, here and in its document.
                let first = try #require(
                    try await app.store.sql.select().column("id").from("replies")
                        .where("origin", .equal, peer.base + "/notes/1").value("id", as: Int.self)
                )
                let hidden = try await alice.post("/debates/\(debate)/replies/\(first)/hide", [("reason", "Off topic")])
                #expect(hidden.status == .seeOther)
                page = try await stranger.get("/debates/\(debate)")
                #expect(!page.contains("too soon"))
                #expect(page.contains("Off topic"))

                // Its author deletes the second; another actor cannot delete the first.
                let forged: JSONValue = .object([
                    "id": .string(peer.base + "/deletes/9"), "type": "Delete", "actor": .string(peer.actor("mallory")),
                    "object": .string(peer.base + "/notes/1"),
                ])
                #expect(
                    try await peer.post(forged, to: "/ap/inbox", in: app, as: "mallory", date: app.clock.now)
                        == .accepted
                )
                let delete: JSONValue = .object([
                    "id": .string(peer.base + "/deletes/2"), "type": "Delete", "actor": .string(peer.actor("alice")),
                    "object": .string(peer.base + "/notes/2"),
                ])
                #expect(try await peer.post(delete, to: "/ap/inbox", in: app, date: app.clock.now) == .accepted)
                let origins = try await app.store.sql.select().column("origin").from("replies")
                    .column("origin", as: String?.self)
                #expect(origins == [peer.base + "/notes/1"])

                // A hidden reply made here is served without its text; one from elsewhere is not served here at all.
                var bob = try await app.person("bob")
                let rude = try await Discussion.reply(&bob, in: debate, position: position, "Secret insult")
                #expect(try await stranger.get("/ap/replies/\(rude)").contains("Secret insult"))
                _ = try await alice.post("/debates/\(debate)/replies/\(rude)/hide", [("reason", "Rude")])
                let hiddenDocument = try await stranger.get("/ap/replies/\(rude)")
                #expect(hiddenDocument.status == .ok)
                #expect(!hiddenDocument.contains("Secret insult"))
                #expect(try await stranger.get("/ap/replies/\(first)").status == .notFound)

                // A closed debate takes none.
                let quiet = try await Discussion.openDebate(&alice, "Rename the paper?")
                let only = try await Discussion.state(&alice, in: quiet, "No")
                #expect(try await alice.post("/debates/\(quiet)/close").status == .seeOther)
                let late = note(peer, "/notes/3", inReplyTo: "\(base)/ap/positions/\(only)", content: "<p>Late</p>")
                #expect(try await peer.post(late, to: "/ap/inbox", in: app, date: app.clock.now) == .accepted)
                #expect(!(try await stranger.get("/debates/\(quiet)")).contains("Late"))
            }
        }
    }
}

private func note(_ peer: RemotePeer, _ path: String, inReplyTo: String, content: String) -> JSONValue {
    .object([
        "id": .string(peer.base + path + "/create"), "type": "Create", "actor": .string(peer.actor("alice")),
        "object": .object([
            "id": .string(peer.base + path), "type": "Note", "content": .string(content),
            "inReplyTo": .string(inReplyTo), "attributedTo": .string(peer.actor("alice")),
            "to": .array(["https://www.w3.org/ns/activitystreams#Public"]),
        ]),
    ])
}
