import Foundation
import Testing

/// The anonymous start page shows what is happening: upcoming public events (near a city the visitor picks),
/// the newest journal pieces, debates, and the directory; nothing private.
@Suite struct StartPageTests {
    @Test func anAnonymousVisitorSeesEventsPiecesAndDebates() async throws {
        try await withApp { app in
            // setup: a public event in Leeds and a private one, a published piece, a debate
            var net = try await eventNetwork(app)
            _ = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent strike forum")
            _ = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Members-only planning",
                [("isPublic", "off")]
            )
            let piece = try await draft(&net.sara, journal: net.leeds, title: "Notes from the depot")
            try await submit(&net.sara, piece)
            try await accept(&net.olive, piece)
            let debate = try await net.bob.post(
                "/debates",
                [("question", "Should circles merge?"), ("publication", String(piece)), ("_submitted", "1")]
            )
            #expect(debate.status == .seeOther, "\(debate.body.prefix(400))")
            var visitor = app.visitor()

            // act
            let home = try await visitor.get("/")
            let york = try await visitor.get("/?city=york")

            // check
            #expect(home.contains("Coming up") && home.contains("Rent strike forum"))
            #expect(!home.contains("Members-only planning"))
            #expect(home.contains("Notes from the depot") && home.contains("Should circles merge?"))
            #expect(home.contains("<h2>Groups</h2>"))
            #expect(york.contains("Coming up in York") && !york.contains("Rent strike forum"))
            #expect(york.contains("No public events are coming up in York."))
        }
    }
}
