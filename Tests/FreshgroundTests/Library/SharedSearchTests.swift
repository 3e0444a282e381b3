import Foundation
import SQLKit
import Testing

/// Search results are shared by everyone who asks the same question, until the next change.
@Suite("Library: shared search results")
struct SharedSearchTests {
    @Test func aPublishedPieceIsFoundAtOnceThoughTheAnswerWasShared() async throws {
        try await withApp { app in
            // setup: a search everyone has just asked
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            try await Discussion.publish(&carol, in: center, "Dockers walk out", body: "A strike began at dawn.")
            let before = try await Discussion.anonymous(app, "/api/v1/search?q=strike")
            // act: a second piece is published through the site, and the same question asked again
            try await Discussion.publish(&carol, in: center, "Drivers walk out", body: "Another strike at noon.")
            let after = try await Discussion.anonymous(app, "/api/v1/search?q=strike")
            let page = try await Discussion.anonymous(app, "/search?q=strike")
            // check
            #expect(Discussion.items(before).count == 1)
            #expect(Discussion.items(after).count == 2)
            #expect(page.contains("Drivers walk out"))
        }
    }

    @Test func theAnswerIsSharedUntilItExpiresWhenTheChangeBypassedTheSite() async throws {
        try await withApp { app in
            // setup
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let id = try await Discussion.publish(&carol, in: center, "Dockers walk out", body: "A strike at dawn.")
            let first = try await Discussion.anonymous(app, "/api/v1/search?q=strike")
            // act: the title changes underneath (as timed work would change it), not through a request
            try await app.store.sql.raw("UPDATE search_docs SET title = 'Dockers win' WHERE title = 'Dockers walk out'")
                .run()
            let shared = try await Discussion.anonymous(app, "/api/v1/search?q=strike")
            app.clock.advance(seconds: 3)
            let later = try await Discussion.anonymous(app, "/api/v1/search?q=strike")
            // check: the second asker got the kept answer; after two seconds the index is read again
            #expect(Discussion.items(first).first?["id"] as? Int == id)
            #expect(Discussion.items(shared).first?["title"] as? String == "Dockers walk out")
            #expect(Discussion.items(later).first?["title"] as? String == "Dockers win")
        }
    }
}
