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

    /// The step before another browser's session is signed out (it cannot be undone: that browser must log in).
    static func confirmEnd(_ context: AppContext, session: Sessions.Listed) -> HTML {
        let started = ZonedTime.display(session.createdAt, zone: "UTC")
        let active = session.lastSeenAt.map { ", last active \(ZonedTime.display($0, zone: "UTC"))" } ?? ""
        return ConfirmPage.page(
            context,
            title: "Sign out this session?",
            explanation: "\(session.device), started \(started)\(active), will be logged out and has to log in "
                + "again to use your account. Sign out a session you do not use or do not recognize.",
            action: PeoplePaths.endSession(session.id),
            button: "Sign out that session",
            back: PeoplePaths.sessions()
        )
    }

    private static func row(_ context: AppContext, _ session: Sessions.Listed) -> HTML {
        let started = ZonedTime.display(session.createdAt, zone: "UTC")
        // This browser's own session ends by logging out, which also clears its cookie; another one's is signed
        // out after a step that says which it is.
        let action: HTML =
            session.isCurrent
            ? """
            \(FormParts.postForm(context, to: PeoplePaths.logOut(), class: "inline"))<button type="submit">Log out\
            <span class="visually-hidden"> of this session</span></button></form>
            """
            : """
            <a href="\(PeoplePaths.endSession(session.id))">Sign out…<span class="visually-hidden"> \(session.device) \
            session started \(started)</span></a>
            """
        let mark: HTML = session.isCurrent ? " <strong class=\"badge\">This session</strong>" : .empty
        return """
            <tr><th scope="row">\(session.device)\(mark)</th><td>\(time(session.createdAt))</td>\
            <td>\(session.lastSeenAt.map(time) ?? "not recorded")</td><td>\(action)</td></tr>
            """
    }

    private static func time(_ date: Date) -> HTML {
        "<time datetime=\"\(ZonedTime.iso(date))\">\(ZonedTime.display(date, zone: "UTC"))</time>"
    }
}
