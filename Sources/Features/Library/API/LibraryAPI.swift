import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

struct ReviewInput: Decodable, Sendable {
    let action: String?
    let note: String?
}

struct GroupInput: Decodable, Sendable {
    let group: String?
    let note: String?
    let answer: String?
}

struct ItemsBody<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}

/// The JSON API of publications, the workflow, the journal and search.
struct LibraryAPI {
    let services: AppServices
    var queries: PublicationQueries { PublicationQueries(services: services) }
    var workflow: Workflow { Workflow(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/library") { request, context in
            let parameters = request.uri.queryParameters
            var groupID: Int?
            if let slug = parameters["group"] {
                // An unknown or private group publishes nothing anyone may list here.
                guard let group = try await GroupQueries(services: services).group(slug: String(slug)),
                    group.visibility == .public
                else {
                    return try Reply.json(
                        ListBody(Page<PublicationCard>(probed: [], request: JournalRoutes.page(request)))
                    )
                }
                groupID = group.id
            }
            let page = try await queries.library(
                kind: parameters["kind"].flatMap { PublicationKind(rawValue: String($0)) },
                tag: parameters["tag"].map { Tags.normalize(String($0)) },
                group: groupID,
                page: JournalRoutes.page(request)
            )
            return try Reply.json(ListBody(page))
        }
        router.post("/api/v1/library") { request, context in
            let person = try context.requirePerson()
            let input = try await decodeJSON(PublicationInput.self, request, context)
            let id = try await PublicationWrites(services: services).save(input, id: nil, by: person)
            return try await body(id, person, status: .created)
        }
        router.get("/api/v1/library/:id") { _, context in
            try await body(try context.parameters.require("id", as: Int.self), context.person)
        }
        router.put("/api/v1/library/:id") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(PublicationInput.self, request, context)
            _ = try await PublicationWrites(services: services).save(input, id: id, by: person)
            return try await body(id, person)
        }
        router.post("/api/v1/library/:id/submit") { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            try await workflow.submit(id: id, by: person)
            return try await body(id, person)
        }
        router.post("/api/v1/library/:id/reviews") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(ReviewInput.self, request, context)
            guard let action = ReviewAction(rawValue: input.action ?? "") else {
                throw AppError.validation(["action": "Use one of: comment, accept, request_changes, decline."])
            }
            try await workflow.review(id: id, action: action, note: input.note ?? "", by: person)
            return try await body(id, person)
        }
        router.get("/api/v1/library/:id/reviews") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try Reply.json(ItemsBody(items: try await workflow.history(id: id, viewer: context.person)))
        }
        router.post("/api/v1/library/:id/withdraw") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(ReviewInput.self, request, context)
            try await workflow.withdraw(id: id, note: input.note ?? "", by: person)
            return try await body(id, person)
        }
        router.post("/api/v1/library/:id/copublishers") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(GroupInput.self, request, context)
            try await workflow.offer(id: id, to: input.group ?? "", by: person)
            return try await body(id, person, status: .created)
        }
        router.post("/api/v1/library/:id/copublishers/:slug") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(GroupInput.self, request, context)
            guard let answer = input.answer, ["accept", "decline"].contains(answer) else {
                throw AppError.validation(["answer": "Answer accept or decline."])
            }
            try await workflow.answerOffer(
                id: id,
                group: try context.parameters.require("slug"),
                accept: answer == "accept",
                by: person
            )
            return try await body(id, person)
        }
        router.post("/api/v1/library/:id/recommendations") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(GroupInput.self, request, context)
            try await Recommendations(services: services).recommend(
                id: id,
                by: input.group ?? "",
                note: input.note ?? "",
                person: person
            )
            return try await body(id, person, status: .created)
        }
        router.delete("/api/v1/library/:id/recommendations/:slug") { _, context in
            try await Recommendations(services: services).withdraw(
                id: try context.parameters.require("id", as: Int.self),
                by: try context.parameters.require("slug"),
                person: try context.requirePerson()
            )
            return Response(status: .noContent)
        }
        router.get("/api/v1/journal") { request, context in
            let page = try await Recommendations(services: services).journal(
                order: JournalRoutes.order(request),
                page: JournalRoutes.page(request),
                viewer: context.person
            )
            return try Reply.json(ListBody(page))
        }
        router.get("/api/v1/search") { request, _ in
            let (query, filter) = try JournalRoutes.search(JournalRoutes.query(request))
            guard !query.isEmpty else { throw AppError.validation(["q": "Give the words to search for."]) }
            let page = try await SearchIndex.sharedSearch(
                query,
                filter: filter,
                page: JournalRoutes.page(request),
                services: services
            )
            return try Reply.json(ListBody(page))
        }
    }

    /// A piece as the viewer may see it.
    private func body(_ id: Int, _ viewer: CurrentPerson?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (piece, access) = try await queries.visible(id: id, viewer: viewer)
        return try Reply.json(PublicationRoutes.forReader(piece, access), status: status)
    }
}
