import Events
import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird

/// The shared speaker roster (speakers, their talks and dates, recommendations by groups) and speaking tours
/// planned by a group with hosts along the way, whose stops become events. Built on `Events`.
package struct SpeakersFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { speakerMigrations + tourMigrations }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package func register(on router: Router<AppContext>, services: AppServices) {
        SpeakerRoutes(services: services).register(on: router)
        SpeakersAPI(services: services).register(on: router)
        TourRoutes(services: services).register(on: router)
        ToursAPI(services: services).register(on: router)
    }
}
