import Foundation
import SQLKit
import Testing

// Shared checks for the notification hooks: who was told of something, and what they were told.

/// One notification as its recipient gets it (on their notifications page and in the mail).
struct ToldNotice: Sendable {
    let handle: String
    let kind: String
    let title: String
    let body: String
    let path: String
}

/// Every notification whose title contains `text`, with its recipient's handle, by handle.
func notices(_ app: TestApp, about text: String) async throws -> [ToldNotice] {
    try await app.store.sql.raw(
        """
        SELECT p.handle, n.kind, n.title, n.body, n.path FROM notifications n JOIN people p ON p.id = n.person_id
        ORDER BY p.handle, n.id
        """
    ).all().map { row in
        ToldNotice(
            handle: try row.decode(column: "handle", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            title: try row.decode(column: "title", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            path: try row.decode(column: "path", as: String.self)
        )
    }.filter { $0.title.contains(text) }
}

/// The handles of the people told of something whose title contains `text`, sorted.
func told(_ app: TestApp, about text: String) async throws -> [String] {
    try await notices(app, about: text).map(\.handle)
}

/// Makes the person with `handle` an active `role` ("organizer", "editor") of `group` through its organizer's
/// members page: they join (an open group) or ask and are let in (an approval group), then get the role.
func makeMember(
    _ app: TestApp,
    _ person: inout Visitor,
    of group: String,
    organizer: inout Visitor,
    role: String = "member"
) async throws {
    let handle = person.handle
    try #require(try await person.post("/groups/\(group)/join").status == .seeOther)
    let id = try await accountID(app, handle)
    let pending = try await app.store.sql.raw(
        """
        SELECT m.status FROM memberships m JOIN groups g ON g.id = m.group_id
        WHERE g.slug = \(bind: group) AND m.person_id = \(bind: id)
        """
    ).first()?.decode(column: "status", as: String.self)
    if pending == "pending" {
        try #require(try await organizer.post("/groups/\(group)/members/\(id)/approve").status == .seeOther)
    }
    if role != "member" {
        let page = try await organizer.post("/groups/\(group)/members/\(id)/role", [("role", role)])
        try #require(page.status == .seeOther, "\(handle) could not be made \(role): \(page.status)")
    }
}
