import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What goes into a group's yearly plan: its organizers add the campaigns it leads or takes part in, with their
/// span and the hours they need, and set how many may be priorities.
struct PlanWrites: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// The largest number of hours one campaign may need, and of priorities.
    static let maximumHours = 1_000_000
    static let maximumCap = 50

    func addItem(
        slug: String,
        year: Int,
        campaign typed: String,
        startsOn: String,
        endsOn: String,
        hoursNeeded: String,
        by person: CurrentPerson
    ) async throws {
        let plan = try await requireManager(slug: slug, year: year, person)
        var errors: [String: String] = [:]
        let choices = try await PlanQueries(services: services).addable(plan, viewer: person)
        let campaign = choices.first { String($0.id) == typed || $0.title.lowercased() == typed.lowercased() }
        if campaign == nil {
            errors["campaign"] =
                typed.isEmpty
                ? "Choose one of the group's campaigns."
                : "“\(typed)” is none of the group's campaigns not yet planned."
        }
        let first = IsoDay.parse(startsOn)
        let last = IsoDay.parse(endsOn)
        if first == nil { errors["startsOn"] = "Give the first day as YYYY-MM-DD." }
        if last == nil { errors["endsOn"] = "Give the last day as YYYY-MM-DD." }
        if let first, let last {
            if last < first {
                errors["endsOn"] = "The last day comes on or after the first."
            } else if last < plan.firstDay || first > plan.lastDay {
                errors["startsOn"] = "The campaign must fall at least partly in \(plan.year)."
            }
        }
        let hours = Int(hoursNeeded)
        if hours == nil || !(0...Self.maximumHours).contains(hours!) {
            errors["hoursNeeded"] = "Give the hours of work it needs in all, a whole number from 0."
        }
        guard errors.isEmpty, let campaign, let hours else { throw AppError.validation(errors) }
        let now = services.clock()
        try await services.store.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO plans (group_id, year, priority_items, created_by, created_at)
                VALUES (\(bind: plan.group.id), \(bind: plan.year), '', \(bind: person.id), \(bind: now))
                ON CONFLICT (group_id, year) DO NOTHING
                """
            ).run()
            guard
                let id = try await sql.select().column("id").from("plans").where("group_id", .equal, plan.group.id)
                    .where("year", .equal, plan.year).value("id", as: Int.self)
            else { throw AppError.notFound }
            do {
                try await sql.insert(into: "plan_items")
                    .columns(
                        "plan_id",
                        "campaign_id",
                        "starts_on",
                        "ends_on",
                        "hours_needed",
                        "priority",
                        "created_by",
                        "created_at"
                    )
                    .values(
                        SQLBind(id),
                        SQLBind(campaign.id),
                        SQLBind(startsOn),
                        SQLBind(endsOn),
                        SQLBind(hours),
                        SQLBind(false),
                        SQLBind(person.id),
                        SQLBind(now)
                    )
                    .run()
            } catch  where error.isConstraintFailure {
                throw AppError.validation(["campaign": "“\(campaign.title)” is already in the plan."])
            }
        }
    }

    func removeItem(slug: String, year: Int, item: Int, by person: CurrentPerson) async throws {
        let plan = try await requireManager(slug: slug, year: year, person)
        guard plan.item(item) != nil else { throw AppError.notFound }
        try await sql.delete(from: "plan_items").where("id", .equal, item).run()
    }

    /// How many campaigns the groups may choose as priorities; empty for no limit.
    func setCap(slug: String, year: Int, cap typed: String, by person: CurrentPerson) async throws {
        let plan = try await requireManager(slug: slug, year: year, person)
        let cap = Int(typed)
        if !typed.isEmpty && (cap == nil || !(1...Self.maximumCap).contains(cap!)) {
            throw AppError.validation(["cap": "Give a whole number from 1 to \(Self.maximumCap), or leave it empty."])
        }
        if plan.prioritiesDecision != nil {
            throw AppError.validation(["cap": "The groups are already choosing the priorities; the limit is fixed."])
        }
        try await services.store.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO plans (group_id, year, priority_items, created_by, created_at)
                VALUES (\(bind: plan.group.id), \(bind: plan.year), '', \(bind: person.id), \(bind: services.clock()))
                ON CONFLICT (group_id, year) DO NOTHING
                """
            ).run()
            try await sql.update("plans").set("priority_cap", to: cap).where("group_id", .equal, plan.group.id)
                .where("year", .equal, plan.year).run()
        }
    }

    func requireManager(slug: String, year: Int, _ person: CurrentPerson) async throws -> PlanView {
        let plan = try await PlanQueries(services: services).plan(slug: slug, year: year, viewer: person)
        guard plan.manages else {
            throw AppError.forbidden("Only the organizers of \(plan.group.name) can change its plan.")
        }
        return plan
    }
}
