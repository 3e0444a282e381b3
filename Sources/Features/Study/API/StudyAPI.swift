import FreshgroundCore
import FreshgroundWeb
import Hummingbird

struct GroupInput: Decodable, Sendable {
    let group: String?
}

struct AnswerBody: Decodable, Sendable {
    let answer: String?

    /// True for accept, false for decline; a validation error otherwise.
    func accepted() throws -> Bool {
        guard let answer, ["accept", "decline"].contains(answer) else {
            throw AppError.validation(["answer": "Answer accept or decline."])
        }
        return answer == "accept"
    }
}

struct MoveInput: Decodable, Sendable {
    let step: Int?
}

struct FromListInput: Decodable, Sendable {
    let list: Int?
    let perWeek: Int?
}

struct SettingsInput: Decodable, Sendable {
    let subscribed: Bool?
    let digest: Bool?
}

struct EnrollmentAnswer: Encodable, Sendable {
    let status: EnrollmentStatus
}

struct SeriesList: Encodable, Sendable {
    let items: [SeriesCard]
    let page: Int
    let hasNext: Bool
}

/// The study series' JSON API: series, organizers, the syllabus and enrollment. Every answer about a series is
/// the series as the caller may see it.
struct StudyAPI {
    let services: AppServices
    var queries: SeriesQueries { SeriesQueries(services: services) }
    var writes: SeriesWrites { SeriesWrites(services: services) }
    var syllabus: SyllabusWrites { SyllabusWrites(services: services) }
    var enrollments: Enrollments { Enrollments(services: services) }

    func register(on router: Router<AppContext>) {
        let base = "/api/v1/study/:id"
        router.get("/api/v1/study") { request, context in
            let mine = request.uri.queryParameters["mine"] == "true"
            let person = mine ? try context.requirePerson() : nil
            let page = try await queries.cards(
                page: PageRequest(request.uri.queryParameters["page"].map(String.init)),
                mine: person
            )
            return try Reply.json(SeriesList(items: page.items, page: page.request.number, hasNext: page.hasNext))
        }
        router.post("/api/v1/study") { request, context in
            let person = try context.requirePerson()
            let id = try await writes.create(try await decodeJSON(SeriesInput.self, request, context), by: person)
            return try Reply.json(try await queries.series(id, viewer: person), status: .created)
        }
        router.get(RouterPath(base)) { _, context in try await series(context) }
        router.put(RouterPath(base)) { request, context in
            try await writes.update(
                try seriesParam(context),
                try await decodeJSON(SeriesInput.self, request, context),
                by: try context.requirePerson()
            )
            return try await series(context)
        }
        router.post("\(base)/organizers") { request, context in
            let input = try await decodeJSON(GroupInput.self, request, context)
            try await writes.invite(try seriesParam(context), group: input.group ?? "", by: try context.requirePerson())
            return try await series(context, status: .created)
        }
        router.post("\(base)/organizers/:slug") { request, context in
            let accept = try await decodeJSON(AnswerBody.self, request, context).accepted()
            try await writes.answer(
                try seriesParam(context),
                group: try context.parameters.require("slug"),
                accept: accept,
                by: try context.requirePerson()
            )
            return try await series(context)
        }
        router.post("\(base)/weeks") { request, context in
            let number = try await syllabus.addWeek(
                try seriesParam(context),
                try await decodeJSON(WeekInput.self, request, context),
                by: try context.requirePerson()
            )
            return try await week(context, number, status: .created)
        }
        router.post("\(base)/weeks/from-list") { request, context in
            let input = try await decodeJSON(FromListInput.self, request, context)
            guard let list = input.list else { throw AppError.validation(["list": "Give the reading list's number."]) }
            _ = try await syllabus.weeksFromList(
                try seriesParam(context),
                list: list,
                perWeek: input.perWeek ?? 1,
                by: try context.requirePerson()
            )
            return try await series(context, status: .created)
        }
        router.get("\(base)/weeks/:week") { _, context in try await week(context, try weekParam(context)) }
        router.put("\(base)/weeks/:week") { request, context in
            try await syllabus.updateWeek(
                try seriesParam(context),
                try weekParam(context),
                try await decodeJSON(WeekInput.self, request, context),
                by: try context.requirePerson()
            )
            return try await week(context, try weekParam(context))
        }
        router.delete("\(base)/weeks/:week") { _, context in
            try await syllabus.removeWeek(
                try seriesParam(context),
                try weekParam(context),
                by: try context.requirePerson()
            )
            return Response(status: .noContent)
        }
        router.post("\(base)/weeks/:week/move") { request, context in
            let step = try await decodeJSON(MoveInput.self, request, context).step ?? 0
            guard step == 1 || step == -1 else {
                throw AppError.validation(["step": "Move by -1 (earlier) or 1 (later)."])
            }
            try await syllabus.moveWeek(
                try seriesParam(context),
                try weekParam(context),
                by: step,
                person: try context.requirePerson()
            )
            return try await series(context)
        }
        router.post("\(base)/weeks/:week/readings") { request, context in
            try await syllabus.addReading(
                try seriesParam(context),
                try weekParam(context),
                try await decodeJSON(ReadingInput.self, request, context),
                by: try context.requirePerson()
            )
            return try await week(context, try weekParam(context), status: .created)
        }
        router.post("\(base)/weeks/:week/media") { request, context in
            try await syllabus.addMedia(
                try seriesParam(context),
                try weekParam(context),
                try await decodeJSON(MediaInput.self, request, context),
                by: try context.requirePerson()
            )
            return try await week(context, try weekParam(context), status: .created)
        }
        router.post("\(base)/weeks/:week/presenters") { request, context in
            try await syllabus.addPresenter(
                try seriesParam(context),
                try weekParam(context),
                try await decodeJSON(PresenterInput.self, request, context),
                by: try context.requirePerson()
            )
            return try await week(context, try weekParam(context), status: .created)
        }
        for (segment, part) in [("readings", SyllabusPart.reading), ("media", .media), ("presenters", .presenter)] {
            router.delete("\(base)/weeks/:week/\(segment)/:part") { _, context in
                try await syllabus.remove(
                    part,
                    id: try context.parameters.require("part", as: Int.self),
                    series: try seriesParam(context),
                    week: try weekParam(context),
                    by: try context.requirePerson()
                )
                return Response(status: .noContent)
            }
        }
        router.post("\(base)/enrollment") { request, context in
            let status = try await enrollments.enroll(
                try seriesParam(context),
                try await decodeJSON(EnrollInput.self, request, context),
                by: try context.requirePerson()
            )
            return try Reply.json(EnrollmentAnswer(status: status), status: .created)
        }
        router.put("\(base)/enrollment") { request, context in
            let input = try await decodeJSON(SettingsInput.self, request, context)
            let person = try context.requirePerson()
            let current = try await queries.viewer(of: try seriesParam(context), person)
            try await enrollments.settings(
                try seriesParam(context),
                subscribed: input.subscribed ?? current.subscribed,
                digest: input.digest ?? current.digest,
                by: person
            )
            return try Reply.json(try await queries.viewer(of: try seriesParam(context), person))
        }
        router.delete("\(base)/enrollment") { _, context in
            try await enrollments.leave(try seriesParam(context), by: try context.requirePerson())
            return Response(status: .noContent)
        }
        router.get("\(base)/participants") { _, context in
            try Reply.json(
                try await enrollments.participants(try seriesParam(context), by: try context.requirePerson())
            )
        }
        router.post("\(base)/participants/:handle") { request, context in
            let accept = try await decodeJSON(AnswerBody.self, request, context).accepted()
            let person = try context.requirePerson()
            try await enrollments.decide(
                try seriesParam(context),
                handle: try context.parameters.require("handle"),
                accept: accept,
                by: person
            )
            return try Reply.json(try await enrollments.participants(try seriesParam(context), by: person))
        }
        router.get("\(base)/mailings") { _, context in
            try Reply.json(
                try await StudyList(services: services).mailings(
                    try seriesParam(context),
                    by: try context.requirePerson()
                )
            )
        }
    }

    private func series(_ context: AppContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        try Reply.json(try await queries.series(try seriesParam(context), viewer: context.person), status: status)
    }

    private func week(_ context: AppContext, _ number: Int, status: HTTPResponse.Status = .ok) async throws -> Response
    {
        try Reply.json(try await queries.week(try seriesParam(context), number, viewer: context.person), status: status)
    }
}

func seriesParam(_ context: AppContext) throws -> Int { try context.parameters.require("id", as: Int.self) }

func weekParam(_ context: AppContext) throws -> Int { try context.parameters.require("week", as: Int.self) }
