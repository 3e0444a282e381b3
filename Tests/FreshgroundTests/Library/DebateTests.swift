import Foundation
import HTTPTypes
import Testing

/// Debates across groups: positions, threaded replies, moderation in the open, a running summary, closing.
@Suite("Library: debates")
struct DebateTests {
    @Test func openingADebateNeedsSigningIn() async throws {
        try await withApp { app in
            // setup
            var anonymous = app.visitor()
            // act
            let form = try await anonymous.get("/debates/new")
            let post = try await anonymous.post("/debates", [("question", "Strike in May?")])
            let api = try await anonymous.api(.post, "/api/v1/debates", json: #"{"question":"Strike in May?"}"#)
            let list = try await anonymous.api(.get, "/api/v1/debates")
            // check
            #expect(form.status == .seeOther)
            #expect(form.location == "/login?next=/debates/new")
            #expect(post.status == .unauthorized)
            #expect(api.status == .unauthorized)
            #expect(api.json["type"] as? String == "https://freshground.example/problems/unauthorized")
            #expect(Discussion.items(list).isEmpty)
        }
    }

    @Test func anyoneSignedInOpensADebate() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            // act
            let id = try await Discussion.openDebate(&alice, "Strike in May?", description: "Think **hard**.")
            let page = try await Discussion.anonymous(app, "/debates/\(id)")
            let list = try await alice.api(.get, "/api/v1/debates")
            // check
            #expect(page.status == .ok)
            #expect(page.contains("<h1>Strike in May?</h1>"))
            #expect(page.contains("Opened by alice"))
            #expect(page.contains("Think <strong>hard</strong>."))
            let item = try #require(Discussion.items(list).first)
            #expect(item["question"] as? String == "Strike in May?")
            #expect(item["url"] as? String == "/debates/\(id)")
            #expect(item["positions"] as? Int == 0)
        }
    }

    @Test func peopleStatePositionsForThemselvesOrForAGroupTheyOrganize() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")
            // act
            _ = try await Discussion.state(&alice, in: id, "Yes, all out", argument: "Wages are *falling*.")
            _ = try await Discussion.state(&carol, in: id, "Not before June", group: center)
            let page = try await Discussion.anonymous(app, "/debates/\(id)")
            let api = try await Discussion.anonymous(app, "/api/v1/debates/\(id)")
            // check
            #expect(page.contains(#"<p class="meta">alice</p>"#))
            #expect(page.contains("Wages are <em>falling</em>."))
            #expect(page.contains(#"<p class="meta">carol for <a href="/groups/north-center">North Center</a></p>"#))
            let positions = try #require((api.json["debate"] as? [String: Any])?["positions"] as? [[String: Any]])
            #expect(positions.map { $0["statement"] as? String } == ["Yes, all out", "Not before June"])
            #expect(positions[0]["group"] as? [String: Any] == nil, "stated for nobody but herself")
            #expect((positions[1]["group"] as? [String: Any])?["slug"] as? String == "north-center")
            #expect(positions.map { $0["author"] as? String } == ["alice", "carol"])
        }
    }

    @Test func aMemberCannotStateAPositionForTheGroup() async throws {
        try await withApp { app in
            // setup: bob is a plain member of the center
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            var bob = try await app.person("bob")
            _ = try await bob.post("/groups/\(center)/join")
            let id = try await Discussion.openDebate(&carol, "Strike in May?")
            // act
            let form = try await bob.post(
                "/debates/\(id)/positions",
                [("statement", "The center says yes"), ("argument", ""), ("group", center)]
            )
            let api = try await bob.api(
                .post,
                "/api/v1/debates/\(id)/positions",
                json: Discussion.json(["statement": "The center says yes", "group": center])
            )
            let after = try await bob.api(.get, "/api/v1/debates/\(id)")
            // check
            let message = "Only organizers and editors of North Center can state a position for it."
            #expect(form.status == .unprocessableContent)
            #expect(form.contains(message))
            #expect(api.status == .unprocessableContent)
            #expect((api.json["errors"] as? [String: String])?["group"] == message)
            #expect(((after.json["debate"] as? [String: Any])?["positions"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func repliesThreadUnderTheirPositionInReadingOrder() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var bob = try await app.person("bob")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")
            let yes = try await Discussion.state(&alice, in: id, "Yes")
            let no = try await Discussion.state(&bob, in: id, "No")
            // act: a thread under "Yes" that grows in between replies elsewhere
            let first = try await Discussion.reply(&bob, in: id, position: yes, stance: "against", "First reply")
            let other = try await Discussion.reply(&alice, in: id, position: no, "Under no")
            let child = try await Discussion.reply(&alice, in: id, position: yes, parent: first, "Answer to first")
            let grandchild = try await Discussion.reply(&bob, in: id, position: yes, parent: child, "Deeper")
            let second = try await Discussion.reply(&alice, in: id, position: yes, "Second reply")
            let api = try await bob.api(.get, "/api/v1/debates/\(id)")
            let page = try await bob.get("/debates/\(id)")
            // check
            let replies = try #require((api.json["replies"] as? [String: Any])?["items"] as? [[String: Any]])
            #expect(replies.map { $0["id"] as? Int } == [first, child, grandchild, second, other])
            #expect(replies.map { $0["depth"] as? Int } == [0, 1, 2, 0, 0])
            #expect(replies.map { $0["parentID"] as? Int } == [nil, first, child, nil, nil])
            #expect(replies.map { $0["positionID"] as? Int } == [yes, yes, yes, yes, no])
            #expect(replies[0]["stance"] as? String == "against")
            let order = try Discussion.offsets(
                of: ["First reply", "Answer to first", "Deeper", "Second reply", "Under no"],
                in: page.body
            )
            #expect(order == order.sorted())
            #expect(page.contains(#"<li id="reply-\#(grandchild)" class="reply stance-for depth-2">"#))
        }
    }

    @Test func theOpenerHidesAReplyAndTheReasonGoesInTheLog() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var bob = try await app.person("bob")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")
            let position = try await Discussion.state(&alice, in: id, "Yes")
            let reply = try await Discussion.reply(&bob, in: id, position: position, "You are all traitors")
            // act
            let hide = try await alice.post("/debates/\(id)/replies/\(reply)/hide", [("reason", "Insults members")])
            let page = try await Discussion.anonymous(app, "/debates/\(id)")
            let api = try await Discussion.anonymous(app, "/api/v1/debates/\(id)")
            // check
            #expect(hide.status == .seeOther)
            #expect(!page.contains("traitors"))
            #expect(!api.body.contains("traitors"))
            #expect(page.contains("Hidden by a moderator: Insults members"))
            let log = try #require(page.body.components(separatedBy: "Moderation log</h2>").last)
            #expect(log.contains(##"alice hid <a href="#reply-\##(reply)">a reply</a>: Insults members"##))
            let item = try #require(((api.json["replies"] as? [String: Any])?["items"] as? [[String: Any]])?.first)
            #expect(item["hidden"] as? Bool == true)
            #expect(item["bodyHTML"] is NSNull)
            #expect(item["hiddenReason"] as? String == "Insults members")
            let entry = try #require((api.json["log"] as? [[String: Any]])?.first)
            #expect(entry["replyID"] as? Int == reply)
            #expect(entry["action"] as? String == "hide")
            #expect(entry["reason"] as? String == "Insults members")
            #expect(entry["moderator"] as? String == "alice")
        }
    }

    @Test func aModeratorNamedByTheOpenerCanHideReplies() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var bob = try await app.person("bob")
            var carol = try await app.person("carol")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")
            let position = try await Discussion.state(&alice, in: id, "Yes")
            let reply = try await Discussion.reply(&bob, in: id, position: position, "Spam spam spam")
            // act
            let named = try await alice.post("/debates/\(id)/moderators", [("handle", "carol")])
            let hide = try await carol.api(
                .post,
                "/api/v1/debates/\(id)/replies/\(reply)/moderation",
                json: #"{"hide":true,"reason":"Advertising"}"#
            )
            let page = try await bob.get("/debates/\(id)")
            // check
            #expect(named.status == .seeOther)
            #expect(hide.status == .ok)
            #expect((hide.json["debate"] as? [String: Any])?["moderators"] as? [String] == ["carol"])
            #expect((hide.json["log"] as? [[String: Any]])?.first?["moderator"] as? String == "carol")
            #expect(page.contains("Moderators: alice, carol"))
            #expect(page.contains(##"carol hid <a href="#reply-\##(reply)">a reply</a>: Advertising"##))
            #expect(!page.contains("Spam spam spam"))
        }
    }

    @Test func someoneWhoIsNotAModeratorCannotHideOrSummarize() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var bob = try await app.person("bob")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")
            let position = try await Discussion.state(&bob, in: id, "No")
            let reply = try await Discussion.reply(&alice, in: id, position: position, "Keep talking")
            // act
            let hide = try await bob.post("/debates/\(id)/replies/\(reply)/hide", [("reason", "I dislike it")])
            let apiHide = try await bob.api(
                .post,
                "/api/v1/debates/\(id)/replies/\(reply)/moderation",
                json: #"{"hide":true,"reason":"I dislike it"}"#
            )
            let summary = try await bob.post("/debates/\(id)/summary", [("summary", "Bob wins")])
            let apiSummary = try await bob.api(.post, "/api/v1/debates/\(id)/summary", json: #"{"summary":"Bob wins"}"#)
            let page = try await bob.get("/debates/\(id)")
            // check
            #expect(hide.status == .forbidden)
            #expect(hide.contains("Only the debate&#39;s moderators can do that."))
            #expect(apiHide.status == .forbidden)
            #expect(apiHide.json["detail"] as? String == "Only the debate's moderators can do that.")
            #expect(summary.status == .forbidden)
            #expect(apiSummary.status == .forbidden)
            #expect(page.contains("Keep talking"))
            #expect(page.contains("Nothing has been hidden."))
            #expect(page.contains("No summary yet."))
            #expect(!page.contains("Bob wins"))
        }
    }

    @Test func theRunningSummaryShowsOnThePage() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var bob = try await app.person("bob")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")
            _ = try await Discussion.state(&bob, in: id, "No")
            // act
            let saved = try await alice.post("/debates/\(id)/summary", [("summary", "So far **most** want June.")])
            let page = try await bob.get("/debates/\(id)")
            let api = try await bob.api(.get, "/api/v1/debates/\(id)")
            // check
            #expect(saved.status == .seeOther)
            let section = try #require(page.body.components(separatedBy: "Summary so far</h2>").last)
            #expect(section.hasPrefix("\n<p>So far <strong>most</strong> want June.</p>"))
            let debate = try #require(api.json["debate"] as? [String: Any])
            #expect(debate["summary"] as? String == "So far **most** want June.")
            #expect((debate["summaryHTML"] as? String)?.contains("<strong>most</strong>") == true)
            #expect(!(debate["summaryAt"] is NSNull))
        }
    }

    @Test func theOpenerCannotCloseADebateOthersHaveJoined() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            var bob = try await app.person("bob")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")
            let position = try await Discussion.state(&alice, in: id, "Yes")
            _ = try await Discussion.reply(&bob, in: id, position: position, "Agreed")
            // act
            let close = try await alice.post("/debates/\(id)/close")
            let apiClose = try await alice.api(.post, "/api/v1/debates/\(id)/close")
            let later = try await bob.post(
                "/debates/\(id)/replies",
                [("position", String(position)), ("stance", "for"), ("body", "Still open")]
            )
            // check
            #expect(close.status == .conflict)
            #expect(close.contains("Others have joined this debate, so it stays open."))
            #expect(apiClose.status == .conflict)
            #expect(apiClose.json["type"] as? String == "https://freshground.example/problems/conflict")
            #expect(later.status == .seeOther)
            let api = try await bob.api(.get, "/api/v1/debates/\(id)")
            #expect((api.json["debate"] as? [String: Any])?["closed"] as? Bool == false)
        }
    }

    @Test func aDebateNobodyJoinedCanBeClosedAndThenRefusesReplies() async throws {
        try await withApp { app in
            // setup: only the opener has spoken
            var alice = try await app.person("alice")
            var bob = try await app.person("bob")
            let id = try await Discussion.openDebate(&alice, "Strike in May?")
            let position = try await Discussion.state(&alice, in: id, "Yes")
            _ = try await Discussion.reply(&alice, in: id, position: position, "And I add this")
            // act
            let close = try await alice.post("/debates/\(id)/close")
            let reply = try await bob.post(
                "/debates/\(id)/replies",
                [("position", String(position)), ("stance", "against"), ("body", "Too late")]
            )
            let apiReply = try await bob.api(
                .post,
                "/api/v1/debates/\(id)/replies",
                json: Discussion.json(["position": position, "stance": "against", "body": "Too late"])
            )
            let page = try await bob.get("/debates/\(id)")
            // check
            #expect(close.status == .seeOther)
            #expect(reply.status == .conflict)
            #expect(reply.contains("This debate is closed."))
            #expect(apiReply.status == .conflict)
            #expect(apiReply.json["detail"] as? String == "This debate is closed.")
            #expect(page.contains("<strong>closed</strong>"))
            #expect(!page.contains("Send the reply"))
            #expect(!page.contains("Too late"))
        }
    }

    @Test func aDebateAboutAPublicationLinksToIt() async throws {
        try await withApp { app in
            // setup
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            let piece = try await Discussion.publish(&carol, in: center, "Rent strike handbook")
            let draft = try await Discussion.draft(&carol, in: center, "Unfinished notes")
            var bob = try await app.person("bob")
            // act
            let id = try await Discussion.openDebate(&bob, "Is the handbook right?", publication: piece)
            let tiedToDraft = try await bob.post(
                "/debates",
                [("question", "About notes"), ("publication", "\(draft)")]
            )
            let page = try await bob.get("/debates/\(id)")
            let api = try await bob.api(.get, "/api/v1/debates/\(id)")
            let piecePage = try await Discussion.anonymous(app, "/library/\(piece)")
            // check
            #expect(page.contains(#"<p>About <a href="/library/\#(piece)">Rent strike handbook</a> by carol</p>"#))
            let publication = (api.json["debate"] as? [String: Any])?["publication"] as? [String: Any]
            #expect(publication?["id"] as? Int == piece)
            #expect(publication?["url"] as? String == "/library/\(piece)")
            #expect(piecePage.contains(#"<li><a href="/debates/\#(id)">Is the handbook right?</a></li>"#))
            #expect(tiedToDraft.status == .unprocessableContent)
            #expect(tiedToDraft.contains("A debate can only be tied to a published piece everyone can read."))
        }
    }
}
