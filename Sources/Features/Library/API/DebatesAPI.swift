import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

struct DebateInput: Decodable, Sendable {
    var question: String?
    var description: String?
    var publication: Int?
    var statement: String?
    var argument: String?
    var group: String?
    var position: Int?
    var parent: Int?
    var stance: String?
    var body: String?
    var summary: String?
    var hide: Bool?
    var reason: String?
    var handle: String?
}

struct ListInput: Decodable, Sendable {
    var title: String?
    var description: String?
    var isPublic: Bool?
    var group: String?
    var publication: Int?
    var note: String?
    var direction: String?
}

/// A debate with one page of replies and the moderation log.
struct DebateBody: Encodable, Sendable {
    let debate: DebateView
    let replies: ListBody<ReplyView>
    let log: [ModerationEntry]
}

/// The JSON API of debates and reading lists.
struct DebatesAPI {
    let services: AppServices
    var debates: Debates { Debates(services: services) }
    var queries: DebateQueries { DebateQueries(services: services) }
    var lists: ReadingLists { ReadingLists(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/debates") { request, _ in
            try Reply.json(ListBody(try await queries.list(page: JournalRoutes.page(request))))
        }
        router.post("/api/v1/debates") { request, context in
            let person = try context.requirePerson()
            let input = try await decodeJSON(DebateInput.self, request, context)
            let id = try await debates.open(
                question: input.question ?? "",
                description: input.description ?? "",
                publication: input.publication,
                by: person
            )
            return try await debate(id, request, status: .created)
        }
        router.get("/api/v1/debates/:id") { request, context in
            try await debate(try context.parameters.require("id", as: Int.self), request)
        }
        router.post("/api/v1/debates/:id/positions") { request, context in
            let (id, person, input) = try await read(request, context)
            _ = try await debates.state(
                debate: id,
                statement: input.statement ?? "",
                argument: input.argument ?? "",
                group: input.group ?? "",
                by: person
            )
            return try await debate(id, request, status: .created)
        }
        router.post("/api/v1/debates/:id/replies") { request, context in
            let (id, person, input) = try await read(request, context)
            guard let position = input.position else {
                throw AppError.validation(["position": "Give the position's id."])
            }
            _ = try await debates.reply(
                debate: id,
                position: position,
                parent: input.parent,
                stance: input.stance ?? "",
                body: input.body ?? "",
                by: person
            )
            return try await debate(id, request, status: .created)
        }
        router.post("/api/v1/debates/:id/summary") { request, context in
            let (id, person, input) = try await read(request, context)
            try await debates.summarize(debate: id, summary: input.summary ?? "", by: person)
            return try await debate(id, request)
        }
        router.post("/api/v1/debates/:id/replies/:reply/moderation") { request, context in
            let (id, person, input) = try await read(request, context)
            try await debates.moderate(
                debate: id,
                reply: try context.parameters.require("reply", as: Int.self),
                hide: input.hide ?? true,
                reason: input.reason ?? "",
                by: person
            )
            return try await debate(id, request)
        }
        router.post("/api/v1/debates/:id/moderators") { request, context in
            let (id, person, input) = try await read(request, context)
            try await debates.addModerator(debate: id, handle: input.handle ?? "", by: person)
            return try await debate(id, request)
        }
        router.post("/api/v1/debates/:id/close") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            try await debates.close(debate: id, by: try context.requirePerson())
            return try await debate(id, request)
        }
        router.get("/api/v1/me/lists") { _, context in
            let person = try context.requirePerson()
            let mine = try await lists.lists(person: person, includePrivate: true)
            var items: [ReadingList] = []
            for entry in mine { items.append(try await lists.list(entry.id, viewer: person).0) }
            return try Reply.json(ItemsBody(items: items))
        }
        router.post("/api/v1/lists") { request, context in
            let person = try context.requirePerson()
            let input = try await decodeJSON(ListInput.self, request, context)
            let id = try await lists.create(
                title: input.title ?? "",
                description: input.description ?? "",
                isPublic: input.isPublic ?? false,
                group: input.group ?? "",
                by: person
            )
            return try Reply.json(try await lists.list(id, viewer: person).0, status: .created)
        }
        router.get("/api/v1/lists/:id") { _, context in
            try Reply.json(
                try await lists.list(try context.parameters.require("id", as: Int.self), viewer: context.person).0
            )
        }
        router.post("/api/v1/lists/:id/items") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(ListInput.self, request, context)
            guard let publication = input.publication else {
                throw AppError.validation(["publication": "Give the publication's id."])
            }
            try await lists.add(publication, note: input.note ?? "", to: id, by: person)
            return try Reply.json(try await lists.list(id, viewer: person).0)
        }
        router.delete("/api/v1/lists/:id/items/:post") { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            try await lists.remove(try context.parameters.require("post", as: Int.self), from: id, by: person)
            return try Reply.json(try await lists.list(id, viewer: person).0)
        }
        router.post("/api/v1/lists/:id/items/:post/move") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(ListInput.self, request, context)
            guard let direction = input.direction, ["up", "down"].contains(direction) else {
                throw AppError.validation(["direction": "Move up or down."])
            }
            try await lists.move(
                try context.parameters.require("post", as: Int.self),
                by: direction == "up" ? -1 : 1,
                in: id,
                person: person
            )
            return try Reply.json(try await lists.list(id, viewer: person).0)
        }
    }

    private func read(_ request: Request, _ context: AppContext) async throws -> (Int, CurrentPerson, DebateInput) {
        let person = try context.requirePerson()
        let id = try context.parameters.require("id", as: Int.self)
        return (id, person, try await decodeJSON(DebateInput.self, request, context))
    }

    private func debate(_ id: Int, _ request: Request, status: HTTPResponse.Status = .ok) async throws -> Response {
        let page = PageRequest(request.uri.queryParameters["page"].map(String.init), size: DebateQueries.repliesPerPage)
        return try Reply.json(
            DebateBody(
                debate: try await queries.debate(id),
                replies: ListBody(try await queries.replies(id, page: page)),
                log: try await queries.log(id)
            ),
            status: status
        )
    }
}
