import Decisions
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The yearly plan's pages and feed, and a person's hours for a campaign.
struct PlanRoutes {
    let services: AppServices
    var queries: PlanQueries { PlanQueries(services: services) }
    var writes: PlanWrites { PlanWrites(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.currentPlan) { _, context in
            let year = CivilTime(epochSeconds: Int(services.clock().timeIntervalSince1970)).year
            return Reply.redirect(CampaignPaths.plan(try slug(context), year))
        }
        // Anonymous visitors share a copy for two seconds, as of a group's page.
        router.get(CampaignPaths.plan) { request, context in
            try await services.publicPages.page(request, context) {
                var plan = try await queries.plan(
                    slug: try slug(context),
                    year: try year(context),
                    viewer: context.person
                )
                if try await Priorities(services: services).settle(plan) {
                    plan = try await queries.plan(slug: plan.group.slug, year: plan.year, viewer: context.person)
                }
                return PlanPages.page(context, plan, addable: try await addable(plan, context.person))
            }
        }
        router.post(CampaignPaths.planItems) { _, context in
            let person = try context.requirePerson()
            let (slug, year) = (try slug(context), try year(context))
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.plan(slug, year),
                flash: "Added to the plan.",
                page: { fields in
                    let plan = try await queries.plan(slug: slug, year: year, viewer: person)
                    return PlanPages.page(context, plan, addable: try await addable(plan, person), fields: fields)
                }
            ) {
                try await writes.addItem(
                    slug: slug,
                    year: year,
                    campaign: context.form["campaign"],
                    startsOn: context.form["startsOn"],
                    endsOn: context.form["endsOn"],
                    hoursNeeded: context.form["hoursNeeded"],
                    by: person
                )
            }
        }
        router.post(CampaignPaths.planCap) { _, context in
            let person = try context.requirePerson()
            let (slug, year) = (try slug(context), try year(context))
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.plan(slug, year),
                flash: "Saved.",
                page: { fields in
                    let plan = try await queries.plan(slug: slug, year: year, viewer: person)
                    return PlanPages.page(context, plan, addable: try await addable(plan, person), fields: fields)
                }
            ) { try await writes.setCap(slug: slug, year: year, cap: context.form["cap"], by: person) }
        }
        router.post(CampaignPaths.planPriorities) { _, context in
            let person = try context.requirePerson()
            let (slug, year) = (try slug(context), try year(context))
            return try await FormFlow.submit(
                context,
                page: { fields in
                    let plan = try await queries.plan(slug: slug, year: year, viewer: person)
                    return PlanPages.page(context, plan, addable: try await addable(plan, person), fields: fields)
                }
            ) {
                let decision = try await Priorities(services: services).open(
                    slug: slug,
                    year: year,
                    closesAt: context.form["closesAt"],
                    by: person
                )
                return Reply.redirect(
                    DecisionPaths.decision(decision),
                    flash: "The groups are asked to choose the priorities."
                )
            }
        }
        router.get(CampaignPaths.removePlanItem) { _, context in
            let person = try context.requirePerson()
            let plan = try await writes.requireManager(slug: try slug(context), year: try year(context), person)
            guard let item = plan.item(try context.parameters.require("item", as: Int.self)) else {
                throw AppError.notFound
            }
            return Reply.html(PlanPages.confirmRemove(context, plan, item))
        }
        router.post(CampaignPaths.removePlanItem) { _, context in
            let (slug, year) = (try slug(context), try year(context))
            try await writes.removeItem(
                slug: slug,
                year: year,
                item: try context.parameters.require("item", as: Int.self),
                by: try context.requirePerson()
            )
            return Reply.redirect(CampaignPaths.plan(slug, year), flash: "Removed from the plan.")
        }
        router.get(CampaignPaths.planCalendar) { request, context in
            // Read as by nobody in particular: a calendar client has no session.
            let plan = try await queries.plan(slug: try slug(context), year: try year(context), viewer: nil)
            let host = URL(string: services.site.base)?.host ?? "freshground"
            let events = plan.items.map { item in
                var event = ICalEvent(
                    uid: "plan-item-\(item.id)@\(host)",
                    start: Date(timeIntervalSince1970: Double(item.firstDay) * 86_400),
                    end: Date(timeIntervalSince1970: Double(item.lastDay + 1) * 86_400),
                    summary: item.title,
                    description: "Needs \(item.hoursNeeded) hours; \(item.hoursPledged) pledged.",
                    url: services.site.base + CampaignPaths.campaign(item.campaignId)
                )
                event.allDay = true
                return event
            }
            let calendar = ICalendar(
                name: "\(plan.group.name): plan for \(plan.year)",
                events: events,
                now: services.clock()
            )
            return FeedResponse.calendar(
                ByteBuffer(string: calendar.render(prodID: "-//Freshground//Plans//EN")),
                to: request,
                headers: [.cacheControl: "public, max-age=300"]
            )
        }
        HoursRoutes(services: services).register(on: router)
    }

    private func addable(_ plan: PlanView, _ person: CurrentPerson?) async throws -> [(id: Int, title: String)] {
        guard plan.manages, let person else { return [] }
        return try await queries.addable(plan, viewer: person)
    }

    private func slug(_ context: AppContext) throws -> String { try context.parameters.require("slug") }

    private func year(_ context: AppContext) throws -> Int {
        guard let year = Int(try context.parameters.require("year")) else { throw AppError.notFound }
        return year
    }
}

/// A person's hours for a campaign.
struct HoursRoutes {
    let services: AppServices
    var hours: CampaignHours { CampaignHours(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.hours) { _, context in
            let person = try context.requirePerson()
            return Reply.html(try await page(context, person, fields: FieldSet()))
        }
        router.post(CampaignPaths.hours) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.hours(id),
                flash: "Thank you: your hours are pledged.",
                page: { fields in try await page(context, person, fields: fields) }
            ) {
                try await hours.pledge(id, group: context.form["group"], hours: context.form["hours"], by: person)
            }
        }
        router.post(CampaignPaths.withdrawHours) { _, context in
            let person = try context.requirePerson()
            let id = try campaignParam(context)
            _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
            try await hours.withdraw(id, by: person)
            return Reply.redirect(CampaignPaths.hours(id), flash: "Your pledge is withdrawn. You can pledge again.")
        }
    }

    private func page(_ context: AppContext, _ person: CurrentPerson, fields: FieldSet) async throws -> HTML {
        let id = try campaignParam(context)
        let campaign = try await CampaignQueries(services: services).campaign(id, viewer: person)
        let own = try await hours.own(id, by: person)
        var fields = fields
        if fields.values.raw("hours").isEmpty, let own {
            fields = FieldSet(values: FormData([("hours", String(own.hours)), ("group", own.slug)]))
        }
        return HoursPage.page(
            context,
            campaign: campaign,
            own: own,
            groups: try await hours.groups(id, for: person),
            pledgers: try await hours.throughOrganizedGroups(id, by: person),
            total: try await hours.total(id),
            fields: fields
        )
    }
}
