import Events
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

struct TalkInput: Decodable, Sendable {
    let title: String?
    let abstract: String?
    let minutes: Int?
}

struct WindowInput: Decodable, Sendable {
    let from: String?
    let until: String?
}

struct RecommendInput: Decodable, Sendable {
    let group: String?
    let note: String?
}

/// The roster's JSON API. Every answer about a speaker goes through `SpeakerQueries.speaker`, so the contact is
/// `null` for viewers who may not read it.
struct SpeakersAPI {
    let services: AppServices
    var speakers: Speakers { Speakers(services: services) }
    var queries: SpeakerQueries { SpeakerQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/speakers") { request, _ in
            let form = SpeakerRoutes.query(request, ["topic", "city", "from", "until"])
            let page = try await queries.search(
                try SpeakerFilter(form: form),
                page: PageRequest(request.uri.queryParameters["page"].map(String.init))
            )
            return try Reply.json(ListBody(page))
        }
        router.post("/api/v1/speakers") { request, context in
            let person = try context.requirePerson()
            let input = try await decodeJSON(SpeakerInput.self, request, context)
            let id = try await speakers.add(input, by: person)
            return try Reply.json(try await queries.speaker(id, viewer: person), status: .created)
        }
        router.get("/api/v1/speakers/:id") { _, context in
            try Reply.json(
                try await queries.speaker(try context.parameters.require("id", as: Int.self), viewer: context.person)
            )
        }
        router.put("/api/v1/speakers/:id") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            try await speakers.update(id, try await decodeJSON(SpeakerInput.self, request, context), by: person)
            return try Reply.json(try await queries.speaker(id, viewer: person))
        }
        router.post("/api/v1/speakers/:id/talks") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(TalkInput.self, request, context)
            try await speakers.addTalk(
                id,
                title: input.title ?? "",
                abstract: input.abstract ?? "",
                minutes: input.minutes.map(String.init) ?? "",
                by: person
            )
            return try Reply.json(try await queries.speaker(id, viewer: person), status: .created)
        }
        router.delete("/api/v1/speakers/:id/talks/:talk") { _, context in
            try await speakers.removeTalk(
                try context.parameters.require("talk", as: Int.self),
                of: try context.parameters.require("id", as: Int.self),
                by: try context.requirePerson()
            )
            return Response(status: .noContent)
        }
        router.post("/api/v1/speakers/:id/availability") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(WindowInput.self, request, context)
            try await speakers.addAvailability(id, from: input.from ?? "", until: input.until ?? "", by: person)
            return try Reply.json(try await queries.speaker(id, viewer: person), status: .created)
        }
        router.delete("/api/v1/speakers/:id/availability/:window") { _, context in
            try await speakers.removeAvailability(
                try context.parameters.require("window", as: Int.self),
                of: try context.parameters.require("id", as: Int.self),
                by: try context.requirePerson()
            )
            return Response(status: .noContent)
        }
        router.post("/api/v1/speakers/:id/recommendations") { request, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let input = try await decodeJSON(RecommendInput.self, request, context)
            try await speakers.recommend(id, group: input.group ?? "", note: input.note ?? "", by: person)
            return try Reply.json(try await queries.speaker(id, viewer: person), status: .created)
        }
        router.delete("/api/v1/speakers/:id/recommendations/:slug") { _, context in
            try await speakers.withdrawRecommendation(
                try context.parameters.require("id", as: Int.self),
                group: try context.parameters.require("slug"),
                by: try context.requirePerson()
            )
            return Response(status: .noContent)
        }
    }
}
