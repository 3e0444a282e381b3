import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

struct NameInput: Decodable, Sendable {
    var name: String?
    var handle: String?
}

struct CoSpeakingAnswerInput: Decodable, Sendable {
    var answer: String?
}

struct ReviewInput: Decodable, Sendable {
    var score: Int?
    var comment: String?
    var decision: String?
}

/// The schedule as the API sends it; `sessions` is empty while it is unpublished (except for organizers).
struct ScheduleBody: Encodable, Sendable {
    let published: Bool
    let timeZone: String
    let sessions: [ScheduledSession]
}

struct AgendaBody: Encodable, Sendable {
    let items: [AgendaEntry]
    /// The secret iCalendar address of the person's agenda.
    let feedURL: String
}

struct ActionList: Encodable, Sendable {
    let items: [ActionProposalView]
}

/// The JSON API of conferences, under `/api/v1/conferences/{id}` (the id is the conference's event id).
struct ConferencesAPI {
    let services: AppServices
    var conferences: Conferences { Conferences(services: services) }
    var proposals: Proposals { Proposals(services: services) }
    var proposalQueries: ProposalQueries { ProposalQueries(services: services) }
    var schedule: Schedule { Schedule(services: services) }
    var scheduleQueries: ScheduleQueries { ScheduleQueries(services: services) }
    var actions: Actions { Actions(services: services) }

    func register(on router: Router<AppContext>) {
        let base = "/api/v1/conferences/:id"
        router.get(RouterPath(base)) { _, context in
            try Reply.json(try await load(context))
        }
        router.put("\(base)/settings") { request, context in
            let (id, person) = try ids(context)
            let input = try await decodeJSON(ConferenceSettingsInput.self, request, context)
            try await conferences.updateSettings(id, input, by: person)
            return try Reply.json(try await load(context))
        }
        for kind in [Conferences.PlaceKind.track, .room] {
            router.post("\(base)/\(kind.rawValue)s") { request, context in
                let (id, person) = try ids(context)
                let input = try await decodeJSON(NameInput.self, request, context)
                do {
                    _ = try await conferences.addPlace(kind, to: id, name: input.name ?? "", by: person)
                } catch AppError.validation(let errors) {
                    throw AppError.validation(errors.isEmpty ? [:] : ["name": errors.values.first ?? ""])
                }
                return try Reply.json(try await load(context), status: .created)
            }
        }
        router.post("\(base)/committee") { request, context in
            let (id, person) = try ids(context)
            let input = try await decodeJSON(NameInput.self, request, context)
            try await conferences.addCommitteeMember(id, handle: input.handle ?? "", by: person)
            return try Reply.json(try await load(context))
        }
        registerProposals(on: router, base: base)
        registerSchedule(on: router, base: base)
        registerActions(on: router, base: base)
    }

    private func registerProposals(on router: Router<AppContext>, base: String) {
        router.get("\(base)/proposals") { request, context in
            let (id, person) = try ids(context)
            let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
            let page = PageRequest(request.uri.queryParameters["page"].map(String.init), size: 100)
            return try Reply.json(ListBody(try await proposalQueries.forReview(conference, viewer: person, page: page)))
        }
        router.post("\(base)/proposals") { request, context in
            let (id, person) = try ids(context)
            let input = try await decodeJSON(ProposalInput.self, request, context)
            let proposal = try await proposals.submit(to: id, input, by: person)
            return try await proposalBody(proposal, context, status: .created)
        }
        router.get("\(base)/proposals/:proposal") { _, context in
            try await proposalBody(try context.parameters.require("proposal", as: Int.self), context)
        }
        router.post("\(base)/proposals/:proposal/reviews") { request, context in
            let (id, person) = try ids(context)
            let proposal = try context.parameters.require("proposal", as: Int.self)
            let input = try await decodeJSON(ReviewInput.self, request, context)
            try await proposals.review(proposal, of: id, score: input.score, comment: input.comment ?? "", by: person)
            return try await proposalBody(proposal, context)
        }
        router.post("\(base)/proposals/:proposal/decision") { request, context in
            let (id, person) = try ids(context)
            let proposal = try context.parameters.require("proposal", as: Int.self)
            let input = try await decodeJSON(ReviewInput.self, request, context)
            guard input.decision == "accept" || input.decision == "reject" else {
                throw AppError.validation(["decision": "Give the decision: accept or reject."])
            }
            try await proposals.decide(proposal, of: id, accept: input.decision == "accept", by: person)
            return try await proposalBody(proposal, context)
        }
        router.post("\(base)/proposals/:proposal/withdraw") { _, context in
            let (id, person) = try ids(context)
            let proposal = try context.parameters.require("proposal", as: Int.self)
            try await proposals.withdraw(proposal, of: id, by: person)
            return try await proposalBody(proposal, context)
        }
        router.post("\(base)/proposals/:proposal/speaking") { request, context in
            let (id, person) = try ids(context)
            let proposal = try context.parameters.require("proposal", as: Int.self)
            let input = try await decodeJSON(CoSpeakingAnswerInput.self, request, context)
            guard input.answer == "accept" || input.answer == "decline" else {
                throw AppError.validation(["answer": "Give the answer: accept or decline."])
            }
            try await CoSpeaking(services: services).answer(
                proposal,
                of: id,
                accept: input.answer == "accept",
                by: person
            )
            return Response(status: .noContent)
        }
    }

    private func registerSchedule(on router: Router<AppContext>, base: String) {
        router.get("\(base)/schedule") { _, context in
            try Reply.json(try await scheduleBody(context))
        }
        router.post("\(base)/sessions") { request, context in
            let (id, person) = try ids(context)
            let input = try await decodeJSON(SessionInput.self, request, context)
            _ = try await schedule.place(in: id, input, by: person)
            return try Reply.json(try await scheduleBody(context), status: .created)
        }
        router.delete("\(base)/sessions/:session") { _, context in
            let (id, person) = try ids(context)
            try await schedule.unschedule(try context.parameters.require("session", as: Int.self), in: id, by: person)
            return Response(status: .noContent)
        }
        for (method, on) in [(HTTPRequest.Method.post, true), (.delete, false)] {
            router.on("\(base)/sessions/:session/star", method: method) { _, context in
                let (id, person) = try ids(context)
                let session = try context.parameters.require("session", as: Int.self)
                try await scheduleQueries.star(session, in: id, on: on, by: person)
                return Response(status: .noContent)
            }
        }
        router.get("/api/v1/me/agenda") { _, context in
            let person = try context.requirePerson()
            let token = try await scheduleQueries.agendaToken(for: person)
            return try Reply.json(
                AgendaBody(
                    items: try await scheduleQueries.agenda(person: person.id),
                    feedURL: "\(services.site.url)/agenda/\(token).ics"
                )
            )
        }
    }

    private func registerActions(on router: Router<AppContext>, base: String) {
        router.get("\(base)/actions") { _, context in
            let conference = try await load(context)
            return try Reply.json(ActionList(items: try await actions.list(conference.id)))
        }
        router.post("\(base)/actions") { request, context in
            let (id, person) = try ids(context)
            let input = try await decodeJSON(ActionInput.self, request, context)
            _ = try await actions.submit(to: id, title: input.title, text: input.text, by: person)
            return try Reply.json(ActionList(items: try await actions.list(id)), status: .created)
        }
        router.post("\(base)/actions/:action/supports") { request, context in
            let (id, person) = try ids(context)
            let input = try await decodeJSON(ActionInput.self, request, context)
            let action = try context.parameters.require("action", as: Int.self)
            try await actions.support(action, of: id, group: input.group ?? "", on: true, by: person)
            return try Reply.json(ActionList(items: try await actions.list(id)))
        }
        router.delete("\(base)/actions/:action/supports/:slug") { _, context in
            let (id, person) = try ids(context)
            let action = try context.parameters.require("action", as: Int.self)
            let slug = try context.parameters.require("slug")
            try await actions.support(action, of: id, group: slug, on: false, by: person)
            return try Reply.json(ActionList(items: try await actions.list(id)))
        }
        router.post("\(base)/actions/:action/withdraw") { _, context in
            let (id, person) = try ids(context)
            try await actions.withdraw(try context.parameters.require("action", as: Int.self), of: id, by: person)
            return Response(status: .noContent)
        }
    }

    private func load(_ context: AppContext) async throws -> ConferenceView {
        try await ConferenceAccess.load(
            try context.parameters.require("id", as: Int.self),
            viewer: context.person,
            services: services
        )
    }

    private func scheduleBody(_ context: AppContext) async throws -> ScheduleBody {
        let conference = try await load(context)
        return ScheduleBody(
            published: conference.settings.schedulePublished,
            timeZone: conference.zone,
            sessions: try await scheduleQueries.visibleSessions(conference, viewer: context.person)
        )
    }

    private func proposalBody(
        _ proposal: Int,
        _ context: AppContext,
        status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        let (id, person) = try ids(context)
        let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
        return try Reply.json(
            try await proposalQueries.proposal(proposal, in: conference, viewer: person),
            status: status
        )
    }

    private func ids(_ context: AppContext) throws -> (Int, CurrentPerson) {
        (try context.parameters.require("id", as: Int.self), try context.requirePerson())
    }
}
