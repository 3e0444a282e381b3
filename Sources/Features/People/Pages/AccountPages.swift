import FreshgroundWeb

/// The person's own page (`/me`: what they take part in and the ways to manage the account) and the deletion of
/// the account, which says plainly what goes, what stays under "deleted account", and what is their choice.
enum AccountPages {
    static func me(_ context: AppContext, person: CurrentPerson, sections: [HTML]) -> HTML {
        Layout.page(
            title: "Your account",
            context: context,
            main: """
                <h1>Your account</h1>
                <p>You are <strong>\(person.displayName.isEmpty ? person.handle : person.displayName)</strong> \
                (@\(person.handle)).</p>
                \(sections)
                <section aria-labelledby="manage-heading">
                <h2 id="manage-heading">Your account</h2>
                <ul>
                <li><a href="\(PeoplePaths.settings())">Settings</a>: display name, password, email address.</li>
                <li><a href="\(PeoplePaths.sessions())">Sessions</a>: where you are logged in.</li>
                <li><a href="/notifications">Notifications</a></li>
                <li><a href="\(PeoplePaths.tokens())">Access tokens</a> for the API.</li>
                <li><a href="\(PeoplePaths.myData())" download>Download your data</a>: everything the site holds \
                about you, as a JSON file.</li>
                <li><a href="\(PeoplePaths.deleteAccount())">Delete your account…</a></li>
                </ul>
                </section>
                """
        )
    }

    /// What deleting the account does, and the form that does it; while the person is a group's last organizer,
    /// only what to do first.
    static func delete(_ context: AppContext, notices: [AccountNotice], fields: FieldSet = FieldSet()) -> HTML {
        let blocking = notices.filter(\.blocks)
        guard blocking.isEmpty else {
            return Layout.page(
                title: "Delete your account",
                context: context,
                main: """
                    <h1>Delete your account</h1>
                    <div class="form-error" role="alert"><p>You cannot delete your account yet: a group needs \
                    another organizer first. Make someone else an organizer on its members page, then come back.</p>\
                    </div>
                    <ul id="hand-over">\(blocking.map(item))</ul>
                    <p><a href="\(PeoplePaths.me())">Back to your account</a></p>
                    """
            )
        }
        let values = fields.values.has("writing") ? fields.values : FormData([("writing", "keep")])
        let form = FieldSet(values: values, errors: fields.errors)
        return ConfirmPage.page(
            context,
            title: "Delete your account?",
            explanation: "This cannot be undone. You are logged out everywhere, and your handle is freed for "
                + "anyone to take.",
            action: PeoplePaths.deleteAccount(),
            button: "Delete my account",
            back: PeoplePaths.me(),
            fields: """
                \(consequences(notices))
                \(form.select("writing", label: "Your group posts, unpublished pieces and debate replies", options: [("keep", "Keep them, shown as by a deleted account"), ("remove", "Remove them")]))
                \(form.text("password", label: "Your password", type: "password", required: true, autocomplete: "current-password", keepValue: false))
                \(form.text("confirm_handle", label: "Type your handle to confirm", required: true, hint: "Your handle is \(context.person?.handle ?? "").", autocomplete: "off"))
                """,
            status: form.summary
        )
    }

    private static func consequences(_ notices: [AccountNotice]) -> HTML {
        """
        <h2>What goes</h2>
        <p>Your email address, password and display name; your places in groups and pledges; RSVPs, enrollments, \
        attendance and breakouts; follows, reading lists and your agenda; committee places; sessions and access \
        tokens; mail waiting for you. Your speaker profile stays on the roster under "deleted account" without \
        your contact or biography.</p>
        <h2>What stays, shown as by "deleted account"</h2>
        <p>Published journal pieces and debate positions (a journal's record), group bases of unity you wrote, \
        events, series and tours you created, and what you decided for a group (reviews, invitations).</p>
        <h2>Your choice</h2>
        <p>Your group posts, unpublished pieces and debate replies are kept under "deleted account", or removed.</p>
        \(HTML.when(!notices.isEmpty) { "<h2>Also</h2><ul id=\"notices\">\(notices.map(item))</ul>" })
        """
    }

    private static func item(_ notice: AccountNotice) -> HTML {
        "<li>\(notice.text) <a href=\"\(notice.link)\">\(notice.linkLabel)</a></li>"
    }
}
