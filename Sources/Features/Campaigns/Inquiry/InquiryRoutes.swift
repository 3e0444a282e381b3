import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import Library

/// The addresses of a campaign's workers' inquiries.
package enum InquiryPaths {
    /// A campaign's inquiries (GET), and where the form to start one posts.
    package static let inquiries = Path("/campaigns/:id/inquiries")
    /// An inquiry and its answer form.
    package static let inquiry = Path("/inquiries/:id")
    /// Where the answer form posts.
    package static let answer = Path("/inquiries/:id/answer")
    /// The counts after the close, with small cells hidden.
    package static let results = Path("/inquiries/:id/results")
    /// The interview guide, to print.
    package static let guide = Path("/inquiries/:id/guide")
    /// Closing it early: the confirm page (GET) and the action (POST).
    package static let close = Path("/inquiries/:id/close")
    /// Drafting the report from below (POST).
    package static let report = Path("/inquiries/:id/report")
}

struct InquiryRoutes {
    let services: AppServices
    var inquiries: Inquiries { Inquiries(services: services) }
    var writes: InquiryWrites { InquiryWrites(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(InquiryPaths.inquiries) { _, context in
            let defaults = FieldSet(values: FormData([("closesOn", writes.defaultClosingDay())]))
            return Reply.html(try await listPage(context, fields: defaults))
        }
        router.post(InquiryPaths.inquiries) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(context, page: { try await listPage(context, fields: $0) }) {
                let id = try await writes.start(
                    try campaignParam(context),
                    group: context.form["group"],
                    method: context.form["method"],
                    title: context.form["title"],
                    topics: context.form.raw("topics"),
                    closesOn: context.form["closesOn"],
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
                flash: "Thank you: the answers are stored without your name.",
                page: { try await inquiryPage(context, fields: $0) }
            ) {
                let (inquiry, _) = try await inquiries.inquiry(id, viewer: person)
                let values = inquiry.questions.indices.map { context.form["q\($0)"] }
                try await InquiryAnswers(services: services).answer(id, values: values, by: person)
            }
        }
        router.get(InquiryPaths.results) { _, context in
            let (inquiry, campaign) = try await inquiries.inquiry(try campaignParam(context), viewer: context.person)
            return Reply.html(
                InquiryPages.results(
                    context,
                    inquiry,
                    campaign,
                    results: try await inquiries.results(inquiry),
                    powers: try await powers(inquiry, context.person)
                )
            )
        }
        router.get(InquiryPaths.guide) { _, context in
            let (inquiry, campaign) = try await inquiries.inquiry(try campaignParam(context), viewer: context.person)
            guard inquiry.kind == .interview else { throw AppError.notFound }
            return Reply.html(InquiryGuidePage.page(context, inquiry, campaign))
        }
        router.get(InquiryPaths.close) { _, context in
            let person = try context.requirePerson()
            let (inquiry, _) = try await inquiries.inquiry(try campaignParam(context), viewer: person)
            guard try await powers(inquiry, person).close else {
                throw AppError.forbidden("Only the organizers of \(inquiry.groupName) close this inquiry.")
            }
            return Reply.html(InquiryGuidePage.close(context, inquiry, fields: FieldSet()))
        }
        router.post(InquiryPaths.close) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: InquiryPaths.inquiry(id),
                flash: "The inquiry is closed; its results are shown.",
                page: { fields in
                    InquiryGuidePage.close(context, try await inquiries.inquiry(id, viewer: person).0, fields: fields)
                }
            ) {
                try await writes.close(id, by: person)
            }
        }
        router.post(InquiryPaths.report) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(context, page: { try await inquiryPage(context, fields: $0) }) {
                let draft = try await InquiryReport(services: services).draft(id, by: person)
                return Reply.redirect(
                    LibraryPaths.editPublication(draft),
                    flash: "A draft report from below: rewrite it as you like before submitting it to the journal."
                )
            }
        }
    }

    private func powers(_ inquiry: Inquiries.Inquiry, _ person: CurrentPerson?) async throws -> InquiryPages.Powers {
        InquiryPages.Powers(
            close: try await inquiries.actsForRunningGroup(inquiry, person, roles: Role.organizing),
            draft: try await inquiries.actsForRunningGroup(inquiry, person, roles: Role.publishing)
        )
    }

    private func listPage(_ context: AppContext, fields: FieldSet) async throws -> HTML {
        let id = try campaignParam(context)
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: context.person)
        return InquiryPages.list(
            context,
            campaign,
            inquiries: try await inquiries.list(id, viewer: context.person),
            groups: try await inquiries.startingGroups(id, for: context.person),
            fields: fields,
            now: services.clock()
        )
    }

    private func inquiryPage(_ context: AppContext, fields: FieldSet) async throws -> HTML {
        let (inquiry, campaign) = try await inquiries.inquiry(try campaignParam(context), viewer: context.person)
        let state: InquiryPages.State =
            if !inquiry.kind.recordsConversations, try await inquiries.answered(inquiry.id, context.person) {
                .answered
            } else if try await inquiries.mayAnswer(campaign.id, context.person) {
                .open
            } else {
                .notTakingPart
            }
        return InquiryPages.inquiry(
            context,
            inquiry,
            campaign,
            state: state,
            results: try await inquiries.results(inquiry),
            powers: try await powers(inquiry, context.person),
            fields: fields
        )
    }
}
