import Foundation
import Notifications
import SQLKit
import Testing

@Suite("Notifications JSON API")
struct NotificationsAPITests {
    @Test func eachPersonListsOnlyTheirOwnNewestFirstWithTheUnreadCount() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            var bob = try await app.person("bob")
            let request = Notice(kind: .joinRequest, title: "Cyd asks to join Night Shift", path: "/groups/night")
            try await app.notify(["ada"], request)
            app.clock.advance(seconds: 60)
            let message = Notice(kind: .message, title: "A note to Night Shift", body: "Meet at six?", path: "/x")
            try await app.notify(["ada"], message)
            try await app.notify(["bob"], Notice(kind: .invitation, title: "Bob is invited", path: "/y"))
            let created = try await ada.post("/me/tokens", [("name", "phone")])
            let token = try #require(created.body.firstMatch(of: /<code id="new-token">([^<]+)<\/code>/)?.1)
            var phone = app.visitor()

            // act
            let mine = try await ada.api(.get, "/api/v1/notifications")
            let byToken = try await phone.api(.get, "/api/v1/notifications", bearer: String(token))
            let others = try await bob.api(.get, "/api/v1/notifications")

            // check: newest first, every field, and nothing of anyone else's
            #expect(mine.status == .ok)
            let items = jsonItems(mine)
            #expect(
                items.map { $0["title"] as? String } == ["A note to Night Shift", "Cyd asks to join Night Shift"]
            )
            #expect(mine.json["unread"] as? Int == 2)
            #expect(mine.json["page"] as? Int == 1 && mine.json["hasNext"] as? Bool == false)
            let newest = try #require(items.first)
            #expect(newest["kind"] as? String == "message")
            #expect(newest["body"] as? String == "Meet at six?")
            #expect(newest["path"] as? String == "/x")
            #expect(newest["url"] as? String == "http://127.0.0.1:8080/x")
            #expect(newest["read"] as? Bool == false)
            #expect((newest["id"] as? Int) != nil && (newest["createdAt"] as? String) != nil)
            #expect(items.last?["kind"] as? String == "join_request")
            #expect(items.last?["url"] as? String == "http://127.0.0.1:8080/groups/night")
            #expect(byToken.status == .ok && jsonItems(byToken).count == 2)
            #expect(jsonItems(others).map { $0["title"] as? String } == ["Bob is invited"])
            #expect(others.json["unread"] as? Int == 1 && !others.body.contains("Night Shift"))
        }
    }

    @Test func anotherPersonsNotificationIsNotFoundAndAnonymousCallersAreRefused() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            var bob = try await app.person("bob")
            try await app.notify(["ada"], Notice(kind: .decision, title: "Your piece was accepted", path: "/"))
            let id = try await notificationID(app, "Your piece was accepted")
            var anonymous = app.visitor()

            // act
            let someoneElses = try await bob.api(.post, "/api/v1/notifications/\(id)/read")
            let unknown = try await ada.api(.post, "/api/v1/notifications/\(id + 1000)/read")
            let bobsAll = try await bob.api(.post, "/api/v1/notifications/read")
            let list = try await anonymous.api(.get, "/api/v1/notifications")
            let markOne = try await anonymous.api(.post, "/api/v1/notifications/\(id)/read")
            let markAll = try await anonymous.api(.post, "/api/v1/notifications/read")

            // check: ada's stays unread
            #expect(someoneElses.status == .notFound && unknown.status == .notFound)
            #expect(bobsAll.status == .noContent)
            #expect([list.status, markOne.status, markAll.status] == [.unauthorized, .unauthorized, .unauthorized])
            let after = try await ada.api(.get, "/api/v1/notifications")
            #expect(after.json["unread"] as? Int == 1 && jsonItems(after).first?["read"] as? Bool == false)
        }
    }

    @Test func markingOneAndThenAllReadDropsTheCount() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            for number in 1...3 {
                try await app.notify(["ada"], Notice(kind: .invitation, title: "Invitation \(number)", path: "/"))
            }
            let second = try await notificationID(app, "Invitation 2")

            // act
            let one = try await ada.api(.post, "/api/v1/notifications/\(second)/read")
            let again = try await ada.api(.post, "/api/v1/notifications/\(second)/read")

            // check: that one is read, the others not, here and in the header
            #expect(one.status == .noContent && again.status == .noContent)
            let afterOne = try await ada.api(.get, "/api/v1/notifications")
            #expect(afterOne.json["unread"] as? Int == 2)
            let read = jsonItems(afterOne).filter { $0["read"] as? Bool == true }.map { $0["title"] as? String }
            #expect(read == ["Invitation 2"])
            #expect(try await ada.get("/groups").contains(unreadBadge(2)))

            // act
            let all = try await ada.api(.post, "/api/v1/notifications/read")

            // check
            #expect(all.status == .noContent && all.body.isEmpty)
            let afterAll = try await ada.api(.get, "/api/v1/notifications")
            #expect(afterAll.json["unread"] as? Int == 0 && jsonItems(afterAll).count == 3)
            #expect(jsonItems(afterAll).allSatisfy { $0["read"] as? Bool == true })
            #expect(!(try await ada.get("/groups").contains("badge count")))
        }
    }

    @Test func theListIsPagedAndABadPageNumberIsRefused() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            for number in 1...21 {
                try await app.notify(["ada"], Notice(kind: .decision, title: "Decision number \(number)", path: "/"))
            }

            // act
            let first = try await ada.api(.get, "/api/v1/notifications")
            let second = try await ada.api(.get, "/api/v1/notifications?page=2")
            let zero = try await ada.api(.get, "/api/v1/notifications?page=0")

            // check
            #expect(jsonItems(first).count == 20 && first.json["hasNext"] as? Bool == true)
            #expect(jsonItems(first).first?["title"] as? String == "Decision number 21")
            #expect(jsonItems(second).map { $0["title"] as? String } == ["Decision number 1"])
            #expect(second.json["page"] as? Int == 2 && second.json["hasNext"] as? Bool == false)
            #expect(second.json["unread"] as? Int == 21)
            #expect(zero.status == .unprocessableContent)
        }
    }
}

/// The id of the notification titled `title`.
private func notificationID(_ app: TestApp, _ title: String) async throws -> Int {
    try #require(
        try await app.store.sql.select().column("id").from("notifications")
            .where("title", .equal, title).value("id", as: Int.self)
    )
}

/// Every notifications operation, called as a client would, answers with a status and body its document part
/// describes.
@Suite("Notifications API document")
struct NotificationsAPIDocumentTests {
    static let operations: Set<String> = [
        "GET /api/v1/notifications", "POST /api/v1/notifications/{id}/read", "POST /api/v1/notifications/read",
    ]

    @Test func everyNotificationsOperationAnswersAsDocumented() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            var bob = try await app.person("bob")
            try await app.notify(["ada"], Notice(kind: .joinRequest, title: "Cyd asks to join", path: "/groups/g"))
            try await app.notify(["ada"], Notice(kind: .decision, title: "Your piece was accepted", path: "/x"))
            let id = try await notificationID(app, "Cyd asks to join")
            var stranger = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&stranger)
            let list = "GET /api/v1/notifications"
            let one = "POST /api/v1/notifications/{id}/read"
            let all = "POST /api/v1/notifications/read"

            // act and check: each answer fits the document
            let listed = try await calls.call(&ada, list, "/api/v1/notifications")
            try await calls.call(&ada, list, "/api/v1/notifications?page=2")
            try await calls.call(&ada, list, "/api/v1/notifications?page=0", status: .unprocessableContent)
            try await calls.call(&stranger, list, "/api/v1/notifications", status: .unauthorized)
            try await calls.call(&bob, one, "/api/v1/notifications/\(id)/read", status: .notFound)
            try await calls.call(&stranger, one, "/api/v1/notifications/\(id)/read", status: .unauthorized)
            try await calls.call(&ada, one, "/api/v1/notifications/\(id)/read")
            try await calls.call(&stranger, all, "/api/v1/notifications/read", status: .unauthorized)
            try await calls.call(&ada, all, "/api/v1/notifications/read")
            let after = try await calls.call(&ada, list, "/api/v1/notifications")

            #expect(jsonItems(listed).count == 2 && listed.json["unread"] as? Int == 2)
            #expect(after.json["unread"] as? Int == 0)
            #expect(calls.exercised == Self.operations)
        }
    }
}
