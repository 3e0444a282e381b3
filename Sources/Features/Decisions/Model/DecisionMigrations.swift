import FluentKit
import SQLKit

/// A decision a group takes: what is asked, its kind and rules (`spec`, the engine's `DecisionSpec` as JSON, fixed
/// once voting opens), whether the ballot is secret, when voting opens and closes, and — once counted — the lots
/// drawn (`lot_draws`), so every later reading of the result replays the same draws.
struct CreateDecisions: AsyncMigration {
    var name: String { "CreateDecisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("decisions")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("kind", .string, .required)
            .field("spec", .string, .required)
            .field("secret", .bool, .required)
            .field("results_hidden", .bool, .required)
            .field("reasons", .string, .required)
            .field("zone", .string, .required)
            .field("opens_at", .datetime, .required)
            .field("closes_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("lot_draws", .string)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX decisions_group ON decisions (group_id, closes_at)").run()
        // Who may vote and whether they have: nothing else. No ballot reference and no time, so this table cannot
        // say which ballot is whose, nor when anyone voted.
        try await sql.raw(
            """
            CREATE TABLE decision_electorate (
            decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
            person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            voted BOOLEAN NOT NULL DEFAULT FALSE,
            PRIMARY KEY (decision_id, person_id))\(unsafeRaw: withoutRowID(sql))
            """
        ).run()
        // A secret ballot: a random id (the voter's tracker) and the choice. No person, no time, no sequence; on
        // SQLite the rows are kept in the order of their random ids, and on PostgreSQL every vote rewrites the
        // decision's ballots in that order (`Ballots.cast`), so neither storage order says who voted when.
        try await sql.raw(
            """
            CREATE TABLE decision_ballots (
            decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            marks TEXT NOT NULL,
            weight INTEGER NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (decision_id, id))\(unsafeRaw: withoutRowID(sql))
            """
        ).run()
        // An open (named) vote: who voted what and why, public to the electorate, for dissent on the record.
        // `acting_id` is who cast it when it is not the voter (a proxy).
        try await sql.raw(
            """
            CREATE TABLE decision_votes (
            decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
            person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            acting_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
            marks TEXT NOT NULL,
            weight INTEGER NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (decision_id, person_id))
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["decision_votes", "decision_ballots", "decision_electorate"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
        try await database.schema("decisions").delete()
    }

    private func withoutRowID(_ sql: any SQLDatabase) -> String {
        sql.dialect.name == "sqlite" ? " WITHOUT ROWID" : ""
    }
}

/// Who votes on a decision: `members` (the group's active members, one vote each), `people` (a list given when it
/// was opened, such as a conference's participants) or `groups` (voting units: each group one voice or a weight,
/// cast by its organizers as delegates). `origin_path` and `origin_label` lead back to where the decision was
/// raised (a conference's action proposal), empty when it was raised in its group.
struct AddDecisionElectorates: AsyncMigration {
    var name: String { "AddDecisionElectorates" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in [
            "electorate TEXT NOT NULL DEFAULT 'members'", "origin_path TEXT NOT NULL DEFAULT ''",
            "origin_label TEXT NOT NULL DEFAULT ''",
        ] {
            try await sql.raw("ALTER TABLE decisions ADD COLUMN \(unsafeRaw: column)").run()
        }
        // A voting unit and whether it has voted; its voices weigh its ballot.
        try await sql.raw(
            """
            CREATE TABLE decision_units (
            decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
            group_id BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
            voices INTEGER NOT NULL,
            voted BOOLEAN NOT NULL DEFAULT FALSE,
            PRIMARY KEY (decision_id, group_id))
            """
        ).run()
        // A unit's position in an open vote: which group, which delegate cast it, the choice and the reason, which
        // the group's own members read.
        try await sql.raw(
            """
            CREATE TABLE decision_unit_votes (
            decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
            group_id BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
            delegate_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
            marks TEXT NOT NULL,
            voices INTEGER NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (decision_id, group_id))
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TABLE decision_unit_votes").run()
        try await sql.raw("DROP TABLE decision_units").run()
        for column in ["origin_label", "origin_path", "electorate"] {
            try await sql.raw("ALTER TABLE decisions DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}

/// `remind`: those who have not voted are told a day before the close (on unless the organizers turned it off).
struct AddDecisionReminderChoice: AsyncMigration {
    var name: String { "AddDecisionReminderChoice" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw(
            "ALTER TABLE decisions ADD COLUMN remind BOOLEAN NOT NULL DEFAULT TRUE"
        )
        .run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE decisions DROP COLUMN remind").run()
    }
}

/// `public_results`: the organizers chose to publish the question and its result to everyone once voting closes
/// (public groups only: a center answering to its supporters). `reminded_at` and `announced_at`: when those who had
/// not voted were told the vote closes within a day, and when the electorate was told the result; each once.
struct AddDecisionPublication: AsyncMigration {
    var name: String { "AddDecisionPublication" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE decisions ADD COLUMN public_results BOOLEAN NOT NULL DEFAULT FALSE").run()
        for column in ["reminded_at", "announced_at"] {
            try await database.schema("decisions").field(.string(column), .datetime).update()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in ["announced_at", "reminded_at", "public_results"] {
            try await sql.raw("ALTER TABLE decisions DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
