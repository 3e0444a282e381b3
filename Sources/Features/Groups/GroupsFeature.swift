import FluentKit
import FreshgroundWeb
import Hummingbird

/// Circles, centers and coalitions; memberships, follows, affiliations, posts and the feed.
package struct GroupsFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { [] }

    package func register(on router: Router<AppContext>, services: AppServices) {}
}
