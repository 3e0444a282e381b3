import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird
import People
import SQLKit

/// Circles, centers and coalitions; memberships, follows, affiliations, posts and the feed.
package struct GroupsFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { groupsMigrations }

    /// Whether the person organizes any group, and any that requires two-factor sign-in of its organizers (the
    /// two-factor rule asks on every page), read with the session.
    package var personFacts: [PersonFact] {
        [
            PersonFact(.organizedGroups) { person in
                SQLQueryString(
                    """
                    (SELECT COUNT(*) FROM memberships WHERE person_id = \(person) \
                    AND role = \(bind: Role.organizer.rawValue) AND status = \(bind: MembershipStatus.active.rawValue))
                    """
                )
            },
            PersonFact(.organizedGroupsRequiringTwoFactor) { person in
                SQLQueryString(
                    """
                    (SELECT COUNT(*) FROM memberships om JOIN groups og ON og.id = om.group_id \
                    WHERE om.person_id = \(person) AND om.role = \(bind: Role.organizer.rawValue) \
                    AND om.status = \(bind: MembershipStatus.active.rawValue) AND og.require_two_factor)
                    """
                )
            },
        ]
    }

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
