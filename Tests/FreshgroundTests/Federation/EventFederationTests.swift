import Foundation
import FreshgroundWeb
import Testing

@testable import Federation

/// Public events go out as Mobilizon `Event`s from the group that leads them, and as re-shares (`Announce`) from
/// the groups that promote them; edits go as `Update`, withdrawals as `Delete` or `Undo`. Private events and
/// online links never leave the server.
@Suite struct EventFederationTests {
    @Test func publicEventsGoOutAsEventsAndFollowTheirEdits() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                var net = try await eventNetwork(app)
                let secretLink = "https://meet.example/room-\(UUID().uuidString)"
                let id = try await scheduleEvent(
                    &net.olive,
                    host: net.leeds,
                    title: "Rent strike forum",
                    [("onlineURL", secretLink), ("capacity", "30"), ("address", "Hall 2, Park Lane")]
                )
                let hidden = try await net.olive.post(
                    "/events",
                    [
                        ("host", net.leeds), ("kind", "meeting"), ("title", "Strike committee"),
                        ("start", "2026-10-21T19:00"), ("end", "2026-10-21T21:00"), ("city", "Leeds"),
                        ("description", "Members only."), ("_submitted", "1"),
                    ]
                )
                #expect(hidden.status == .seeOther, "\(errorsIn(hidden))")
                let leeds = try await Fediverse.actorID(of: net.leeds, in: app)
                let center = try await Fediverse.actorID(of: net.center, in: app)
                for (name, group) in [("alice", leeds), ("bob", center)] {
                    let follow = Fediverse.follow(
                        id: peer.base + "/follows/\(name)",
                        actor: peer.actor(name),
                        object: group
                    )
                    #expect(
                        try await peer.post(follow, to: "/ap/inbox", in: app, as: name, date: app.clock.now)
                            == .accepted
                    )
                }
                let promoted = try await net.carol.post("/events/\(id)/promotions", [("group", net.center)])
                #expect(promoted.status == .seeOther)

                let federation = Federator(services: app.services())
                let publisher = Publisher(federation: federation)
                _ = try await publisher.publishDue()
                _ = try await federation.deliveries.deliverDue()
                let create = try await peer.waitFor("Create(Event)") {
                    $0.activity["type"] == "Create" && $0.activity["object"]?["type"] == "Event"
                }
                let event = try #require(create.activity["object"])
                #expect(create.activity["actor"]?.string == leeds)
                #expect(event["name"] == "Rent strike forum")
                #expect(event["attributedTo"]?.string == leeds)
                #expect(event["startTime"] == "2026-10-20T18:00:00Z")
                #expect(event["endTime"] == "2026-10-20T20:00:00Z")
                #expect(event["timezone"] == "Europe/London")
                #expect(event["location"]?["address"]?["addressLocality"] == "Leeds")
                #expect(event["location"]?["address"]?["streetAddress"] == "Hall 2, Park Lane")
                #expect(event["isOnline"] == .bool(true))
                #expect(event["maximumAttendeeCapacity"] == .int(30))
                #expect(event["joinMode"] == "free")

                // The center, which promotes it, re-shares the leading group's event instead of copying it.
                let announce = try await peer.waitFor("Announce") { $0.activity["type"] == "Announce" }
                #expect(announce.activity["actor"]?.string == center)
                #expect(announce.activity["object"]?.string == event["id"]?.string)

                // Its address serves it to anyone; the members-only event has none.
                var stranger = app.visitor()
                let eventPath = "/ap/events/\(id)"
                let served = try await stranger.get(eventPath)
                #expect(served.status == .ok)
                #expect(served.contains("Rent strike forum"))
                let hiddenID = try #require(hidden.location.flatMap { Int($0.dropFirst("/events/".count)) })
                #expect(try await stranger.get("/ap/events/\(hiddenID)").status == .notFound)
                let outbox = try await stranger.get("/ap/groups/\(leeds.split(separator: "/").last ?? "")/outbox")
                #expect(outbox.contains("Rent strike forum"))

                // An edit goes out as Update, once; the re-share needs none.
                let before = try await app.store.sql.count({ $0 }, from: "federation_deliveries")
                let edited = try await net.olive.post(
                    "/events/\(id)",
                    [
                        ("kind", "talk"), ("title", "Rent strike forum (new room)"), ("start", "2026-10-20T19:00"),
                        ("end", "2026-10-20T21:00"), ("city", "Leeds"), ("address", "Hall 3, Park Lane"),
                        ("description", "Come along; see the [map](/cities/leeds)."),
                        ("onlineURL", secretLink), ("capacity", "30"), ("isPublic", "on"), ("_submitted", "1"),
                    ]
                )
                #expect(edited.status == .seeOther, "\(errorsIn(edited))")
                // The server's own pass may queue it first: either way, it is queued once.
                _ = try await publisher.publishDue()
                _ = try await publisher.publishDue()
                #expect(try await app.store.sql.count({ $0 }, from: "federation_deliveries") == before + 1)
                _ = try await federation.deliveries.deliverDue()
                let update = try await peer.waitFor("Update") { $0.activity["type"] == "Update" }
                #expect(update.activity["object"]?["name"] == "Rent strike forum (new room)")
                #expect(update.activity["actor"]?.string == leeds)
                #expect(update.activity["object"]?["location"]?["address"]?["streetAddress"] == "Hall 3, Park Lane")
                // Links in what goes out point back at this server, not at the reader's.
                let content = try #require(update.activity["object"]?["content"]?.string)
                #expect(content.contains("href=\"http://127.0.0.1:8080/cities/leeds\""))

                // The center stops promoting it: it undoes its re-share.
                let removed = try await net.carol.post("/events/\(id)/promotions/\(net.center)/delete")
                #expect(removed.status == .seeOther)
                _ = try await publisher.publishDue()
                _ = try await federation.deliveries.deliverDue()
                let undo = try await peer.waitFor("Undo") { $0.activity["type"] == "Undo" }
                #expect(undo.activity["actor"]?.string == center)
                #expect(undo.activity["object"]?["type"] == "Announce")

                // Made private, it is withdrawn: a Delete, and a Tombstone at its address.
                let hiddenNow = try await net.olive.post(
                    "/events/\(id)",
                    [
                        ("kind", "talk"), ("title", "Rent strike forum (new room)"), ("start", "2026-10-20T19:00"),
                        ("end", "2026-10-20T21:00"), ("city", "Leeds"), ("_submitted", "1"),
                    ]
                )
                #expect(hiddenNow.status == .seeOther, "\(errorsIn(hiddenNow))")
                _ = try await publisher.publishDue()
                _ = try await federation.deliveries.deliverDue()
                let delete = try await peer.waitFor("Delete of the event") {
                    $0.activity["type"] == "Delete" && $0.activity["object"]?["id"] == event["id"]
                }
                #expect(delete.activity["actor"]?.string == leeds)
                #expect(try await stranger.get(eventPath).status == .gone)

                // Nothing that left the server carries the online link or the members-only event.
                for delivery in peer.received {
                    let body = String(decoding: delivery.body, as: UTF8.self)
                    #expect(!body.contains(secretLink))
                    #expect(!body.contains("Strike committee"))
                }
            }
        }
    }
}
