import FreshgroundStore
import FreshgroundWeb
import People
import SQLKit

/// What Study holds about a person, for their download and their account's deletion. Their enrollments (with
/// the series' mail), attendance and breakout places go with the account; a week they presented keeps its
/// presenter as "deleted account"; series they created and breakout notes they took stay under the emptied
/// account.
extension StudyFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        func rows(_ query: SQLQueryString) async throws -> JSONValue { try await AccountRecords.rows(query, on: sql) }
        return [
            "enrollments": try await rows(
                """
                SELECT e.series_id, s.title AS series_title, e.status, e.newcomer, e.online, e.subscribed, e.digest, \
                e.created_at FROM study_enrollments e JOIN study_series s ON s.id = e.series_id \
                WHERE e.person_id = \(bind: person) ORDER BY e.id
                """
            ),
            "attendance": try await rows(
                """
                SELECT a.week_id, w.series_id, a.mode, a.created_at FROM study_attendance a \
                JOIN study_weeks w ON w.id = a.week_id WHERE a.person_id = \(bind: person) ORDER BY a.id
                """
            ),
            "breakouts": try await rows(
                """
                SELECT b.week_id, b.number, b.online FROM study_breakout_members m \
                JOIN study_breakouts b ON b.id = m.breakout_id WHERE m.person_id = \(bind: person) ORDER BY b.id
                """
            ),
            "breakoutNotesTaken": try await rows(
                """
                SELECT week_id, number, notes, notes_at FROM study_breakouts WHERE note_taker_id = \(bind: person) \
                ORDER BY id
                """
            ),
            "presenting": try await rows(
                "SELECT week_id, name FROM study_presenters WHERE person_id = \(bind: person) ORDER BY id"
            ),
            "seriesCreated": try await rows(
                "SELECT id, title, created_at FROM study_series WHERE created_by = \(bind: person) ORDER BY id"
            ),
        ]
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        for table in ["study_enrollments", "study_attendance", "study_breakout_members"] {
            try await sql.delete(from: table).where("person_id", .equal, person).run()
        }
        // A series they started for a group deleted with the account (they were its only member), which no group
        // organizes any more, goes too.
        try await sql.raw(
            """
            DELETE FROM study_series WHERE created_by = \(bind: person) AND NOT EXISTS (SELECT 1 FROM study_organizers o \
            WHERE o.series_id = study_series.id AND o.status IN ('lead', 'accepted'))
            """
        ).run()
        try await sql.update("study_presenters").set("name", to: AccountLife.deletedName)
            .set("person_id", to: Int?.none).where("person_id", .equal, person).run()
    }
}
