import FluentKit
import FreshgroundWeb
import Hummingbird
import Mail

/// Events and what grows from them: co-hosts and promotion, RSVPs with a wait list and check-in, city
/// calendars with clash warnings, iCalendar feeds, the speaker roster, speaking tours and conferences.
package struct EventsFeature: Feature {
    package init() {}

    package var migrations: [any Migration] {
        [CreateCities(), CreateEvents()] + speakerMigrations + tourMigrations + conferenceMigrations
            + [AddEventsPlacesAt()]
    }

    package var navigation: [NavigationLink] {
        [
            NavigationLink("Events", "/events", order: 50),
            NavigationLink("My events", "/me/events", .signedIn, order: 30),
        ]
    }

    package func register(on router: Router<AppContext>, services: AppServices) {
        EventRoutes(services: services).register(on: router)
        CalendarRoutes(services: services).register(on: router)
        EventFeeds(services: services).register(on: router)
        EventsAPI(services: services).register(on: router)
        SpeakerRoutes(services: services).register(on: router)
        SpeakersAPI(services: services).register(on: router)
        TourRoutes(services: services).register(on: router)
        ToursAPI(services: services).register(on: router)
        ConferenceRoutes(services: services).register(on: router)
        ConferencesAPI(services: services).register(on: router)
    }
}

/// Sends the reminders due for events starting within a day; the server runs it every few minutes.
package func sendEventReminders(services: AppServices) async throws -> Int {
    try await RSVPMail(services: services).remindDue(now: services.clock())
}
