import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit
import Testing

@testable import Federation

/// Two Freshground servers on two ports of loopback: a circle on server A finds a center on server B by its
/// handle and follows it; B accepts and sends its recent posts and next events, which A shows on the center's
/// page (marked as remote), in the directory and in its city calendar; edits, deletions and the end of the follow
/// travel too.
@Suite struct TwoServerTests {
    @Test func aCircleFollowsACenterOnAnotherServer() async throws {
        try await withApp(live: true) { b in
            try await withApp(live: true) { a in
                // On B: a public center with a post and a public event in Leeds.
                var mona = try await b.person("mona")
                let center = try await mona.createGroup("Leeds Renters Center", kind: "center", city: "Leeds")
                try await mona.post(
                    "/groups/\(center)/posts",
                    [("title", "Strike report"), ("body", "We won **three** repairs.")]
                )
                let doomed = try await mona.post(
                    "/groups/\(center)/posts",
                    [("title", "Typo post"), ("body", "Soon deleted.")]
                )
                let eventID = try await scheduleEvent(&mona, host: center, title: "Tenants assembly")
                // The center publishes a piece in its journal, signed with a pseudonym.
                var editor = mona
                try await publishPiece(
                    &mona,
                    editor: &editor,
                    journal: center,
                    title: "Why rent strikes win",
                    body: "Because **tenants** stick together.",
                    fields: [("byline", "A Leeds tenant"), ("pseudonym", "on")]
                )
                // A coalition on B leads a rally the center promotes: the center re-shares it (Announce).
                var yan = try await b.person("yan")
                let coalition = try await yan.createGroup("Yorkshire Coalition", kind: "coalition", city: "Leeds")
                let rallyID = try await scheduleEvent(&yan, host: coalition, title: "Coalition rally")
                let promotedOnB = try await mona.post("/events/\(rallyID)/promotions", [("group", center)])
                #expect(promotedOnB.status == .seeOther, "\(errorsIn(promotedOnB))")

                // On A: a circle's organizer finds the center by its handle.
                var olive = try await a.person("olive")
                let circle = try await olive.createGroup("Hyde Park Circle", city: "Leeds")
                let bHost = String(b.site.url.dropFirst("http://".count))
                let missing = try await olive.post("/groups-elsewhere", [("handle", "@nobody@\(bHost)")])
                #expect(missing.status == .unprocessableContent)
                #expect(missing.contains("does not know @nobody"))
                #expect(missing.contains("@nobody@\(bHost)"), "the form keeps what was typed")
                let found = try await olive.post("/groups-elsewhere", [("handle", "@\(center)@\(bHost)")])
                #expect(found.status == .seeOther, "\(errorsIn(found))")
                let remotePath = try #require(found.location)
                var stranger = a.visitor()
                let directory = try await stranger.get("/groups?q=Leeds+Renters")
                #expect(directory.contains("Leeds Renters Center"))
                #expect(directory.contains("Remote · \(bHost)"))
                let remotePage = try await olive.get(remotePath)
                #expect(remotePage.contains("lives on \(bHost)"))
                #expect(!remotePage.contains(">Join<"), "nobody joins a remote group here")

                // The circle follows it; the Follow goes out, B accepts and sends its recent items.
                let followed = try await olive.post("\(remotePath)/followers", [("group", circle)])
                #expect(followed.status == .seeOther, "\(errorsIn(followed))")
                let aFederation = Federator(services: a.services())
                let bFederation = Federator(services: b.services())
                _ = try await Following(federation: aFederation).sendDue()
                _ = try await aFederation.deliveries.deliverDue()
                try await eventually("B records the follow") {
                    try await b.store.sql.count({ $0 }, from: "federation_followers") == 1
                }
                _ = try await bFederation.deliveries.deliverDue()
                try await eventually("A takes the accept, the posts and the event") {
                    let accepted = try await a.store.sql.count(
                        { $0.where("accepted", .equal, true) },
                        from: "federation_following"
                    )
                    let posts = try await a.store.sql.count(
                        { $0.where("origin", .isNot, SQLLiteral.null) },
                        from: "posts"
                    )
                    let events = try await a.store.sql.count(
                        { $0.where("origin", .isNot, SQLLiteral.null) },
                        from: "events"
                    )
                    // Two posts, the piece, and the post announcing the promoted rally.
                    return accepted == 1 && posts == 4 && events == 2
                }
                var page = try await stranger.get(remotePath)
                #expect(page.contains("Strike report"))
                #expect(page.contains("<strong>three</strong>"))
                let calendar = try await stranger.get("/cities/leeds?month=2026-10")
                #expect(calendar.contains("Tenants assembly"), "the remote event is on A's city calendar")
                let localEventID = try #require(
                    try await a.store.sql.select().column("id").from("events").where(
                        "title",
                        .equal,
                        "Tenants assembly"
                    )
                    .where("origin", .isNot, SQLLiteral.null).value("id", as: Int.self)
                )
                // The re-shared rally is fetched from B, under the coalition that leads it, promoted by the center.
                let rallyHere = try #require(
                    try await a.store.sql.select().column("id").from("events").where("title", .equal, "Coalition rally")
                        .value("id", as: Int.self)
                )
                let rallyPage = try await stranger.get("/events/\(rallyHere)")
                #expect(rallyPage.contains("Yorkshire Coalition"))
                #expect(rallyPage.contains("Leeds Renters Center"))
                #expect(try await stranger.get("/groups?q=Yorkshire").contains("Remote · \(bHost)"))
                let eventPage = try await olive.get("/events/\(localEventID)")
                #expect(eventPage.contains("hosted on another server"))
                #expect(eventPage.contains("\(b.site.url)/events/\(eventID)"))
                let rsvp = try await olive.post("/events/\(localEventID)/rsvp", [])
                #expect(rsvp.status == .conflict)
                #expect(try await a.store.sql.count({ $0 }, from: "rsvps") == 0, "no RSVP is taken here")

                // The piece is in A's library under its pseudonym; a center on A recommends it into A's journal.
                let pieceHere = try #require(
                    try await a.store.sql.select().column("id").from("posts").where(
                        "title",
                        .equal,
                        "Why rent strikes win"
                    )
                    .value("id", as: Int.self)
                )
                let piecePage = try await stranger.get("/library/\(pieceHere)")
                #expect(piecePage.status == .ok)
                #expect(piecePage.contains("A Leeds tenant"))
                #expect(piecePage.contains("<strong>tenants</strong>"))
                #expect(!piecePage.contains("mona"), "the pseudonym's account is never named")
                let hub = try await olive.createGroup("Leeds Hub", kind: "center")
                let recommended = try await recommend(&olive, pieceHere, for: hub)
                #expect(recommended.status == .seeOther, "\(errorsIn(recommended))")
                #expect(try await stranger.get("/journal").contains("Why rent strikes win"))

                // The circle promotes the remote event: it is on the circle's events here, still taking no RSVP.
                let promoted = try await olive.post("/events/\(localEventID)/promotions", [("group", circle)])
                #expect(promoted.status == .seeOther, "\(errorsIn(promoted))")
                #expect(try await stranger.get("/groups/\(circle)/events").contains("Tenants assembly"))

                // The circle asks to be listed as affiliated; B's organizers accept; both pages list it.
                let asked = try await olive.post("\(remotePath)/affiliations", [("group", circle)])
                #expect(asked.status == .seeOther, "\(errorsIn(asked))")
                _ = try await Affiliating(federation: aFederation).sendDue()
                _ = try await aFederation.deliveries.deliverDue()
                try await eventually("B takes the request") {
                    try await b.store.sql.count({ $0.where("status", .equal, "pending") }, from: "affiliations") == 1
                }
                let requestID = try #require(
                    try await b.store.sql.select().column("id").from("affiliations").value("id", as: Int.self)
                )
                let accepted = try await mona.post("/groups/\(center)/affiliations/\(requestID)/accept", [])
                #expect(accepted.status == .seeOther)
                _ = try await Affiliating(federation: bFederation).sendDue()
                _ = try await bFederation.deliveries.deliverDue()
                try await eventually("A takes the acceptance") {
                    try await a.store.sql.count({ $0.where("status", .equal, "accepted") }, from: "affiliations") == 1
                }
                var onB = b.visitor()
                let centerPage = try await onB.get("/groups/\(center)")
                #expect(centerPage.contains("Hyde Park Circle"))
                #expect(centerPage.contains("Remote · 127.0.0.1"))
                #expect(try await stranger.get("/groups/\(circle)").contains("Leeds Renters Center"))

                // B renames the event and deletes a post: A follows.
                let edited = try await mona.post(
                    "/events/\(eventID)",
                    [
                        ("kind", "talk"), ("title", "Tenants assembly (new hall)"), ("start", "2026-10-20T19:00"),
                        ("end", "2026-10-20T21:00"), ("city", "Leeds"), ("description", "Come along."),
                        ("isPublic", "on"), ("_submitted", "1"),
                    ]
                )
                #expect(edited.status == .seeOther, "\(errorsIn(edited))")
                #expect(doomed.status == .seeOther)
                let postID = try #require(
                    try await b.store.sql.select().column("id").from("posts").where("title", .equal, "Typo post")
                        .value("id", as: Int.self)
                )
                let deleted = try await mona.post("/groups/\(center)/posts/\(postID)/delete", [])
                #expect(deleted.status == .seeOther)
                _ = try await Publisher(federation: bFederation).publishDue()
                _ = try await bFederation.deliveries.deliverDue()
                try await eventually("A takes the edit and the deletion") {
                    let title = try await a.store.sql.select().column("title").from("events")
                        .where("id", .equal, localEventID).value("title", as: String.self)
                    let posts = try await a.store.sql.count(
                        { $0.where("origin", .isNot, SQLLiteral.null) },
                        from: "posts"
                    )
                    return title == "Tenants assembly (new hall)" && posts == 3
                }
                page = try await stranger.get(remotePath)
                #expect(!page.contains("Typo post"))

                // The circle ends the affiliation: B drops it too.
                let aAffiliation = try #require(
                    try await a.store.sql.select().column("id").from("affiliations").value("id", as: Int.self)
                )
                let left = try await olive.post("/groups/\(circle)/affiliations/\(aAffiliation)/end", [])
                #expect(left.status == .seeOther)
                _ = try await Affiliating(federation: aFederation).sendDue()
                _ = try await aFederation.deliveries.deliverDue()
                try await eventually("B drops the affiliation") {
                    try await b.store.sql.count({ $0 }, from: "affiliations") == 0
                }

                // The follow ends: B forgets the follower.
                let circleSlug = circle
                let ended = try await olive.post("\(remotePath)/followers/\(circleSlug)/delete", [])
                #expect(ended.status == .seeOther)
                _ = try await Following(federation: aFederation).sendDue()
                _ = try await aFederation.deliveries.deliverDue()
                try await eventually("B takes the Undo") {
                    try await b.store.sql.count({ $0 }, from: "federation_followers") == 0
                }
            }
        }
    }
}

/// Waits up to 20 seconds for `condition`, checking it every 100 ms; fails the test with `what` if it never holds.
func eventually(
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("never happened: \(what)", sourceLocation: sourceLocation)
    throw TestFailure("never happened: \(what)")
}
