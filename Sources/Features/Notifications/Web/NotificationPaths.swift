import FreshgroundWeb

/// Every page address of Notifications, registered by its routes and used by every link to them.
package enum NotificationPaths {
    /// A person's notifications, newest first.
    package static let notifications = Path("/notifications")
    /// Opens one notification: marks it read and goes to its page (only for its owner).
    package static let notification = Path("/notifications/:id")
    /// Marks all of a person's notifications read (POST).
    package static let markAllRead = Path("/notifications/read")
    /// How a person gets mail of each kind (GET shows, POST saves).
    package static let settings = Path("/notifications/settings")
    /// A mail's unsubscribe page (GET), and its one-click unsubscribe (POST, no session or CSRF token).
    package static let unsubscribe = Path("/notifications/unsubscribe/:token")
}
