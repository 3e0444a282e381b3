import FluentKit
import FreshgroundWeb
import Hummingbird

/// Decisions: a group puts a question to its members' vote (consent, motions, choose one or several, scores, dots,
/// ranked choice by IRV, Scottish or Meek STV, Schulze, meeting times, elections), with the rules stated before
/// voting, secret ballots nobody can link to a voter, open votes on the record, and results counted exactly by
/// `FreshgroundCore`'s engine.
package struct DecisionsFeature: Feature {
    package init() {}

    package var migrations: [any Migration] {
        [
            CreateDecisions(), AddDecisionElectorates(), CreateDecisionBodies(), AddDecisionPublication(),
        ]
    }

    package var navigation: [NavigationLink] {
        [NavigationLink("Decisions", DecisionPaths.mine(), .signedIn, order: 35)]
    }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package func register(on router: Router<AppContext>, services: AppServices) {
        DecisionRoutes(services: services).register(on: router)
        DecisionFeeds(services: services).register(on: router)
        BodyRoutes(services: services).register(on: router)
        DecisionsAPI(services: services).register(on: router)
    }
}
