import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The common journal, tags and search.
struct JournalRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(LibraryPaths.journal) { request, context in
            try await services.publicPages.page(request, context) {
                let order = Self.order(request)
                let page = try await Recommendations(services: services).journal(
                    order: order,
                    page: Self.page(request),
                    viewer: context.person
                )
                return LibraryPages.journal(context, page: page, order: order)
            }
        }
        router.get(LibraryPaths.tag) { request, context in
            let tag = Tags.normalize(try context.parameters.require("tag"))
            guard !tag.isEmpty else { throw AppError.notFound }
            let page = try await PublicationQueries(services: services).library(tag: tag, page: Self.page(request))
            return Reply.html(LibraryPages.tag(context, tag: tag, page: page))
        }
        router.get(LibraryPaths.search) { request, context in
            let form = Self.query(request)
            let groups = try await GroupChoices.named(
                visibleTo: context.person,
                naming: form["group"],
                in: services.store.sql
            )
            // A malformed date or an unknown group comes back in the form as typed, with its message (422).
            return try await FormFlow.submit(
                context,
                values: form,
                page: { fields in
                    LibraryPages.search(context, query: form["q"], fields: fields, groups: groups, page: nil)
                }
            ) {
                // The form names the group; the search (and the API) take its address.
                var resolved = form
                resolved.set("group", try groups.value(of: form["group"], field: "group") ?? "")
                let (query, filter) = try Self.search(resolved)
                let page =
                    query.isEmpty
                    ? nil
                    : try await SearchIndex.sharedSearch(
                        query,
                        filter: filter,
                        page: Self.page(request),
                        services: services
                    )
                let fields = FieldSet(values: form)
                return Reply.html(
                    LibraryPages.search(context, query: query, fields: fields, groups: groups, page: page)
                )
            }
        }
    }

    static func page(_ request: Request) -> PageRequest {
        PageRequest(request.uri.queryParameters["page"].map(String.init))
    }

    static func order(_ request: Request) -> JournalOrder {
        request.uri.queryParameters["sort"].flatMap { JournalOrder(rawValue: String($0)) } ?? .newest
    }

    /// The query string as form values (so the search form shows what was asked). It is read as a form is: a
    /// browser's search form sends a space as "+" (a group's name, words, a tag), which the router keeps.
    static func query(_ request: Request) -> FormData {
        let sent = try? FormData(urlEncoded: Array((request.uri.query ?? "").utf8))
        return FormData(
            ([String])(["q", "kind", "group", "tag", "from", "until"]).compactMap { key in
                let given: String? =
                    if let sent { sent.has(key) ? sent.raw(key) : nil } else {
                        request.uri.queryParameters[Substring(key)].map(String.init)
                    }
                return given.map { value in
                    // Control characters (a NUL among them) never belong in a search.
                    (
                        key,
                        String(
                            String.UnicodeScalarView(
                                value.unicodeScalars.filter { $0.properties.generalCategory != .control }
                            )
                        )
                    )
                }
            }
        )
    }

    /// The words and filters of a search; a malformed date is refused with a message, not ignored.
    static func search(_ form: FormData) throws -> (String, SearchFilter) {
        var filter = SearchFilter()
        filter.kind = PublicationKind(rawValue: form["kind"])
        filter.group = form["group"]
        filter.tag = form["tag"]
        filter.from = try date(form["from"], "from")
        filter.until = try date(form["until"], "until").map { $0.addingTimeInterval(86_400) }
        let query = String(form["q"].prefix(500))
        return (query, filter)
    }

    private static func date(_ text: String, _ field: String) throws -> Date? {
        guard !text.isEmpty else { return nil }
        guard let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) else {
            throw AppError.validation([field: "Give the date as YYYY-MM-DD."])
        }
        return date
    }
}
