import Foundation
import FreshgroundWeb

/// The pages of a forgotten password: asking for a link, choosing a new password, and a link that no longer works.
enum ResetPages {
    /// What asking for a link always answers, whether or not a mail was sent.
    static let sent = "If an account has that address, we sent it a link. It works once, for one hour."

    static func forgot(_ context: AppContext, fields: FieldSet = FieldSet()) -> HTML {
        Layout.page(
            title: "Forgot your password?",
            context: context,
            main: """
                <h1>Forgot your password?</h1>
                <p>Give the email address or handle of your account. If the account has a confirmed email address, \
                we send it a link to choose a new password.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: PeoplePaths.forgotPassword(), novalidate: true))
                \(fields.text("login", label: "Email or handle", required: true, autocomplete: "username"))
                <button type="submit">Send me a link</button>
                </form>
                <p>Remembered it? <a href="\(PeoplePaths.logIn())">Log in</a>.</p>
                """
        )
    }

    /// The page the mailed link opens. The typed passwords are never drawn back into it.
    static func reset(_ context: AppContext, token: String, fields: FieldSet = FieldSet()) -> HTML {
        Layout.page(
            title: "Choose a new password",
            context: context,
            main: """
                <h1>Choose a new password</h1>
                <p>Setting it logs you out everywhere, and in here.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: PeoplePaths.resetPassword(token), novalidate: true))
                \(fields.text("password", label: "New password", type: "password", required: true, hint: "At least 10 characters.", autocomplete: "new-password", keepValue: false))
                \(fields.text("password_confirmation", label: "New password again", type: "password", required: true, autocomplete: "new-password", keepValue: false))
                <button type="submit">Set the new password</button>
                </form>
                """
        )
    }

    /// An unknown, used or expired link (answered with 404).
    static func deadLink(_ context: AppContext) -> HTML {
        Layout.page(
            title: "Reset link not valid",
            context: context,
            main: """
                <h1>This reset link is no longer valid</h1>
                <p>A link works once, for one hour, and asking for a new one or setting a password ends the others. \
                <a href="\(PeoplePaths.forgotPassword())">Ask for a new link</a>.</p>
                """
        )
    }
}
