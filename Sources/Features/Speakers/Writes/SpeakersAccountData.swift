import FreshgroundStore
import FreshgroundWeb
import People
import SQLKit

/// What Speakers holds about a person, for their download and their account's deletion. Their own speaker
/// profile stays on the roster, since tours and events were planned with it, but under "deleted account"
/// without contact, biography or available dates; speakers they added, recommendations and tours they planned
/// for a group stay under the emptied account.
extension SpeakersFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        func rows(_ query: SQLQueryString) async throws -> JSONValue { try await AccountRecords.rows(query, on: sql) }
        return [
            "speakerProfiles": try await rows(
                """
                SELECT id, name, contact, bio, created_at, updated_at FROM speakers WHERE person_id = \(bind: person) \
                ORDER BY id
                """
            ),
            "speakerTalks": try await rows(
                """
                SELECT t.* FROM speaker_talks t JOIN speakers s ON s.id = t.speaker_id \
                WHERE s.person_id = \(bind: person) ORDER BY t.id
                """
            ),
            "speakerTopics": try await rows(
                """
                SELECT t.topic FROM speaker_topics t JOIN speakers s ON s.id = t.speaker_id \
                WHERE s.person_id = \(bind: person) ORDER BY t.id
                """
            ),
            "speakerAvailability": try await rows(
                """
                SELECT a.starts_on, a.ends_on FROM speaker_availability a JOIN speakers s ON s.id = a.speaker_id \
                WHERE s.person_id = \(bind: person) ORDER BY a.id
                """
            ),
            "speakersAdded": try await rows(
                "SELECT id, name, created_at FROM speakers WHERE added_by = \(bind: person) ORDER BY id"
            ),
            "speakerRecommendationsMade": try await rows(
                "SELECT speaker_id, created_at FROM speaker_recommendations WHERE recommended_by = \(bind: person)"
            ),
            "toursPlanned": try await rows(
                """
                SELECT id, speaker_id, title, starts_on, ends_on, status, created_at FROM tours \
                WHERE created_by = \(bind: person) ORDER BY id
                """
            ),
        ]
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        try await sql.raw(
            """
            DELETE FROM speaker_availability WHERE speaker_id IN (SELECT id FROM speakers WHERE person_id = \(bind: person))
            """
        ).run()
        try await sql.raw(
            """
            UPDATE speakers SET name = \(bind: AccountLife.deletedName), name_key = \(bind: AccountLife.deletedName), \
            contact = '', bio = '', bio_html = '', person_id = NULL WHERE person_id = \(bind: person)
            """
        ).run()
    }
}
