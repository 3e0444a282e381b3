import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What volunteering holds about a person is theirs: their work (offers, sign-ups, roles held), hours, skills and
/// pause are in their download and go with their account. Work they posted, led or handed over stays for the
/// group, without their name.
enum VolunteerRecords {
    static func data(of person: Int, on sql: any SQLDatabase) async throws -> [String: JSONValue] {
        [
            "volunteerWork": try await AccountRecords.rows(
                """
                SELECT w.title, w.kind, g.name AS group_name, a.state, a.asked_at, a.answered_at, a.starts_on, \
                a.ends_on, a.happened, a.feedback FROM volunteer_assignments a JOIN volunteer_work w ON w.id = a.work_id \
                JOIN groups g ON g.id = w.group_id WHERE a.person_id = \(bind: person) ORDER BY a.id
                """,
                on: sql
            ),
            "volunteerHours": try await AccountRecords.rows(
                """
                SELECT g.name AS group_name, h.minutes, h.on_day, h.note, h.created_at FROM volunteer_hours h \
                JOIN groups g ON g.id = h.group_id WHERE h.person_id = \(bind: person) ORDER BY h.id
                """,
                on: sql
            ),
            "volunteerMonthlyHours": try await AccountRecords.rows(
                """
                SELECT g.name AS group_name, h.month, h.minutes, h.entries FROM volunteer_monthly h \
                JOIN groups g ON g.id = h.group_id WHERE h.person_id = \(bind: person) ORDER BY h.month, h.id
                """,
                on: sql
            ),
            "volunteerNextStepPace": try await AccountRecords.rows(
                """
                SELECT g.name AS group_name, p.until_on, p.stopped FROM volunteer_step_pace p \
                JOIN groups g ON g.id = p.group_id WHERE p.person_id = \(bind: person) ORDER BY p.id
                """,
                on: sql
            ),
            "volunteerSkills": try await AccountRecords.rows(
                "SELECT skill, wants, practised_at FROM volunteer_skills WHERE person_id = \(bind: person) ORDER BY id",
                on: sql
            ),
            "volunteerPause": try await AccountRecords.rows(
                "SELECT until_on FROM volunteer_pauses WHERE person_id = \(bind: person)",
                on: sql
            ),
        ]
    }

    static func forget(_ person: Int, on sql: any SQLDatabase) async throws {
        for (table, column) in [
            ("volunteer_assignments", "person_id"), ("volunteer_hours", "person_id"), ("volunteer_skills", "person_id"),
            ("volunteer_pauses", "person_id"), ("volunteer_checkins", "person_id"), ("volunteer_monthly", "person_id"),
            ("volunteer_step_pace", "person_id"),
            ("volunteer_overload_warnings", "person_id"), ("volunteer_figure_answers", "viewer_id"),
            ("volunteer_mentoring", "mentor_id"), ("volunteer_mentoring", "mentee_id"),
        ] {
            try await sql.delete(from: table).where(SQLIdentifier(column), .equal, SQLBind(person)).run()
        }
        for (table, column) in [
            ("volunteer_assignments", "offered_by"), ("volunteer_work", "created_by"), ("volunteer_work", "lead_id"),
            ("volunteer_handovers", "outgoing_id"), ("volunteer_handovers", "incoming_id"),
            ("volunteer_handovers", "created_by"), ("volunteer_checkins", "done_by"),
            ("volunteer_mentoring", "created_by"),
        ] {
            try await sql.update(table).set(SQLIdentifier(column), to: SQLLiteral.null)
                .where(SQLIdentifier(column), .equal, SQLBind(person)).run()
        }
    }
}
