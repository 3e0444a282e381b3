import FluentKit
import FreshgroundStore
import SQLKit

/// Work a group offers and who does it. `volunteer_work` holds tasks (an estimate in minutes and a due day), shifts
/// (a start, an end, a number of places, a lead) and standing roles (hours a week and a term in months); `kind` says
/// which columns apply. `volunteer_assignments` is one person's part in one piece of work: an organizer's offer
/// waiting for an answer, an accepted or self-chosen sign-up, a role held (from `starts_on` to `ends_on`), or one
/// that ended; a declined offer is kept only so "least recently asked" can be honoured and is shown to nobody but
/// the person.
struct CreateVolunteerWork: AsyncMigration {
    var name: String { "CreateVolunteerWork" }

    func prepare(on database: any Database) async throws {
        try await database.schema("volunteer_work")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("event_id", .int, .references("events", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("details", .string, .required)
            .field("skills", .string, .required)
            .field("minutes", .int)
            .field("due_on", .string)
            .field("starts_at", .datetime)
            .field("ends_at", .datetime)
            .field("zone", .string, .required)
            .field("places", .int)
            .field("shift_role", .string, .required)
            .field("lead_id", .int, .references("people", "id", onDelete: .setNull))
            .field("weekly_hours", .double)
            .field("term_months", .int)
            .field("status", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("volunteer_assignments")
            .field("id", .int, .identifier(auto: true))
            .field("work_id", .int, .required, .references("volunteer_work", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("state", .string, .required)
            .field("offered_by", .int, .references("people", "id", onDelete: .setNull))
            .field("over_pledge", .bool, .required)
            .field("asked_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .field("reminded_at", .datetime)
            .field("followed_up_at", .datetime)
            .field("happened", .bool)
            .field("feedback", .string)
            .create()
        try await database.schema("volunteer_hours")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("work_id", .int, .references("volunteer_work", "id", onDelete: .setNull))
            .field("minutes", .int, .required)
            .field("on_day", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX volunteer_work_group ON volunteer_work (group_id, kind, status)").run()
        try await sql.raw("CREATE INDEX volunteer_assignments_work ON volunteer_assignments (work_id, state)").run()
        try await sql.raw("CREATE INDEX volunteer_assignments_person ON volunteer_assignments (person_id, state)").run()
        try await sql.raw("CREATE INDEX volunteer_hours_person ON volunteer_hours (person_id, on_day)").run()
        try await sql.raw("CREATE INDEX volunteer_hours_group ON volunteer_hours (group_id, on_day)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["volunteer_hours", "volunteer_assignments", "volunteer_work"] {
            try await database.schema(table).delete()
        }
    }
}

/// What a person says of themselves (a pause until a day; skills they have or want to learn, practised once they
/// finished a task tagged with one), what a group decided (lapse days, ladder steps, sharing figures with its
/// coalitions), role handovers, mentoring pairs, lapse check-ins for organizers, activity older than 24 months
/// reduced to monthly counts, and the answers a figures page already gave each viewer (for the differencing guard).
struct CreateVolunteerPeople: AsyncMigration {
    var name: String { "CreateVolunteerPeople" }

    func prepare(on database: any Database) async throws {
        try await database.schema("volunteer_pauses")
            .field("person_id", .int, .identifier(auto: false), .references("people", "id", onDelete: .cascade))
            .field("until_on", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("volunteer_skills")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("skill", .string, .required)
            .field("wants", .bool, .required)
            .field("practised_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "person_id", "skill", "wants")
            .create()
        try await database.schema("volunteer_settings")
            .field("group_id", .int, .identifier(auto: false), .references("groups", "id", onDelete: .cascade))
            .field("lapse_days", .int, .required)
            .field("ladder_attended", .int, .required)
            .field("ladder_volunteered", .int, .required)
            .field("share_with_coalitions", .bool, .required)
            .create()
        try await database.schema("volunteer_handovers")
            .field("id", .int, .identifier(auto: true))
            .field("work_id", .int, .required, .references("volunteer_work", "id", onDelete: .cascade))
            .field("outgoing_id", .int, .references("people", "id", onDelete: .setNull))
            .field("incoming_id", .int, .references("people", "id", onDelete: .setNull))
            .field("checklist", .string, .required)
            .field("shadow_from", .string)
            .field("shadow_until", .string)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("volunteer_mentoring")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("mentor_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("mentee_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("skill", .string, .required)
            .field("every_days", .int, .required)
            .field("next_on", .string, .required)
            .field("reminded_on", .string)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("ended_at", .datetime)
            .create()
        try await database.schema("volunteer_checkins")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("last_active_on", .string)
            .field("created_at", .datetime, .required)
            .field("done_at", .datetime)
            .field("done_by", .int, .references("people", "id", onDelete: .setNull))
            .create()
        try await database.schema("volunteer_monthly")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("month", .string, .required)
            .field("minutes", .int, .required)
            .field("entries", .int, .required)
            .unique(on: "person_id", "group_id", "month")
            .create()
        try await database.schema("volunteer_figure_answers")
            .field("id", .int, .identifier(auto: true))
            .field("viewer_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("people", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX volunteer_checkins_group ON volunteer_checkins (group_id, done_at)").run()
        try await sql.raw("CREATE INDEX volunteer_handovers_work ON volunteer_handovers (work_id, created_at)").run()
        try await sql.raw("CREATE INDEX volunteer_mentoring_group ON volunteer_mentoring (group_id, ended_at)").run()
        try await sql.raw(
            "CREATE INDEX volunteer_figure_answers_viewer ON volunteer_figure_answers (viewer_id, group_id)"
        )
        .run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "volunteer_figure_answers", "volunteer_monthly", "volunteer_checkins",
            "volunteer_mentoring", "volunteer_handovers", "volunteer_settings", "volunteer_skills", "volunteer_pauses",
        ] { try await database.schema(table).delete() }
    }
}

let volunteerMigrations: [any Migration] = [
    CreateVolunteerWork(), CreateVolunteerPeople(), CreateVolunteerOverloadWarnings(), CreateVolunteerStepPace(),
    // The figures read a group's hours by person and day; with the minutes in the index both of their hours
    // queries are searches of the group's own rows, however many other groups log hours.
    AddIndex(
        "IndexVolunteerHoursByGroupPerson",
        index: "volunteer_hours_group_person",
        "ON volunteer_hours (group_id, person_id, on_day, minutes)"
    ),
    // Suggestions read when each member was last asked to take something: one search a person.
    AddIndex(
        "IndexVolunteerAssignmentsByAsker",
        index: "volunteer_assignments_person_asked",
        "ON volunteer_assignments (person_id, asked_at) WHERE offered_by IS NOT NULL"
    ),
]
