import FreshgroundWeb

/// The account settings page: three forms (display name, password, email address), each drawn from its own
/// `FieldSet`, so a refused form comes back with its input and messages while the others show the account as it is.
enum SettingsPages {
    static func settings(
        _ context: AppContext,
        current: AccountSettings.Current,
        name: FieldSet? = nil,
        password: FieldSet = FieldSet(),
        email: FieldSet = FieldSet()
    ) -> HTML {
        let name = name ?? FieldSet(values: FormData([("display_name", current.displayName)]))
        return Layout.page(
            title: "Settings",
            context: context,
            main: """
                <h1>Settings</h1>
                <section aria-labelledby="name-heading">
                <h2 id="name-heading">Display name</h2>
                \(name.summary)
                \(FormParts.postForm(context, to: PeoplePaths.settingsName(), novalidate: true))
                \(name.text("display_name", label: "Display name", hint: "Shown beside what you write; a pseudonym is welcome. Leave it empty to be shown by your handle.", autocomplete: "nickname"))
                <button type="submit">Save the display name</button>
                </form>
                </section>
                <section aria-labelledby="password-heading">
                <h2 id="password-heading">Password</h2>
                <p>Changing it logs you out everywhere else; your access tokens keep working.</p>
                \(password.summary)
                \(FormParts.postForm(context, to: PeoplePaths.settingsPassword(), novalidate: true))
                \(password.text("current_password", label: "Current password", type: "password", required: true, autocomplete: "current-password", keepValue: false))
                \(password.text("new_password", label: "New password", type: "password", required: true, hint: "At least 10 characters.", autocomplete: "new-password", keepValue: false))
                \(password.text("new_password_again", label: "New password again", type: "password", required: true, autocomplete: "new-password", keepValue: false))
                <button type="submit">Change the password</button>
                </form>
                </section>
                <section aria-labelledby="sessions-heading">
                <h2 id="sessions-heading">Sessions</h2>
                <p><a href="\(PeoplePaths.sessions())">See where you are logged in</a>, and sign out the browsers you \
                no longer use.</p>
                </section>
                <section aria-labelledby="email-heading">
                <h2 id="email-heading">Email address</h2>
                \(emailState(current))
                \(email.summary)
                \(FormParts.postForm(context, to: PeoplePaths.settingsEmail(), novalidate: true))
                \(email.text("email", label: current.email == nil ? "Add an address" : "New address", type: "email", hint: "We send it a link; it becomes your address only when the link is followed.", autocomplete: "email"))
                <button type="submit">Send the link</button>
                </form>
                </section>
                """
        )
    }

    /// The address the account has (or none) and the way to remove it. An address waiting for its link is not
    /// shown: none waits when another account has it, so showing one would tell which addresses have accounts.
    private static func emailState(_ current: AccountSettings.Current) -> HTML {
        current.email.map { email -> HTML in
            """
            <p>Your address: <strong id="current-email">\(email)</strong>. Nobody else sees it.</p>
            <p><a class="button secondary" href="\(PeoplePaths.removeEmail())">Remove the address…</a></p>
            """
        } ?? "<p>Your address: <strong id=\"current-email\">none</strong>.</p>"
    }

    /// The step before the address is removed.
    static func confirmRemoval(_ context: AppContext, email: String) -> HTML {
        ConfirmPage.page(
            context,
            title: "Remove your email address?",
            explanation: "\(email) is taken off your account: you can no longer log in with it, and no mail from "
                + "this site reaches you. You can add an address again later; it needs a new link.",
            action: PeoplePaths.removeEmail(),
            button: "Remove the address",
            back: PeoplePaths.settings()
        )
    }
}
