import Decisions
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

/// The joint demands' page and forms (a new version, the vote of the groups), and the campaign's actions.
struct DemandRoutes {
    let services: AppServices
    var demands: Demands { Demands(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.demands) { _, context in
            Reply.html(try await page(context, id: try campaignParam(context)))
        }
        router.post(CampaignPaths.demands) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.demands(id),
                flash: "Saved as a new version. Put it to the vote of the groups when it is ready.",
                page: { fields in try await page(context, id: id, fields: fields) }
            ) {
                _ = try await demands.save(
                    id,
                    text: context.form.raw("text"),
                    baseVersion: Int(context.form["baseVersion"]) ?? -1,
                    by: person
                )
            }
        }
        router.post(CampaignPaths.demandsVote) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            let version = try context.parameters.require("version", as: Int.self)
            return try await FormFlow.submit(
                context,
                fields: Self.voteFields,
                page: { fields in try await page(context, id: id, fields: fields) }
            ) {
                let decision = try await demands.putToVote(
                    id,
                    version: version,
                    closesAt: context.form["closesAt"],
                    by: person
                )
                return Reply.redirect(
                    DecisionPaths.decision(decision),
                    flash: "The groups taking part are asked to vote, by their organizers."
                )
            }
        }
        ActionRoutes(services: services).register(on: router)
    }

    /// The vote's refusals by the form's one field; any other (the title, the text) about the whole form.
    static func voteFields(_ errors: [String: String]) -> [String: String] {
        var fields: [String: String] = [:]
        for (field, message) in errors {
            let key = field == "closesAt" ? field : FieldSet.formMessage
            fields[key] = [fields[key], message].compactMap { $0 }.joined(separator: " ")
        }
        return fields
    }

    private func page(_ context: AppContext, id: Int, fields: FieldSet = FieldSet()) async throws -> HTML {
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: context.person)
        return DemandPages.page(
            context,
            campaign: campaign,
            board: try await DemandBoard.load(id, viewer: context.person, services: services),
            manages: try await manages(id, context.person),
            fields: fields
        )
    }

    private func manages(_ id: Int, _ viewer: CurrentPerson?) async throws -> Bool {
        guard let viewer else { return false }
        do {
            _ = try await CampaignWrites(services: services).requireManager(id, viewer)
            return true
        } catch AppError.forbidden {
            return false
        }
    }
}
