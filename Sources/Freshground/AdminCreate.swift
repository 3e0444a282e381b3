import Foundation
import FreshgroundStore
import FreshgroundWeb
import People

/// Creates an administrator through the same sign-up rules as everyone else.
package func createAdmin(
    store: Store,
    config: AppConfig,
    handle: String,
    email: String,
    password: String
)
    async throws -> Accounts.SignUpOutcome
{
    let services = AppServices(
        store: store,
        clock: { Date() },
        site: SiteSettings(name: config.siteName, url: config.siteURL),
        passwordCost: config.passwordCost
    )
    return try await Accounts(services: services).signUp(
        SignUpInput(handle: handle, email: email, displayName: "", password: password, isAdmin: true)
    )
}
