import FreshgroundCore
import FreshgroundWeb
import People

/// The notifications page, the mail settings and the unsubscribe page.
enum NotificationPages {
    static func list(_ context: AppContext, _ page: Page<NotificationItem>, unread: Int) -> HTML {
        let items = page.items.map { item -> HTML in
            let title: HTML = item.isUnread ? "<strong>\(item.title)</strong>" : "\(item.title)"
            return """
                <li class="notification\(item.isUnread ? " unread" : "")">\
                \(HTML.when(item.isUnread) { "<span class=\"badge\">Unread</span> " })\
                <a href="\(NotificationPaths.notification(item.id))">\(title)</a>
                <span class="meta">\(item.kind.label), \(ZonedTime.display(item.createdAt, zone: "UTC"))</span>\
                \(HTML.when(!item.body.isEmpty) { "<p>\(item.body)</p>" })</li>
                """
        }
        let markAll: HTML = .when(unread > 0) {
            FormParts.button(context, NotificationPaths.markAllRead(), "Mark all as read")
        }
        return Layout.page(
            title: "Notifications",
            context: context,
            main: """
                <h1>Notifications</h1>
                <p class="meta">\(unread == 1 ? "One unread." : unread == 0 ? "Nothing unread." : "\(unread) unread.") \
                <a href="\(NotificationPaths.settings())">Email settings</a></p>
                \(markAll)
                \(items.isEmpty ? "<p class=\"empty\">No notifications yet. Join requests, submissions, decisions, invitations and messages that concern you will show up here.</p>" as HTML : "<ul class=\"notifications\">\(items)</ul>")
                \(paginationNav(page, base: NotificationPaths.notifications()))
                """
        )
    }

    /// Why mail does not reach the person, if it does not.
    enum MailReach {
        case reaches, noAddress, siteSendsNone
    }

    static func settings(
        _ context: AppContext,
        current: [NotificationKind: Delivery],
        reach: MailReach,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let options = Delivery.allCases.map { (value: $0.rawValue, label: $0.label) }
        let selects = NotificationKind.allCases.map { kind -> HTML in
            fields.select(kind.rawValue, label: kind.label, options: options, selected: current[kind]?.rawValue)
        }
        let notice: HTML =
            switch reach {
            case .reaches: .empty
            case .noAddress:
                """
                <p class="notice" role="note">Your account has no email address, so you get no email: notifications \
                show only on your notifications page. <a href="\(PeoplePaths.settings())">Add an address</a> to get \
                them by email too.</p>
                """
            case .siteSendsNone:
                """
                <p class="notice" role="note">This site has no mail server, so you get no email: notifications show \
                only on your notifications page.</p>
                """
            }
        return Layout.page(
            title: "Notification emails",
            context: context,
            main: """
                <p><a href="\(NotificationPaths.notifications())">Notifications</a></p>
                <h1>Notification emails</h1>
                \(notice)
                <p>Every notification shows on your notifications page. Choose for each kind whether it is also \
                emailed to you at once, gathered into one email a day, or not emailed.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: NotificationPaths.settings(), novalidate: true))
                \(selects)
                <button type="submit">Save</button>
                </form>
                """
        )
    }

    /// A mail's unsubscribe page: a button that stops the emails (a GET changes nothing), or what was done.
    static func unsubscribe(_ context: AppContext, token: String, _ subscription: Subscription) -> HTML {
        let back: HTML = """
            Notifications still show on your notifications page. To get these emails again, choose so in your \
            <a href="\(NotificationPaths.settings())">notification email settings</a> (after logging in).
            """
        return Layout.page(
            title: "Stop notification emails",
            context: context,
            main: subscription.receiving
                ? """
                <h1>Stop emails about \(subscription.name)?</h1>
                <form action="\(NotificationPaths.unsubscribe(token))" method="post">\
                <button type="submit">Stop these emails</button></form>
                <p class="meta">\(back)</p>
                """
                : """
                <h1>You get no more emails about \(subscription.name)</h1>
                <p>\(back)</p>
                """
        )
    }
}
