import FluentKit
import FreshgroundWeb
import Hummingbird

/// Notifications: what a person is told of (join requests, submissions, decisions, invitations, messages), their
/// notifications page with the unread count in the header, and mail at once or in a daily digest.
package struct NotificationsFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { [CreateNotifications(), CreateNotificationSettings()] }

    package func register(on router: Router<AppContext>, services: AppServices) {}
}
