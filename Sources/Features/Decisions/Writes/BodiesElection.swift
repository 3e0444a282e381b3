import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What the election form gives: the candidates by name, how the vote is counted, secrecy and when it runs.
package struct ElectionInput: Sendable {
    /// Members by name ("Display Name (@handle)") or handle, separated by commas.
    package var candidates = ""
    /// `ranked` (Scottish STV for the body's seats) or `election` (yes or no for each candidate).
    package var kind = DecisionKind.ranked.rawValue
    package var secret = true
    package var zone = "UTC"
    package var opensAt = ""
    package var closesAt = ""

    package init() {}

    package init(form: FormData) {
        candidates = form["candidates"]
        kind = form["kind"]
        secret = form.checked("secret")
        zone = form["zone"]
        opensAt = form["opensAt"]
        closesAt = form["closesAt"]
    }
}

/// Starting the election of a body: a decision of the group whose options are the candidates' shown names, put to
/// the group's members, counted by Scottish STV for the body's seats or by yes and no per candidate. When it has
/// closed its winners hold the seats (`BodyQueries.seats`).
package struct BodyElections: Sendable {
    let services: AppServices
    var sql: any SQLDatabase { services.store.sql }

    package init(services: AppServices) { self.services = services }

    /// The members an organizer may name as candidates.
    package func choices(in group: Group, for person: CurrentPerson) async throws -> NamedChoices {
        try await PersonChoices.seen(by: person, in: "SELECT \(bind: group.id)", sql: sql)
    }

    /// Opens the election; returns the decision's id.
    package func start(
        _ body: Body,
        in group: Group,
        standing: Standing,
        input: ElectionInput,
        by person: CurrentPerson
    ) async throws -> Int {
        try BodyWrites.checkManager(group, standing)
        var errors: [String: String] = [:]
        var candidates: [Signer] = []
        do {
            candidates = try await members(named: input.candidates, in: group, for: person)
        } catch AppError.validation(let found) {
            errors.merge(found) { first, _ in first }
        }
        guard [DecisionKind.ranked.rawValue, DecisionKind.election.rawValue].contains(input.kind) else {
            throw AppError.validation(errors.merging(["kind": "Choose how the vote is counted."]) { first, _ in first })
        }
        var decision = DecisionInput()
        decision.title = "Election of \(body.name)"
        decision.body =
            "\(group.name) elects \(body.seats) member\(body.seats == 1 ? "" : "s") of \(body.name) for "
            + "\(body.termMonths) month\(body.termMonths == 1 ? "" : "s") from the close of this vote."
        decision.kind = input.kind
        decision.options = candidates.map(\.shownName).joined(separator: "\n")
        decision.seats = String(body.seats)
        decision.rankedRule = RankedRule.scottishSTV.rawValue
        decision.majority = MajorityKind.simple.rawValue
        decision.base = MajorityBase.yesNo.rawValue
        decision.secret = input.secret
        decision.zone = input.zone
        decision.opensAt = input.opensAt
        decision.closesAt = input.closesAt
        if candidates.isEmpty, errors["candidates"] == nil {
            errors["candidates"] = "Name the candidates, separated by commas."
        }
        let id: Int
        do {
            guard errors.isEmpty else { throw AppError.validation([:]) }
            id = try await DecisionWrites(services: services).create(
                in: group,
                standing: standing,
                input: decision,
                origin: DecisionOrigin(path: BodyPaths.bodies(group.slug), label: "\(body.name) of \(group.name)"),
                by: person
            )
        } catch AppError.validation(let refused) {
            for (field, message) in refused {
                let shown = ["options", "seats"].contains(field) ? "candidates" : field
                if errors[shown] == nil { errors[shown] = message }
            }
            throw AppError.validation(errors)
        }
        let chosen = candidates
        try await services.store.transaction { sql in
            try await sql.insertRows(
                into: "decision_candidates",
                columns: ["decision_id", "position", "person_id"],
                rows: chosen.enumerated().map { [id, $0.offset, $0.element.personID] }
            )
            try await sql.insert(into: "body_terms").columns("decision_id", "body_id")
                .values(SQLBind(id), SQLBind(body.id)).run()
        }
        return id
    }

    /// The people `typed` names, each an active member of `group`, in the order typed.
    private func members(named typed: String, in group: Group, for person: CurrentPerson) async throws -> [Signer] {
        let handles = try await choices(in: group, for: person).values(of: typed, field: "candidates")
        guard !handles.isEmpty else { return [] }
        let found = try await sql.raw(
            "SELECT id AS person_id, handle, display_name FROM people WHERE handle IN (\(binds: handles))"
        ).rows(Signer.self)
        let members = Set(try await GroupAccess(sql).personIDs(actingFor: [group.id], roles: Set(Role.allCases)))
        var people: [Signer] = []
        for handle in handles {
            guard let candidate = found.first(where: { $0.handle == handle }), members.contains(candidate.personID)
            else {
                throw AppError.validation(["candidates": "@\(handle) is not an active member of \(group.name)."])
            }
            people.append(candidate)
        }
        return people
    }
}
