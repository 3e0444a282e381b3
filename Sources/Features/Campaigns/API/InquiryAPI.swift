import FreshgroundWeb
import Hummingbird
import Library

/// The JSON API of workers' inquiries: a campaign's inquiries, starting one (an organizer or editor of a group taking
/// part), one with its results once closed, answering one (a member of a group taking part), closing one early (an
/// organizer of the group running it) and drafting its report from below after the close. Everything goes through the
/// pages' own reads and writes (`Inquiries`, `InquiryAnswers`, `InquiryWrites`, `InquiryReport`), so the API shows
/// and refuses exactly as the pages do; no answer of anyone is ever sent.
struct InquiryAPI {
    let services: AppServices
    var inquiries: Inquiries { Inquiries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/campaigns/:id/inquiries") { _, context in
            let campaign = try await CampaignQueries(services: services)
                .campaign(try campaignParam(context), viewer: context.person)
            var items: [InquiryBody] = []
            for inquiry in try await inquiries.list(campaign.id, viewer: context.person) {
                items.append(InquiryBody(inquiry, try await inquiries.results(inquiry)))
            }
            return try Reply.json(InquiryListBody(items: items))
        }
        router.post("/api/v1/campaigns/:id/inquiries") { request, context in
            let person = try context.requirePerson()
            let campaign = try campaignParam(context)
            let body = try await decodeJSON(InquiryInputBody.self, request, context)
            let id = try await InquiryWrites(services: services).start(
                campaign,
                group: body.group ?? "",
                method: body.method ?? "",
                title: body.title ?? "",
                topics: (body.topics ?? []).joined(separator: "\n"),
                closesOn: body.closesOn ?? "",
                by: person
            )
            var response = try await inquiry(id, context, status: .created)
            response.headers[.location] = "/api/v1/inquiries/\(id)"
            return response
        }
        router.get("/api/v1/inquiries/:id") { _, context in
            try await inquiry(try campaignParam(context), context)
        }
        router.post("/api/v1/inquiries/:id/answers") { request, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            let (inquiry, _) = try await inquiries.inquiry(id, viewer: person)
            let body = try await decodeJSON(InquiryAnswerBody.self, request, context)
            guard body.answers.count == inquiry.questions.count else {
                throw AppError.validation(["answers": "Give one answer per question: \(inquiry.questions.count)."])
            }
            try await InquiryAnswers(services: services).answer(id, values: body.answers.map(String.init), by: person)
            return Response(status: .noContent)
        }
        router.post("/api/v1/inquiries/:id/close") { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            try await InquiryWrites(services: services).close(id, by: person)
            return try await inquiry(id, context)
        }
        router.post("/api/v1/inquiries/:id/report") { _, context in
            let person = try context.requirePerson()
            let draft = try await InquiryReport(services: services).draft(try campaignParam(context), by: person)
            var response = try Reply.json(
                InquiryReportBody(id: draft, edit: LibraryPaths.editPublication(draft)),
                status: .created
            )
            response.headers[.location] = "/api/v1/library/\(draft)"
            return response
        }
    }

    private func inquiry(
        _ id: Int,
        _ context: AppContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (inquiry, _) = try await inquiries.inquiry(id, viewer: context.person)
        return try Reply.json(InquiryBody(inquiry, try await inquiries.results(inquiry)), status: status)
    }
}
