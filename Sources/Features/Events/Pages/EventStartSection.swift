import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// What is coming up, on the start page: the next public events, in the city the visitor picks (`?city=slug`)
/// or everywhere.
struct EventStartSection {
    let services: AppServices

    func render(_ request: Request, _ context: AppContext) async throws -> HTML {
        let cities = try await Cities(services: services).all()
        let chosen = request.uri.queryParameters["city"].flatMap { slug in cities.first { $0.slug == String(slug) } }
        let queries = EventQueries(services: services)
        let now = services.clock()
        let events =
            if let chosen {
                try await queries.inCity(chosen.id, from: now, to: now.addingTimeInterval(90 * 24 * 3600), limit: 5)
            } else {
                try await queries.upcoming(from: now, page: PageRequest(number: 1, size: 5)).items
            }
        let hosts = try await queries.hostNames(events.map(\.id), viewer: nil)
        let options = cities.map { city -> HTML in
            "<option value=\"\(city.slug)\"\(city.id == chosen?.id ? " selected" : "")>\(city.name)</option>"
        }
        let place = chosen.map { " in \($0.name)" } ?? ""
        return """
            <section aria-labelledby="start-events"><h2 id="start-events">Coming up\(place)</h2>
            <form class="member-search" action="\(GroupPaths.home())" method="get" role="search">\
            <label for="start-city">Near</label> <select id="start-city" name="city"><option value="">every city</option>\
            \(options)</select> <button type="submit">Show</button></form>
            \(EventParts.cards(events, hosts: hosts, empty: "No public events are coming up\(place)."))
            <p><a href="\(chosen.map { EventPaths.city($0.slug) } ?? EventPaths.events())">\
            \(chosen.map { "The \($0.name) calendar" } ?? "Every event")</a></p>
            </section>
            """
    }
}
