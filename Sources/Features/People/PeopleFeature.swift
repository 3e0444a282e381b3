import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird
import SQLKit

/// Accounts, sessions, personal access tokens and the current person's API.
package struct PeopleFeature: Feature {
    package init() {}

    package var migrations: [any Migration] {
        [
            CreatePeople(), CreateSessions(), CreateAccessTokens(), CreateLoginFailures(), CreateEmailConfirmations(),
            CreatePasswordResets(), AddSessionsLastSeenAndUserAgent(), CreatePersonTOTP(), CreatePersonRecoveryCodes(),
            CreatePendingLogins(), CreateSiteSettings(),
        ]
    }

    /// Whether the person has set up two-factor sign-in, and whether the site requires it of stewards (the
    /// two-factor rule asks on every page), read with the session.
    package var personFacts: [PersonFact] {
        [
            PersonFact(.twoFactorEnrolled) { person in
                SQLQueryString(
                    "(SELECT COUNT(*) FROM person_totp WHERE person_id = \(person) AND confirmed_at IS NOT NULL)"
                )
            },
            PersonFact(.siteRequiresTwoFactor) { _ in
                SQLQueryString(
                    """
                    (SELECT COUNT(*) FROM site_settings WHERE "key" = \(bind: SiteSecurity.stewardsKey) \
                    AND "value" = \(bind: "true"))
                    """
                )
            },
        ]
    }

    package var navigation: [NavigationLink] {
        [
            NavigationLink("Log in", PeoplePaths.logIn(), .signedOut, order: 10),
            NavigationLink("Sign up", PeoplePaths.signUp(), .signedOut, order: 20),
            NavigationLink("Your account", PeoplePaths.me(), .signedIn, order: 80),
            NavigationLink("Settings", PeoplePaths.settings(), .signedIn, order: 85),
            NavigationLink("Access tokens", PeoplePaths.tokens(), .signedIn, order: 90),
            NavigationLink("Log out", PeoplePaths.logOut(), .signOut, order: 100),
            NavigationLink("Security", PeoplePaths.adminSecurity(), .admin, order: 70),
        ]
    }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package func register(on router: Router<AppContext>, services: AppServices) {
        PeopleRoutes(services: services).register(on: router)
        ResetRoutes(services: services).register(on: router)
        SettingsRoutes(services: services).register(on: router)
        SessionRoutes(services: services).register(on: router)
        TwoFactorRoutes(services: services).register(on: router)
        PeopleAPI(services: services).register(on: router)
    }
}
