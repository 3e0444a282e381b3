import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// Opening a decision and closing it early. The electorate is fixed when the decision is opened: the group's
/// active members at that moment, each with one vote. Rules cannot change once the decision exists: they were
/// stated before anyone voted.
package struct DecisionWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Opens a decision in `group` for its organizers; returns its id. The electorate is told.
    package func create(
        in group: Group,
        standing: Standing,
        input: DecisionInput,
        electorate: Electorate = .members,
        origin: DecisionOrigin? = nil,
        by person: CurrentPerson
    ) async throws -> Int {
        guard GroupRules.canManage(standing) else {
            throw AppError.forbidden("Only the organizers of \(group.name) can put a question to a vote.")
        }
        return try await open(in: group, input: input, electorate: electorate, origin: origin, by: person)
    }

    /// Opens a decision with no organizer's say: for rules that open a vote themselves (a recall once enough members
    /// signed). Callers check their own rule first.
    package func open(
        in group: Group,
        input: DecisionInput,
        electorate: Electorate,
        origin: DecisionOrigin?,
        by person: CurrentPerson
    ) async throws -> Int {
        let now = services.clock()
        let valid = try input.validated(now: now)
        if case .groups(let units) = electorate {
            try valid.checkUnits(units)
        }
        if valid.publicResults && group.visibility != .public {
            throw AppError.validation([
                FieldSet.formMessage: "Only a public group can publish a result to everyone; \(group.name) is private."
            ])
        }
        let spec = String(decoding: try JSONEncoder().encode(valid.spec), as: UTF8.self)
        let id = try await services.store.transaction { sql in
            let id = try await sql.insertReturningID(
                into: "decisions",
                [
                    "group_id": group.id, "title": valid.title, "body": valid.body, "kind": valid.kind.rawValue,
                    "spec": spec, "secret": valid.secret, "results_hidden": valid.resultsHidden,
                    "reasons": valid.reasons.rawValue, "zone": valid.zone, "opens_at": valid.opensAt,
                    "closes_at": valid.closesAt, "created_by": person.id, "created_at": now,
                    "electorate": electorate.kind.rawValue, "origin_path": origin?.path ?? "",
                    "origin_label": origin?.label ?? "", "public_results": valid.publicResults,
                    "remind": valid.remind,
                ]
            )
            let voters = try await enrol(electorate, in: id, group: group, on: sql)
            let when =
                valid.opensAt > now
                ? "opens \(ZonedTime.display(valid.opensAt, zone: valid.zone))"
                : "is open until \(ZonedTime.display(valid.closesAt, zone: valid.zone))"
            try await Notifications.notify(
                voters,
                Notice(
                    kind: .vote,
                    title: "\(group.name): a vote on “\(valid.title)” \(when)",
                    body: "",
                    path: DecisionPaths.decision(id)
                ),
                except: person.id,
                services: services,
                on: sql
            )
            return id
        }
        services.deliverMailSoon()
        return id
    }

    /// Writes the electorate of decision `id` and returns the people to tell: the voters, or the delegates of
    /// each voting unit.
    private func enrol(
        _ electorate: Electorate,
        in id: Int,
        group: Group,
        on sql: any SQLDatabase
    ) async throws
        -> [Int]
    {
        let access = GroupAccess(sql)
        switch electorate {
        case .members, .people:
            var voters: [Int]
            if case .people(let people) = electorate {
                voters = Array(Set(people)).sorted()
            } else {
                voters = try await access.personIDs(actingFor: [group.id], roles: Set(Role.allCases))
            }
            try await sql.insertRows(
                into: "decision_electorate",
                columns: ["decision_id", "person_id", "voted"],
                rows: voters.map { [id, $0, false] }
            )
            return voters
        case .groups(let units):
            try await sql.insertRows(
                into: "decision_units",
                columns: ["decision_id", "group_id", "voices", "voted"],
                rows: units.map { [id, $0.group, $0.voices, false] }
            )
            return try await access.personIDs(actingFor: units.map(\.group), roles: Role.organizing)
        }
    }

    /// Ends voting now (organizers, while the decision is open or not yet open). The result is counted as it
    /// stands; nobody can vote after.
    package func close(_ decision: Decision, standing: DecisionStanding) async throws {
        guard DecisionRules.canManage(standing) else {
            throw AppError.forbidden("Only the group's organizers can close a vote early.")
        }
        let now = services.clock()
        guard decision.status(at: now) != .closed else { return }
        try await services.store.sql.update("decisions").set("closed_at", to: now)
            .where("id", .equal, decision.id).where("closed_at", .is, SQLLiteral.null).run()
    }
}
