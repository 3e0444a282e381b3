import FreshgroundCore
import FreshgroundWeb
import Hummingbird
import People

/// The notifications page, opening one, marking all read, the mail settings and the one-click unsubscribe.
struct NotificationRoutes {
    let services: AppServices

    var queries: NotificationQueries { NotificationQueries(services: services) }
    var settings: NotificationSettings { NotificationSettings(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(NotificationPaths.notifications) { request, context in
            let person = try context.requirePerson()
            let page = try await queries.page(of: person.id, PageRequest(request.uri.queryParameters.get("page")))
            // The header's count, read once for this request by UnreadCountMiddleware.
            var unread = context.headerCounts[NotificationPaths.notifications()]?.count
            if unread == nil { unread = try await queries.unreadCount(of: person.id) }
            return Reply.html(NotificationPages.list(context, page, unread: unread ?? 0))
        }
        // Opening a notification marks it read and goes to what it is about; another person's is not found.
        router.get(NotificationPaths.notification) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return Reply.redirect(try await queries.open(id, by: person.id))
        }
        router.post(NotificationPaths.markAllRead) { _, context in
            let person = try context.requirePerson()
            let count = try await queries.markAllRead(of: person.id)
            return Reply.redirect(
                NotificationPaths.notifications(),
                flash: count == 0 ? "Nothing was unread." : "Marked all as read."
            )
        }
        router.get(NotificationPaths.settings) { _, context in
            let person = try context.requirePerson()
            return Reply.html(try await settingsPage(context, person: person))
        }
        router.post(NotificationPaths.settings) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                redirectTo: NotificationPaths.settings(),
                flash: "Saved your notification email settings.",
                page: { fields in try await settingsPage(context, person: person, fields: fields) }
            ) { try await settings.save(for: person.id, form: context.form) }
        }
        router.get(NotificationPaths.unsubscribe) { _, context in
            let token = try context.parameters.require("token")
            guard let found = try await settings.subscription(token: token) else { throw AppError.notFound }
            return Reply.html(NotificationPages.unsubscribe(context, token: token, found))
        }
        // A mail client's one-click unsubscribe (RFC 8058) posts here without a session or a CSRF token: the token
        // in the address is the only credential, and it can only stop that person's emails of that kind.
        router.post(NotificationPaths.unsubscribe) { _, context in
            let token = try context.parameters.require("token")
            guard try await settings.unsubscribe(token: token),
                let found = try await settings.subscription(token: token)
            else { throw AppError.notFound }
            return Reply.html(NotificationPages.unsubscribe(context, token: token, found))
        }
    }

    private func settingsPage(
        _ context: AppContext,
        person: CurrentPerson,
        fields: FieldSet = FieldSet()
    ) async throws
        -> HTML
    {
        let reach: NotificationPages.MailReach =
            !services.mailer.delivers
            ? .siteSendsNone
            : try await Accounts(services: services).mailReaches(personID: person.id) ? .reaches : .noAddress
        return NotificationPages.settings(
            context,
            current: try await settings.deliveries(of: person.id),
            reach: reach,
            fields: fields
        )
    }
}
