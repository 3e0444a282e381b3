import FreshgroundWeb

/// Two-factor sign-in: the code step of logging in, setting it up, the recovery codes (shown once), turning it off,
/// and the site-wide requirement for administrators.
enum TwoFactorPages {
    /// The second step of logging in, after the password.
    static func code(_ context: AppContext, fields: FieldSet = FieldSet(), next: String) -> HTML {
        Layout.page(
            title: "Enter your code",
            context: context,
            main: """
                <h1>Enter your code</h1>
                <p>Your password is right. Open your authenticator app and type the code it shows for this site. Lost \
                your phone? Type one of your recovery codes instead.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: PeoplePaths.logInCode(), novalidate: true))
                \(FormParts.hidden("next", next))
                \(codeField(fields, "code", label: "Code", hint: "6 digits from the app, or a recovery code."))
                <button type="submit">Log in</button>
                </form>
                <p><a href="\(PeoplePaths.logIn(next: next))">Start again</a></p>
                """
        )
    }

    /// Setting it up: the secret to add to an app, and a code from the app to confirm it. `reason` says why the
    /// person must, when they must.
    static func setUp(
        _ context: AppContext,
        enrolment: TwoFactor.Enrolment,
        reason: String?,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let grouped = stride(from: 0, to: enrolment.base32.count, by: 4).map { start -> String in
            let from = enrolment.base32.index(enrolment.base32.startIndex, offsetBy: start)
            return String(enrolment.base32[from...].prefix(4))
        }
        return Layout.page(
            title: "Two-factor sign-in",
            context: context,
            main: """
                <h1>Two-factor sign-in</h1>
                \(reason.map { text -> HTML in "<p class=\"notice\"><strong>\(text)</strong></p>" })
                <p>With two-factor sign-in, logging in takes your password and a code from an authenticator app on \
                your phone (such as Aegis, FreeOTP or Google Authenticator), so a stolen password alone is not enough.</p>
                <h2>1. Add this site to your app</h2>
                <p>In the app, choose to enter a setup key by hand and type this key (time-based, 6 digits):</p>
                <p><code id="totp-secret">\(grouped.joined(separator: " "))</code></p>
                <p>On a phone with the app, <a id="totp-url" href="\(enrolment.url)">this link</a> adds it directly. \
                The link's full address, for apps that ask for it: <code>\(enrolment.url)</code></p>
                <h2>2. Type the code the app shows</h2>
                \(fields.summary)
                \(FormParts.postForm(context, to: PeoplePaths.twoFactor(), novalidate: true))
                \(codeField(fields, "code", label: "Code from the app", hint: "6 digits; it changes every 30 seconds."))
                <button type="submit">Turn on two-factor sign-in</button>
                </form>
                """
        )
    }

    /// The recovery codes, shown this once.
    static func recoveryCodes(_ context: AppContext, codes: [String], heading: String) -> HTML {
        let items = codes.map { code -> HTML in "<li><code>\(code)</code></li>" }
        return Layout.page(
            title: heading,
            context: context,
            main: """
                <h1>\(heading)</h1>
                <p>These are your recovery codes. Each one logs you in once instead of a code from the app, if you \
                lose your phone. Keep them somewhere safe, such as a password manager or on paper: they are shown \
                only this once.</p>
                <ol id="recovery-codes">\(items)</ol>
                <p><a href="\(PeoplePaths.twoFactor())">Done</a></p>
                """
        )
    }

    /// The state when it is on: recovery codes left, new codes, turning it off. Both need a current code.
    static func enabled(
        _ context: AppContext,
        codesLeft: Int,
        regenerate: FieldSet = FieldSet(),
        disable: FieldSet = FieldSet()
    ) -> HTML {
        Layout.page(
            title: "Two-factor sign-in",
            context: context,
            main: """
                <h1>Two-factor sign-in</h1>
                <p id="two-factor-state">Two-factor sign-in is <strong>on</strong>. You have \(codesLeft) unused \
                recovery code\(codesLeft == 1 ? "" : "s").</p>
                <section aria-labelledby="regenerate-heading">
                <h2 id="regenerate-heading">New recovery codes</h2>
                <p>Your old recovery codes stop working, and ten new ones are shown once.</p>
                \(regenerate.summary)
                \(FormParts.postForm(context, to: PeoplePaths.recoveryCodes(), novalidate: true))
                \(codeField(regenerate, "regenerate_code", label: "Code from the app", hint: "Or a recovery code."))
                <button type="submit">Make new recovery codes</button>
                </form>
                </section>
                <section aria-labelledby="disable-heading">
                <h2 id="disable-heading">Turn it off</h2>
                <p>Logging in then takes only your password.</p>
                \(disable.summary)
                \(FormParts.postForm(context, to: PeoplePaths.twoFactorDisable(), novalidate: true))
                \(codeField(disable, "disable_code", label: "Code to turn it off", hint: "From the app, or a recovery code."))
                <button type="submit">Turn off two-factor sign-in</button>
                </form>
                </section>
                """
        )
    }

    /// The site's sign-in settings, for its administrators.
    static func siteSecurity(_ context: AppContext, stewardsRequired: Bool) -> HTML {
        Layout.page(
            title: "Sign-in security",
            context: context,
            main: """
                <h1>Sign-in security</h1>
                \(FormParts.postForm(context, to: PeoplePaths.adminSecurity()))
                <input type="hidden" name="_submitted" value="1">
                \(FieldSet().checkbox("two_factor_for_stewards", label: "Everyone with rights over others (site administrators and group organizers) must use two-factor sign-in", checked: stewardsRequired))
                <p class="hint">Those who have not set it up are sent to set it up when they next open a page.</p>
                <button type="submit">Save</button>
                </form>
                """
        )
    }

    /// A field for a one-time code, which is never shown again after a refusal.
    private static func codeField(_ fields: FieldSet, _ name: String, label: String, hint: String) -> HTML {
        fields.text(
            name,
            label: label,
            required: true,
            hint: hint,
            autocomplete: "one-time-code",
            keepValue: false,
            extra: " inputmode=\"text\" autocapitalize=\"none\" spellcheck=\"false\""
        )
    }
}
