import FluentKit
import FreshgroundWeb
import Hummingbird
import SQLKit

/// Notifications: what a person is told of (join requests, submissions, decisions, invitations, messages), their
/// notifications page with the unread count in the header (`UnreadCountMiddleware`, which the assembly adds once
/// the person is known), and mail at once or in a daily digest, with a one-click unsubscribe per kind.
package struct NotificationsFeature: Feature {
    package init() {}

    package var migrations: [any Migration] {
        [
            CreateNotifications(), CreateNotificationSettings(), IndexUnmailedNotifications(), AddNotificationsActor(),
            DigestMailLinkTokens(
                "DigestNotificationSettingsUnsubscribeTokens",
                purpose: NotificationSettings.linkPurpose,
                table: "notification_settings",
                column: "unsubscribe_token"
            ),
        ]
    }

    /// The unread count in the header of every page, read with the session.
    package var personFacts: [PersonFact] {
        [
            PersonFact(.unreadNotifications) { person in
                SQLQueryString("(SELECT COUNT(*) FROM notifications WHERE person_id = \(person) AND read_at IS NULL)")
            }
        ]
    }

    package var navigation: [NavigationLink] {
        [NavigationLink("Notifications", NotificationPaths.notifications(), .signedIn, order: 5)]
    }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package func register(on router: Router<AppContext>, services: AppServices) {
        NotificationRoutes(services: services).register(on: router)
        NotificationsAPI(services: services).register(on: router)
    }
}

/// Queues the daily notification digests that are due; the server calls it every few minutes and returns how many
/// were queued.
package func sendNotificationDigests(services: AppServices) async throws -> Int {
    try await NotificationDigest(services: services).sendDue(now: services.clock())
}
