import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Casting a vote. A secret ballot is stored with a random id and nothing else that could say whose it is; the
/// electorate row only turns to "voted". An open vote is stored with the voter's name and reason. Either way a vote
/// is final, and nothing else happens per ballot: no notification, no mail, no log line.
package struct Ballots: Sendable {
    static let reasonMax = 2_000
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Casts `person`'s vote; returns the tracker of a secret ballot when the decision has a ballot board.
    package func cast(
        _ decision: Decision,
        standing: DecisionStanding,
        ballot: DecisionBallot,
        reason rawReason: String,
        entitled: Int,
        by person: CurrentPerson
    ) async throws -> String? {
        let now = services.clock()
        guard standing.entitled else {
            throw AppError.forbidden("You are not among those who may vote on this decision.")
        }
        guard !standing.voted else { throw AppError.validation([FieldSet.formMessage: "You have already voted."]) }
        guard decision.status(at: now) == .open else {
            throw AppError.validation([
                FieldSet.formMessage: decision.status(at: now) == .closed
                    ? "Voting has closed." : "Voting has not opened yet."
            ])
        }
        let rules = try decision.rules
        var errors: [String: String] = [:]
        if let problem = rules.check(ballot) { errors["ballot"] = problem }
        let reason = FieldRules.text(rawReason, "reason", max: Self.reasonMax, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if decision.reasons == .required, reason.isEmpty, errors["reason"] == nil {
            errors["reason"] = "Give a reason for your vote."
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let stored = decision.reasons == .none ? "" : reason
        let tracker = Token.random(bytes: 8)
        let isPostgres = services.store.sql.dialect.name != "sqlite"
        try await services.store.transaction { sql in
            // One vote at a time per decision, and only while it is open.
            let open = try await sql.raw(
                """
                SELECT id FROM decisions WHERE id = \(bind: decision.id) AND closed_at IS NULL \
                AND opens_at <= \(bind: now) AND closes_at > \(bind: now)\(unsafeRaw: isPostgres ? " FOR UPDATE" : "")
                """
            ).first()
            guard open != nil else { throw AppError.validation([FieldSet.formMessage: "Voting has closed."]) }
            let marked = try await sql.raw(
                """
                UPDATE decision_electorate SET voted = TRUE WHERE decision_id = \(bind: decision.id) \
                AND person_id = \(bind: person.id) AND voted = FALSE RETURNING person_id
                """
            ).first()
            guard marked != nil else { throw AppError.validation([FieldSet.formMessage: "You have already voted."]) }
            if decision.secret {
                try await store(
                    StoredBallot(id: tracker, marks: ballot.encoded, weight: ballot.weight, reason: stored),
                    in: decision.id,
                    rewriting: isPostgres,
                    on: sql
                )
            } else {
                try await sql.insert(into: "decision_votes")
                    .columns("decision_id", "person_id", "acting_id", "marks", "weight", "reason")
                    .values(
                        SQLBind(decision.id),
                        SQLBind(person.id),
                        SQLBind(person.id),
                        SQLBind(ballot.encoded),
                        SQLBind(ballot.weight),
                        SQLBind(stored)
                    ).run()
            }
        }
        return decision.secret && DecisionRules.hasBallotBoard(decision, entitled: entitled) ? tracker : nil
    }

    /// Adds a secret ballot. On PostgreSQL a new row lands after the others in the table's storage and carries
    /// its transaction's id, so the decision's ballots are written again, in the order of their random ids, in
    /// the same transaction: afterwards every ballot has the same transaction id and their order says nothing.
    /// SQLite keeps the rows in key order (`WITHOUT ROWID`), which is random.
    private func store(_ ballot: StoredBallot, in decision: Int, rewriting: Bool, on sql: any SQLDatabase) async throws
    {
        var ballots = [ballot]
        if rewriting {
            ballots += try await sql.raw(
                """
                DELETE FROM decision_ballots WHERE decision_id = \(bind: decision) RETURNING id, marks, weight, reason
                """
            ).rows(StoredBallot.self)
            ballots.sort { $0.id < $1.id }
        }
        try await sql.insertRows(
            into: "decision_ballots",
            columns: ["decision_id", "id", "marks", "weight", "reason"],
            rows: ballots.map { [decision, $0.id, $0.marks, $0.weight, $0.reason] }
        )
    }
}

/// A secret ballot as stored: its random id (the voter's tracker) and the choice.
package struct StoredBallot: Sendable, Decodable {
    package let id: String
    package let marks: String
    package let weight: Int
    package let reason: String
}
