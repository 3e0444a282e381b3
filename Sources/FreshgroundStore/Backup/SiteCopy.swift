import FluentSQLiteDriver
import Foundation
import SQLKit

/// Moves a whole site from its SQLite file into another database (PostgreSQL, the moment a group outgrows one
/// file, or a fresh SQLite file), row for row.
///
/// Both databases must already carry the same migrations (the caller runs them). The target must hold no site
/// yet: rows its migrations seeded are cleared first. Tables are filled parents before children, each in key
/// order, inside one transaction, so a failed copy leaves the target empty. Values are converted to the target
/// column's type: SQLite keeps times as seconds since 1970 and truths as 0 and 1. Search documents (an FTS5 table
/// on SQLite, a `tsvector` table on PostgreSQL) are carried as their title and body; the target indexes them
/// again. Identity sequences continue after the highest id copied.
extension Store {
    package func copySite(
        to target: Store,
        progress: @escaping @Sendable (String, Int) -> Void = { _, _ in }
    ) async throws -> [String: Int] {
        guard isSQLite else { throw BackupError.unsupported("Only an SQLite site can be copied (the source).") }
        if try await target.holdsData() { throw BackupError.targetNotEmpty(target.url.description) }
        let tables = try await copyOrder()
        var plans: [(String, [SiteColumn], Bool)] = []
        for table in tables {
            let columns = try await target.columns(of: table)
            let sourceNames = Set(try await self.columns(of: table).map(\.name))
            let kept = columns.filter { sourceNames.contains($0.name) }
            let hasRowID =
                try await writer.raw(
                    "SELECT 1 FROM sqlite_master WHERE name = \(bind: table) AND sql LIKE '%WITHOUT ROWID%'"
                ).first() == nil
            plans.append((table, kept, hasRowID))
        }
        let source = self
        let steps = plans
        return try await target.transaction { sql in
            for (table, _, _) in steps.reversed() {
                try await sql.raw("DELETE FROM \(ident: table)").run()
            }
            try await sql.raw("DELETE FROM search_docs").run()
            var counts: [String: Int] = [:]
            for (table, columns, hasRowID) in steps {
                counts[table] = try await source.copyRows(
                    of: table,
                    columns: columns,
                    hasRowID: hasRowID,
                    into: sql
                )
                progress(table, counts[table] ?? 0)
            }
            counts["search_docs"] = try await source.copySearchDocs(into: sql, targetIsSQLite: target.isSQLite)
            if !target.isSQLite { try await Self.continueSequences(on: sql) }
            return counts
        }
    }

    /// The site's own tables, parents before the tables that refer to them.
    private func copyOrder() async throws -> [String] {
        let names = try await tableNames().filter { name in
            name != "_fluent_migrations" && name != "search_docs" && !name.hasPrefix("search_docs_")
        }
        let edges = try await writer.raw(
            """
            SELECT m.name AS child, f."table" AS parent FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
            WHERE m.type = 'table'
            """
        ).all().map {
            (try $0.decode(column: "child", as: String.self), try $0.decode(column: "parent", as: String.self))
        }
        var parents: [String: Set<String>] = [:]
        for (child, parent) in edges where child != parent { parents[child, default: []].insert(parent) }
        var done: [String] = []
        var placed: Set<String> = []
        var waiting = names
        while !waiting.isEmpty {
            let ready = waiting.filter { parents[$0, default: []].subtracting(placed).isEmpty }
            // A cycle would leave nothing ready; then the rest go in name order, and the target's checks decide.
            let next = ready.isEmpty ? waiting : ready
            done += next
            placed.formUnion(next)
            waiting.removeAll { placed.contains($0) }
        }
        return done
    }

    /// The columns of `table` that take values (PostgreSQL's generated columns left out), with their kinds.
    func columns(of table: String) async throws -> [SiteColumn] {
        if isSQLite {
            return try await writer.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all().map {
                SiteColumn(name: try $0.decode(column: "name", as: String.self), kind: .asStored)
            }
        }
        return try await writer.raw(
            """
            SELECT column_name, data_type FROM information_schema.columns \
            WHERE table_schema = current_schema() AND table_name = \(bind: table) AND is_generated = 'NEVER' \
            ORDER BY ordinal_position
            """
        ).all().map {
            SiteColumn(
                name: try $0.decode(column: "column_name", as: String.self),
                kind: SiteColumn.Kind(postgresType: try $0.decode(column: "data_type", as: String.self))
            )
        }
    }

    private func copyRows(
        of table: String,
        columns: [SiteColumn],
        hasRowID: Bool,
        into target: any SQLDatabase
    ) async throws -> Int {
        guard !columns.isEmpty else { return 0 }
        // A batch stays under PostgreSQL's limit of 65,535 bound values a statement.
        let batch = max(1, min(1000, 60_000 / columns.count))
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        var copied = 0
        var after = Int.min
        while true {
            let page: [SQLiteRow]
            if hasRowID {
                page = try await rawSQLite.query(
                    """
                    SELECT rowid AS "fg copy rowid", \(list) FROM \(quoted(table)) \
                    WHERE rowid > ? ORDER BY rowid LIMIT \(batch)
                    """,
                    [.integer(after)]
                )
            } else {
                // Tables without rowids are small link tables; read whole.
                page = copied > 0 ? [] : try await rawSQLite.query("SELECT \(list) FROM \(quoted(table))")
            }
            if page.isEmpty { return copied }
            for chunk in stride(from: 0, to: page.count, by: batch) {
                let rows = page[chunk..<min(chunk + batch, page.count)]
                var insert = target.insert(into: table).columns(columns.map(\.name))
                for row in rows {
                    insert = insert.values(columns.map { SQLBind($0.kind.value(row.column($0.name) ?? .null)) })
                }
                try await insert.run()
            }
            copied += page.count
            if hasRowID, case .integer(let last) = page.last?.column("fg copy rowid") {
                after = last
            } else if !hasRowID {
                return copied
            }
        }
    }

    private func copySearchDocs(into target: any SQLDatabase, targetIsSQLite: Bool) async throws -> Int {
        let docs = try await writer.raw("SELECT rowid AS doc_id, title, body FROM search_docs").all()
        let key = targetIsSQLite ? "rowid" : "doc_id"
        for chunk in stride(from: 0, to: docs.count, by: 1000) {
            var insert = target.insert(into: "search_docs").columns(key, "title", "body")
            for row in docs[chunk..<min(chunk + 1000, docs.count)] {
                insert = insert.values(
                    SQLBind(try row.decode(column: "doc_id", as: Int.self)),
                    SQLBind(try row.decode(column: "title", as: String.self)),
                    SQLBind(try row.decode(column: "body", as: String.self))
                )
            }
            try await insert.run()
        }
        return docs.count
    }

    /// Moves every identity sequence past the highest id now in its table, so the next insert gets a new id.
    private static func continueSequences(on sql: any SQLDatabase) async throws {
        let identities = try await sql.raw(
            """
            SELECT table_name, column_name FROM information_schema.columns \
            WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval%')
            """
        ).all()
        for row in identities {
            let table = try row.decode(column: "table_name", as: String.self)
            let column = try row.decode(column: "column_name", as: String.self)
            try await sql.raw(
                """
                SELECT setval(pg_get_serial_sequence(\(bind: "\"\(table)\""), \(bind: column)), max(\(ident: column))) \
                FROM \(ident: table) HAVING max(\(ident: column)) IS NOT NULL
                """
            ).run()
        }
    }
}

/// A column of the target database and how a stored SQLite value becomes its value.
struct SiteColumn: Sendable {
    enum Kind: Sendable {
        case asStored, integer, real, text, truth, time, bytes

        init(postgresType type: String) {
            switch type {
            case "bigint", "integer", "smallint": self = .integer
            case "double precision", "real", "numeric": self = .real
            case "boolean": self = .truth
            case "timestamp with time zone", "timestamp without time zone", "date": self = .time
            case "bytea": self = .bytes
            default: self = .text
            }
        }

        /// The value to bind, typed even when null, so PostgreSQL never has to guess a type.
        func value(_ data: SQLiteData) -> any Encodable & Sendable {
            switch self {
            case .asStored:
                switch data {
                case .integer(let value): return value
                case .float(let value): return value
                case .text(let value): return value
                case .blob(let value): return Array(value.readableBytesView)
                case .null: return String?.none
                }
            case .integer: return data.integer
            case .real: return data.double
            case .text: return data.string
            case .truth: return data.integer.map { $0 != 0 }
            case .time: return data.double.map { Date(timeIntervalSince1970: $0) }
            case .bytes: return data.blob.map { Array($0.readableBytesView) }
            }
        }
    }

    let name: String
    let kind: Kind
}
