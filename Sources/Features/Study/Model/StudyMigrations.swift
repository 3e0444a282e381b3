import FluentKit
import Mail
import SQLKit

/// Study series: the series and the groups organizing it, the syllabus (weeks with readings, media and
/// presenters), enrollment with its email list, and per week the session (an event), attendance, breakouts with
/// their notes, and the report.
struct CreateStudySeries: AsyncMigration {
    var name: String { "CreateStudySeries" }

    func prepare(on database: any Database) async throws {
        try await database.schema("study_series")
            .field("id", .int, .identifier(auto: true))
            .field("title", .string, .required)
            .field("description", .string, .required)
            // open: enrolling is enough; approved: an organizer lets each person in.
            .field("enrollment", .string, .required)
            // One reading kind per line, in the order the syllabus shows them.
            .field("reading_kinds", .string, .required)
            // One agenda item per line: minutes, a space, the item.
            .field("agenda", .string, .required)
            .field("publish_reports", .bool, .required)
            .field("last_digest_at", .datetime)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("study_organizers")
            .field("id", .int, .identifier(auto: true))
            .field("series_id", .int, .required, .references("study_series", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            // lead (the group that started it), invited, accepted or declined.
            .field("status", .string, .required)
            .field("invited_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "series_id", "group_id")
            .create()
        try await database.schema("study_weeks")
            .field("id", .int, .identifier(auto: true))
            .field("series_id", .int, .required, .references("study_series", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("topic", .string, .required)
            .field("introduction", .string, .required)
            // One lead question per line.
            .field("questions", .string, .required)
            .field("event_id", .int, .references("events", "id", onDelete: .setNull))
            .field("breakout_size", .int)
            .field("mixing_score", .int)
            .field("report", .string)
            .field("report_html", .string)
            .field("report_post_id", .int, .references("posts", "id", onDelete: .setNull))
            .field("report_at", .datetime)
            .field("reminded_at", .datetime)
            .create()
        try await database.schema("study_readings")
            .field("id", .int, .identifier(auto: true))
            .field("week_id", .int, .required, .references("study_weeks", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("position", .int, .required)
            .field("post_id", .int, .references("posts", "id", onDelete: .cascade))
            .field("url", .string, .required)
            .field("title", .string, .required)
            .field("note", .string, .required)
            .create()
        try await database.schema("study_media")
            .field("id", .int, .identifier(auto: true))
            .field("week_id", .int, .required, .references("study_weeks", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("url", .string, .required)
            .field("size_bytes", .int64)
            .create()
        try await database.schema("study_presenters")
            .field("id", .int, .identifier(auto: true))
            .field("week_id", .int, .required, .references("study_weeks", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .cascade))
            .field("speaker_id", .int, .references("speakers", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["study_presenters", "study_media", "study_readings", "study_weeks", "study_organizers"] {
            try await database.schema(table).delete()
        }
        try await database.schema("study_series").delete()
    }
}

/// Who takes part: enrollments (with the email list subscription and its unsubscribe token), attendance per
/// session, breakouts and their members and notes.
struct CreateStudyParticipation: AsyncMigration {
    var name: String { "CreateStudyParticipation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("study_enrollments")
            .field("id", .int, .identifier(auto: true))
            .field("series_id", .int, .required, .references("study_series", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            // enrolled, pending (waiting for an organizer) or declined.
            .field("status", .string, .required)
            .field("newcomer", .bool, .required)
            .field("online", .bool, .required)
            .field("subscribed", .bool, .required)
            .field("digest", .bool, .required)
            .field("unsubscribe_token", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "series_id", "person_id")
            .unique(on: "unsubscribe_token")
            .create()
        try await database.schema("study_attendance")
            .field("id", .int, .identifier(auto: true))
            .field("week_id", .int, .required, .references("study_weeks", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            // room or online.
            .field("mode", .string, .required)
            .field("recorded_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "week_id", "person_id")
            .create()
        try await database.schema("study_breakouts")
            .field("id", .int, .identifier(auto: true))
            .field("week_id", .int, .required, .references("study_weeks", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("online", .bool, .required)
            .field("note_taker_id", .int, .references("people", "id", onDelete: .setNull))
            .field("notes", .string, .required)
            .field("notes_at", .datetime)
            .unique(on: "week_id", "number")
            .create()
        try await database.schema("study_breakout_members")
            .field("id", .int, .identifier(auto: true))
            .field("breakout_id", .int, .required, .references("study_breakouts", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "breakout_id", "person_id")
            .create()
        // Each list message sent (reminder, report or digest) and the outbox batch its copies belong to.
        try await database.schema("study_mailings")
            .field("id", .int, .identifier(auto: true))
            .field("series_id", .int, .required, .references("study_series", "id", onDelete: .cascade))
            .field("week_id", .int, .references("study_weeks", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("batch", .string, .required)
            .field("recipients", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX study_weeks_series ON study_weeks (series_id, position)").run()
        try await sql.raw("CREATE INDEX study_readings_week ON study_readings (week_id, kind, position)").run()
        try await sql.raw("CREATE INDEX study_enrollments_person ON study_enrollments (person_id)").run()
        try await sql.raw("CREATE INDEX study_breakouts_week ON study_breakouts (week_id)").run()
        try await sql.raw("CREATE INDEX study_breakout_members_person ON study_breakout_members (person_id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "study_mailings", "study_breakout_members", "study_breakouts", "study_attendance", "study_enrollments",
        ] {
            try await database.schema(table).delete()
        }
    }
}

/// The start time a week's reminder was sent for, so a session moved to another time gets one more.
struct AddStudyWeeksRemindedFor: AsyncMigration {
    var name: String { "AddStudyWeeksRemindedFor" }

    func prepare(on database: any Database) async throws {
        try await database.schema("study_weeks").field("reminded_for", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("study_weeks").deleteField("reminded_for").update()
    }
}

/// Sessions scheduled before events knew where their places are given: each session's event points to its
/// series, where places come with enrolling, so it takes no RSVPs (see `SessionWrites.placesAt`).
struct FillEventsPlacesAtForStudySessions: AsyncMigration {
    var name: String { "FillEventsPlacesAtForStudySessions" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw(
            """
            UPDATE events SET places_at = (
              SELECT '/study/' || CAST(w.series_id AS TEXT) FROM study_weeks w WHERE w.event_id = events.id
              ORDER BY w.id LIMIT 1
            )
            WHERE id IN (SELECT event_id FROM study_weeks WHERE event_id IS NOT NULL)
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw(
            """
            UPDATE events SET places_at = NULL
            WHERE id IN (SELECT event_id FROM study_weeks WHERE event_id IS NOT NULL)
            """
        ).run()
    }
}
