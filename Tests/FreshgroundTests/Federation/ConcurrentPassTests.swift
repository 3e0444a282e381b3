import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit
import Testing

@testable import Federation

/// Passes that turn due work into activities may run at once: the server's own loop beside a request's pass, or
/// several processes on one database. Whichever claims a row first sends it; the other finds it taken and sends
/// nothing, so each activity is queued once and no pass fails on a row the other just wrote.
@Suite struct ConcurrentPassTests {
    /// Rounds per test; each races two passes over one fresh piece of due work.
    static let rounds = 12

    @Test func twoAffiliatingPassesSendOneJoinAndOneLeave() async throws {
        try await withRace { race in
            for round in 0..<Self.rounds {
                let id = try await race.affiliation(from: race.local, to: race.remote, status: "pending")
                let joins = try await race.twice { try await Affiliating(federation: race.federation).sendDue() }
                #expect(joins <= 1, "round \(round)")
                #expect(try await race.queued() == 1, "one Join, round \(round)")
                #expect(try await race.affiliationRows(id) == 1, "round \(round)")

                // Withdrawn here: one Leave, and the row goes, so the next round can ask again.
                try await race.app.store.sql.delete(from: "affiliations").where("id", .equal, id).run()
                let leaves = try await race.twice { try await Affiliating(federation: race.federation).sendDue() }
                #expect(leaves <= 1, "round \(round)")
                #expect(try await race.queued() == 1, "one Leave, round \(round)")
                #expect(try await race.affiliationRows(id) == 0, "round \(round)")
            }
        }
    }

    @Test func twoAffiliatingPassesAnswerARemoteRequestOnce() async throws {
        try await withRace { race in
            let sql = race.app.store.sql
            for round in 0..<Self.rounds {
                // A request from the remote group, accepted here: one Accept.
                let id = try await race.affiliation(from: race.remote, to: race.local, status: "accepted")
                try await sql.raw(
                    """
                    INSERT INTO federation_affiliations (affiliation_id, direction, join_id, local_id, remote_id, answered)
                    VALUES (\(bind: id), 'in', \(bind: race.peer.base + "/joins/\(round)"), \(bind: race.local),
                    \(bind: race.remote), 'pending')
                    """
                ).run()
                let accepts = try await race.twice { try await Affiliating(federation: race.federation).sendDue() }
                #expect(accepts <= 1, "round \(round)")
                #expect(try await race.queued() == 1, "one Accept, round \(round)")

                // Ended here: one answer, and the row goes.
                try await sql.delete(from: "affiliations").where("id", .equal, id).run()
                let ends = try await race.twice { try await Affiliating(federation: race.federation).sendDue() }
                #expect(ends <= 1, "round \(round)")
                #expect(try await race.queued() == 1, "one end, round \(round)")
                #expect(try await race.affiliationRows(id) == 0, "round \(round)")
            }
        }
    }

    @Test func twoFollowingPassesSendOneFollowAndOneUndo() async throws {
        try await withRace { race in
            let sql = race.app.store.sql
            for round in 0..<Self.rounds {
                try await sql.raw(
                    """
                    INSERT INTO follows (follower_id, target_id, created_at)
                    VALUES (\(bind: race.local), \(bind: race.remote), \(bind: race.app.clock.now))
                    """
                ).run()
                let follows = try await race.twice { try await Following(federation: race.federation).sendDue() }
                #expect(follows <= 1, "round \(round)")
                #expect(try await race.queued() == 1, "one Follow, round \(round)")

                try await sql.delete(from: "follows").where("follower_id", .equal, race.local).run()
                let undos = try await race.twice { try await Following(federation: race.federation).sendDue() }
                #expect(undos <= 1, "round \(round)")
                #expect(try await race.queued() == 1, "one Undo, round \(round)")
                #expect(try await sql.count({ $0 }, from: "federation_following") == 0, "round \(round)")
            }
        }
    }
}

/// A public group here and a group copied from a peer, for passes to race over.
private struct Race: Sendable {
    let app: TestApp
    let peer: RemotePeer
    let federation: Federator
    let local: Int
    let remote: Int

    /// Empties the queue, runs `pass` twice at once, and returns what the two passes counted together.
    func twice(_ pass: @escaping @Sendable () async throws -> Int) async throws -> Int {
        try await app.store.sql.delete(from: "federation_deliveries").run()
        return try await withThrowingTaskGroup(of: Int.self) { group in
            // A pass that fails (on a row the other just wrote, say) is recorded, and the round goes on.
            for _ in 0..<2 {
                group.addTask {
                    do { return try await pass() } catch {
                        Issue.record(error, "a pass failed")
                        return 0
                    }
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// How many activities were queued since the last `twice` began.
    func queued() async throws -> Int {
        try await app.store.sql.count({ $0 }, from: "federation_deliveries")
    }

    /// A new affiliation between two groups, as its rows stand in the database.
    func affiliation(from group: Int, to other: Int, status: String) async throws -> Int {
        try await app.store.sql.insertReturningID(
            into: "affiliations",
            ["group_id": group, "other_id": other, "status": status, "created_at": app.clock.now]
        )
    }

    /// How many federation rows the affiliation has.
    func affiliationRows(_ id: Int) async throws -> Int {
        try await app.store.sql.count({ $0.where("affiliation_id", .equal, id) }, from: "federation_affiliations")
    }
}

/// Runs `body` with a public group here and a group copied from a peer.
private func withRace(_ body: @escaping @Sendable (Race) async throws -> Void) async throws {
    try await withApp { app in
        try await RemotePeer.with { peer in
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Hyde Park Circle")
            let actor = try await Fediverse.actorID(of: slug, in: app)
            let local = try #require(Int(actor.split(separator: "/").last ?? ""))
            let federation = Federator(services: app.services())
            let remote = try await Following(federation: federation).find(peer.actor("group-a"))
            try await body(Race(app: app, peer: peer, federation: federation, local: local, remote: remote))
        }
    }
}
