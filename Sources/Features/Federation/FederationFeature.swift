import FluentKit
import FreshgroundWeb
import Hummingbird

/// Federation over ActivityPub: public groups as actors other servers follow, what they publish sent out to
/// those followers, and what other servers send taken in.
package struct FederationFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { federationMigrations }

    package var navigation: [NavigationLink] {
        [NavigationLink("Federation", FederationPaths.admin(), .admin, order: 90)]
    }

    package func register(on router: Router<AppContext>, services: AppServices) {
        let federation = Federator(services: services)
        FederationRoutes(federation: federation).register(on: router)
        AdminRoutes(federation: federation).register(on: router)
        FindRoutes(federation: federation).register(on: router)
        DebateDocuments(federation: federation).register(on: router)
        PersonDocuments(federation: federation).register(on: router)
    }
}
