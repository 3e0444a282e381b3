import FreshgroundWeb
import Hummingbird

/// A signed-in person's account settings: display name, password and email address, each its own form.
struct SettingsRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        let settings = AccountSettings(services: services)

        router.get(PeoplePaths.settings) { _, context in
            let person = try context.requirePerson()
            return Reply.html(
                SettingsPages.settings(context, current: try await settings.current(personID: person.id))
            )
        }
        router.post(PeoplePaths.settingsName) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                redirectTo: PeoplePaths.settings(),
                flash: "Your display name is saved.",
                page: { fields in
                    SettingsPages.settings(
                        context,
                        current: try await settings.current(personID: person.id),
                        name: fields
                    )
                }
            ) {
                try await settings.changeDisplayName(personID: person.id, to: context.form["display_name"])
            }
        }
        router.post(PeoplePaths.settingsPassword) { request, context in
            let person = try context.requirePerson()
            let form = context.form
            let change = AccountSettings.PasswordChange(
                current: form.raw("current_password"),
                new: form.raw("new_password"),
                again: form.raw("new_password_again")
            )
            return try await FormFlow.submit(
                context,
                redirectTo: PeoplePaths.settings(),
                flash: "Your password is changed; you were logged out everywhere else.",
                page: { fields in
                    SettingsPages.settings(
                        context,
                        current: try await settings.current(personID: person.id),
                        password: fields
                    )
                }
            ) {
                let session = request.cookies[Sessions.cookieName]?.value
                try await settings.changePassword(personID: person.id, change, keeping: session)
            }
        }
        router.post(PeoplePaths.settingsEmail) { _, context in
            let person = try context.requirePerson()
            let email = context.form["email"]
            return try await FormFlow.submit(
                context,
                redirectTo: PeoplePaths.settings(),
                flash: "We sent a link to \(email.lowercased()). Your address changes when the link is followed.",
                page: { fields in
                    SettingsPages.settings(
                        context,
                        current: try await settings.current(personID: person.id),
                        email: fields
                    )
                }
            ) {
                try await settings.changeEmail(personID: person.id, handle: person.handle, to: email)
            }
        }
        router.get(PeoplePaths.removeEmail) { _, context in
            let person = try context.requirePerson()
            guard let email = try await settings.current(personID: person.id).email else {
                return Reply.redirect(PeoplePaths.settings())
            }
            return Reply.html(SettingsPages.confirmRemoval(context, email: email))
        }
        router.post(PeoplePaths.removeEmail) { _, context in
            let person = try context.requirePerson()
            let removed = try await settings.removeEmail(personID: person.id)
            return Reply.redirect(
                PeoplePaths.settings(),
                flash: removed ? "Your email address is removed." : "Your account has no email address."
            )
        }
    }
}
