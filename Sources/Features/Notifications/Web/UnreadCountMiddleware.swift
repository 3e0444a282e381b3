import FreshgroundStore
import FreshgroundWeb
import Hummingbird
import SQLKit

/// Puts a signed-in person's unread count beside the header's link to their notifications: one COUNT over the
/// `(person_id, read_at)` index per page they view. Anonymous requests, the API and assets are left alone, so
/// anonymous pages stay cacheable and unchanged. It must run after the person is known (`AuthMiddleware`) and
/// before the inner error mapping, so error pages show the count too.
package struct UnreadCountMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        guard let person = context.person, !context.viaAccessToken,
            !request.uri.path.hasPrefix("/api/"), !request.uri.path.hasPrefix("/assets/")
        else { return try await next(request, context) }
        var context = context
        let unread: Int
        if let counted = context.personFacts[.unreadNotifications] {
            unread = counted
        } else {
            unread = try await NotificationQueries(services: services).unreadCount(of: person.id)
        }
        context.headerCounts[NotificationPaths.notifications()] = HeaderCount(
            count: unread,
            noun: "unread notifications"
        )
        return try await next(request, context)
    }
}
