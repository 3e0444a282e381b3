import Foundation
import FreshgroundWeb
import SQLKit
import Testing

@testable import Federation

/// People on other servers RSVP to public events with Mobilizon's `Join`: capacity and the wait list hold, the
/// leading group answers `Accept` when they have a place and `Reject` when the event takes no RSVPs, and a
/// `Leave` frees the place for the next in line.
@Suite struct JoinFederationTests {
    static func join(_ peer: RemotePeer, _ name: String, event: Int, n: Int) -> JSONValue {
        .object([
            "id": .string(peer.base + "/joins/\(name)-\(n)"), "type": "Join", "actor": .string(peer.actor(name)),
            "object": .string("http://127.0.0.1:8080/ap/events/\(event)"),
        ])
    }

    @Test func aRemoteJoinIsAnRSVPThatHoldsCapacityAndTheWaitList() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                var net = try await eventNetwork(app)
                let secretLink = "https://meet.example/room-\(UUID().uuidString)"
                let id = try await scheduleEvent(
                    &net.olive,
                    host: net.leeds,
                    [("capacity", "1"), ("onlineURL", secretLink)]
                )
                let leeds = try await Fediverse.actorID(of: net.leeds, in: app)
                let federation = Federator(services: app.services())
                let joins = Joins(federation: federation)

                // Alice takes the only place and is accepted at once.
                let alice = Self.join(peer, "alice", event: id, n: 1)
                #expect(
                    try await peer.post(alice, to: "/ap/inbox", in: app, as: "alice", date: app.clock.now) == .accepted
                )
                _ = try await federation.deliveries.deliverDue()
                let accepted = try await peer.waitFor("Accept of alice's Join") { $0.activity["type"] == "Accept" }
                #expect(accepted.activity["actor"]?.string == leeds)
                #expect(accepted.activity["object"]?["id"] == alice["id"])
                #expect(accepted.path == "/users/alice/inbox")

                // Bob waits: no answer yet, and the event counts one going and one waiting.
                let bob = Self.join(peer, "bob", event: id, n: 1)
                #expect(try await peer.post(bob, to: "/ap/inbox", in: app, as: "bob", date: app.clock.now) == .accepted)
                #expect(try await joins.answerDue() == 0)
                let page = try await app.anonymousGet("/events/\(id)")
                #expect(page.contains("1 of 1 places taken, 1 on the wait list"))
                let attendees = try await net.olive.get("/events/\(id)/attendees")
                #expect(attendees.contains("@alice@\(peer.host)"))
                #expect(attendees.contains("@bob@\(peer.host)"))

                // A replayed Join changes nothing.
                #expect(
                    try await peer.post(alice, to: "/ap/inbox", in: app, as: "alice", date: app.clock.now) == .accepted
                )
                #expect(try await app.store.sql.count({ $0.where("event_id", .equal, id) }, from: "rsvps") == 2)

                // Alice leaves: her place goes to Bob, who is told once.
                let leave = JSONValue.object([
                    "id": .string(peer.base + "/leaves/alice-1"), "type": "Leave",
                    "actor": .string(peer.actor("alice")),
                    "object": .string("http://127.0.0.1:8080/ap/events/\(id)"),
                ])
                #expect(
                    try await peer.post(leave, to: "/ap/inbox", in: app, as: "alice", date: app.clock.now) == .accepted
                )
                // The server's own pass may answer first: either way, Bob is answered once.
                _ = try await joins.answerDue()
                _ = try await joins.answerDue()
                _ = try await federation.deliveries.deliverDue()
                let promoted = try await peer.waitFor("Accept of bob's Join") {
                    $0.activity["type"] == "Accept" && $0.activity["object"]?["id"] == bob["id"]
                }
                #expect(promoted.path == "/users/bob/inbox")
                let accepts = try await app.store.sql.count(
                    { $0.where("body", .like, "%\"Accept\"%").where("inbox", .like, "%/users/bob/inbox") },
                    from: "federation_deliveries"
                )
                #expect(accepts == 1)
                #expect(try await app.anonymousGet("/events/\(id)").contains("1 of 1 places taken."))

                // Those who RSVPed hear of the event's changes as its followers do: Bob, who follows nothing here,
                // is sent the cancellation.
                let publisher = Publisher(federation: federation)
                _ = try await publisher.publishDue()
                #expect(try await net.olive.post("/events/\(id)/cancel").status == .seeOther)
                _ = try await publisher.publishDue()
                _ = try await federation.deliveries.deliverDue()
                let cancelled = try await peer.waitFor("Update of the cancelled event to bob") {
                    $0.activity["type"] == "Update" && $0.path == "/users/bob/inbox"
                }
                #expect(cancelled.activity["object"]?["ical:status"] == "CANCELLED")

                // A cancelled event refuses a Join; a members-only one is not answered at all.
                let claire = Self.join(peer, "claire", event: id, n: 1)
                #expect(
                    try await peer.post(claire, to: "/ap/inbox", in: app, as: "claire", date: app.clock.now)
                        == .accepted
                )
                _ = try await federation.deliveries.deliverDue()
                // alice's Join was refused earlier: this waits for the Reject of claire's, whenever each arrives
                let refused = try await peer.waitFor("Reject of claire's Join") {
                    $0.activity["type"] == "Reject" && $0.activity["object"]?["id"] == claire["id"]
                }
                #expect(refused.activity["object"]?["id"] == claire["id"])
                let hidden = try await postEvent(
                    &net.olive,
                    host: net.leeds,
                    title: "Committee",
                    start: "2026-10-22T19:00",
                    end: "2026-10-22T21:00",
                    [("isPublic", "off")]
                )
                let hiddenID = try #require(hidden.location.flatMap { Int($0.dropFirst("/events/".count)) })
                let snoop = Self.join(peer, "dean", event: hiddenID, n: 1)
                #expect(
                    try await peer.post(snoop, to: "/ap/inbox", in: app, as: "dean", date: app.clock.now) == .accepted
                )
                #expect(try await app.store.sql.count({ $0.where("event_id", .equal, hiddenID) }, from: "rsvps") == 0)
                _ = try await federation.deliveries.deliverDue()
                #expect(!peer.received.contains { $0.activity["object"]?["id"] == snoop["id"] })

                // No answer carries the online link or anyone else's RSVP.
                for delivery in peer.received {
                    let body = String(decoding: delivery.body, as: UTF8.self)
                    #expect(!body.contains(secretLink))
                    if delivery.path == "/users/alice/inbox" { #expect(!body.contains("/users/bob")) }
                }
            }
        }
    }
}
