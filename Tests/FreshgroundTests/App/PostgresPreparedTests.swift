import Foundation
import FreshgroundStore
import SQLKit
import Testing

/// On PostgreSQL, `Store.sql` runs each statement as a prepared statement of its connection (`PreparingDatabase`).
/// These check that features cannot tell: values of every plain type come back as they went in, a nil where a value
/// was bound before (and the other way round) still works, a value PostgreSQL has no plain type for still goes
/// through, errors are the same errors, and the statements really are prepared.
@Suite(.enabled(if: TestDatabase.serverURL != nil, "prepared statements are PostgreSQL's"))
struct PostgresPreparedTests {
    private struct Row: Decodable, Equatable {
        let id: Int
        let note: String?
        let at: Date?
        let flag: Bool?
        let share: Double?
    }

    private struct Tags: Codable, Equatable, Sendable {
        let names: [String]
    }

    @Test func valuesComeBackAsTheyWentInWhetherOrNotTheyAreNil() async throws {
        try await withApp { app in
            // setup
            let sql = app.store.sql
            try await sql.raw(
                """
                CREATE TABLE prepared_probe (id BIGINT PRIMARY KEY, note TEXT, at TIMESTAMPTZ, flag BOOLEAN, \
                share DOUBLE PRECISION, small INTEGER)
                """
            ).run()
            let named = app.store.statementsPrepared
            let at = Date(timeIntervalSince1970: 1_790_000_000.25)

            // act: the same statements with values, then nils, then values again
            var rows: [Row] = []
            for (id, full) in [(1, true), (2, false), (3, true), (4, false)] {
                let note: String? = full ? "n\(id)" : nil
                let when: Date? = full ? at : nil
                let flag: Bool? = full ? true : nil
                let share: Double? = full ? 0.5 : nil
                let small: Int? = full ? id : nil
                try await sql.raw(
                    """
                    INSERT INTO prepared_probe (id, note, at, flag, share, small) \
                    VALUES (\(bind: id), \(bind: note), \(bind: when), \(bind: flag), \(bind: share), \(bind: small))
                    """
                ).run()
                let row = try await sql.raw(
                    """
                    SELECT id, note, at, flag, share FROM prepared_probe \
                    WHERE id = \(bind: id) AND (\(bind: small) IS NULL OR small = \(bind: small))
                    """
                ).row(Row.self)
                rows.append(try #require(row))
            }

            // check
            #expect(rows[0] == Row(id: 1, note: "n1", at: at, flag: true, share: 0.5))
            #expect(rows[1] == Row(id: 2, note: nil, at: nil, flag: nil, share: nil))
            #expect(rows[2] == Row(id: 3, note: "n3", at: at, flag: true, share: 0.5))
            #expect(app.store.statementsPrepared > named, "the statements were prepared")
        }
    }

    private enum Shade: String, Codable, Equatable { case red, blue }

    private struct Kinds: Decodable, Equatable {
        let big, mid, small: Int
        let text, short: String
        let shade: Shade
        let noShade: Shade?
        let flag: Bool
        let share, real, amount: Double
        let at: Date
        let link: URL
        let tags: Tags
    }

    @Test func everyKindOfColumnDecodesOnTheNamedPathAsPostgresKitDecodesIt() async throws {
        try await withApp { app in
            // setup: a transaction takes SQLKit's unnamed path, whose rows PostgresKit decodes
            let query: SQLQueryString = """
                SELECT 9000000000::BIGINT AS big, 7::INTEGER AS mid, 3::SMALLINT AS small, 'plain'::TEXT AS text, \
                'short'::VARCHAR(10) AS short, 'blue'::TEXT AS shade, NULL::TEXT AS no_shade, TRUE AS flag, \
                0.25::DOUBLE PRECISION AS share, 1.5::REAL AS real, 12.75::NUMERIC AS amount, \
                '2026-12-06 01:02:03.25+00'::TIMESTAMPTZ AS at, 'https://example.org/a'::TEXT AS link, \
                '{"names": ["a", "b"]}'::JSONB AS tags
                """
            let named = app.store.statementsPrepared

            // act
            let direct = try await app.store.sql.raw(query).row(Kinds.self)
            let general = try await app.store.transaction { tx in try await tx.raw(query).row(Kinds.self) }

            // check
            #expect(app.store.statementsPrepared > named, "the direct read was a named statement")
            #expect(direct == general)
            #expect(
                direct
                    == Kinds(
                        big: 9_000_000_000,
                        mid: 7,
                        small: 3,
                        text: "plain",
                        short: "short",
                        shade: .blue,
                        noShade: nil,
                        flag: true,
                        share: 0.25,
                        real: 1.5,
                        amount: 12.75,
                        at: Date(timeIntervalSince1970: 1_796_518_923.25),
                        link: URL(string: "https://example.org/a")!,
                        tags: Tags(names: ["a", "b"])
                    )
            )
        }
    }

    @Test func aValueWithoutAPlainTypeAndAFailingStatementBehaveAsBefore() async throws {
        try await withApp { app in
            // setup
            let sql = app.store.sql
            try await sql.raw("CREATE TABLE prepared_tags (id BIGINT PRIMARY KEY, tags JSONB NOT NULL)").run()

            // act: a Codable value (sent as JSON by SQLKit), then a duplicate key
            try await sql.raw("INSERT INTO prepared_tags (id, tags) VALUES (1, \(bind: Tags(names: ["a", "b"])))")
                .run()
            let tags = try await sql.raw("SELECT tags FROM prepared_tags WHERE id = \(bind: 1)")
                .value("tags", as: Tags.self)
            var duplicate: (any Error)?
            do {
                try await sql.raw("INSERT INTO prepared_tags (id, tags) VALUES (\(bind: 1), '{}')").run()
            } catch {
                duplicate = error
            }

            // check
            #expect(tags == Tags(names: ["a", "b"]))
            #expect(duplicate?.isConstraintFailure == true, "\(String(describing: duplicate))")
        }
    }

    @Test func aStatementThatFailedBecauseItsTableWasMissingWorksOnceTheTableExists() async throws {
        try await withApp { app in
            // setup: the statement fails while its table does not exist, on whichever connections it lands
            let sql = app.store.sql
            for _ in 0..<8 {
                await #expect(throws: (any Error).self) {
                    try await sql.raw("SELECT note FROM late_table WHERE id = \(bind: 1)").all()
                }
            }

            // act
            try await sql.raw("CREATE TABLE late_table (id BIGINT PRIMARY KEY, note TEXT NOT NULL)").run()
            try await sql.raw("INSERT INTO late_table (id, note) VALUES (1, 'here')").run()

            // check: every connection runs it now, none keeps the old failure
            for _ in 0..<16 {
                let note = try await sql.raw("SELECT note FROM late_table WHERE id = \(bind: 1)").value(
                    "note",
                    as: String.self
                )
                #expect(note == "here")
            }
        }
    }
}
