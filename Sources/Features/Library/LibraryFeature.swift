import FluentKit
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

/// The common library: publications and their editorial workflow, the journal, debates, search, reading
/// lists and Atom feeds.
package struct LibraryFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { libraryMigrations }

    /// The start page's newest journal pieces and debates.
    package func startSection(services: AppServices) -> StartSection? {
        StartSection(order: 20) { _, _ in
            let pieces = try await PublicationQueries(services: services).library(
                page: FreshgroundCore.PageRequest(number: 1, size: 5)
            )
            let debates = try await DebateQueries(services: services).list(
                page: FreshgroundCore.PageRequest(number: 1, size: 3)
            )
            return """
                <section aria-labelledby="start-journal"><h2 id="start-journal">New in the journal</h2>
                \(LibraryParts.cards(pieces.items, empty: "Nothing is published yet."))
                <p><a href="\(LibraryPaths.journal())">The journal</a> · <a href="\(LibraryPaths.library())">The library</a></p>
                </section>
                <section aria-labelledby="start-debates"><h2 id="start-debates">Debates</h2>
                \(debates.items.isEmpty ? "<p class=\"empty\">No debate has been opened yet.</p>" : "<ul class=\"debate-list\">\(DebatePages.items(debates.items))</ul>" as HTML)
                <p><a href="\(LibraryPaths.debates())">Every debate</a></p>
                </section>
                """
        }
    }

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
        CorrectionRoutes(services: services).register(on: router)
        JournalRoutes(services: services).register(on: router)
        LibraryFeeds(services: services).register(on: router)
        DebateRoutes(services: services).register(on: router)
        ListRoutes(services: services).register(on: router)
        LibraryAPI(services: services).register(on: router)
        DebatesAPI(services: services).register(on: router)
    }
}
