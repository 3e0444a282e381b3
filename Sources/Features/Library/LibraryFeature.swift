import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird

/// The common library: publications and their editorial workflow, the journal, debates, search, reading
/// lists and Atom feeds.
package struct LibraryFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { libraryMigrations }

    package var navigation: [NavigationLink] {
        [
            NavigationLink("Library", LibraryPaths.library(), order: 20),
            NavigationLink("Journal", LibraryPaths.journal(), order: 30),
            NavigationLink("Debates", LibraryPaths.debates(), order: 40),
            NavigationLink("Search", LibraryPaths.search(), order: 90),
            NavigationLink("My writing", LibraryPaths.myLibrary(), .signedIn, order: 20),
            NavigationLink("Reading lists", LibraryPaths.myLists(), .signedIn, order: 40),
        ]
    }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

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
