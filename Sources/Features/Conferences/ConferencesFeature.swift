import Events
import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird

/// Conferences on top of events: a call for proposals with review, a schedule in rooms and tracks, personal
/// agendas and feeds, and action proposals groups support. Built on `Events`.
package struct ConferencesFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { conferenceMigrations }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package func register(on router: Router<AppContext>, services: AppServices) {
        ConferenceRoutes(services: services).register(on: router)
        ConferencesAPI(services: services).register(on: router)
        PlenaryAPI(services: services).register(on: router)
    }
}
