import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird
import People

/// Circles, centers and coalitions; memberships, follows, affiliations, posts and the feed.
package struct GroupsFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { groupsMigrations }

    package var navigation: [NavigationLink] {
        [
            NavigationLink("Groups", GroupPaths.directory(), order: 10),
            NavigationLink("New group", GroupPaths.new(), .signedIn, order: 10),
        ]
    }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package func register(on router: Router<AppContext>, services: AppServices) {
        // People holds organizers to two-factor sign-in; only Groups knows who organizes what.
        TwoFactorDuties.register(GroupTwoFactor.duty)
        GroupRoutes(services: services).register(on: router)
        MemberRoutes(services: services).register(on: router)
        LinkRoutes(services: services).register(on: router)
        PostRoutes(services: services).register(on: router)
        ContactRoutes(services: services).register(on: router)
        GroupsAPI(services: services).register(on: router)
    }
}
