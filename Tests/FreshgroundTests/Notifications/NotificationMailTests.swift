import Foundation
import FreshgroundWeb
import HTTPTypes
import Notifications
import SQLKit
import Testing

@Suite struct NotificationMailTests {
    @Test func mailAtOnceNamesNothingInItsSubjectAndCarriesOneClickUnsubscribe() async throws {
        try await withApp { app in
            // setup
            let address = freshAddress("ada")
            var ada = app.visitor()
            try await ada.signUp("ada", email: address)
            _ = try await app.person("bob")

            // act
            try await app.notify(
                ["ada"],
                Notice(
                    kind: .joinRequest,
                    title: "Bob asks to join Nightshade Cell",
                    body: "I work nights at the depot.",
                    path: "/groups/nightshade/members"
                ),
                except: "bob"
            )

            // check
            let message = try #require(try await Mailbox.messages(to: address).first)
            #expect(message.subject == "Someone asked to join one of your groups")
            #expect(!message.subject.contains("Nightshade") && !message.subject.contains("Bob"))
            #expect(message.body.contains("Bob asks to join Nightshade Cell"))
            #expect(message.body.contains("I work nights at the depot."))
            #expect(message.body.contains("http://127.0.0.1:8080/groups/nightshade/members"))
            let unsubscribe = try #require(message.header("List-Unsubscribe"))
            #expect(unsubscribe.hasPrefix("<http://127.0.0.1:8080/notifications/unsubscribe/"))
            #expect(message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
            #expect(message.body.contains(String(unsubscribe.dropFirst().dropLast())))
        }
    }

    @Test func oneClickUnsubscribeStopsOnlyThatKind() async throws {
        try await withApp { app in
            // setup
            let address = freshAddress("ada")
            var ada = app.visitor()
            try await ada.signUp("ada", email: address)
            try await app.notify(["ada"], Notice(kind: .joinRequest, title: "First request", path: "/"))
            let message = try #require(try await Mailbox.messages(to: address).first)
            let link = String(try #require(message.header("List-Unsubscribe")).dropFirst().dropLast())
            let path = String(link.dropFirst("http://127.0.0.1:8080".count))

            // act: a browser opens the link (which changes nothing), then the mail client posts to it
            var stranger = app.visitor()
            let confirm = try await stranger.get(path)
            let settingsBefore = try await ada.get("/notifications/settings")
            let stopped = try await stranger.send(
                path,
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "List-Unsubscribe=One-Click")
            )
            try await app.notify(["ada"], Notice(kind: .joinRequest, title: "Second request", path: "/"))
            try await app.notify(["ada"], Notice(kind: .message, title: "A message", path: "/"))

            // check
            #expect(confirm.status == .ok && confirm.contains("Stop these emails"))
            #expect(confirm.contains("Requests to join your groups"))
            #expect(
                settingsBefore.contains(#"<select id="join_request" name="join_request"><option value="now" selected>"#)
            )
            #expect(stopped.status == .ok && stopped.contains("You get no more emails about"))
            #expect(stopped.contains("/notifications/settings"))
            #expect(try await told(app, about: "Second request") == ["ada"], "the notification is still recorded")
            let messages = try await Mailbox.messages(to: address, where: { $0.body.contains("A message") })
            #expect(messages.filter { $0.body.contains("Second request") }.isEmpty)
            #expect(try await app.queuedMail(to: address) == 2)
            let settings = try await ada.get("/notifications/settings")
            #expect(settings.contains(#"<select id="join_request" name="join_request"><option value="now">"#))
            #expect(settings.contains(#"<option value="none" selected>No email"#))
            var nobody = app.visitor()
            #expect(try await nobody.get("/notifications/unsubscribe/not-a-token").status == .notFound)
        }
    }

    /// Each mail's unsubscribe link has a token of its own, and the database keeps only its digest.
    @Test func everyMailsUnsubscribeLinkWorksAndItsTokenIsKeptOnlyAsADigest() async throws {
        try await withApp { app in
            // setup
            let address = freshAddress("ada")
            var ada = app.visitor()
            try await ada.signUp("ada", email: address)

            // act: two mails of one kind, then both links opened
            for title in ["First request", "Second request"] {
                try await app.notify(["ada"], Notice(kind: .joinRequest, title: title, path: "/"))
            }
            let messages = try await Mailbox.messages(to: address, count: 2)
            let paths = try messages.map { message in
                String(try #require(message.header("List-Unsubscribe")).dropFirst("<http://127.0.0.1:8080".count))
                    .dropLast()
            }
            var stranger = app.visitor()
            var pages: [Page] = []
            for path in paths { pages.append(try await stranger.get(String(path))) }

            // check
            let tokens = paths.map { String($0.split(separator: "/").last ?? "") }
            #expect(Set(tokens).count == 2, "each mail has a token of its own")
            for page in pages { #expect(page.status == .ok && page.contains("Requests to join your groups")) }
            for token in tokens {
                #expect(try await tablesHolding(token, in: app).isEmpty, "the token is stored nowhere")
                #expect(try await tablesHolding(Token.digest(token), in: app) == ["mail_link_tokens"])
            }
        }
    }

    /// An unsubscribe link mailed before tokens were kept as digests works after the upgrade, which keeps no token.
    @Test func anUnsubscribeLinkMailedBeforeTheUpgradeStillWorks() async throws {
        try await withApp { app in
            // setup: ada's setting as it stood before the upgrade, holding the token its mail carried
            var ada = app.visitor()
            try await ada.signUp("ada", email: freshAddress("ada"))
            let everyKind = NotificationKind.allCases.map { ($0.rawValue, "now") }
            #expect(try await ada.post("/notifications/settings", everyKind).status == .seeOther)
            let token = Token.random()
            try await app.store.sql.raw(
                """
                UPDATE notification_settings SET unsubscribe_token = \(bind: token)
                WHERE kind = 'join_request' AND person_id = (SELECT id FROM people WHERE handle = 'ada')
                """
            ).run()

            // act
            try await app.rerun(migration: "DigestNotificationSettingsUnsubscribeTokens")
            var stranger = app.visitor()
            let stopped = try await stranger.send(
                "/notifications/unsubscribe/\(token)",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "List-Unsubscribe=One-Click")
            )

            // check
            #expect(stopped.status == .ok && stopped.contains("You get no more emails about"))
            #expect(stopped.contains("Requests to join your groups"))
            #expect(try await tablesHolding(token, in: app).isEmpty)
            let settings = try await ada.get("/notifications/settings")
            #expect(settings.contains(#"<select id="join_request" name="join_request"><option value="now">"#))
        }
    }

    @Test func aPersonWithoutAnAddressGetsTheNotificationButNoMail() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")

            // act
            try await app.notify(["ada"], Notice(kind: .decision, title: "Your piece was accepted", path: "/"))

            // check
            #expect(try await told(app, about: "Your piece was accepted") == ["ada"])
            #expect(try await app.store.sql.count({ $0 }, from: "mail_outbox") == 0)
            let settings = try await ada.get("/notifications/settings")
            #expect(settings.contains("Your account has no email address, so you get no email"))
        }
    }

    @Test func aSiteWithoutAMailServerSaysSo() async throws {
        try await withApp(mail: false) { app in
            // setup
            var ada = app.visitor()
            try await ada.signUp("ada", email: freshAddress("ada"))

            // act
            let settings = try await ada.get("/notifications/settings")

            // check
            #expect(settings.contains("This site has no mail server, so you get no email"))
        }
    }
}
