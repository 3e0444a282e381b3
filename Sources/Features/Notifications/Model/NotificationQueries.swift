import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// One notification as its owner sees it.
package struct NotificationItem: Sendable, Decodable, Equatable {
    package let id: Int
    package let kind: NotificationKind
    package let title: String
    package let body: String
    package let path: String
    package let createdAt: Date
    package let readAt: Date?

    package var isUnread: Bool { readAt == nil }
}

/// A person's notifications: only ever their own.
package struct NotificationQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// How many of the person's notifications are unread: one COUNT over the `(person_id, read_at)` index.
    package func unreadCount(of person: Int) async throws -> Int {
        try await services.store.sql.count(
            { $0.where("person_id", .equal, person).where("read_at", .is, SQLLiteral.null) },
            from: "notifications"
        )
    }

    /// One page of the person's notifications, newest first.
    package func page(of person: Int, _ request: PageRequest) async throws -> Page<NotificationItem> {
        let rows = try await services.store.sql.select()
            .columns("id", "kind", "title", "body", "path", "created_at", "read_at").from("notifications")
            .where("person_id", .equal, person)
            .orderBy("created_at", .descending).orderBy("id", .descending)
            .limit(request.probeLimit).offset(request.offset)
            .rows(NotificationItem.self)
        return Page(probed: rows, request: request)
    }

    /// Marks the person's notification read and returns the page it is about; anyone else's is not found (the
    /// page's link and the API's mark-read both come here).
    package func open(_ id: Int, by person: Int) async throws -> String {
        let sql = services.store.sql
        guard
            let path = try await sql.select().column("path").from("notifications")
                .where("id", .equal, id).where("person_id", .equal, person).value("path", as: String.self)
        else { throw AppError.notFound }
        try await sql.update("notifications").set("read_at", to: services.clock())
            .where("id", .equal, id).where("person_id", .equal, person).where("read_at", .is, SQLLiteral.null)
            .run()
        return Self.onSitePath(path)
    }

    /// Only a path on this site: a stored address can never send the person elsewhere (the notifications page
    /// stands in for anything else).
    package static func onSitePath(_ path: String) -> String {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.hasPrefix("/\\")
            ? path : NotificationPaths.notifications()
    }

    /// Marks every unread notification of the person read; returns how many.
    @discardableResult
    package func markAllRead(of person: Int) async throws -> Int {
        try await services.store.sql.update("notifications").set("read_at", to: services.clock())
            .where("person_id", .equal, person).where("read_at", .is, SQLLiteral.null)
            .returning("id").all().count
    }
}
