import Foundation
import HTTPTypes
import Notifications
import SQLKit
import Testing

@Suite struct NotificationDigestTests {
    @Test func twoNotificationsMakeOneDigestTheNextDayAndNothingTheDayAfter() async throws {
        try await withApp { app in
            // setup: ada gets join requests and messages in a digest
            let address = freshAddress("ada")
            var ada = app.visitor()
            try await ada.signUp("ada", email: address)
            let fields = NotificationKind.allCases.map { kind in
                (kind.rawValue, [.joinRequest, .message].contains(kind) ? "digest" : "now")
            }
            #expect(try await ada.post("/notifications/settings", fields).status == .seeOther)
            try await app.notify(["ada"], Notice(kind: .joinRequest, title: "Request to join Ember Circle", path: "/a"))
            app.clock.advance(seconds: 3600)
            try await app.notify(
                ["ada"],
                Notice(kind: .message, title: "Message to Ember Circle", body: "Hello\nthere", path: "/b")
            )
            let services = app.services()

            // act
            let sameDay = try await sendNotificationDigests(services: services)
            app.clock.advance(seconds: 23 * 3600 + 60)
            let nextDay = try await sendNotificationDigests(services: services)
            _ = try await services.outbox.deliverDue()
            try await app.advanceClockAfterMail(seconds: 86_400)
            let dayAfter = try await sendNotificationDigests(services: services)

            // check
            #expect(sameDay == 0 && nextDay == 1 && dayAfter == 0)
            #expect(try await app.queuedMail(to: address) == 1)
            let message = try #require(try await Mailbox.messages(to: address).first)
            #expect(message.subject == "Your notifications of the day")
            #expect(
                message.body.contains("Request to join Ember Circle")
                    && message.body.contains("Message to Ember Circle")
            )
            #expect(message.body.contains("http://127.0.0.1:8080/a") && message.body.contains("  there"))
            #expect(message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
            let link = String(try #require(message.header("List-Unsubscribe")).dropFirst().dropLast())
            #expect(link.hasPrefix("http://127.0.0.1:8080/notifications/unsubscribe/"))

            // act: the digest's one-click unsubscribe turns every digest kind to no email, and nothing else
            var stranger = app.visitor()
            let stopped = try await stranger.send(
                String(link.dropFirst("http://127.0.0.1:8080".count)),
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "List-Unsubscribe=One-Click")
            )

            // check
            #expect(stopped.status == .ok && stopped.contains("You get no more emails about the daily digest"))
            let settings = try await ada.get("/notifications/settings")
            #expect(settings.body.components(separatedBy: #"<option value="none" selected>"#).count == 3)
            #expect(
                settings.body.components(separatedBy: #"<option value="now" selected>"#).count == NotificationKind
                    .allCases.count - 1
            )
        }
    }

    @Test func readNotificationsAndPeopleWithoutAnAddressGetNoDigest() async throws {
        try await withApp { app in
            // setup: both get decisions in a digest; ada has no address, bob reads his on the site
            var ada = try await app.person("ada")
            var bob = app.visitor()
            let address = freshAddress("bob")
            try await bob.signUp("bob", email: address)
            for visitor in [ada, bob] {
                var visitor = visitor
                let fields = NotificationKind.allCases.map { ($0.rawValue, $0 == .decision ? "digest" : "now") }
                #expect(try await visitor.post("/notifications/settings", fields).status == .seeOther)
            }
            try await app.notify(["ada", "bob"], Notice(kind: .decision, title: "Your piece was accepted", path: "/"))
            #expect(try await bob.post("/notifications/read").status == .seeOther)

            // act
            app.clock.advance(seconds: 86_400 + 60)
            let sent = try await sendNotificationDigests(services: app.services())

            // check
            #expect(sent == 0)
            #expect(try await app.store.sql.count({ $0 }, from: "mail_outbox") == 0)
            #expect(try await ada.get("/notifications").contains("Your piece was accepted"))
        }
    }
}
