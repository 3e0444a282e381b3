import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

/// One notification as the API sends it to its owner.
struct NotificationBody: Encodable, Sendable {
    let id: Int
    let kind: NotificationKind
    let title: String
    let body: String
    /// The page on this site to act on, as a path; `url` is the same page as a full address.
    let path: String
    let url: String
    let createdAt: Date
    let read: Bool

    init(_ item: NotificationItem, site: SiteSettings) {
        id = item.id
        kind = item.kind
        title = item.title
        body = item.body
        path = NotificationQueries.onSitePath(item.path)
        url = site.url + path
        createdAt = item.createdAt
        read = !item.isUnread
    }
}

/// A page of the person's notifications, plus how many of all of them are unread (the header's count).
struct NotificationListBody: Encodable, Sendable {
    let list: ListBody<NotificationBody>
    let unread: Int

    enum CodingKeys: String, CodingKey { case unread }

    func encode(to encoder: any Encoder) throws {
        try list.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unread, forKey: .unread)
    }
}

/// The JSON API for a person's own notifications: the list with the unread count, and marking read. It uses the
/// notifications page's queries, so both show and mark exactly the same.
struct NotificationsAPI {
    let services: AppServices
    var queries: NotificationQueries { NotificationQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/notifications") { request, context in
            let person = try context.requirePerson()
            let request = PageRequest(request.uri.queryParameters["page"].map(String.init))
            let page = try await queries.page(of: person.id, request)
            return try Reply.json(
                NotificationListBody(
                    list: ListBody(page.map { NotificationBody($0, site: services.site) }),
                    unread: try await queries.unreadCount(of: person.id)
                )
            )
        }
        // Another person's notification is not found, as if it did not exist.
        router.post("/api/v1/notifications/:id/read") { _, context in
            let person = try context.requirePerson()
            _ = try await queries.open(try context.parameters.require("id", as: Int.self), by: person.id)
            return Response(status: .noContent)
        }
        router.post("/api/v1/notifications/read") { _, context in
            let person = try context.requirePerson()
            try await queries.markAllRead(of: person.id)
            return Response(status: .noContent)
        }
    }
}
