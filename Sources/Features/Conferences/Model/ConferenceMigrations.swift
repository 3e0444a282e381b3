import FluentKit
import SQLKit

/// Conferences: an event of kind `conference` with its settings, tracks, rooms, program committee, call for
/// proposals and reviews, the schedule, people's agendas, and action proposals with the groups supporting them.
///
/// `proposal_speakers` lists everyone who speaks in a proposal, the proposer first (`position` 0), so the
/// schedule builder finds a speaker's other sessions with one join. `action_proposals.decision_id` is empty
/// until the coming decisions work links a vote's outcome to the proposal; it is a plain integer column
/// now and gains its reference when the decisions table exists.
struct CreateConferences: AsyncMigration {
    var name: String { "CreateConferences" }

    func prepare(on database: any Database) async throws {
        try await database.schema("conference_settings")
            .field("event_id", .int, .identifier(auto: false), .references("events", "id", onDelete: .cascade))
            .field("cfp_open", .bool, .required)
            .field("cfp_closes_at", .datetime)
            .field("blind_review", .bool, .required)
            .field("cfp_text", .string, .required)
            .field("schedule_published", .bool, .required)
            .create()
        for table in ["conference_tracks", "conference_rooms"] {
            try await database.schema(table)
                .field("id", .int, .identifier(auto: true))
                .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
                .field("name", .string, .required)
                .field("name_key", .string, .required)
                .unique(on: "event_id", "name_key")
                .create()
        }
        try await database.schema("committee_members")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("added_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "event_id", "person_id")
            .create()
        try await database.schema("proposals")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("group_id", .int, .references("groups", "id", onDelete: .setNull))
            .field("track_id", .int, .references("conference_tracks", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("abstract", .string, .required)
            .field("abstract_html", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .field("decided_by", .int, .references("people", "id", onDelete: .setNull))
            .create()
        try await database.schema("proposal_speakers")
            .field("id", .int, .identifier(auto: true))
            .field("proposal_id", .int, .required, .references("proposals", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .unique(on: "proposal_id", "person_id")
            .create()
        try await database.schema("proposal_reviews")
            .field("id", .int, .identifier(auto: true))
            .field("proposal_id", .int, .required, .references("proposals", "id", onDelete: .cascade))
            .field("reviewer_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("score", .int, .required)
            .field("comment", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "proposal_id", "reviewer_id")
            .create()
        try await createScheduleTables(on: database)
        try await createIndexes(on: database as! any SQLDatabase)
    }

    private func createScheduleTables(on database: any Database) async throws {
        try await database.schema("conference_sessions")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("proposal_id", .int, .required, .references("proposals", "id", onDelete: .cascade))
            .field("room_id", .int, .required, .references("conference_rooms", "id", onDelete: .cascade))
            .field("track_id", .int, .references("conference_tracks", "id", onDelete: .setNull))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .unique(on: "proposal_id")
            .create()
        try await database.schema("agenda_items")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("session_id", .int, .required, .references("conference_sessions", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "person_id", "session_id")
            .create()
        try await database.schema("agenda_keys")
            .field("person_id", .int, .identifier(auto: false), .references("people", "id", onDelete: .cascade))
            .field("token", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token")
            .create()
        try await database.schema("action_proposals")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("text_html", .string, .required)
            .field("decision_id", .int)
            .field("withdrawn_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("action_supports")
            .field("id", .int, .identifier(auto: true))
            .field("action_id", .int, .required, .references("action_proposals", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("added_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "action_id", "group_id")
            .create()
    }

    private func createIndexes(on sql: any SQLDatabase) async throws {
        for statement in [
            "CREATE INDEX proposals_event ON proposals (event_id, status, id)",
            "CREATE INDEX proposals_person ON proposals (person_id)",
            "CREATE INDEX proposal_speakers_person ON proposal_speakers (person_id)",
            "CREATE INDEX conference_sessions_event ON conference_sessions (event_id, starts_at)",
            "CREATE INDEX conference_sessions_room ON conference_sessions (room_id, starts_at)",
            "CREATE INDEX agenda_items_session ON agenda_items (session_id)",
            "CREATE INDEX action_proposals_event ON action_proposals (event_id, id)",
            "CREATE INDEX action_supports_group ON action_supports (group_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [
            "action_supports", "action_proposals", "agenda_keys", "agenda_items", "conference_sessions",
            "proposal_reviews", "proposal_speakers", "proposals", "committee_members", "conference_rooms",
            "conference_tracks", "conference_settings",
        ] {
            try await database.schema(table).delete()
        }
    }
}

/// Co-speakers consent: each row of `proposal_speakers` gets a `status` (`invited`, `accepted`, `declined`). A
/// co-speaker named on a proposal is `invited` and listed only once `accepted`; the proposer's own row is
/// `accepted`. Rows written before this change were listed already, so they become `accepted`.
struct AddProposalSpeakersStatus: AsyncMigration {
    var name: String { "AddProposalSpeakersStatus" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE proposal_speakers ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'accepted'")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("proposal_speakers").deleteField("status").update()
    }
}

let conferenceMigrations: [any Migration] = [CreateConferences(), AddProposalSpeakersStatus(), AddPlenaryVotes()]
