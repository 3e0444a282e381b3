import Foundation
import Notifications
import SQLKit
import Testing

@Suite struct NotificationPageTests {
    @Test func notifyRecordsOneRowForEachListedPersonButNeverTheActor() async throws {
        try await withApp { app in
            // setup
            for handle in ["ada", "bob", "cyd", "dee"] { _ = try await app.person(handle) }

            // act: ada twice, and dee acting
            try await app.notify(
                ["ada", "bob", "ada", "dee"],
                Notice(kind: .joinRequest, title: "Someone asks to join Quiet Circle", path: "/groups/quiet/members"),
                except: "dee"
            )

            // check
            #expect(try await told(app, about: "Quiet Circle") == ["ada", "bob"])
        }
    }

    @Test func eachPersonSeesOnlyTheirOwnAndOpeningOneMarksItRead() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            var bob = try await app.person("bob")
            try await app.notify(
                ["ada"],
                Notice(kind: .submission, title: "Hidden Cell submitted a piece", path: "/library/7/review")
            )
            try await app.notify(
                ["ada"],
                Notice(kind: .message, title: "A message to Hidden Cell", body: "Can we meet on Tuesday?", path: "/x")
            )
            let first = try #require(
                try await app.store.sql.select().column("id").from("notifications")
                    .where("title", .equal, "Hidden Cell submitted a piece").value("id", as: Int.self)
            )

            // act
            let page = try await ada.get("/notifications")
            let others = try await bob.get("/notifications")
            let someoneElses = try await bob.get("/notifications/\(first)")
            var anonymous = app.visitor()
            let signedOut = try await anonymous.get("/notifications")

            // check: newest first, both unread, the count in the header
            #expect(page.status == .ok)
            let submitted = try #require(page.body.range(of: "Hidden Cell submitted a piece"))
            let message = try #require(page.body.range(of: "A message to Hidden Cell"))
            #expect(message.lowerBound < submitted.lowerBound)
            #expect(page.contains("Can we meet on Tuesday?"))
            #expect(page.body.components(separatedBy: "<span class=\"badge\">Unread</span>").count == 3)
            #expect(page.contains(unreadBadge(2)))
            #expect(!others.contains("Hidden Cell") && others.contains("No notifications yet"))
            #expect(!others.contains("badge count"))
            #expect(someoneElses.status == .notFound)
            #expect(signedOut.status == .seeOther && signedOut.location == "/login?next=/notifications")

            // act: opening one
            let opened = try await ada.get("/notifications/\(first)")

            // check
            #expect(opened.status == .seeOther && opened.location == "/library/7/review")
            let after = try await ada.get("/notifications")
            #expect(after.contains(unreadBadge(1)) && !after.contains(unreadBadge(2)))
            #expect(after.body.components(separatedBy: "<span class=\"badge\">Unread</span>").count == 2)
        }
    }

    @Test func markAllAsReadClearsTheCount() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            for number in 1...3 {
                try await app.notify(["ada"], Notice(kind: .invitation, title: "Invitation \(number)", path: "/"))
            }
            #expect(try await ada.get("/groups").contains(unreadBadge(3)))

            // act
            let marked = try await ada.post("/notifications/read")

            // check
            #expect(marked.status == .seeOther)
            let page = try await ada.get("/notifications")
            #expect(page.contains("Marked all as read.") && page.contains("Nothing unread."))
            #expect(page.contains("Invitation 3") && !page.contains("badge count"))
            #expect(!page.contains("Mark all as read</button>"))
        }
    }

    @Test func theListIsPagedAndAnonymousPagesShowNoCount() async throws {
        try await withApp { app in
            // setup
            var ada = try await app.person("ada")
            for number in 1...21 {
                try await app.notify(["ada"], Notice(kind: .decision, title: "Decision number \(number)", path: "/"))
            }

            // act
            let first = try await ada.get("/notifications")
            let second = try await ada.get("/notifications?page=2")
            var anonymous = app.visitor()
            let start = try await anonymous.get("/groups")

            // check
            #expect(first.contains("Decision number 21") && !first.contains("Decision number 1<"))
            #expect(first.contains("href=\"/notifications?page=2\""))
            #expect(second.contains("Decision number 1<") && !second.contains("Decision number 21"))
            #expect(first.contains(unreadBadge(21)))
            #expect(start.status == .ok && !start.contains("badge count") && !start.contains("/notifications"))
        }
    }
}
