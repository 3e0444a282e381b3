import Foundation
import FreshgroundWeb

/// The signed-in person's sessions: where they are logged in, and a way to sign out each browser but this one.
enum SessionPages {
    static func list(_ context: AppContext, sessions: [Sessions.Listed]) -> HTML {
        let everywhereElse =
            sessions.allSatisfy(\.isCurrent)
            ? "<p id=\"only-session\">This is your only session.</p>"
            : FormParts.button(context, PeoplePaths.endOtherSessions(), "Sign out everywhere else")
        return Layout.page(
            title: "Your sessions",
            context: context,
            main: """
                <h1>Your sessions</h1>
                <p>These are the browsers where you are logged in. Sign out one you do not use or do not recognize: \
                it will have to log in again. Your access tokens are not affected. We keep the name of each browser, \
                never its address.</p>
                <div class="table-wrap"><table id="sessions"><caption>Where you are logged in</caption>
                <thead><tr><th scope="col">Browser</th><th scope="col">Started</th><th scope="col">Last active</th>\
                <th scope="col">Sign out</th></tr></thead>
                <tbody>\(sessions.map { row(context, $0) })</tbody></table></div>
                \(everywhereElse)
                <p><a href="\(PeoplePaths.settings())">Back to your settings</a></p>
                """
        )
    }

    private static func row(_ context: AppContext, _ session: Sessions.Listed) -> HTML {
        let started = ZonedTime.display(session.createdAt, zone: "UTC")
        // This browser's own session ends by logging out, which also clears its cookie.
        let (path, label): (String, HTML) =
            session.isCurrent
            ? (PeoplePaths.logOut(), "Log out<span class=\"visually-hidden\"> of this session</span>")
            : (
                PeoplePaths.endSession(session.id),
                "Sign out<span class=\"visually-hidden\"> \(session.device) session started \(started)</span>"
            )
        let mark: HTML = session.isCurrent ? " <strong class=\"badge\">This session</strong>" : .empty
        return """
            <tr><th scope="row">\(session.device)\(mark)</th><td>\(time(session.createdAt))</td>\
            <td>\(session.lastSeenAt.map(time) ?? "not recorded")</td>\
            <td>\(FormParts.postForm(context, to: path, class: "inline"))<button type="submit">\(label)</button></form></td></tr>
            """
    }

    private static func time(_ date: Date) -> HTML {
        "<time datetime=\"\(date.formatted(.iso8601))\">\(ZonedTime.display(date, zone: "UTC"))</time>"
    }
}
