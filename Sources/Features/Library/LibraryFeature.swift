import FluentKit
import FreshgroundWeb
import Hummingbird

/// The common library: publications and their editorial workflow, the journal, debates, search, reading
/// lists and Atom feeds.
package struct LibraryFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { libraryMigrations }

    package func register(on router: Router<AppContext>, services: AppServices) {
        PublicationRoutes(services: services).register(on: router)
        JournalRoutes(services: services).register(on: router)
        LibraryFeeds(services: services).register(on: router)
        DebateRoutes(services: services).register(on: router)
        ListRoutes(services: services).register(on: router)
        LibraryAPI(services: services).register(on: router)
        DebatesAPI(services: services).register(on: router)
    }
}
