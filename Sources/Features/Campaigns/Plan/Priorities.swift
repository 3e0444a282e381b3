import Decisions
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// The plan's priorities are chosen by the groups, never marked by hand: the plan's organizers put the planned
/// campaigns to an approval vote of the groups taking part in them (one voice each, through Decisions), and the
/// campaigns with the most approvals, as many as the cap allows, become the priorities once the vote closes.
struct Priorities: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// Opens the vote, closing at `closesAt` (local time in UTC, `YYYY-MM-DDTHH:MM`); returns the decision's id.
    func open(slug: String, year: Int, closesAt: String, by person: CurrentPerson) async throws -> Int {
        let plan = try await PlanWrites(services: services).requireManager(slug: slug, year: year, person)
        guard let cap = plan.priorityCap else {
            throw AppError.validation(["cap": "Set how many campaigns may be priorities before the groups choose them."]
            )
        }
        guard plan.items.count >= 2 else {
            throw AppError.validation([FieldSet.formMessage: "Plan at least two campaigns before choosing priorities."])
        }
        guard plan.prioritiesDecision == nil else {
            throw AppError.conflict("The groups have already been asked to choose this plan's priorities.")
        }
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        var units = Set(plan.groupIDs.values.flatMap { $0 })
        units.insert(group.id)
        var seen: [String: Int] = [:]
        let options = plan.items.map { item -> String in
            seen[item.title, default: 0] += 1
            let count = seen[item.title]!
            return count == 1 ? item.title : "\(item.title) (\(count))"
        }
        var input = DecisionInput()
        input.title = String("Priorities of the \(group.name) plan for \(year)".prefix(150))
        input.body = "Choose up to \(cap) of the planned campaigns to be the year's priorities."
        input.kind = DecisionKind.approval.rawValue
        input.options = options.joined(separator: "\n")
        input.seats = String(min(cap, options.count))
        input.minChoices = "0"
        input.maxChoices = String(min(cap, options.count))
        input.secret = false
        input.reasons = "optional"
        input.closesAt = closesAt
        input.publicResults = group.visibility == .public
        let decision = try await DecisionWrites(services: services).create(
            in: group,
            standing: standing,
            input: input,
            electorate: .groups(units.sorted().map { UnitVoices(group: $0) }),
            origin: DecisionOrigin(path: CampaignPaths.plan(slug, year), label: "The \(year) plan of \(group.name)"),
            by: person
        )
        let order = plan.items.map { String($0.id) }.joined(separator: ",")
        try await sql.update("plans").set("priorities_decision_id", to: decision).set("priority_items", to: order)
            .where("group_id", .equal, group.id).where("year", .equal, year).run()
        return decision
    }

    /// After the vote closes, marks its winners as the priorities, once; the first reader of the plan does it.
    func settle(_ plan: PlanView) async throws -> Bool {
        guard let decision = plan.prioritiesDecision,
            let row = try await sql.select().columns("id", "priority_items").from("plans")
                .where("group_id", .equal, plan.group.id).where("year", .equal, plan.year).row(PlanRow.self),
            !row.priorityItems.isEmpty,
            let (_, outcome) = try await DecisionCount(services: services).finalOutcome(of: decision)
        else { return false }
        let items = row.priorityItems.split(separator: ",").compactMap { Int($0) }
        let chosen = outcome.winners.compactMap { items.indices.contains($0) ? items[$0] : nil }
        return try await services.store.transaction { sql in
            let claimed = try await sql.update("plans").set("priority_items", to: "")
                .where("id", .equal, row.id).where("priority_items", .equal, row.priorityItems)
                .returning("id").all()
            guard !claimed.isEmpty else { return false }
            if !chosen.isEmpty {
                try await sql.update("plan_items").set("priority", to: true).where("plan_id", .equal, row.id)
                    .where("id", .in, chosen).run()
            }
            return true
        }
    }

    private struct PlanRow: Decodable {
        let id: Int
        let priorityItems: String
    }
}
