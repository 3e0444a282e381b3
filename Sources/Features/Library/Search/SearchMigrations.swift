import FluentKit
import FreshgroundStore
import SQLKit

/// The full-text index over public publications and debates, one document per row. A document's id is the
/// publication's id, or the debate's id negated, so one ranked query covers both.
///
/// SQLite: an FTS5 table with the Porter stemmer. PostgreSQL: a stored `tsvector` (English configuration,
/// title weighted above body) behind a GIN index. Both stem English words, so "strikes" finds "strike".
struct CreateSearchIndex: AsyncMigration {
    var name: String { "CreateSearchIndex" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE search_docs USING fts5(title, body, \
                tokenize = 'porter unicode61 remove_diacritics 2')
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE TABLE search_docs (
                  doc_id BIGINT PRIMARY KEY,
                  title TEXT NOT NULL,
                  body TEXT NOT NULL,
                  tsv tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
                  ) STORED
                )
                """
            ).run()
            try await sql.raw("CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE search_docs").run()
    }
}
