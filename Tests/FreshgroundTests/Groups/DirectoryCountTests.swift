import Foundation
import SQLKit
import Testing

/// The groups API's total is counted once and shared by everyone who asks with the same filter, until a write or
/// a few seconds pass: counting every public group on each request did not scale.
@Suite("Groups: the directory's shared count")
struct DirectoryCountTests {
    @Test func aGroupMadeThroughTheSiteIsCountedAtOnce() async throws {
        try await withApp { app in
            // setup: a count everyone has just asked for
            var alice = try await app.person("alice")
            _ = try await alice.createGroup("Leeds Circle")
            var visitor = app.visitor()
            let before = try await visitor.api(.get, "/api/v1/groups")
            // act
            _ = try await alice.createGroup("York Circle")
            let after = try await visitor.api(.get, "/api/v1/groups")
            let circles = try await visitor.api(.get, "/api/v1/groups?kind=circle")
            let centers = try await visitor.api(.get, "/api/v1/groups?kind=center")
            // check
            #expect(before.json["total"] as? Int == 1)
            #expect(after.json["total"] as? Int == 2)
            #expect(circles.json["total"] as? Int == 2, "each filter has its own count")
            #expect(centers.json["total"] as? Int == 0)
        }
    }

    @Test func theCountIsSharedUntilItExpiresWhenTheChangeBypassedTheSite() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let leeds = try await alice.createGroup("Leeds Circle")
            _ = try await alice.createGroup("York Circle")
            var visitor = app.visitor()
            let first = try await visitor.api(.get, "/api/v1/groups")
            // act: a group turns private underneath (as a direct edit of the database would), not by a request
            try await app.store.sql.raw("UPDATE groups SET visibility = 'private' WHERE slug = \(bind: leeds)").run()
            let shared = try await visitor.api(.get, "/api/v1/groups")
            app.clock.advance(seconds: 3)
            let later = try await visitor.api(.get, "/api/v1/groups")
            // check: the list is read fresh each time; the count is the kept one until two seconds have passed
            #expect(first.json["total"] as? Int == 2)
            #expect(shared.json["total"] as? Int == 2)
            #expect((shared.json["items"] as? [Any])?.count == 1, "the private group is not listed")
            #expect(later.json["total"] as? Int == 1)
        }
    }
}
