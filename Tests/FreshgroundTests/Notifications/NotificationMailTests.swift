import Foundation
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
