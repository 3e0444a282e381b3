import Foundation
import FreshgroundStore
import Logging
import SQLKit
import Testing

/// On SQLite, `Store.sql` answers reads from read-only connections on the caller's thread (`SQLiteReaders`) and
/// sends everything else through SQLiteNIO. These check that the split changes nothing a feature could see: every
/// committed write is read back at once, a transaction still reads its own writes, a write dressed as a `WITH` is
/// still a write, and values come back as they went in.
@Suite(.enabled(if: TestDatabase.serverURL == nil, "the read-only connections are SQLite's"))
struct SQLiteReadTests {
    private struct Note: Decodable, Equatable {
        let id: Int
        let note: String
    }

    @Test func everyCommittedWriteIsReadBackAtOnceFromTheReaders() async throws {
        try await withApp { app in
            // setup
            let sql = app.store.sql
            try await sql.raw("CREATE TABLE read_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()
            let before = app.store.readsOnReaders

            // act: write then read, fifty times over
            for number in 1...50 {
                try await sql.raw("INSERT INTO read_probe (id, note) VALUES (\(bind: number), \(bind: "n\(number)"))")
                    .run()
                let rows = try await sql.raw("SELECT id, note FROM read_probe ORDER BY id").rows(Note.self)

                // check
                #expect(rows.count == number)
                #expect(rows.last == Note(id: number, note: "n\(number)"))
            }
            #expect(app.store.readsOnReaders - before >= 50, "the reads went to the read-only connections")
        }
    }

    @Test func aTransactionReadsItsOwnWritesAndOthersReadTheLastCommitWithoutWaiting() async throws {
        try await withApp { app in
            // setup
            try await app.store.sql.raw("CREATE TABLE read_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()
            try await app.store.sql.raw("INSERT INTO read_probe (id, note) VALUES (1, 'committed')").run()

            // act: inside a transaction that holds the write lock, read through it and from outside it
            let (inside, outside) = try await app.store.transaction { sql in
                try await sql.raw("UPDATE read_probe SET note = 'uncommitted' WHERE id = 1").run()
                let inside = try await sql.raw("SELECT note FROM read_probe WHERE id = 1").value(
                    "note",
                    as: String.self
                )
                let outside = try await app.store.sql.raw("SELECT note FROM read_probe WHERE id = 1")
                    .value("note", as: String.self)
                return (inside, outside)
            }
            let after = try await app.store.sql.raw("SELECT note FROM read_probe WHERE id = 1")
                .value("note", as: String.self)

            // check
            #expect(inside == "uncommitted")
            #expect(outside == "committed", "a read outside the transaction sees the last commit, and does not wait")
            #expect(after == "uncommitted")
        }
    }

    @Test func aWriteThatBeginsWithWITHIsStillWritten() async throws {
        try await withApp { app in
            // setup
            let sql = app.store.sql
            try await sql.raw("CREATE TABLE read_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()

            // act
            try await sql.raw("WITH fresh(id, note) AS (SELECT 7, 'seven') INSERT INTO read_probe SELECT * FROM fresh")
                .run()

            // check
            let rows = try await sql.raw("SELECT id, note FROM read_probe").rows(Note.self)
            #expect(rows == [Note(id: 7, note: "seven")])
        }
    }

    @Test func aKeptStatementIsNotPreparedAgainWhenOnlyItsBoundValuesChange() async throws {
        try await withApp { app in
            // setup: a limit and a term a partial index could match are the two places where SQLite's planner
            // would otherwise look at a bound value, and so plan the statement again at each new value
            let sql = app.store.sql
            try await sql.raw("CREATE TABLE read_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()
            try await sql.raw("CREATE INDEX read_probe_kept ON read_probe (id) WHERE note = 'kept'").run()
            for number in 1...6 {
                let note = number.isMultiple(of: 2) ? "kept" : "other"
                try await sql.raw("INSERT INTO read_probe (id, note) VALUES (\(bind: number), \(bind: note))").run()
            }
            let readsBefore = app.store.readsOnReaders
            let againBefore = app.store.statementsPreparedAgain

            // act
            var answers: [[Int]] = []
            for (note, limit) in [("kept", 1), ("kept", 3), ("other", 2), ("kept", 2), ("other", 9)] {
                let rows = try await sql.raw(
                    "SELECT id, note FROM read_probe WHERE note = \(bind: note) ORDER BY id LIMIT \(bind: limit)"
                ).rows(Note.self)
                answers.append(rows.map(\.id))
            }

            // check
            #expect(answers == [[2], [2, 4, 6], [1, 3], [2, 4], [1, 3, 5]])
            #expect(app.store.readsOnReaders - readsBefore == 5)
            #expect(app.store.statementsPreparedAgain == againBefore, "each read used the statement as kept")
        }
    }

    @Test func aKeptSelectStarShowsAColumnAddedSinceItWasPrepared() async throws {
        try await withApp { app in
            // setup: the statement is kept on the readers, with the table's first two columns
            let sql = app.store.sql
            try await sql.raw("CREATE TABLE read_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()
            try await sql.raw("INSERT INTO read_probe (id, note) VALUES (1, 'first')").run()
            for _ in 0..<4 { _ = try await sql.raw("SELECT * FROM read_probe").all() }
            let readsBefore = app.store.readsOnReaders

            // act
            try await sql.raw("ALTER TABLE read_probe ADD COLUMN later TEXT NOT NULL DEFAULT 'added'").run()
            let row = try await sql.raw("SELECT * FROM read_probe").first()

            // check
            #expect(app.store.readsOnReaders - readsBefore == 1, "read on a connection that kept the statement")
            #expect(row?.allColumns == ["id", "note", "later"])
            #expect(try row?.decode(column: "later", as: String.self) == "added")
        }
    }

    @Test func thePlannersFiguresFollowATableThatGrew() async throws {
        try await withApp { app in
            // setup: measured while the table held ten rows, as a new site's sessions do
            let sql = app.store.sql
            try await sql.raw("CREATE TABLE grow_probe (id INTEGER PRIMARY KEY, token TEXT NOT NULL)").run()
            try await sql.raw("CREATE INDEX grow_probe_token ON grow_probe (token)").run()
            try await sql.raw(Self.numbered(10, prefix: "t")).run()
            try await sql.raw("ANALYZE grow_probe").run()
            try await sql.raw(Self.numbered(20_000, prefix: "u")).run()

            // act
            try await app.store.refreshStatistics()

            // check: the figures now count thousands of rows (SQLite may estimate from a sample), not ten
            let stat =
                try await sql.raw("SELECT stat FROM sqlite_stat1 WHERE idx = 'grow_probe_token'")
                .value("stat", as: String.self) ?? ""
            let rows = stat.split(separator: " ").first.flatMap { Int($0) } ?? 0
            #expect(rows > 1_000, "sqlite_stat1 says \(stat)")
        }
    }

    /// Inserts `count` rows into `grow_probe`, tokens `prefix1`, `prefix2`…
    private static func numbered(_ count: Int, prefix: String) -> SQLQueryString {
        """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(unsafeRaw: String(count)))
        INSERT INTO grow_probe (token) SELECT \(bind: prefix) || i FROM n
        """
    }

    @Test func valuesOfEveryKindComeBackAsTheyWentIn() async throws {
        try await withApp { app in
            // setup
            let when = Date(timeIntervalSince1970: 1_790_000_000.5)
            let bytes = Data([0, 1, 2, 255])
            let text = "Ünïcode — and a \u{0} inside"

            // act
            let row = try await app.store.sql.raw(
                """
                SELECT \(bind: 42) AS i, \(bind: -2.5) AS d, \(bind: text) AS t, \(bind: bytes) AS b,
                       \(bind: when) AS w, \(bind: true) AS y, \(bind: Int?.none) AS z
                """
            ).first()

            // check
            let cells = try #require(row)
            #expect(try cells.decode(column: "i", as: Int.self) == 42)
            #expect(try cells.decode(column: "d", as: Double.self) == -2.5)
            #expect(try cells.decode(column: "t", as: String.self) == text)
            #expect(try cells.decode(column: "b", as: Data.self) == bytes)
            #expect(try cells.decode(column: "w", as: Date.self) == when)
            #expect(try cells.decode(column: "y", as: Bool.self) == true)
            #expect(try cells.decodeNil(column: "z"))
            #expect(try cells.decode(column: "z", as: Int?.self) == nil)
            #expect(throws: (any Error).self) { try cells.decode(column: "t", as: Int.self) }
        }
    }

    @Test func aFileNotInWriteAheadLogModeIsReadThroughSQLiteNIO() async throws {
        // setup: a store on a new file that nobody has put in WAL mode
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fg-rollback-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(url: .sqlite(path: path), logger: Logger(label: "test"))
        do {
            try await store.sql.raw("CREATE TABLE read_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").run()
            try await store.sql.raw("INSERT INTO read_probe (id, note) VALUES (3, 'three')").run()

            // act
            let rows = try await store.sql.raw("SELECT id, note FROM read_probe").rows(Note.self)

            // check: the read is answered, and not by a connection that could have had to wait for a lock
            #expect(rows == [Note(id: 3, note: "three")])
            #expect(store.readsOnReaders == 0)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    @Test func aReadOfATableTheReadersCannotSeeGoesThroughSQLiteNIO() async throws {
        try await withApp { app in
            // act: a query that does not prepare is SQLiteNIO's to answer, with its own error
            let query = app.store.sql.raw("SELECT * FROM no_such_table")

            // check
            await #expect(throws: (any Error).self) { try await query.all() }
            let next = try await app.store.sql.raw("SELECT 1 AS n").value("n", as: Int.self)
            #expect(next == 1, "the failure left nothing behind for the next read")
        }
    }
}
