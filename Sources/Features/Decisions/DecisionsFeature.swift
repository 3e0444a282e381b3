import FluentKit
import Foundation
import FreshgroundStore
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
            AddDecisionReminderChoice(),
            // The decisions a person is listed for are found from their side (`DecisionQueries.listedFor`).
            AddIndex(
                "IndexDecisionElectorateByPerson",
                index: "decision_electorate_person",
                "ON decision_electorate (person_id, decision_id)"
            ),
            AddIndex(
                "IndexDecisionUnitsByGroup",
                index: "decision_units_group",
                "ON decision_units (group_id, decision_id)"
            ),
        ]
    }

    package var navigation: [NavigationLink] {
        [NavigationLink("Decisions", DecisionPaths.mine(), .signedIn, order: 35)]
    }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    /// Votes open to the person and results of the last two weeks, at the top of their home page.
    package func homeSection(services: AppServices) -> HomeSection? {
        HomeSection(order: 10) { person, _ in
            let now = services.clock()
            let (open, closed) = try await DecisionQueries(services: services).current(
                for: person,
                since: now.addingTimeInterval(-14 * 86_400),
                limit: 5
            )
            return DecisionListPages.home(open: open, closed: closed, now: now)
        }
    }

    package func register(on router: Router<AppContext>, services: AppServices) {
        DecisionRoutes(services: services).register(on: router)
        DecisionFeeds(services: services).register(on: router)
        BodyRoutes(services: services).register(on: router)
        DecisionsAPI(services: services).register(on: router)
        BodiesAPI(services: services).register(on: router)
    }
}
