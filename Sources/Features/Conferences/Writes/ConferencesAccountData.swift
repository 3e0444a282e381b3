import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What Conferences holds about a person, for their download and their account's deletion. Their committee
/// places, co-speaker places and agenda go with the account; proposals they made stay under "deleted account",
/// except that undecided, rejected or withdrawn ones go when they choose (an accepted one is on a schedule);
/// reviews, decisions, action proposals, amendments and tracker updates stay under the emptied account; proxies given
/// or held end with it.
extension ConferencesFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        func rows(_ query: SQLQueryString) async throws -> JSONValue { try await AccountRecords.rows(query, on: sql) }
        return [
            "proposals": try await rows(
                """
                SELECT id, event_id, title, abstract, status, created_at FROM proposals \
                WHERE person_id = \(bind: person) ORDER BY id
                """
            ),
            "coSpeaking": try await rows(
                """
                SELECT s.proposal_id, p.title, s.status FROM proposal_speakers s JOIN proposals p ON p.id = s.proposal_id \
                WHERE s.person_id = \(bind: person) AND s.position > 0 ORDER BY s.id
                """
            ),
            "reviewsWritten": try await rows(
                """
                SELECT proposal_id, score, comment, created_at FROM proposal_reviews WHERE reviewer_id = \(bind: person) \
                ORDER BY id
                """
            ),
            "committees": try await rows(
                "SELECT event_id, created_at FROM committee_members WHERE person_id = \(bind: person) ORDER BY id"
            ),
            "agenda": try await rows(
                "SELECT session_id FROM agenda_items WHERE person_id = \(bind: person) ORDER BY session_id"
            ),
            "actionProposals": try await rows(
                """
                SELECT id, event_id, title, text, withdrawn_at, created_at FROM action_proposals \
                WHERE person_id = \(bind: person) ORDER BY id
                """
            ),
            "amendments": try await rows(
                """
                SELECT id, action_id, mode, text, created_at FROM action_amendments WHERE person_id = \(bind: person) \
                ORDER BY id
                """
            ),
            "actionUpdates": try await rows(
                """
                SELECT action_id, status, progress, text, created_at FROM action_updates \
                WHERE person_id = \(bind: person) ORDER BY id
                """
            ),
            "proxies": try await rows(
                """
                SELECT event_id, giver_id = \(bind: person) AS given, created_at, revoked_at FROM conference_proxies \
                WHERE giver_id = \(bind: person) OR holder_id = \(bind: person) ORDER BY id
                """
            ),
        ]
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        try await sql.raw(
            "DELETE FROM conference_proxies WHERE giver_id = \(bind: person) OR holder_id = \(bind: person)"
        ).run()
        for table in ["committee_members", "agenda_items", "agenda_keys"] {
            try await sql.delete(from: table).where("person_id", .equal, person).run()
        }
        try await sql.delete(from: "proposal_speakers").where("person_id", .equal, person).where(
            "position",
            .greaterThan,
            0
        )
        .run()
        if !keepWriting {
            try await sql.delete(from: "proposals").where("person_id", .equal, person)
                .where("status", .notEqual, ProposalStatus.accepted.rawValue).run()
        }
    }
}
