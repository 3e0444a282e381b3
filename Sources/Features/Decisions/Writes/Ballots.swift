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

    /// Casts `person`'s vote, or with `unit` the vote of a voting unit they are a delegate of (weighted by its
    /// voices), or with `representing` the vote of another voter whose ballot `person` may cast (a proxy at a
    /// conference, which the caller's `Representation.mayAct` checks in the vote's transaction); returns the tracker
    /// of a secret ballot when the decision has a ballot board. The first ballot for a voter counts.
    package func cast(
        _ decision: Decision,
        standing: DecisionStanding,
        ballot given: DecisionBallot,
        reason rawReason: String,
        entitled: Int,
        unit: UnitSeat? = nil,
        representing: Representation? = nil,
        by person: CurrentPerson
    ) async throws -> String? {
        let now = services.clock()
        var ballot = given
        if let unit {
            guard unit.delegate, standing.units.contains(where: { $0.id == unit.id }) else {
                throw AppError.forbidden("Only the organizers of \(unit.name) cast its vote.")
            }
            guard !unit.voted else {
                throw AppError.validation([FieldSet.formMessage: "\(unit.name) has already voted."])
            }
            ballot.weight = unit.voices
        } else if let representing {
            guard representing.person != person.id else {
                throw AppError.validation([FieldSet.formMessage: "Cast your own vote on the decision's page."])
            }
        } else {
            guard standing.entitled else {
                throw AppError.forbidden("You are not among those who may vote on this decision.")
            }
            guard !standing.voted else {
                throw AppError.validation([FieldSet.formMessage: "You have already voted."])
            }
        }
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
        let cast = ballot
        // Whose ballot this is: the voter's own, or the represented voter's (cast by `person`).
        let voter = unit == nil ? representing?.person ?? person.id : person.id
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
            if unit == nil, let representing, try await !representing.mayAct(sql) {
                throw AppError.forbidden("You do not hold this person's vote.")
            }
            let marked = try await sql.raw(
                unit.map { unit in
                    """
                    UPDATE decision_units SET voted = TRUE WHERE decision_id = \(bind: decision.id) \
                    AND group_id = \(bind: unit.id) AND voted = FALSE RETURNING group_id
                    """
                }
                    ?? """
                    UPDATE decision_electorate SET voted = TRUE WHERE decision_id = \(bind: decision.id) \
                    AND person_id = \(bind: voter) AND voted = FALSE RETURNING person_id
                    """
            ).first()
            guard marked != nil else {
                throw AppError.validation([
                    FieldSet.formMessage: unit.map { "\($0.name) has already voted." }
                        ?? (voter == person.id ? "You have already voted." : "This person's vote is already cast.")
                ])
            }
            if decision.secret {
                try await store(
                    StoredBallot(id: tracker, marks: cast.encoded, weight: cast.weight, reason: stored),
                    in: decision.id,
                    rewriting: isPostgres,
                    on: sql
                )
            } else if let unit {
                try await sql.insert(into: "decision_unit_votes")
                    .columns("decision_id", "group_id", "delegate_id", "marks", "voices", "reason")
                    .values(
                        SQLBind(decision.id),
                        SQLBind(unit.id),
                        SQLBind(person.id),
                        SQLBind(cast.encoded),
                        SQLBind(cast.weight),
                        SQLBind(stored)
                    ).run()
            } else {
                try await sql.insert(into: "decision_votes")
                    .columns("decision_id", "person_id", "acting_id", "marks", "weight", "reason")
                    .values(
                        SQLBind(decision.id),
                        SQLBind(voter),
                        SQLBind(person.id),
                        SQLBind(cast.encoded),
                        SQLBind(cast.weight),
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
        guard rewriting else {
            try await sql.insertRows(
                into: "decision_ballots",
                columns: ["decision_id", "id", "marks", "weight", "reason"],
                rows: [[decision, ballot.id, ballot.marks, ballot.weight, ballot.reason]]
            )
            return
        }
        // One statement inside PostgreSQL, so no ballot leaves the database: the decision's ballots and the new one
        // are deleted and written back in tracker order (byte order, whatever the database's locale).
        try await sql.raw(
            """
            WITH moved AS (DELETE FROM decision_ballots WHERE decision_id = \(bind: decision) \
            RETURNING id, marks, weight, reason) \
            INSERT INTO decision_ballots (decision_id, id, marks, weight, reason) \
            SELECT \(bind: decision), id, marks, weight, reason FROM (SELECT id, marks, weight, reason FROM moved \
            UNION ALL SELECT \(bind: ballot.id)::text, \(bind: ballot.marks)::text, \(bind: ballot.weight)::integer, \
            \(bind: ballot.reason)::text) AS ballots ORDER BY id COLLATE "C"
            """
        ).run()
    }
}

/// A secret ballot as stored: its random id (the voter's tracker) and the choice.
package struct StoredBallot: Sendable, Decodable {
    package let id: String
    package let marks: String
    package let weight: Int
    package let reason: String
}

/// A voter whose ballot someone else casts (a proxy at a conference). Decisions knows no proxies: the feature that
/// does passes `mayAct`, which says, in the vote's transaction, whether the one casting may cast this voter's ballot.
package struct Representation: Sendable {
    /// The represented voter: the electorate row that turns to voted, and `person_id` of an open vote.
    package let person: Int
    package let mayAct: @Sendable (any SQLDatabase) async throws -> Bool

    package init(person: Int, mayAct: @escaping @Sendable (any SQLDatabase) async throws -> Bool) {
        self.person = person
        self.mayAct = mayAct
    }
}
