import Foundation
import FreshgroundStore
import FreshgroundWeb
import People

/// Creates an administrator through the same sign-up rules as everyone else; the operator's word stands for the
/// email address, so it is attached at once (a taken one is refused) instead of waiting for an emailed link.
/// Returns the new account's id; refused input is `AppError.validation`.
package func createAdmin(
    store: Store,
    config: AppConfig,
    handle: String,
    email: String,
    password: String
)
    async throws -> Int
{
    let services = AppServices(
        store: store,
        clock: { Date() },
        site: SiteSettings(name: config.siteName, url: config.siteURL),
        passwordCost: config.passwordCost
    )
    let id = try await Accounts(services: services).signUp(
        SignUpInput(
            handle: handle,
            email: email,
            displayName: "",
            password: password,
            isAdmin: true,
            emailIsConfirmed: true
        )
    )
    try await AdminAudit.record(
        "made an administrator",
        subject: handle.lowercased(),
        by: AdminAudit.commandLine,
        at: Date(),
        on: store.sql
    )
    return id
}
