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
        let seat = unit.map { Seat.unit($0) } ?? .person(voter, representing: representing)
        if decision.secret {
            let refusal = try await services.groupCommit.submit(
                key: "decision-ballots-\(decision.id)",
                SecretVote(
                    seat: seat,
                    castBy: person.id,
                    ballot: StoredBallot(id: tracker, marks: cast.encoded, weight: cast.weight, reason: stored)
                )
            ) { [services] votes in
                try await Self.castSecret(votes, in: decision.id, services: services)
            }
            if let refusal { throw refusal }
        } else {
            try await services.store.transaction { [services] sql in
                guard try await Self.lockOpen(decision.id, now: now, services: services, on: sql) else {
                    throw Self.closed
                }
                if let refusal = try await Self.mark(seat, castBy: person.id, in: decision.id, on: sql) {
                    throw refusal
                }
                try await Self.insertOpenVote(
                    seat,
                    castBy: person.id,
                    ballot: cast,
                    reason: stored,
                    in: decision.id,
                    on: sql
                )
            }
        }
        return decision.secret && DecisionRules.hasBallotBoard(decision, entitled: entitled) ? tracker : nil
    }

    private static let closed = AppError.validation([FieldSet.formMessage: "Voting has closed."])

    /// Whose vote a ballot is: a voter's own or one they hold by proxy, or a voting unit's.
    private enum Seat: Sendable {
        case person(Int, representing: Representation?)
        case unit(UnitSeat)
    }

    /// A secret vote waiting for its batch.
    private struct SecretVote: Sendable {
        let seat: Seat
        let castBy: Int
        let ballot: StoredBallot
    }

    /// Writes a batch of secret votes of one decision in one transaction (`GroupCommit`): each seat turns to
    /// "voted" unless it already has, and the ballots of those admitted are stored together. Returns, per vote, why
    /// it was refused, or nil.
    private static func castSecret(
        _ votes: [SecretVote],
        in decision: Int,
        services: AppServices
    ) async throws -> [AppError?] {
        try await services.store.transaction { sql in
            guard try await lockOpen(decision, now: services.clock(), services: services, on: sql) else {
                return votes.map { _ in closed }
            }
            var refusals: [AppError?] = []
            var admitted: [StoredBallot] = []
            for vote in votes {
                let refusal = try await mark(vote.seat, castBy: vote.castBy, in: decision, on: sql)
                refusals.append(refusal)
                if refusal == nil { admitted.append(vote.ballot) }
            }
            try await store(admitted, in: decision, rewriting: sql.dialect.name != "sqlite", on: sql)
            return refusals
        }
    }

    /// Whether the decision is open at `now`; on PostgreSQL its row stays locked to the end of the transaction, so
    /// the votes of one decision are written one transaction at a time.
    private static func lockOpen(
        _ decision: Int,
        now: Date,
        services: AppServices,
        on sql: any SQLDatabase
    ) async throws -> Bool {
        let lock = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE"
        return try await sql.raw(
            """
            SELECT id FROM decisions WHERE id = \(bind: decision) AND closed_at IS NULL \
            AND opens_at <= \(bind: now) AND closes_at > \(bind: now)\(unsafeRaw: lock)
            """
        ).first() != nil
    }

    /// Turns the seat to "voted"; why not when it cannot (already voted, or a proxy no longer held).
    private static func mark(
        _ seat: Seat,
        castBy: Int,
        in decision: Int,
        on sql: any SQLDatabase
    ) async throws
        -> AppError?
    {
        let query: SQLQueryString
        switch seat {
        case .unit(let unit):
            query = """
                UPDATE decision_units SET voted = TRUE WHERE decision_id = \(bind: decision) \
                AND group_id = \(bind: unit.id) AND voted = FALSE RETURNING group_id
                """
        case .person(let voter, let representing):
            if let representing, try await !representing.mayAct(sql) {
                return AppError.forbidden("You do not hold this person's vote.")
            }
            query = """
                UPDATE decision_electorate SET voted = TRUE WHERE decision_id = \(bind: decision) \
                AND person_id = \(bind: voter) AND voted = FALSE RETURNING person_id
                """
        }
        guard try await sql.raw(query).first() == nil else { return nil }
        let message =
            switch seat {
            case .unit(let unit): "\(unit.name) has already voted."
            case .person(let voter, _):
                voter == castBy ? "You have already voted." : "This person's vote is already cast."
            }
        return AppError.validation([FieldSet.formMessage: message])
    }

    /// Records an open vote with the voter's (or unit's) name, who cast it and the reason.
    private static func insertOpenVote(
        _ seat: Seat,
        castBy: Int,
        ballot: DecisionBallot,
        reason: String,
        in decision: Int,
        on sql: any SQLDatabase
    ) async throws {
        switch seat {
        case .unit(let unit):
            try await sql.insert(into: "decision_unit_votes")
                .columns("decision_id", "group_id", "delegate_id", "marks", "voices", "reason")
                .values(
                    SQLBind(decision),
                    SQLBind(unit.id),
                    SQLBind(castBy),
                    SQLBind(ballot.encoded),
                    SQLBind(ballot.weight),
                    SQLBind(reason)
                ).run()
        case .person(let voter, _):
            try await sql.insert(into: "decision_votes")
                .columns("decision_id", "person_id", "acting_id", "marks", "weight", "reason")
                .values(
                    SQLBind(decision),
                    SQLBind(voter),
                    SQLBind(castBy),
                    SQLBind(ballot.encoded),
                    SQLBind(ballot.weight),
                    SQLBind(reason)
                ).run()
        }
    }

    /// Adds secret ballots. On PostgreSQL a new row lands after the others in the table's storage and carries
    /// its transaction's id, so the decision's ballots are written again, in the order of their random ids, in
    /// the same transaction: afterwards every ballot has the same transaction id and their order says nothing.
    /// SQLite keeps the rows in key order (`WITHOUT ROWID`), which is random.
    private static func store(
        _ ballots: [StoredBallot],
        in decision: Int,
        rewriting: Bool,
        on sql: any SQLDatabase
    ) async throws {
        guard !ballots.isEmpty else { return }
        guard rewriting else {
            try await sql.insertRows(
                into: "decision_ballots",
                columns: ["decision_id", "id", "marks", "weight", "reason"],
                rows: ballots.map { [decision, $0.id, $0.marks, $0.weight, $0.reason] }
            )
            return
        }
        // One statement inside PostgreSQL, so no ballot leaves the database: the decision's ballots and the new ones
        // are deleted and written back in tracker order (byte order, whatever the database's locale).
        var fresh = SQLQueryString("")
        for (index, ballot) in ballots.enumerated() {
            if index > 0 { fresh.appendLiteral(", ") }
            fresh.appendInterpolation(
                """
                (\(bind: ballot.id)::text, \(bind: ballot.marks)::text, \(bind: ballot.weight)::integer, \
                \(bind: ballot.reason)::text)
                """ as SQLQueryString
            )
        }
        try await sql.raw(
            """
            WITH moved AS (DELETE FROM decision_ballots WHERE decision_id = \(bind: decision) \
            RETURNING id, marks, weight, reason) \
            INSERT INTO decision_ballots (decision_id, id, marks, weight, reason) \
            SELECT \(bind: decision), id, marks, weight, reason FROM (SELECT id, marks, weight, reason FROM moved \
            UNION ALL SELECT id, marks, weight, reason FROM (VALUES \(fresh)) AS fresh (id, marks, weight, reason)) \
            AS ballots ORDER BY id COLLATE "C"
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
