import FluentKit
import SQLKit

/// The plenary (issue 13, items 5 and 7): amendments to action proposals, each put to its own vote before the
/// proposal's; the outcome tracker of adopted actions (responsible groups, dated updates with status and
/// progress); and proxies between a conference's participants.
///
/// `decision_id` columns name a decision of the Decisions feature. They are plain integers, as
/// `action_proposals.decision_id` is: Conferences' migrations run before Decisions' on a new database, so the
/// reference cannot be declared here; a decision is never deleted alone (only with its group), and the pages
/// say "the vote is gone" when one is missing.
struct AddPlenaryVotes: AsyncMigration {
    var name: String { "AddPlenaryVotes" }

    func prepare(on database: any Database) async throws {
        // An amendment: text that replaces the proposal's text or is added to it. `text_before` is the proposal's
        // text the amendment was put to the vote on, kept for the history once it is adopted.
        try await database.schema("action_amendments")
            .field("id", .int, .identifier(auto: true))
            .field("action_id", .int, .required, .references("action_proposals", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("mode", .string, .required)
            .field("text", .string, .required)
            .field("text_before", .string, .required)
            .field("decision_id", .int)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("action_responsible")
            .field("id", .int, .identifier(auto: true))
            .field("action_id", .int, .required, .references("action_proposals", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("added_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "action_id", "group_id")
            .create()
        // A dated update on an adopted action; the latest one gives its status and progress.
        try await database.schema("action_updates")
            .field("id", .int, .identifier(auto: true))
            .field("action_id", .int, .required, .references("action_proposals", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("progress", .int, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // A participant gives their vote to another; `revoked_at` set once it ends. One active proxy per giver.
        try await database.schema("conference_proxies")
            .field("id", .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("giver_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("holder_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX action_amendments_action ON action_amendments (action_id, id)",
            "CREATE INDEX action_responsible_group ON action_responsible (group_id)",
            "CREATE INDEX action_updates_action ON action_updates (action_id, created_at)",
            "CREATE UNIQUE INDEX conference_proxies_giver ON conference_proxies (event_id, giver_id) "
                + "WHERE revoked_at IS NULL",
            "CREATE INDEX conference_proxies_holder ON conference_proxies (event_id, holder_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["conference_proxies", "action_updates", "action_responsible", "action_amendments"] {
            try await database.schema(table).delete()
        }
    }
}
