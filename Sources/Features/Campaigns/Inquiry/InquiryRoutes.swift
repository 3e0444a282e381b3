import FreshgroundCore
import FreshgroundWeb
import Hummingbird

/// The addresses of a campaign's workers' inquiries.
package enum InquiryPaths {
    /// A campaign's inquiries (GET), and where the form to start one posts.
    package static let inquiries = Path("/campaigns/:id/inquiries")
    /// An inquiry and its answer form.
    package static let inquiry = Path("/inquiries/:id")
    /// Where the answer form posts.
    package static let answer = Path("/inquiries/:id/answer")
    /// The counts, with small cells hidden.
    package static let results = Path("/inquiries/:id/results")
}

struct InquiryRoutes {
    let services: AppServices
    var inquiries: Inquiries { Inquiries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(InquiryPaths.inquiries) { _, context in
            Reply.html(try await listPage(context, fields: FieldSet()))
        }
        router.post(InquiryPaths.inquiries) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(context, page: { try await listPage(context, fields: $0) }) {
                let id = try await inquiries.start(
                    try campaignParam(context),
                    group: context.form["group"],
                    method: context.form["method"],
                    title: context.form["title"],
                    topics: context.form["topics"],
                    by: person
                )
                return Reply.redirect(InquiryPaths.inquiry(id), flash: "The inquiry is open for answers.")
            }
        }
        router.get(InquiryPaths.inquiry) { _, context in
            Reply.html(try await inquiryPage(context, fields: FieldSet()))
        }
        router.post(InquiryPaths.answer) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: InquiryPaths.inquiry(id),
                flash: "Thank you: your answers are stored without your name.",
                page: { try await inquiryPage(context, fields: $0) }
            ) {
                let (inquiry, _) = try await inquiries.inquiry(id, viewer: person)
                let values = inquiry.questions.indices.map { context.form["q\($0)"] }
                try await inquiries.answer(id, values: values, by: person)
            }
        }
        router.get(InquiryPaths.results) { _, context in
            let (inquiry, campaign) = try await inquiries.inquiry(try campaignParam(context), viewer: context.person)
            return Reply.html(
                InquiryPages.results(context, inquiry, campaign, tables: try await inquiries.results(inquiry))
            )
        }
    }

    private func listPage(_ context: AppContext, fields: FieldSet) async throws -> HTML {
        let id = try campaignParam(context)
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: context.person)
        return InquiryPages.list(
            context,
            campaign,
            inquiries: try await inquiries.list(id),
            groups: try await inquiries.startingGroups(id, for: context.person),
            fields: fields
        )
    }

    private func inquiryPage(_ context: AppContext, fields: FieldSet) async throws -> HTML {
        let (inquiry, campaign) = try await inquiries.inquiry(try campaignParam(context), viewer: context.person)
        let state: InquiryPages.State =
            if try await inquiries.answered(inquiry.id, context.person) {
                .answered
            } else if try await inquiries.mayAnswer(campaign.id, context.person) {
                .open
            } else {
                .closed
            }
        return InquiryPages.inquiry(context, inquiry, campaign, state: state, fields: fields)
    }
}
