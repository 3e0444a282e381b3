import Foundation
import HTTPTypes
import Testing

/// A private group is named only to its members. It is planted in every place one feature lets a group be named
/// by another (promoting an event, hosting one, adding and recommending a speaker, recommending a piece, a piece
/// of its journal on a public reading list), and every page and API answer about those things is read as an
/// anonymous visitor, a signed-in stranger and the organizer of the public group involved.
@Suite("Groups: a private group is never named to outsiders")
struct PrivateGroupNamingTests {
    static let secretName = "Quiet Cell Zq"

    @Test func noFeatureNamesAPrivateGroupToOutsiders() async throws {
        try await withApp { app in
            // setup: a public circle's public event and a public center's piece; a private center of pat's
            var olive = try await app.person("olive")
            let circle = try await olive.createGroup("Leeds Tenants", city: "Leeds")
            let event = try await scheduleEvent(&olive, host: circle, title: "Open forum")
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let piece = try await Discussion.publish(&carol, in: center, "Open handbook")
            var pat = try await app.person("pat")
            let secret = try await pat.createGroup(Self.secretName, kind: "center", visibility: "private")
            let open = try await pat.createGroup("Pat's Open Circle")
            // act: the private center promotes, co-hosts, adds a speaker, recommends, and its piece is listed
            let promoted = try await pat.post("/events/\(event)/promotions", [("group", secret)])
            try #require(promoted.status == .seeOther, "promote: \(promoted.status)")
            let hosted = try await scheduleEvent(&pat, host: secret, title: "Shared stall", [("isPublic", "on")])
            let speaker = try await addSpeaker(&pat, group: secret, name: "Rosa Speaker")
            let backed = try await pat.post("/speakers/\(speaker)/recommend", [("group", secret), ("note", "Good")])
            try #require(backed.status == .seeOther, "recommend speaker: \(backed.status)")
            try #require(try await recommend(&pat, piece, for: secret).status == .seeOther)
            let hidden = try await Discussion.publish(&pat, in: secret, "Members-only minutes")
            let list = try await pat.post("/lists", [("title", "Pat's picks"), ("public", "on"), ("group", open)])
            let listID = try #require(list.location.flatMap { Int($0.dropFirst("/lists/".count)) })
            for item in [piece, hidden] {
                _ = try await pat.post("/lists/\(listID)/items", [("publication", "/library/\(item)")])
            }
            let paths = [
                "/events/\(event)", "/api/v1/events/\(event)", "/events/\(hosted)", "/api/v1/events/\(hosted)",
                "/events", "/cities/leeds", "/groups/\(circle)/events", "/groups/\(circle)/events.ics",
                "/speakers/\(speaker)", "/api/v1/speakers/\(speaker)", "/speakers", "/api/v1/speakers",
                "/journal", "/api/v1/journal", "/library/\(piece)", "/api/v1/library/\(piece)",
                "/lists/\(listID)", "/api/v1/lists/\(listID)", "/search?q=handbook", "/search?q=minutes",
            ]
            var stranger = try await app.person("stranger")
            // check: nobody outside the private center reads its name, slug or piece anywhere
            for path in paths {
                for (who, page) in [
                    ("anonymous", try await app.anonymousGet(path)),
                    ("stranger", try await read(&stranger, path)),
                    ("olive", try await read(&olive, path)),
                ] {
                    let named = page.contains(Self.secretName) || page.contains("/groups/\(secret)")
                    let pieceShown = page.contains("Members-only minutes")
                    #expect(!named, "\(who) reads the private group's name or link at \(path)")
                    #expect(!pieceShown, "\(who) reads its members' piece at \(path)")
                }
            }
            // check: its own members still see what their group does
            let own = try await pat.get("/events/\(event)")
            #expect(own.contains(Self.secretName), "the promoting group's organizer sees it named")
            let ownSpeaker = try await pat.get("/speakers/\(speaker)")
            #expect(ownSpeaker.contains(Self.secretName))
            let ownList = try await pat.get("/lists/\(listID)")
            #expect(ownList.contains("Members-only minutes"))
        }
    }

    private func read(_ visitor: inout Visitor, _ path: String) async throws -> Page {
        path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
    }
}
