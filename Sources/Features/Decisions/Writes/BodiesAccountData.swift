import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What elected bodies, recalls and dissent hold about a person, for their download and their account's deletion,
/// for `DecisionsFeature`'s account hooks to call. Their co-signatures (of recalls and of dissent) go with the
/// account, and so do petitions to recall them still gathering names; recalls they started stay without a
/// starter; their dissent statements stay under "deleted account" unless they choose to remove what they wrote.
/// Candidacies stay: they are the record of who was elected (`decision_candidates.person_id`), as do recall votes
/// that were held about them (`recalls.holder_id`).
package enum BodiesAccountData {
    package static func data(of person: Int, on sql: any SQLDatabase) async throws -> [String: JSONValue] {
        func rows(_ query: SQLQueryString) async throws -> JSONValue { try await AccountRecords.rows(query, on: sql) }
        return [
            "candidacies": try await rows(
                "SELECT decision_id, position FROM decision_candidates WHERE person_id = \(bind: person) ORDER BY decision_id"
            ),
            "recallsStarted": try await rows(
                """
                SELECT id, body_id, reason, started_at, decision_id FROM recalls WHERE started_by = \(bind: person) \
                ORDER BY id
                """
            ),
            "recallsCosigned": try await rows(
                "SELECT recall_id, signed_at FROM recall_signatures WHERE person_id = \(bind: person) ORDER BY recall_id"
            ),
            "dissentStatements": try await rows(
                "SELECT id, decision_id, body, created_at FROM dissents WHERE author_id = \(bind: person) ORDER BY id"
            ),
            "dissentCosigned": try await rows(
                "SELECT dissent_id, signed_at FROM dissent_signatures WHERE person_id = \(bind: person) ORDER BY dissent_id"
            ),
        ]
    }

    /// Forgets `person` in the deletion's transaction `sql`.
    package static func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "recall_signatures").where("person_id", .equal, person).run()
        try await sql.delete(from: "dissent_signatures").where("person_id", .equal, person).run()
        try await sql.update("recalls").set("started_by", to: SQLLiteral.null).where("started_by", .equal, person).run()
        try await sql.delete(from: "recalls").where("holder_id", .equal, person)
            .where("decision_id", .is, SQLLiteral.null).run()
        if !keepWriting {
            try await sql.delete(from: "dissents").where("author_id", .equal, person).run()
        }
    }
}
