import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// What the server tells voters on its own, each once per decision: a day before the close, those who have not
/// voted yet (and the delegates of groups that have not); after the close, everyone who could see the vote, with
/// its result. Never anything per ballot.
package struct DecisionNotices: Sendable {
    static let reminderLead: TimeInterval = 86_400
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Sends the reminders and results that are due; returns how many decisions were announced or reminded of.
    package func sendDue() async throws -> Int {
        let now = services.clock()
        var done = 0
        let closing = try await sql.raw(
            """
            SELECT \(unsafeRaw: Decision.columns.joined(separator: ", ")) FROM decisions \
            WHERE remind = TRUE AND reminded_at IS NULL AND closed_at IS NULL AND opens_at <= \(bind: now) \
            AND closes_at > \(bind: now) AND closes_at <= \(bind: now.addingTimeInterval(Self.reminderLead))
            """
        ).rows(Decision.self)
        for decision in closing {
            try await remind(decision, now: now)
            done += 1
        }
        let ended = try await sql.raw(
            """
            SELECT \(unsafeRaw: Decision.columns.joined(separator: ", ")) FROM decisions WHERE announced_at IS NULL \
            AND (closes_at <= \(bind: now) OR closed_at <= \(bind: now))
            """
        ).rows(Decision.self)
        for decision in ended {
            try await announce(decision, now: now)
            done += 1
        }
        if done > 0 { services.deliverMailSoon() }
        return done
    }

    private func remind(_ decision: Decision, now: Date) async throws {
        try await services.store.transaction { sql in
            let claimed = try await sql.raw(
                """
                UPDATE decisions SET reminded_at = \(bind: now) WHERE id = \(bind: decision.id) \
                AND reminded_at IS NULL RETURNING id
                """
            ).first()
            guard claimed != nil else { return }
            let waiting = try await sql.raw(
                """
                SELECT person_id FROM decision_electorate WHERE decision_id = \(bind: decision.id) AND voted = FALSE
                """
            ).column("person_id", as: Int.self)
            let units = try await sql.raw(
                "SELECT group_id FROM decision_units WHERE decision_id = \(bind: decision.id) AND voted = FALSE"
            ).column("group_id", as: Int.self)
            let delegates = try await GroupAccess(sql).personIDs(actingFor: units, roles: Role.organizing)
            try await Notifications.notify(
                waiting + delegates,
                Notice(
                    kind: .vote,
                    title:
                        "Voting on “\(decision.title)” closes \(ZonedTime.display(decision.closesAt, zone: decision.zone))",
                    body: "",
                    path: DecisionPaths.decision(decision.id)
                ),
                services: services,
                on: sql
            )
        }
    }

    private func announce(_ decision: Decision, now: Date) async throws {
        guard let (_, outcome) = try await DecisionCount(services: services).finalOutcome(of: decision.id) else {
            return
        }
        try await services.store.transaction { sql in
            let claimed = try await sql.raw(
                """
                UPDATE decisions SET announced_at = \(bind: now) WHERE id = \(bind: decision.id) \
                AND announced_at IS NULL RETURNING id
                """
            ).first()
            guard claimed != nil else { return }
            let voters = try await sql.raw(
                "SELECT person_id FROM decision_electorate WHERE decision_id = \(bind: decision.id)"
            ).column("person_id", as: Int.self)
            let units = try await sql.raw(
                "SELECT group_id FROM decision_units WHERE decision_id = \(bind: decision.id)"
            ).column("group_id", as: Int.self)
            let members = try await GroupAccess(sql).personIDs(actingFor: units, roles: Set(Role.allCases))
            try await Notifications.notify(
                voters + members,
                Notice(
                    kind: .vote,
                    title: "Result of “\(decision.title)”",
                    body: outcome.explanation,
                    path: DecisionPaths.decision(decision.id)
                ),
                services: services,
                on: sql
            )
        }
    }
}

/// Sends the decisions' reminders and results that are due (the server calls it every few minutes).
package func sendDecisionNotices(services: AppServices) async throws -> Int {
    try await DecisionNotices(services: services).sendDue()
}
