import Crypto
import FluentSQLiteDriver
import Foundation
import FreshgroundCore
import SQLKit

/// One table's contents in brief: how many rows, and a digest of all of them that any changed, added or lost
/// value alters. Rows are digested in sorted order, so two copies agree whatever order they store rows in.
package struct TableDigest: Sendable, Equatable, CustomStringConvertible {
    package let rows: Int
    package let digest: String

    package var description: String { "\(rows) rows, \(digest.prefix(16))" }
}

extension Store {
    /// Every table of the site by name, with its digest; for proving that a backup restores exactly.
    ///
    /// Digests compare copies on the same kind of database (SQLite with SQLite, PostgreSQL with PostgreSQL): each
    /// renders its values in its own way.
    package func tableDigests() async throws -> [String: TableDigest] {
        var digests: [String: TableDigest] = [:]
        for table in try await tableNames() {
            digests[table] = isSQLite ? try await sqliteDigest(table) : try await postgresDigest(table)
        }
        return digests
    }

    /// The site's tables (SQLite's own bookkeeping tables left out), by name.
    package func tableNames() async throws -> [String] {
        let query: SQLQueryString =
            isSQLite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        return try await writer.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    private func postgresDigest(_ table: String) async throws -> TableDigest {
        let row = try await writer.raw(
            """
            SELECT count(*) AS row_count, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS digest \
            FROM \(ident: table) t
            """
        ).first()
        return TableDigest(
            rows: try row?.decode(column: "row_count", as: Int.self) ?? 0,
            digest: try row?.decode(column: "digest", as: String.self) ?? ""
        )
    }

    private func sqliteDigest(_ table: String) async throws -> TableDigest {
        let rendered = try await rawSQLite.query("SELECT * FROM \(quoted(table))").map { row in
            row.columns.map { "\($0.name)=\(Self.render($0.data))" }.joined(separator: "\u{1F}")
        }
        var hash = SHA256()
        for line in rendered.sorted() {
            hash.update(data: Data(line.utf8))
            hash.update(data: Data([0x1E]))
        }
        let digest = hash.finalize().hex
        return TableDigest(rows: rendered.count, digest: digest)
    }

    /// A value with its storage class, so 1, 1.0 and '1' differ.
    private static func render(_ data: SQLiteData) -> String {
        switch data {
        case .integer(let value): return "i\(value)"
        case .float(let value): return "f\(value.bitPattern)"
        case .text(let value): return "t\(value)"
        case .blob(let value): return "b" + value.readableBytesView.hex
        case .null: return "n"
        }
    }
}
