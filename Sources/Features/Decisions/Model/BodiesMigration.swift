import FluentKit
import SQLKit

/// Elected bodies of a group and what hangs on them: the candidates of an election (`decision_candidates`, a
/// decision's option `position` is the person `person_id`), which election filled which body (`body_terms`; the
/// holders are read from the election's final count, never copied), recall petitions with their co-signers, and
/// dissent statements attached to closed decisions with theirs.
struct CreateDecisionBodies: AsyncMigration {
    var name: String { "CreateDecisionBodies" }

    func prepare(on database: any Database) async throws {
        try await database.schema("bodies")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("seats", .int, .required)
            .field("term_months", .int, .required)
            .field("description", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("recalls")
            .field("id", .int, .identifier(auto: true))
            .field("body_id", .int, .required, .references("bodies", "id", onDelete: .cascade))
            .field("election_id", .int, .required, .references("decisions", "id", onDelete: .cascade))
            .field("holder_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("started_by", .int, .references("people", "id", onDelete: .setNull))
            .field("reason", .string, .required)
            .field("started_at", .datetime, .required)
            .field("opened_at", .datetime)
            .field("decision_id", .int, .references("decisions", "id", onDelete: .setNull))
            .create()
        try await database.schema("dissents")
            .field("id", .int, .identifier(auto: true))
            .field("decision_id", .int, .required, .references("decisions", "id", onDelete: .cascade))
            .field("author_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        for (table, parent, key) in [
            ("recall_signatures", "recalls", FieldKey("recall_id")),
            ("dissent_signatures", "dissents", FieldKey("dissent_id")),
        ] {
            try await database.schema(table)
                .field(key, .int, .required, .references(parent, "id", onDelete: .cascade))
                .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
                .field("signed_at", .datetime, .required)
                .unique(on: key, "person_id")
                .create()
        }
        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX bodies_group ON bodies (group_id, name)",
            "CREATE INDEX recalls_body ON recalls (body_id, holder_id)",
            "CREATE INDEX dissents_decision ON dissents (decision_id, created_at)",
            """
            CREATE TABLE decision_candidates (
            decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            PRIMARY KEY (decision_id, position))
            """,
            """
            CREATE TABLE body_terms (
            decision_id BIGINT NOT NULL PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
            body_id BIGINT NOT NULL REFERENCES bodies (id) ON DELETE CASCADE)
            """,
            "CREATE INDEX body_terms_body ON body_terms (body_id)",
        ] {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["body_terms", "decision_candidates"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
        for table in ["dissent_signatures", "recall_signatures", "dissents", "recalls", "bodies"] {
            try await database.schema(table).delete()
        }
    }
}
