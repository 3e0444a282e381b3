import Events
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

struct TourInput: Decodable, Sendable {
    let speaker: Int?
    let title: String?
    let from: String?
    let until: String?
    let group: String?
}

struct AnswerInput: Decodable, Sendable {
    let answer: String?
}

struct TourLists: Encodable, Sendable {
    let planning: [TourCard]
    let asked: [TourCard]
    let scheduled: [TourCard]
}

/// The tours' JSON API; every answer about a tour is the tour as the viewer may see it.
struct ToursAPI {
    let services: AppServices
    var tours: Tours { Tours(services: services) }
    var queries: TourQueries { TourQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/tours") { _, context in
            let (mine, asked, scheduled) = try await queries.lists(for: context.person)
            return try Reply.json(TourLists(planning: mine, asked: asked, scheduled: scheduled))
        }
        router.post("/api/v1/tours") { request, context in
            let person = try context.requirePerson()
            let input = try await decodeJSON(TourInput.self, request, context)
            let id = try await tours.create(
                speaker: input.speaker.map(String.init) ?? "",
                title: input.title ?? "",
                from: input.from ?? "",
                until: input.until ?? "",
                group: input.group ?? "",
                by: person
            )
            return try Reply.json(try await queries.tour(id, viewer: person), status: .created)
        }
        router.get("/api/v1/tours/:id") { _, context in
            try Reply.json(
                try await queries.tour(try context.parameters.require("id", as: Int.self), viewer: context.person)
            )
        }
        router.post("/api/v1/tours/:id/stops") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            _ = try await tours.addStop(id, try await decodeJSON(StopInput.self, request, context), by: person)
            return try Reply.json(try await queries.tour(id, viewer: person), status: .created)
        }
        router.delete("/api/v1/tours/:id/stops/:stop") { _, context in
            try await tours.removeStop(
                try context.parameters.require("id", as: Int.self),
                stop: try context.parameters.require("stop", as: Int.self),
                by: try context.requirePerson()
            )
            return Response(status: .noContent)
        }
        router.post("/api/v1/tours/:id/stops/:stop/hosts/:slug") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(AnswerInput.self, request, context)
            guard let answer = input.answer, ["accept", "decline"].contains(answer) else {
                throw AppError.validation(["answer": "Answer accept or decline."])
            }
            try await tours.answer(
                id,
                stop: try context.parameters.require("stop", as: Int.self),
                group: try context.parameters.require("slug"),
                accept: answer == "accept",
                by: person
            )
            return try Reply.json(try await queries.tour(id, viewer: person))
        }
        router.post("/api/v1/tours/:id/schedule") { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            try await TourScheduling(services: services).schedule(id, by: person)
            return try Reply.json(try await queries.tour(id, viewer: person))
        }
    }
}
