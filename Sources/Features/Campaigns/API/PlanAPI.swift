import Decisions
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of a group's yearly plan and of a person's hours for a campaign. Every answer and refusal comes
/// from the pages' own reads and writes (`PlanQueries`, `PlanWrites`, `Priorities`, `CampaignHours`): a campaign the
/// caller may not see is left out of the plan and its totals, and a pledge is only ever the caller's own.
struct PlanAPI {
    let services: AppServices
    var queries: PlanQueries { PlanQueries(services: services) }
    var writes: PlanWrites { PlanWrites(services: services) }

    func register(on router: Router<AppContext>) {
        let base = "/api/v1/groups/:slug/plans/:year"
        router.get("\(base)") { _, context in
            try Reply.json(try await plan(try slug(context), try year(context), context.person))
        }
        router.post("\(base)/items") { request, context in
            let person = try context.requirePerson()
            let (slug, year) = (try slug(context), try year(context))
            // Who may change the plan is checked before the input, as the page does.
            _ = try await writes.requireManager(slug: slug, year: year, person)
            let body = try await decodeJSON(PlanItemInputBody.self, request, context)
            try await writes.addItem(
                slug: slug,
                year: year,
                campaign: body.campaign.map(String.init) ?? "",
                startsOn: body.startsOn ?? "",
                endsOn: body.endsOn ?? "",
                hoursNeeded: body.hoursNeeded.map(String.init) ?? "",
                by: person
            )
            let plan = try await queries.plan(slug: slug, year: year, viewer: person)
            guard let item = plan.items.first(where: { $0.campaignId == body.campaign }) else {
                throw AppError.notFound
            }
            return try Reply.json(PlanItemBody(item, in: plan), status: .created)
        }
        router.delete("\(base)/items/:item") { _, context in
            let item = try context.parameters.require("item", as: Int.self)
            try await writes.removeItem(
                slug: try slug(context),
                year: try year(context),
                item: item,
                by: try context.requirePerson()
            )
            return Response(status: .noContent)
        }
        router.put("\(base)/cap") { request, context in
            let person = try context.requirePerson()
            let (slug, year) = (try slug(context), try year(context))
            _ = try await writes.requireManager(slug: slug, year: year, person)
            let cap = try await decodeJSON(PlanCapInputBody.self, request, context).cap
            try await writes.setCap(slug: slug, year: year, cap: cap.map(String.init) ?? "", by: person)
            return try Reply.json(try await plan(slug, year, person))
        }
        router.post("\(base)/priorities") { request, context in
            let person = try context.requirePerson()
            let (slug, year) = (try slug(context), try year(context))
            _ = try await writes.requireManager(slug: slug, year: year, person)
            let closesAt = try await decodeJSON(DemandVoteBody.self, request, context).closesAt ?? ""
            let decision: Int
            do {
                decision = try await Priorities(services: services).open(
                    slug: slug,
                    year: year,
                    closesAt: closesAt,
                    by: person
                )
            } catch AppError.validation(let errors) {
                // The decision's own fields (options, seats) are about the whole plan; the cap is the plan's.
                var fields = DemandRoutes.voteFields(errors.filter { $0.key != "cap" })
                fields["cap"] = errors["cap"]
                throw AppError.validation(fields)
            }
            var response = try Reply.json(try await plan(slug, year, person), status: .created)
            response.headers[.location] = "/api/v1/decisions/\(decision)"
            return response
        }
        registerHours(on: router)
    }

    /// The caller's own hours for a campaign: never anyone else's.
    private func registerHours(on router: Router<AppContext>) {
        let hours = CampaignHours(services: services)
        router.get("/api/v1/campaigns/:id/hours") { _, context in
            try Reply.json(try await self.hours(try campaignParam(context), try context.requirePerson()))
        }
        router.put("/api/v1/campaigns/:id/hours") { request, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
            let body = try await decodeJSON(HoursInputBody.self, request, context)
            try await hours.pledge(id, group: body.group ?? "", hours: body.hours.map(String.init) ?? "", by: person)
            return try Reply.json(try await self.hours(id, person))
        }
        router.delete("/api/v1/campaigns/:id/hours") { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
            try await hours.withdraw(id, by: person)
            return Response(status: .noContent)
        }
    }

    /// The plan as its page shows it to the viewer, its priorities settled first as the page does.
    private func plan(_ slug: String, _ year: Int, _ viewer: CurrentPerson?) async throws -> PlanBody {
        var plan = try await queries.plan(slug: slug, year: year, viewer: viewer)
        if try await Priorities(services: services).settle(plan) {
            plan = try await queries.plan(slug: slug, year: year, viewer: viewer)
        }
        // The priorities' vote only for those the Decisions feature lets see it.
        var decision = plan.prioritiesDecision
        if let id = decision {
            do {
                _ = try await DecisionQueries(services: services).decision(id, viewer: viewer)
            } catch AppError.notFound {
                decision = nil
            }
        }
        return PlanBody(plan, decision: decision)
    }

    private func hours(_ id: Int, _ person: CurrentPerson) async throws -> HoursBody {
        _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
        let hours = CampaignHours(services: services)
        return HoursBody(
            total: try await hours.total(id),
            pledge: try await hours.own(id, by: person).map {
                HoursPledgeBody(hours: $0.hours, group: GroupRef(slug: $0.slug, name: $0.name))
            },
            groups: try await hours.groups(id, for: person)
        )
    }

    private func slug(_ context: AppContext) throws -> String { try context.parameters.require("slug") }

    private func year(_ context: AppContext) throws -> Int { try context.parameters.require("year", as: Int.self) }
}
