import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What Decisions holds about a person, for their download: the decisions they opened, the votes they may cast and
/// whether they did, and their open (named) votes with reasons. A secret ballot is not theirs to download: nothing
/// links it to them. When they delete their account their open votes stay on the record under "deleted account",
/// as the vote they were part of was counted with them.
extension DecisionsFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        let bodies = try await BodiesAccountData.data(of: person, on: sql)
        let votes: [String: JSONValue] = [
            "decisionsOpened": try await AccountRecords.rows(
                "SELECT id, title, kind, created_at, closes_at FROM decisions WHERE created_by = \(bind: person) ORDER BY id",
                on: sql
            ),
            "decisionsToVoteOn": try await AccountRecords.rows(
                """
                SELECT d.id, d.title, e.voted FROM decision_electorate e JOIN decisions d ON d.id = e.decision_id \
                WHERE e.person_id = \(bind: person) ORDER BY d.id
                """,
                on: sql
            ),
            "openVotes": try await AccountRecords.rows(
                """
                SELECT d.id, d.title, v.marks, v.reason FROM decision_votes v JOIN decisions d ON d.id = v.decision_id \
                WHERE v.person_id = \(bind: person) ORDER BY d.id
                """,
                on: sql
            ),
        ]
        return votes.merging(bodies) { first, _ in first }
    }

    /// Their place in electorates and their open votes stay (the account row stays, emptied), so no count changes
    /// after the fact; bodies, recalls and dissent forget what `BodiesAccountData` says.
    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        try await BodiesAccountData.forget(person: person, keepWriting: keepWriting, on: sql)
    }
}
