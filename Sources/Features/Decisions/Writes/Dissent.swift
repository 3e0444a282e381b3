import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A dissent statement on a closed decision, signed with its author's name, with its co-signers.
package struct DissentStatement: Sendable {
    package let id: Int
    package let decisionID: Int
    package let author: Signer
    package let body: String
    package let createdAt: Date
    package let cosigners: [Signer]
}

/// Dissent on the record: once a decision has closed, anyone who could vote on it may attach a statement signed
/// with their name, and others of its electorate co-sign it. The author may withdraw their statement.
package struct Dissents: Sendable {
    static let bodyMax = 10_000
    let services: AppServices
    var sql: any SQLDatabase { services.store.sql }

    package init(services: AppServices) { self.services = services }

    /// Who may attach and co-sign: those who could vote on the closed decision (its voters, or the delegates of
    /// its voting units).
    package static func canDissent(_ decision: Decision, _ standing: DecisionStanding, now: Date) -> Bool {
        decision.status(at: now) == .closed && (standing.entitled || standing.units.contains { $0.delegate })
    }

    /// Attaches `person`'s statement; returns its id.
    package func attach(
        to decision: Decision,
        standing: DecisionStanding,
        text: String,
        by person: CurrentPerson
    ) async throws -> Int {
        try check(decision, standing)
        var errors: [String: String] = [:]
        let body = FieldRules.text(text, "statement", max: Self.bodyMax, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if body.isEmpty, errors["statement"] == nil { errors["statement"] = "Write your statement." }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return try await sql.insertReturningID(
            into: "dissents",
            ["decision_id": decision.id, "author_id": person.id, "body": body, "created_at": services.clock()]
        )
    }

    /// Adds `person`'s name under a statement (once; the author's own is already on it).
    package func cosign(
        _ statement: DissentStatement,
        on decision: Decision,
        standing: DecisionStanding,
        by person: CurrentPerson
    ) async throws {
        try check(decision, standing)
        guard statement.author.personID != person.id,
            !statement.cosigners.contains(where: { $0.personID == person.id })
        else { return }
        // Two clicks at once sign once.
        try await sql.insert(into: "dissent_signatures").columns("dissent_id", "person_id", "signed_at")
            .values(SQLBind(statement.id), SQLBind(person.id), SQLBind(services.clock()))
            .ignoringConflicts(with: ["dissent_id", "person_id"]).run()
    }

    /// Withdraws a statement with its co-signatures: its author only.
    package func withdraw(_ statement: DissentStatement, by person: CurrentPerson) async throws {
        guard statement.author.personID == person.id else {
            throw AppError.forbidden("Only its author can withdraw a dissent statement.")
        }
        try await sql.delete(from: "dissents").where("id", .equal, statement.id).run()
    }

    private func check(_ decision: Decision, _ standing: DecisionStanding) throws {
        guard Self.canDissent(decision, standing, now: services.clock()) else {
            throw AppError.forbidden("Only those who could vote on this decision can sign dissent, once it has closed.")
        }
    }

    // MARK: Reads

    /// The statements on a decision, oldest first, each with its co-signers.
    package func statements(of decision: Int) async throws -> [DissentStatement] {
        let rows = try await sql.raw(
            """
            SELECT d.id, d.decision_id, d.body, d.created_at, p.id AS person_id, p.handle, p.display_name \
            FROM dissents d JOIN people p ON p.id = d.author_id WHERE d.decision_id = \(bind: decision) \
            ORDER BY d.created_at, d.id
            """
        ).rows(StatementRow.self)
        guard !rows.isEmpty else { return [] }
        let signatures = try await sql.raw(
            """
            SELECT s.dissent_id, p.id AS person_id, p.handle, p.display_name FROM dissent_signatures s \
            JOIN people p ON p.id = s.person_id WHERE s.dissent_id IN (\(binds: rows.map(\.id))) \
            ORDER BY s.signed_at, p.handle
            """
        ).rows(SignatureRow.self)
        return rows.map { row in
            DissentStatement(
                id: row.id,
                decisionID: row.decisionID,
                author: Signer(personID: row.personID, handle: row.handle, displayName: row.displayName),
                body: row.body,
                createdAt: row.createdAt,
                cosigners: signatures.filter { $0.dissentID == row.id }.map {
                    Signer(personID: $0.personID, handle: $0.handle, displayName: $0.displayName)
                }
            )
        }
    }

    /// One statement, or nil.
    package func statement(_ id: Int) async throws -> DissentStatement? {
        guard
            let decision = try await sql.select().column("decision_id").from("dissents").where("id", .equal, id)
                .value("decision_id", as: Int.self)
        else { return nil }
        return try await statements(of: decision).first { $0.id == id }
    }

    private struct StatementRow: Decodable {
        let id: Int
        let decisionID: Int
        let body: String
        let createdAt: Date
        let personID: Int
        let handle: String
        let displayName: String
    }

    private struct SignatureRow: Decodable {
        let dissentID: Int
        let personID: Int
        let handle: String
        let displayName: String
    }
}
