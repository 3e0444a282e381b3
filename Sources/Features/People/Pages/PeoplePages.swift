import Foundation
import FreshgroundWeb

/// The account pages: sign up, log in and access tokens.
enum PeoplePages {
    /// `next` is where the person goes once signed up (checked by `safeNext`), kept through a refused form.
    static func signUp(_ context: AppContext, fields: FieldSet = FieldSet(), next: String) -> HTML {
        Layout.page(
            title: "Sign up",
            context: context,
            main: """
                <h1>Sign up</h1>
                <p>You only need a handle and a password. Your display name can be a pseudonym, and the email address \
                is optional: it is never shown to other people.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: PeoplePaths.signUp(), novalidate: true))
                \(FormParts.hidden("next", next))
                \(fields.text("handle", label: "Handle", required: true, hint: "3 to 32 letters, digits, - or _. Others see it.", autocomplete: "username"))
                \(fields.text("display_name", label: "Display name", hint: "Optional; a pseudonym is welcome.", autocomplete: "nickname"))
                \(fields.text("email", label: "Email", type: "email", hint: "Optional; used only to reach you. We send it a link to confirm it is yours.", autocomplete: "email"))
                \(fields.text("password", label: "Password", type: "password", required: true, hint: "At least 10 characters.", autocomplete: "new-password", keepValue: false))
                <button type="submit">Create account</button>
                </form>
                <p>Already have an account? <a href="\(PeoplePaths.logIn(next: next))">Log in</a>.</p>
                """
        )
    }

    /// The page an emailed link opens: a button adds the address, so a mail scanner following links adds nothing.
    static func confirmEmail(_ context: AppContext, token: String, pending: EmailConfirmations.Pending) -> HTML {
        Layout.page(
            title: "Confirm your email address",
            context: context,
            main: """
                <h1>Confirm your email address</h1>
                <p>Add <strong>\(pending.email)</strong> to the account <strong>@\(pending.handle)</strong>? You can \
                then log in with it, and mail about your events and study series goes there.</p>
                \(FormParts.postForm(context, to: PeoplePaths.confirmEmail(token)))
                <button type="submit">Add the address</button>
                </form>
                """
        )
    }

    static func logIn(
        _ context: AppContext,
        fields: FieldSet = FieldSet(),
        next: String,
        message: String? = nil
    ) -> HTML {
        Layout.page(
            title: "Log in",
            context: context,
            main: """
                <h1>Log in</h1>
                \(message.map { text -> HTML in "<div class=\"form-error\" role=\"alert\"><p>\(text)</p></div>" })
                \(FormParts.postForm(context, to: PeoplePaths.logIn(), novalidate: true))
                \(FormParts.hidden("next", next))
                \(fields.text("login", label: "Handle or email", required: true, autocomplete: "username"))
                \(fields.text("password", label: "Password", type: "password", required: true, autocomplete: "current-password", keepValue: false))
                <button type="submit">Log in</button>
                </form>
                <p><a href="\(PeoplePaths.forgotPassword())">Forgot your password?</a></p>
                <p>New here? <a href="\(PeoplePaths.signUp(next: next))">Sign up</a>.</p>
                """
        )
    }

    static func tokens(
        _ context: AppContext,
        tokens: [AccessTokens.Listed],
        newToken: String? = nil,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let rows = tokens.map { token -> HTML in
            let state: HTML =
                token.revokedAt != nil
                ? "Revoked"
                : """
                \(FormParts.postForm(context, to: PeoplePaths.revokeToken(token.id), class: "inline"))\
                <button type="submit">Revoke<span class="visually-hidden"> \(token.name)</span></button></form>
                """
            return """
                <tr><td>\(token.name)</td><td>\(day(token.createdAt))</td>\
                <td>\(token.lastUsedAt.map(day) ?? "never")</td><td>\(state)</td></tr>
                """
        }
        let created: HTML =
            newToken.map { token in
                """
                <div class="flash" role="status"><p>Your new token (copy it now; it will not be shown again):</p>
                <p><code id="new-token">\(token)</code></p></div>
                """
            } ?? .empty
        let table: HTML =
            tokens.isEmpty
            ? "<p>You have no access tokens yet.</p>"
            : """
            <div class="table-wrap"><table id="tokens"><caption>Your tokens</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th>\
            <th scope="col">State</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        return Layout.page(
            title: "Access tokens",
            context: context,
            main: """
                <h1>Access tokens</h1>
                <p>A personal access token lets a script use the JSON API as you: send it as \
                <code>Authorization: Bearer TOKEN</code>. Revoke it when the script no longer needs it.</p>
                \(created)
                \(table)
                <h2>New token</h2>
                \(FormParts.postForm(context, to: PeoplePaths.tokens()))
                \(fields.text("name", label: "Name", required: true, hint: "What will use it, e.g. 'calendar sync'."))
                <button type="submit">Create token</button>
                </form>
                """
        )
    }

    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }
}
