import Foundation
import Freshground
import FreshgroundWeb
import SQLKit
import Testing

@testable import Federation

/// Nothing private leaves the server by federation, whatever feature holds it: on the demo site, secrets are
/// planted in every kind of private data (private groups and their posts, drafts, members-only events, online
/// links, RSVPs, ballots, logged hours, email addresses), every public group is followed from another server, and
/// every activity queued for it and every document served under `/ap/` is searched for them.
@Suite struct FederationPrivacyTests {
    @Test func noPrivateKindFederates() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                try await DemoData(store: app.store, now: app.clock.now, passwordCost: 4, progress: false)
                    .write(.small, library: true)
                let sql = app.store.sql
                for plant: SQLQueryString in [
                    "UPDATE groups SET name = 'SECRET-GROUP-' || id WHERE visibility <> 'public'",
                    """
                    UPDATE posts SET title = 'SECRET-PRIVATE-POST-' || id, body = 'SECRET-PRIVATE-BODY-' || id
                    WHERE group_id IN (SELECT id FROM groups WHERE visibility <> 'public')
                    """,
                    "UPDATE posts SET title = 'SECRET-DRAFT-' || id WHERE status <> 'published'",
                    "UPDATE events SET online_url = 'https://meet.example/SECRET-LINK-' || id",
                    "UPDATE events SET title = 'SECRET-EVENT-' || id, is_public = \(bind: false) WHERE id % 4 = 0",
                    "UPDATE rsvps SET name = 'SECRET-RSVP-' || id",
                    "UPDATE decision_ballots SET reason = 'SECRET-BALLOT-' || decision_id",
                    "UPDATE volunteer_hours SET note = 'SECRET-HOURS-' || id",
                    "UPDATE people SET email = 'secret-mail-' || id || '@example.org'",
                ] {
                    try await sql.raw(plant).run()
                }
                let publicGroups = try await sql.raw("SELECT id, slug FROM groups WHERE visibility = 'public'")
                    .rows(GroupRow.self)
                let privateGroups = try await sql.raw("SELECT id, slug FROM groups WHERE visibility <> 'public'")
                    .rows(GroupRow.self)
                #expect(publicGroups.count > 20 && !privateGroups.isEmpty)

                // Every public group is followed from elsewhere, and what is due is queued.
                for (n, group) in publicGroups.enumerated() {
                    let follow = Fediverse.follow(
                        id: peer.base + "/follows/\(n)",
                        actor: peer.actor("alice"),
                        object: "http://127.0.0.1:8080/ap/groups/\(group.id)"
                    )
                    #expect(try await peer.post(follow, to: "/ap/inbox", in: app, date: app.clock.now) == .accepted)
                }
                let federation = Federator(services: app.services())
                _ = try await Publisher(federation: federation).publishDue()
                for group in privateGroups {
                    let follow = Fediverse.follow(
                        id: peer.base + "/follows/private-\(group.id)",
                        actor: peer.actor("alice"),
                        object: "http://127.0.0.1:8080/ap/groups/\(group.id)"
                    )
                    #expect(try await peer.post(follow, to: "/ap/inbox", in: app, date: app.clock.now) == .accepted)
                }
                var sent = try await sql.raw("SELECT body FROM federation_deliveries").column("body", as: String.self)
                #expect(sent.count > 100)

                // Every document under /ap/ and every discovery answer, as a stranger reads them.
                var stranger = app.visitor()
                var served: [String] = []
                let maxPost = try await sql.raw("SELECT MAX(id) AS n FROM posts").value("n", as: Int.self) ?? 0
                let maxEvent = try await sql.raw("SELECT MAX(id) AS n FROM events").value("n", as: Int.self) ?? 0
                var paths = ["/ap/actor", "/nodeinfo/2.1", "/.well-known/host-meta", "/.well-known/nodeinfo"]
                for group in publicGroups + privateGroups {
                    paths += ["", "/outbox", "/followers"].map { "/ap/groups/\(group.id)\($0)" }
                    paths.append("/.well-known/webfinger?resource=acct:\(group.slug)@127.0.0.1:8080")
                }
                paths += (1...max(maxPost, 1)).map { "/ap/posts/\($0)" }
                paths += (1...max(maxEvent, 1)).map { "/ap/events/\($0)" }
                for path in paths {
                    let page = try await stranger.get(path)
                    #expect(page.status.code < 500, "\(path)")
                    served.append(page.body)
                }
                for group in privateGroups {
                    #expect(try await stranger.get("/ap/groups/\(group.id)").status == .notFound)
                }
                sent += served

                // A control: public items do go out, so the search below is searching what federates.
                let publicTitle = try #require(
                    try await sql.raw(
                        """
                        SELECT p.title FROM posts p JOIN groups g ON g.id = p.group_id
                        WHERE g.visibility = 'public' AND p.status = 'published' ORDER BY p.id DESC LIMIT 1
                        """
                    ).value("title", as: String.self)
                )
                #expect(sent.contains { $0.contains(JSONValue.string(publicTitle).jsonText) })
                let leaks = sent.filter { $0.contains("SECRET-") || $0.contains("secret-mail-") }
                #expect(leaks.isEmpty, "\(leaks.first.map { String($0.prefix(600)) } ?? "")")
            }
        }
    }
}

private struct GroupRow: Decodable {
    let id: Int
    let slug: String
}

extension JSONValue {
    /// The value as it is written inside a JSON document (a string without its quotes), to search bodies for it.
    fileprivate var jsonText: String {
        let text = (try? serialized()).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return text.count >= 2 ? String(text.dropFirst().dropLast()) : text
    }
}
