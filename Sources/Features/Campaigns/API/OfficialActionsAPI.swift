import FreshgroundWeb
import Hummingbird

/// The organizers' actions on an official through the JSON API, each calling the write its HTML form calls: a
/// pledge's next version, the criteria, a vote's link and the contact email (`OfficialWrites`); co-endorsement
/// invitations and their answers (`Endorsements`); a review read alone and put to the members' vote (`Reviews`).
extension OfficialsAPI {
    func registerActions(on router: Router<AppContext>) {
        router.post("/api/v1/officials/:id/pledges") { request, context in
            let (person, id) = try await manager(context)
            let body = try await decodeJSON(PledgeInputBody.self, request, context)
            try await Self.renaming(["sourceURL": "sourceUrl"]) {
                try await writes.addPledge(id, form: body.form, by: person)
            }
            return try await created(id, person)
        }
        router.post("/api/v1/officials/:id/criteria") { request, context in
            let (person, id) = try await manager(context)
            let body = try await decodeJSON(CriteriaInputBody.self, request, context)
            try await Self.renaming(["criteriaText": "text"]) {
                try await writes.publishCriteria(id, form: body.form, by: person)
            }
            return try await created(id, person)
        }
        router.post("/api/v1/officials/:id/votes/:vote/link") { request, context in
            let (person, id) = try await manager(context)
            let vote = try context.parameters.require("vote", as: Int.self)
            let body = try await decodeJSON(VoteLinkInputBody.self, request, context)
            try await Self.renaming(["voteTopic": "pledgeTopic"]) {
                try await writes.linkVote(id, vote: vote, form: body.form, by: person)
            }
            return try await official(id, person)
        }
        router.put("/api/v1/officials/:id/contact") { request, context in
            let (person, id) = try await manager(context)
            let body = try await decodeJSON(ContactInputBody.self, request, context)
            try await writes.setContact(id, form: body.form, by: person)
            return Response(status: .noContent)
        }
        registerEndorsements(on: router)
        registerReviews(on: router)
    }

    private func registerEndorsements(on router: Router<AppContext>) {
        router.post("/api/v1/officials/:id/endorsements") { request, context in
            let (person, id) = try await manager(context)
            let group = try await decodeJSON(EndorsementInputBody.self, request, context).group ?? ""
            try await Endorsements(services: services).invite(id, group: group, by: person)
            return Response(status: .noContent)
        }
        router.post("/api/v1/officials/:id/endorsements/:slug/answer") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            let accept = try await decodeJSON(AnswerBody.self, request, context).accepted()
            try await Endorsements(services: services).answer(
                id,
                group: try context.parameters.require("slug"),
                accept: accept,
                by: person
            )
            return Response(status: .noContent)
        }
        router.get("/api/v1/officials/invitations") { _, context in
            let invitations = try await Endorsements(services: services).invitations(for: try context.requirePerson())
            return try Reply.json(EndorsementInvitationListBody(items: invitations.map(EndorsementInvitationBody.init)))
        }
    }

    private func registerReviews(on router: Router<AppContext>) {
        router.get("/api/v1/officials/:id/reviews/:review") { _, context in
            let id = try id(context)
            let review = try context.parameters.require("review", as: Int.self)
            let (record, row) = try await ReviewQueries(services: services).review(
                review,
                of: id,
                viewer: context.person
            )
            return try Reply.json(ReviewBody(row, official: id, today: record.today))
        }
        router.post("/api/v1/officials/:id/reviews/:review/vote") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            let review = try context.parameters.require("review", as: Int.self)
            let closesAt = try await decodeJSON(ReviewVoteInputBody.self, request, context).closesAt ?? ""
            let decision = try await Reviews(services: services).putToVote(
                id,
                review: review,
                closesAt: closesAt,
                by: person
            )
            let (record, row) = try await ReviewQueries(services: services).review(review, of: id, viewer: person)
            var response = try Reply.json(ReviewBody(row, official: id, today: record.today), status: .created)
            response.headers[.location] = "/api/v1/decisions/\(decision)"
            return response
        }
    }

    /// The caller and the official's id, once the caller is found to manage the official (403 or 404 otherwise).
    private func manager(_ context: AppContext) async throws -> (CurrentPerson, Int) {
        let person = try context.requirePerson()
        let id = try id(context)
        _ = try await queries.requireManager(id, person)
        return (person, id)
    }

    /// The official after a new version was recorded, with the official's address in the API.
    private func created(_ id: Int, _ person: CurrentPerson) async throws -> Response {
        var response = try await official(id, person, status: .created)
        response.headers[.location] = "/api/v1/officials/\(id)"
        return response
    }

    /// Runs a write whose refusals name fields as its form does, naming them as the API does.
    static func renaming(_ names: [String: String], _ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch AppError.validation(let errors) {
            throw AppError.validation(Dictionary(errors.map { (names[$0] ?? $0, $1) }) { a, _ in a })
        }
    }
}
