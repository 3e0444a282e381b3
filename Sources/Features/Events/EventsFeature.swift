import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird
import Mail

/// Events: co-hosts and promotion, RSVPs with a wait list and check-in, city calendars with clash warnings and
/// iCalendar feeds. The speaker roster and tours (`Speakers`) and conferences (`Conferences`) are built on it.
package struct EventsFeature: Feature {
    package init() {}

    /// The city table events take place in is Groups' (`CreateCities`, which groups run first).
    package var migrations: [any Migration] {
        [CreateEvents(), AddEventsPlacesAt(), AddRemoteRSVPs(), AddEventOrigins()]
    }

    package var navigation: [NavigationLink] {
        [
            NavigationLink("Events", EventPaths.events(), order: 50),
            NavigationLink("My events", EventPaths.myEvents(), .signedIn, order: 30),
        ]
    }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    /// The start page's upcoming public events, near a city the visitor picks.
    package func startSection(services: AppServices) -> StartSection? {
        StartSection(order: 10) { request, context in
            try await EventStartSection(services: services).render(request, context)
        }
    }

    package func register(on router: Router<AppContext>, services: AppServices) {
        EventRoutes(services: services).register(on: router)
        CalendarRoutes(services: services).register(on: router)
        EventFeeds(services: services).register(on: router)
        EventsAPI(services: services).register(on: router)
    }
}

/// Sends the reminders due for events starting within a day; the server runs it every few minutes.
package func sendEventReminders(services: AppServices) async throws -> Int {
    try await RSVPMail(services: services).remindDue(now: services.clock())
}
