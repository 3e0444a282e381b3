import Foundation
import Testing

/// The privacy probe of decisions: secrets planted in a private circle's decisions and a coalition's vote, then
/// every page, list, feed, API answer and search read as an anonymous visitor, a stranger, a member of another
/// group and the site's admin.
@Suite("Decisions: the privacy probe")
struct DecisionPrivacyTests {
    @Test func nothingOfAPrivateGroupsDecisionsReachesOutsiders() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle votes secretly (with a reason) and openly; its organizer also organizes a public
            // coalition, in which the private circle and pat's public circle vote
            var circle = try await decisionCircle(app, visibility: "private")
            let secret = try await openDecision(app, &circle.olive, in: circle.slug, title: "Hidden Strike Fund")
            let open = try await openDecision(
                app,
                &circle.olive,
                in: circle.slug,
                title: "Hidden Named Vote",
                [("secret", "-"), ("publicResults", "-")]
            )
            try #require(
                try await vote(&circle.mona, on: secret, [("position", "yes"), ("reason", "SecretReasonText")]).status
                    == .seeOther
            )
            try #require(
                try await vote(&circle.nia, on: open, [("position", "no"), ("reason", "NamedReasonText")]).status
                    == .seeOther
            )
            let coalition = try await circle.olive.createGroup("Open Coalition", kind: "coalition")
            var pat = try await app.person("pat")
            _ = try await pat.createGroup("Public Circle")
            try await openDecision(app, &circle.olive, in: circle.slug, title: "Circle Only")
            let coalitionVote = try await openDecision(
                app,
                &circle.olive,
                in: coalition,
                title: "Coalition Vote",
                [("secret", "-"), ("electorate", "groups"), ("units", "Public Circle\n\(circle.slug)")]
            )
            try #require(
                try await vote(&circle.olive, on: coalitionVote, [("position", "yes"), ("reason", "UnitReasonText")])
                    .status == .seeOther
            )
            app.clock.advance(seconds: 2 * 86_400)
            // the circle's elected body and a dissent statement on its closed open vote
            let body = try await createBody(&circle.olive, in: circle.slug, name: "HiddenBodyName", seats: 2, months: 6)
            try #require(
                try await circle.nia.post("/decisions/\(open)/dissent", [("statement", "DissentSecretText")]).status
                    == .seeOther
            )
            let admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            var outsiders = [("anonymous", app.visitor()), ("stranger", circle.sam), ("admin", admin), ("pat", pat)]
            let secrets = [
                "Hidden Strike Fund", "Hidden Named Vote", "SecretReasonText", "NamedReasonText", "Riverside Circle",
                "Circle Only", "HiddenBodyName", "DissentSecretText",
            ]

            // act and check
            for index in outsiders.indices {
                let who = outsiders[index].0
                for path in [
                    "/decisions/\(secret)", "/decisions/\(open)", "/decisions/\(secret)/board",
                    "/decisions/\(open)/ballots.blt",
                    "/decisions", "/groups/\(circle.slug)/decisions", "/groups/\(circle.slug)/decisions.atom",
                    "/decisions/\(coalitionVote)", "/groups/\(coalition)/decisions",
                    "/groups/\(coalition)/decisions.atom",
                    "/api/v1/decisions", "/api/v1/decisions/\(secret)", "/api/v1/decisions/\(open)",
                    "/api/v1/decisions/\(coalitionVote)", "/api/v1/groups/\(circle.slug)/decisions",
                    "/search?q=Hidden", "/notifications", "/me/data.json", "/",
                    "/groups/\(circle.slug)/bodies", "/api/v1/groups/\(circle.slug)/bodies", "/api/v1/bodies/\(body)",
                    "/api/v1/decisions/\(open)/dissents", "/api/v1/groups/\(circle.slug)/conference-actions",
                ] {
                    let page = try await outsiders[index].1.get(path)
                    for planted in secrets {
                        #expect(!page.contains(planted), "\(who) read “\(planted)” at \(path)")
                    }
                    #expect(!page.contains("UnitReasonText") || who == "pat", "\(who) read a unit's reason at \(path)")
                }
            }
            // The public circle's organizer votes in the coalition: the private circle is "a private group" to them.
            let seen = try await outsiders[3].1.get("/decisions/\(coalitionVote)")
            #expect(seen.status == .ok && seen.contains("a private group") && !seen.contains("Riverside"))
            // The insiders do see what was planted.
            let member = try await circle.mona.get("/decisions/\(open)")
            #expect(member.contains("Hidden Named Vote") && member.contains("NamedReasonText"))
            let board = try await circle.nia.get("/decisions/\(secret)")
            #expect(board.contains("Hidden Strike Fund"))
            let home = try await circle.nia.get("/")
            #expect(home.contains("Hidden Strike Fund") && home.contains("Results of the last two weeks"))
            let dissents = try await circle.mona.get("/api/v1/decisions/\(open)/dissents")
            #expect(dissents.contains("DissentSecretText"))
        }
    }
}
