import Foundation
import FreshgroundWeb
import HTTPTypes
import Testing
import _CryptoExtras

@testable import Federation

/// What a hostile server might post to an inbox: each is refused with a 4xx (never a 500) and changes nothing.
@Suite struct HostileInboxTests {
    @Test func forgedStaleReplayedAndMalformedActivitiesAreRefused() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                var organizer = try await app.person("organizer")
                let slug = try await organizer.createGroup("Leeds Renters", kind: "center")
                let actor = try await Fediverse.actorID(of: slug, in: app)
                let inbox = String(actor.dropFirst("http://127.0.0.1:8080".count)) + "/inbox"
                let now = app.clock.now
                func follow(_ number: Int, by name: String = "alice") -> JSONValue {
                    Fediverse.follow(id: "\(peer.base)/activities/\(number)", actor: peer.actor(name), object: actor)
                }
                let stranger = Signer(
                    keyID: peer.keyID("alice"),
                    key: try _RSA.Signing.PrivateKey(keySize: .bits2048)
                )
                let cases: [(String, HTTPResponse.Status, () async throws -> HTTPResponse.Status)] = [
                    (
                        "unsigned", .unauthorized,
                        { try await peer.post(follow(1), to: inbox, in: app, date: now, signed: false) }
                    ),
                    (
                        "signed by another key", .unauthorized,
                        {
                            try await peer.post(follow(2), to: inbox, in: app, date: now, signer: stranger)
                        }
                    ),
                    (
                        "two hours old", .unauthorized,
                        {
                            try await peer.post(follow(3), to: inbox, in: app, date: now.addingTimeInterval(-7200))
                        }
                    ),
                    (
                        "another body's digest", .unauthorized,
                        {
                            try await peer.post(
                                follow(4),
                                to: inbox,
                                in: app,
                                date: now,
                                headers: ["digest": HTTPSignatures.digest(of: Data("{}".utf8))]
                            )
                        }
                    ),
                    (
                        "signed by alice in bob's name", .badRequest,
                        {
                            try await peer.post(follow(5, by: "bob"), to: inbox, in: app, date: now)
                        }
                    ),
                    (
                        "an id on another host", .badRequest,
                        {
                            var forged = follow(6)
                            if case .object(var fields) = forged {
                                fields["id"] = "https://elsewhere.example/activities/6"
                                forged = .object(fields)
                            }
                            return try await peer.post(forged, to: inbox, in: app, date: now)
                        }
                    ),
                    (
                        "larger than 1 MiB", .contentTooLarge,
                        {
                            let big = Data(("{\"a\":\"" + String(repeating: "x", count: 1_100_000) + "\"}").utf8)
                            return try await peer.post(follow(7), to: inbox, in: app, date: now, body: big)
                        }
                    ),
                    (
                        "nested 200 deep", .badRequest,
                        {
                            let deep = Data(
                                (String(repeating: "[", count: 200) + String(repeating: "]", count: 200)).utf8
                            )
                            return try await peer.post(follow(8), to: inbox, in: app, date: now, body: deep)
                        }
                    ),
                    (
                        "not JSON", .badRequest,
                        {
                            try await peer.post(follow(9), to: inbox, in: app, date: now, body: Data("<html>".utf8))
                        }
                    ),
                    (
                        "a key at the metadata address", .unauthorized,
                        {
                            let metadata = Signer(keyID: "http://169.254.169.254/latest/meta-data#k", key: peer.key)
                            return try await peer.post(follow(10), to: inbox, in: app, date: now, signer: metadata)
                        }
                    ),
                ]
                for (name, expected, send) in cases {
                    #expect(try await send() == expected, "\(name)")
                }
                #expect(try await app.store.sql.count({ $0 }, from: "federation_followers") == 0)
                #expect(try await app.store.sql.count({ $0 }, from: "federation_deliveries") == 0)

                // The genuine follow is taken once; the same activity again (a replay) changes nothing.
                #expect(try await peer.post(follow(20), to: inbox, in: app, date: now) == .accepted)
                let queued = try await app.store.sql.count({ $0 }, from: "federation_deliveries")
                #expect(queued == 1)
                #expect(try await peer.post(follow(20), to: inbox, in: app, date: now) == .accepted)
                #expect(try await app.store.sql.count({ $0 }, from: "federation_deliveries") == queued)

                // A blocked server is refused, however well it signs.
                try await app.store.sql.raw(
                    "INSERT INTO federation_blocks (target, created_at) VALUES (\(bind: peer.host), \(bind: now))"
                ).run()
                #expect(try await peer.post(follow(21), to: inbox, in: app, date: now) == .forbidden)
                // And nothing queued for it goes out: the row is given up with the reason.
                let body = #"{"type":"Create"}"#
                try await app.store.sql.raw(
                    """
                    INSERT INTO federation_deliveries (inbox, host, signer, body, created_at, attempts, next_attempt_at)
                    VALUES (\(bind: peer.base + "/inbox"), \(bind: peer.host), 'instance', \(bind: body), \(bind: now), 0, \(bind: now))
                    """
                ).run()
                _ = try await Federator(services: app.services()).deliveries.deliverDue()
                let blocked = try await app.store.sql.raw(
                    "SELECT last_error FROM federation_deliveries WHERE body = \(bind: body) AND delivered_at IS NULL"
                ).first()?.decode(column: "last_error", as: String?.self)
                #expect(blocked == "The server is blocked.")
                #expect(!peer.received.contains { $0.activity["type"] == "Create" })
            }
        }
    }

    @Test func withoutTheTestSettingLoopbackIsNeverFetched() async throws {
        try await withApp(federation: FederationSettings(enabled: true, allowLoopback: false)) { app in
            try await RemotePeer.with { peer in
                var organizer = try await app.person("organizer")
                let slug = try await organizer.createGroup("Leeds Renters", kind: "center")
                let actor = try await Fediverse.actorID(of: slug, in: app)
                let follow = Fediverse.follow(
                    id: peer.base + "/activities/1",
                    actor: peer.actor("alice"),
                    object: actor
                )
                #expect(try await peer.post(follow, to: "/ap/inbox", in: app, date: app.clock.now) == .unauthorized)
                #expect(try await app.store.sql.count({ $0 }, from: "federation_actors") == 0)
            }
            // A redirect to the metadata address is refused at the hop, even with loopback allowed for the first.
            try await RemotePeer.with { peer in
                let http = RemoteHTTP(allowLoopback: true, clock: { Date() })
                await #expect(throws: AddressGuard.Refusal.forbidden("169.254.169.254")) {
                    _ = try await http.fetchDocument(peer.base + "/moved", signer: nil)
                }
            }
        }
    }
}
